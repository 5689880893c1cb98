"""End-to-end matching and scoring against a hand-worked toy corpus (docs/evaluation.md)."""

from __future__ import annotations

import pytest

from whimbrel.evaluation import evaluate_e2e, match_events

approx = pytest.approx

T1 = "Russian and Belarusian troops shelled Ukraine on Monday while Poland hosted talks with Moldova."
T2 = "The storm battered the coast."
T3 = "Ukraine's army hit back at Russian positions."


def span(text, phrase, country=None, sector=None):
    start = text.index(phrase)
    return {
        "text": phrase, "start": start, "end": start + len(phrase),
        "country": country, "sector": sector,
    }  # fmt: skip


def event(event_type, source, target=(), *, trigger=None, factuality="asserted", mode=None, **kw):
    out = {
        "event_type": event_type, "mode": mode, "source": list(source), "target": list(target),
        "factuality": factuality, **kw,
    }  # fmt: skip
    if trigger:
        out["trigger"] = trigger
    return out


GOLD = [
    {
        "id": "r1",
        "text": T1,
        "date": "2024-06-18",
        "events": [
            # g1: two source spans, one country each
            event(
                "ASSAULT",
                [span(T1, "Russian", "RUS", "MIL"), span(T1, "Belarusian troops", "BLR", "MIL")],
                [span(T1, "Ukraine", "UKR", "GOV")],
                mode="heavy-weapons",
            ),
            # g2: a reciprocal meeting, no target: matched by the source alone
            event("CONSULT", [span(T1, "Poland", "POL", "GOV"), span(T1, "Moldova", "MDA", "GOV")]),
        ],
    },
    {"id": "r2", "text": T2, "date": "2024-06-18", "events": []},
    {
        "id": "r3",
        "text": T3,
        "date": "2024-06-18",
        "events": [
            event(
                "ASSAULT",
                [span(T3, "Ukraine's army", "UKR", "MIL")],
                [span(T3, "Russian positions", "RUS", "MIL")],
            )
        ],
    },
]

PRED = {
    "r1": [
        # p1: one span covering both gold sources (a multi-country span): BLR is among
        # {RUS, BLR}, so the source country is right; the target sector (MIL, gold GOV) is wrong
        event(
            "ASSAULT",
            [span(T1, "Russian and Belarusian troops", "BLR", "MIL")],
            [span(T1, "Ukraine", "UKR", "MIL")],
            mode="heavy-weapons",
            confidence=0.9,
        ),
        # p2: the meeting, directed; gold has no target, so only the source counts
        event(
            "CONSULT",
            [span(T1, "Poland", "POL", "GOV")],
            [span(T1, "Moldova", "MDA", "GOV")],
            factuality="reported",
            mode="visit",
            confidence=0.8,
        ),
        # p3: overlaps g2 too, with a higher confidence, but the same type (p2) wins
        event("THREATEN", [span(T1, "Poland", "POL", "GOV")], confidence=0.95),
    ],
    # p4: a false positive in a record with no event
    "r2": [event("ASSAULT", [span(T2, "The storm")], [span(T2, "the coast")], confidence=0.3)],
    # p5: no target where gold has one: no match (one false negative, one false positive)
    "r3": [event("ASSAULT", [span(T3, "Ukraine's army", "UKR", "MIL")], confidence=0.6)],
}


@pytest.fixture(scope="module")
def report():
    return evaluate_e2e(GOLD, PRED)


def test_matching_by_overlap_prefers_the_same_type():
    assert match_events(GOLD[0]["events"], PRED["r1"]) == [(0, 0), (1, 1)]
    assert match_events(GOLD[2]["events"], PRED["r3"]) == []
    assert match_events([], PRED["r2"]) == []


def test_a_different_type_still_matches_when_it_is_the_only_candidate():
    t = "Iran rejected the American proposal."
    g = [event("REJECT", [span(t, "Iran", "IRN", "GOV")], [span(t, "American", "USA", "GOV")])]
    p = [event("ACCUSE", [span(t, "Iran", "IRN", "GOV")], [span(t, "American proposal", "USA", "GOV")], confidence=0.5)]  # fmt: skip
    assert match_events(g, p) == [(0, 0)]
    out = evaluate_e2e([{"id": "x", "text": t, "events": g}], {"x": p})
    # PLOVER order: ACCUSE before REJECT; the gold REJECT row has its one item under ACCUSE
    assert out["confusion"] == {"labels": ["ACCUSE", "REJECT"], "matrix": [[0, 0], [1, 0]]}
    assert out["detection"]["f1"] == 1.0 and out["micro"]["f1"] == 0.0
    assert out["coop_conflict"] == {"accuracy": 1.0, "n": 1}  # both verbal conflict
    assert out["calibration"]["ece"] == approx(0.5)  # one prediction, wrong, confidence 0.5


def test_without_actors_the_triggers_decide():
    t = "The accord was not adopted."
    trig = {"text": "adopted", "start": t.index("adopted"), "end": t.index("adopted") + 7}
    other = {"text": "accord", "start": 4, "end": 10}
    g = [event("AGREE", [], trigger=trig, factuality="negated")]
    assert match_events(g, [event("AGREE", [], trigger=trig, confidence=0.4)]) == [(0, 0)]
    assert match_events(g, [event("AGREE", [], trigger=other, confidence=0.4)]) == []


