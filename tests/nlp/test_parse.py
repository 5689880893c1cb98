"""The parse stage: datelines blanked for the parser, and sentences counted one way only."""

from __future__ import annotations

import pytest

from whimbrel.nlp.parse import blank_datelines, datelines
from whimbrel.records import Article

TEXTS = [
    # a dated wire dateline opening the text: the blank once made a sentence of its own, and
    # a date in the next sentence then indexed past the article's sentence list
    "MOGADISHU, Feb 14 (Horn Pressline) - Al-Shabaab fighters detonated a car bomb at the gate"
    " of a military base near Baidoa on Monday, killing at least 11 soldiers.",
    "Officials met on Monday.\n\nKHARKIV, March 2 (Meridian Wire) - Russian artillery pounded"
    " Kharkiv on Tuesday.\n\n\nRescuers searched the rubble on Wednesday.",
]


def test_blank_datelines_keeps_offsets():
    for text in TEXTS:
        blanked = blank_datelines(text)
        assert (
            len(blanked) == len(text) and "Pressline" not in blanked and "Meridian" not in blanked
        )


def test_datelines_give_their_places_country_first():
    assert datelines(TEXTS[0]) == [(0, ["Mogadishu"])]  # a date or agency is not a place
    second = TEXTS[1].index("KHARKIV")
    assert datelines(TEXTS[1]) == [(second, ["Kharkiv"])]
    assert datelines("KREMENCHUK, Ukraine, June 28 — Rescuers dug.") == [
        (0, ["Ukraine", "Kremenchuk"])
    ]
    assert datelines("Officials met in Kyiv - and talked.") == []
    # filed from two capitals: blanked for the parser, but no one place the story is in
    two = "BISHKEK/DUSHANBE, Aug 11 (Steppe Wire) - Kyrgyz and Tajik guards exchanged fire."
    assert datelines(two) == [(0, [])] and blank_datelines(two).lstrip().startswith("Kyrgyz")


def parse(pipeline, text):
    stage = next(s for s in pipeline.stages if s.name == "nlp.parse")
    return stage(Article(id="t", text=text))


@pytest.mark.parametrize("text", TEXTS)
def test_sentences_agree_with_the_parse_and_datelines_code(pipeline, text):
    article = parse(pipeline, text)
    assert len(article.sentences) == sum(1 for _ in article.doc.sents)
    assert all(s.text.strip() for s in article.sentences)
    coded = pipeline(text, date="2022-03-02")
    assert any(e.event_type == "ASSAULT" for e in coded.events)


def test_a_blank_line_ends_a_sentence_though_no_full_stop_does(pipeline):
    # a headline has no full stop: run into the first sentence, "Nairobi summons envoy" and
    # "Ugandan marine police" became one subject of "seized"
    text = (
        "Uganda detains Kenyan fishermen; Nairobi summons envoy\n\nKISUMU, May 14 (Lake Wire)"
        " - Ugandan marine police seized four boats on Sunday."
    )
    article = parse(pipeline, text)
    assert [s.text for s in article.sentences] == [
        "Uganda detains Kenyan fishermen; Nairobi summons envoy",
        "Ugandan marine police seized four boats on Sunday.",
    ]
    (seizure,) = [e for e in pipeline(text, date="2019-05-14").events if e.event_type == "COERCE"]
    assert [(a.text, a.country) for a in seizure.source] == [("Ugandan marine police", "UGA")]
