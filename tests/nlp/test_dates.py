import datetime as dt

import pytest

from whimbrel.nlp.dates import format_date, resolve_date_expression

PUB = dt.date(2024, 6, 18)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two years ago", ("2022", "year")),
        ("last year", ("2023", "year")),
        ("seven years ago", ("2017", "year")),
        ("in January", ("2024-01", "month")),
        ("March 3", ("2024-03-03", "day")),
        ("June 12, 2019", ("2019-06-12", "day")),
        ("May 2017", ("2017-05", "month")),
        ("yesterday", ("2024-06-17", "day")),
        ("three days ago", ("2024-06-15", "day")),
        ("next month", ("2024-07", "month")),
        ("next year", ("2025", "year")),
        ("earlier this month", ("2024-06", "month")),
        ("this year", ("2024", "year")),
        ("last week", ("2024-06", "month")),
    ],
)
def test_resolve_date_expression_relative_to_publication(text, expected):
    assert resolve_date_expression(text, PUB) == expected


def test_resolve_date_weekday_includes_publication_day():
    # dateparser alone gives the Tuesday a week earlier; news means the same day
    assert resolve_date_expression("on Tuesday", PUB) == ("2024-06-18", "day")
    assert resolve_date_expression("Sunday", PUB) == ("2024-06-16", "day")
    assert resolve_date_expression("late on Thursday", PUB) == ("2024-06-13", "day")


@pytest.mark.parametrize("text", ["the 1990s", "recent weeks", "the past decade", "a while"])
def test_resolve_date_vague_stays_unresolved(text):
    assert resolve_date_expression(text, PUB) is None


def test_resolve_date_without_publication_date():
    assert resolve_date_expression("two years ago", None) is None
    assert resolve_date_expression("on Tuesday", None) is None
    assert resolve_date_expression("June 12, 2019", None) == ("2019-06-12", "day")


def test_format_date_precision():
    day = dt.date(2020, 2, 9)
    assert format_date(day, "day") == "2020-02-09"
    assert format_date(day, "month") == "2020-02"
    assert format_date(day, "year") == "2020"


@pytest.mark.parametrize(
    "text", ["twenty-four years", "in twenty-four years", "for months", "several weeks"]
)
def test_resolve_date_durations_are_not_dates(text):
    assert resolve_date_expression(text, PUB) is None