def test_near_misses_are_counted():
    """An unmatched prediction on an unmatched gold event's trigger, with the wrong actors."""
    t = "Chad accused Niger."
    trig = {"text": "accused", "start": 5, "end": 12}
    g = [event("ACCUSE", [span(t, "Chad")], [span(t, "Niger")], trigger=trig)]
    p = [event("ACCUSE", [span(t, "Niger")], [span(t, "Chad")], trigger=trig, confidence=0.5)]
    out = evaluate_e2e([{"id": "x", "text": t, "events": g}], {"x": p})
    assert out["counts"]["matched"] == 0
    assert out["counts"]["unmatched_trigger_overlaps"] == 1


def test_greedy_matching_is_one_to_one():
    t = "Chad and Niger met."
    g = [event("CONSULT", [span(t, "Chad", "TCD", "GOV"), span(t, "Niger", "NER", "GOV")])]
    p = [
        event("CONSULT", [span(t, "Chad", "TCD", "GOV")], confidence=0.7),
        event("CONSULT", [span(t, "Niger", "NER", "GOV")], confidence=0.9),
    ]
    assert match_events(g, p) == [(0, 1)]  # the higher confidence of two same-type candidates


def test_type_scores_by_hand(report):
    # pairs: (ASSAULT, ASSAULT) (CONSULT, CONSULT) (-, THREATEN) (-, ASSAULT) (ASSAULT, -) (-, ASSAULT)
    # ASSAULT: gold 2, predicted 3, tp 1 -> P 1/3, R 1/2, F1 = (2 * 1/6) / (5/6) = 0.4
    # CONSULT: 1 / 1 / 1; THREATEN: support 0 (not averaged)
    # macro-F1 = (0.4 + 1) / 2 = 0.7
    rows = report["per_class"]
    assert list(rows) == ["CONSULT", "THREATEN", "ASSAULT"]
    assert report["classes"] == ["CONSULT", "ASSAULT"]
    assert rows["ASSAULT"]["precision"] == approx(1 / 3)
    assert rows["ASSAULT"]["recall"] == 0.5
    assert rows["ASSAULT"]["f1"] == approx(0.4)
    assert rows["ASSAULT"]["support"] == 2 and rows["ASSAULT"]["predicted"] == 3
    assert rows["THREATEN"] == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0, "predicted": 1, "tp": 0,
    }  # fmt: skip
    assert report["macro_f1"] == approx(0.7)
    # typed micro: tp 2 of 5 predicted and 3 gold -> P 0.4, R 2/3, F1 0.5 (detection the same)
    assert report["micro"] == {"precision": 0.4, "recall": approx(2 / 3), "f1": approx(0.5)}
    assert report["detection"] == report["micro"]


def test_quads_and_sides_by_hand(report):
    # quads: CONSULT 1, THREATEN 3, ASSAULT 4. quad 1: F1 1; quad 4: as ASSAULT, 0.4 -> 0.7
    assert report["quad"]["classes"] == ["1", "4"]
    assert report["quad"]["macro_f1"] == approx(0.7)
    assert report["coop_conflict"] == {"accuracy": 1.0, "n": 2}


def test_actor_attributes_on_matched_pairs(report):
    # source: p1's span overlaps RUS and BLR (BLR right), p2 Poland right -> 2/2
    # target: p1 Ukraine right; p2's target not scored (gold g2 has none) -> 1/1
    assert report["country"] == {
        "source": {"accuracy": 1.0, "n": 2},
        "target": {"accuracy": 1.0, "n": 1},
    }
    # sector: sources MIL/MIL and GOV right; target MIL vs gold GOV wrong
    assert report["sector"] == {
        "source": {"accuracy": 1.0, "n": 2},
        "target": {"accuracy": 0.0, "n": 1},
    }
    # factuality: p1 asserted right, p2 reported vs asserted wrong
    assert report["factuality"] == {"accuracy": 0.5, "n": 2}
    # mode (matched, same type): heavy-weapons right, visit vs none wrong
    assert report["mode_accuracy"] == {"accuracy": 0.5, "n": 2}


def test_calibration_by_hand(report):
    # predictions (confidence, right): p1 (.9, T) p2 (.8, T) p3 (.95, F) p4 (.3, F) p5 (.6, F)
    # bin [.9, 1]: acc 1/2, conf .925, gap .425 (2 items); bin .8: gap .2; .3: gap .3; .6: gap .6
    # ECE = 2/5 * .425 + 1/5 * (.2 + .3 + .6) = .17 + .22 = 0.39
    assert report["calibration"]["ece"] == approx(0.39)
    assert [b["n"] for b in report["calibration"]["bins"]] == [1, 1, 1, 2]


def test_confusion_with_none_row_and_column(report):
    conf = report["confusion"]
    assert conf["labels"] == ["CONSULT", "THREATEN", "ASSAULT", "NONE"]
    assert conf["matrix"] == [
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 1],
        [0, 1, 2, 0],
    ]


