"""Which country an unnamed recipient ("apartment buildings", "four residents") is in."""

import pytest

CASES = [
    # a place the event is set in, even one the small NER model does not tag
    ("Russian missiles struck apartment buildings in Kharkiv overnight.", "UKR"),
    # else where the story was filed
    ("KHARKIV, Ukraine, March 3 — Russian missiles struck apartment buildings overnight.", "UKR"),
    # else the article's most salient country
    ("Russian missiles struck apartment buildings overnight.", "RUS"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "country"), CASES)
def test_unnamed_recipient_country(pipeline, text, country):
    events = [e for e in pipeline(text, date="2024-03-03").events if e.event_type == "ASSAULT"]
    assert [(t.text, t.country) for t in events[0].target] == [("apartment buildings", country)]


def test_untagged_town_is_the_event_location(pipeline):
    event = pipeline("Russian missiles struck apartment buildings in Kharkiv overnight.").events[0]
    assert event.location is not None and event.location.name == "Kharkiv"
    assert event.location.country == "UKR"
