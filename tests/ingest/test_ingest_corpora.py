"""read_jsonl: good lines become Articles, each bad line an InputError naming its line."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from whimbrel.errors import InputError
from whimbrel.ingest.corpora import parse_date, read_jsonl
from whimbrel.records import Article

CORPUS = Path(__file__).parent / "fixtures" / "corpus.jsonl"


def _by_line(items: list[Article | InputError]) -> dict[str, Article | InputError]:
    out: dict[str, Article | InputError] = {}
    for item in items:
        key = item.origin if isinstance(item, Article) else f"{item.source}:{item.line}"
        out[str(key)] = item
    return out


def test_fixture_corpus_line_by_line() -> None:
    items = list(read_jsonl(CORPUS, source="corpus.jsonl"))
    assert [type(i).__name__ for i in items] == [
        "Article", "Article", "InputError", "InputError", "InputError", "Article",
        "InputError", "InputError", "Article",
    ]  # fmt: skip
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors == [
        "corpus.jsonl:4: malformed JSON: Expecting property name enclosed in double quotes",
        "corpus.jsonl:5: missing 'text' or 'html'",
        "corpus.jsonl:6: bad date 'yesterday-ish'",
        "corpus.jsonl:8: field 'text' must be a string, not list",
        "corpus.jsonl:9: empty: no prose left after cleaning",
    ]
    for error in items:
        if isinstance(error, InputError):
            assert error.source == "corpus.jsonl" and isinstance(error.line, int)


def test_fixture_corpus_articles() -> None:
    articles = _by_line(list(read_jsonl(CORPUS, source="corpus.jsonl")))
    first = articles["corpus.jsonl:1"]
    assert isinstance(first, Article)
    assert first.id == "nl-0001"
    assert first.title == "Estmark recalls envoy"
    assert first.date == dt.date(2024, 3, 12)
    assert first.publisher == "The Northern Ledger"
    assert first.url == "https://news.example.org/world/estmark-envoy?utm_source=rss"
    assert first.language is None
    assert first.text == (
        "The government of Estmark on Tuesday recalled its ambassador from Valdoria."
        "\n\nForeign Minister Ilse Varga said Valdoria had crossed a line."
    )
    second = articles["corpus.jsonl:2"]
    assert isinstance(second, Article)
    assert second.date == dt.date(2024, 3, 13)  # the day as written, not shifted to UTC
    assert second.author == "Tomas Erling"
    seventh = articles["corpus.jsonl:7"]
    assert isinstance(seventh, Article) and seventh.id == "7" and seventh.date is None
    html_line = articles["corpus.jsonl:10"]
    assert isinstance(html_line, Article)
    assert html_line.title == "Harbour blockade ends"
    assert html_line.text.startswith("Fishermen in Halvard ended their blockade")
    assert "Home" not in html_line.text and "Privacy" not in html_line.text
    assert html_line.id == "nl-0010"


def test_default_date_fills_only_missing_dates() -> None:
    fill = dt.date(2020, 1, 1)
    articles = _by_line(list(read_jsonl(CORPUS, source="c", date=fill)))
    assert articles["c:1"].date == dt.date(2024, 3, 12)  # type: ignore[union-attr]
    assert articles["c:7"].date == fill  # type: ignore[union-attr]


def test_missing_id_is_derived_from_url_or_text() -> None:
    lines = [
        json.dumps({"url": "https://example.org/a?utm_source=x", "text": "Troops withdrew."}),
        json.dumps({"text": "Troops withdrew from the town."}),
    ]
    first, second = read_jsonl(lines, source="s")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id.startswith("a-") and second.id.startswith("a-")
    again = list(read_jsonl(lines, source="s"))
    assert [a.id for a in again] == [first.id, second.id]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": ["x"], "text": "Troops withdrew."}, "field 'id' must be a non-empty string"),
        ({"id": "", "text": "Troops withdrew."}, "field 'id' must be a non-empty string"),
        ({"id": True, "text": "Troops withdrew."}, "field 'id' must be a non-empty string"),
        ({"text": "Troops withdrew.", "title": 3}, "field 'title' must be a string, not int"),
        ({"text": "Troops withdrew.", "date": 20240312}, "bad date 20240312"),
        ({"text": "Troops withdrew.", "date": "2024-13-01"}, "bad date '2024-13-01'"),
        ({"html": "<html><body><nav>Home</nav></body></html>"}, "no article text found"),
    ],
)
def test_wrong_types_and_values_are_reported(record: dict[str, object], message: str) -> None:
    (item,) = read_jsonl([json.dumps(record)], source="x.jsonl")
    assert isinstance(item, InputError)
    assert str(item).startswith(f"x.jsonl:1: {message}")


def test_blank_lines_skipped_and_numbering_kept() -> None:
    stream = io.StringIO('\n   \n{"text": "Troops withdrew."}\n\n{"nope": 1}\n')
    article, error = read_jsonl(stream, source="s")
    assert isinstance(article, Article) and article.origin == "s:3"
    assert isinstance(error, InputError) and error.line == 5


def test_binary_stream_with_bom_and_a_bad_utf8_line() -> None:
    data = b'\xef\xbb\xbf{"text": "Troops withdrew."}\n{"text": "caf\xe9"}\n{"text": "Talks."}\n'
    items = list(read_jsonl(io.BytesIO(data), source="b"))
    assert isinstance(items[0], Article)
    assert str(items[1]) == "b:2: not valid UTF-8"
    assert isinstance(items[2], Article) and items[2].text == "Talks."


def test_missing_file_yields_one_error() -> None:
    (error,) = read_jsonl("/nonexistent/corpus.jsonl", source="/nonexistent/corpus.jsonl")
    assert isinstance(error, InputError)
    assert str(error) == "/nonexistent/corpus.jsonl: cannot read file: No such file or directory"


def test_reading_is_lazy() -> None:
    """An endless corpus can be consumed piecemeal: nothing reads ahead of the caller."""
    consumed = 0

    def endless() -> Iterator[str]:
        nonlocal consumed
        for n in itertools.count():
            consumed += 1
            yield json.dumps({"id": f"n{n}", "text": f"Troops withdrew from town {n}."})

    first = list(itertools.islice(read_jsonl(endless(), source="s"), 3))
    assert [a.id for a in first] == ["n0", "n1", "n2"]  # type: ignore[union-attr]
    assert consumed == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-12", dt.date(2024, 3, 12)),
        ("2024-03-12T23:30:00Z", dt.date(2024, 3, 12)),
        ("2024-03-12 08:15:00+05:30", dt.date(2024, 3, 12)),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["12/03/2024", "yesterday", "", 2024, "2024-02-30"])
def test_parse_date_refuses_to_guess(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)