def test_counts(report):
    assert report["counts"] == {
        "records": 3,
        "no_event_records": 1,
        "no_event_records_with_false_positives": 1,
        "false_positives_in_no_event_records": 1,
        "records_without_predictions": 0,
        "unknown_records": 0,
        "gold_events": 3,
        "predicted_events": 5,
        "matched": 2,
        "matched_same_type": 2,
        "unmatched_gold": 1,
        "unmatched_predicted": 3,
        "unmatched_trigger_overlaps": 0,
    }


def test_records_without_predictions_count_as_coded_with_none():
    out = evaluate_e2e(GOLD, {"r2": [], "zz": []})
    assert out["counts"]["records_without_predictions"] == 2
    assert out["counts"]["unknown_records"] == 1
    assert out["counts"]["unmatched_gold"] == 3
    assert out["macro_f1"] == 0.0
    assert out["calibration"]["ece"] is None
    assert out["factuality"] == {"accuracy": None, "n": 0}


def test_event_objects_are_accepted():
    """Predictions may be Event records (the pipeline's output) as well as their JSON."""
    import datetime as dt

    from whimbrel.records import ActorMention, Event, Span

    def mention(phrase, country, sector):
        s = span(T3, phrase, country, sector)
        return ActorMention(
            text=s["text"], start=s["start"], end=s["end"], name=phrase, id="x",
            country=country, sector=sector, kind="state",
        )  # fmt: skip

    e = Event(
        id="e1", article_id="r3", coder="test", kb_version="0",
        coded_at=dt.datetime(2024, 1, 1), event_type="ASSAULT",
        source=[mention("Ukraine's army", "UKR", "MIL")],
        target=[mention("Russian positions", "RUS", "MIL")],
        sentence=T3, sentence_start=0, sentence_end=len(T3),
        trigger=Span(text="hit", start=15, end=18), confidence=0.75, quad=4,
        cameo_root="19", score=-9.0,
    )  # fmt: skip
    out = evaluate_e2e([GOLD[2]], {"r3": [e]})
    assert out["counts"]["matched_same_type"] == 1
    assert out["macro_f1"] == 1.0
    assert out["calibration"]["ece"] == approx(0.25)


HEADLINED = {
    "id": "a-test",
    "title": "Britain expels Iranian envoy over spy row",
    "text": "Britain expels Iranian envoy over spy row\n\nPARIS, May 4 - France expelled "
    "Russia's ambassador on Tuesday after police arrested two Russian diplomats.",
    "date": "2024-05-04",
    "events": [],
}


def test_a_headline_the_text_opens_with_is_the_articles_title():
    """The record's title when the text starts with it; else the line ingestion would take
    for one; a one-sentence record has none."""
    from whimbrel.evaluation.e2e import headline

    assert headline(HEADLINED) == "Britain expels Iranian envoy over spy row"
    untitled = {**HEADLINED, "title": None}
    assert headline(untitled) == "Britain expels Iranian envoy over spy row"
    elsewhere = {**HEADLINED, "title": "A title the text does not repeat"}
    assert headline(elsewhere) == "Britain expels Iranian envoy over spy row"
    sentence = {"id": "s", "text": "France expelled Russia's ambassador on Tuesday.", "events": []}
    assert headline(sentence) is None


def test_a_title_is_a_headline_only_on_a_line_of_its_own():
    """A title that repeats the lede's first words (as some corpora store one), or a text that
    is nothing but its headline (headline data sets), is coded like any text."""
    from whimbrel.records import Article

    title = "Britain expels Iranian envoy over spy row"
    assert Article(id="a", text=f"{title}\n\nLONDON - ...", title=title).headline_end() == len(
        title
    )
    assert Article(id="a", text=f"{title} on Monday.", title=title).headline_end() == 0
    assert Article(id="a", text=title, title=title).headline_end() == 0
    assert Article(id="a", text=f"{title}\n\nLONDON - ...").headline_end() == 0


def test_end_to_end_coding_leaves_the_headline_uncoded(pipeline):
    """As ingestion takes the headline off, the harness codes the body only: the expulsion in
    the headline is not an event, the lede's expulsion and arrest are, at their own offsets."""
    from whimbrel.evaluation.e2e import predict_e2e

    events, failures = predict_e2e([HEADLINED], pipeline)
    assert not failures
    body = HEADLINED["text"].index("PARIS")
    triggers = [(e["trigger"]["text"], e["trigger"]["start"]) for e in events["a-test"]]
    assert triggers and all(start > body for _, start in triggers)
    assert {text for text, _ in triggers} >= {"expelled", "arrested"}


def test_the_coder_codes_a_headline_it_is_not_told_is_one(pipeline):
    """The same text with no title: the headline's expulsion is coded like any sentence, so
    the test above is the title's doing."""
    from whimbrel.records import Article

    article = pipeline.run(Article(id="a", text=HEADLINED["text"]))
    assert "expels" in {e.trigger.text for e in article.events}
