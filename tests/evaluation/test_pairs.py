"""Pair-mode scoring against hand-computed cases: the merged class, null predictions, quads."""

from __future__ import annotations

import pytest

from whimbrel.evaluation import MERGED, evaluate_pairs, gold_pairs, uses_merged_class

approx = pytest.approx
YIELD = ["CONCEDE", "RETREAT"]


def gold(id_, event_type, candidates=None, **extra):
    span = {"text": "x", "start": 0, "end": 1}
    return {
        "id": id_, "text": "x y", "source": span, "target": span, "event_type": event_type,
        "event_type_candidates": candidates if candidates is not None else [event_type],
        **extra,
    }  # fmt: skip


def pred(id_, event_type, confidence, **extra):
    return {"id": id_, "event_type": event_type, "confidence": confidence, **extra}


# Quads from the ontology: AGREE 1, CONCEDE 1, COOPERATE 2, RETREAT 2, ACCUSE 3.
GOLD = [
    gold("p1", "ACCUSE"),
    gold("p2", "ACCUSE"),
    gold("p3", None, YIELD),
    gold("p4", None, YIELD),
    gold("p5", None, YIELD),
    gold("p6", "AGREE"),
]
PRED = [
    pred("p1", "ACCUSE", 0.9),  # right
    pred("p2", None, 0.6),  # a predicted null: a miss of ACCUSE
    pred("p3", "RETREAT", 0.8),  # right (merged class)
    pred("p4", "CONCEDE", 0.7),  # right (merged class)
    pred("p5", "COOPERATE", 0.4),  # wrong type, but quad 2 is RETREAT's: quad right
    pred("p6", "CONCEDE", 0.5),  # wrong: a false CONCEDE/RETREAT; quad 1 = AGREE's: right
]


@pytest.fixture(scope="module")
def report():
    return evaluate_pairs(GOLD, PRED)


def test_merged_class_is_detected_and_used(report):
    assert uses_merged_class(GOLD)
    assert not uses_merged_class([gold("a", "CONCEDE"), gold("b", "RETREAT")])
    assert report["merged_classes"] == {MERGED: ["CONCEDE", "RETREAT"]}
    # PLOVER order, the merged class in CONCEDE's place; COOPERATE only predicted.
    assert report["classes"] == ["AGREE", MERGED, "ACCUSE"]
    assert list(report["per_class"]) == ["AGREE", MERGED, "COOPERATE", "ACCUSE"]


def test_per_class_scores_by_hand(report):
    # ACCUSE: tp 1 (p1), fp 0, fn 1 (p2 null) -> P 1, R 1/2, F1 2/3, support 2
    # C/R: tp 2 (p3, p4), fp 1 (p6), fn 1 (p5) -> P 2/3, R 2/3, F1 2/3, support 3
    # AGREE: tp 0, fn 1 -> 0, support 1; COOPERATE: support 0, not in the macro average
    # macro-F1 = (2/3 + 2/3 + 0) / 3 = 4/9; accuracy 3/6
    rows = report["per_class"]
    assert (rows["ACCUSE"]["precision"], rows["ACCUSE"]["recall"]) == (1.0, 0.5)
    assert rows["ACCUSE"]["f1"] == approx(2 / 3) and rows["ACCUSE"]["support"] == 2
    assert rows[MERGED]["precision"] == approx(2 / 3) and rows[MERGED]["recall"] == approx(2 / 3)
    assert rows[MERGED]["support"] == 3 and rows[MERGED]["predicted"] == 3
    assert rows["AGREE"]["f1"] == 0.0 and rows["AGREE"]["support"] == 1
    assert rows["COOPERATE"]["support"] == 0 and rows["COOPERATE"]["predicted"] == 1
    assert report["macro_f1"] == approx(4 / 9)
    assert report["accuracy"] == 0.5
    assert report["counts"] == {
        "gold": 6, "no_event_gold": 0, "predicted_null": 1,
        "missing_predictions": 0, "unknown_predictions": 0,
    }  # fmt: skip


def test_quads_match_any_candidate(report):
    # (gold quad, predicted quad): p1 (3,3) p2 (3,None) p3 (2,2) p4 (1,1) p5 (2,2) p6 (1,1)
    # quad 1: P 1 R 1; quad 2: P 1 R 1; quad 3: P 1, R 1/2, F1 2/3 -> macro (1+1+2/3)/3 = 8/9
    quad = report["quad"]
    assert quad["classes"] == ["1", "2", "3"]
    assert quad["per_class"]["3"]["recall"] == 0.5
    assert quad["per_class"]["4"]["support"] == 0
    assert quad["macro_f1"] == approx(8 / 9)
    # cooperation vs conflict: only p2 (null) is wrong -> 5/6
    assert report["coop_conflict"] == {"accuracy": approx(5 / 6), "n": 6}


def test_confusion_has_a_none_column_for_null_predictions(report):
    conf = report["confusion"]
    assert conf["labels"] == ["AGREE", MERGED, "COOPERATE", "ACCUSE", "NONE"]
    assert conf["matrix"] == [
        [0, 1, 0, 0, 0],
        [0, 2, 1, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 1, 1],
        [0, 0, 0, 0, 0],
    ]


def test_calibration_by_hand(report):
    # one prediction per bin: gaps |1-.9| |0-.6| |1-.8| |1-.7| |0-.4| |0-.5| -> 2.1/6 = 0.35
    assert report["calibration"]["ece"] == approx(0.35)
    assert report["calibration"]["n"] == 6
    assert report["factuality"] is None


def test_without_the_merged_class_concede_and_retreat_stay_apart():
    # CONCEDE: tp 1 fn 0 fp 1 -> P 1/2 R 1 F1 2/3; RETREAT: fn 1 -> 0; macro 1/3
    out = evaluate_pairs(
        [gold("a", "CONCEDE"), gold("b", "RETREAT")],
        [pred("a", "CONCEDE", 0.9), pred("b", "CONCEDE", 0.9)],
    )
    assert out["merged_classes"] == {}
    assert out["classes"] == ["CONCEDE", "RETREAT"]
    assert out["macro_f1"] == approx(1 / 3)
    # quads: CONCEDE 1, RETREAT 2 -> quad 1: P 1/2 R 1 F1 2/3, quad 2: 0 -> macro 1/3
    assert out["quad"]["macro_f1"] == approx(1 / 3)
    # both cooperation: side accuracy 1
    assert out["coop_conflict"]["accuracy"] == 1.0


def test_missing_and_unknown_predictions_and_factuality():
    out = evaluate_pairs(
        [gold("a", "ACCUSE", factuality="asserted"), gold("b", "REJECT", factuality="denied")],
        [pred("a", "ACCUSE", 0.8, factuality="asserted"), pred("zz", "AID", 0.5)],
    )
    assert out["counts"]["missing_predictions"] == 1
    assert out["counts"]["unknown_predictions"] == 1
    assert out["accuracy"] == 0.5
    assert out["factuality"] == {"accuracy": 0.5, "n": 2}
    # b had no prediction: no confidence, left out of the ECE
    assert out["calibration"]["n"] == 1 and out["calibration"]["missing"] == 1


def test_no_event_gold_pairs_reward_a_null():
    out = evaluate_pairs(
        [gold("a", None, []), gold("b", "AID")],
        [pred("a", None, 0.7), pred("b", None, 0.7)],
    )
    assert out["counts"]["no_event_gold"] == 1
    assert out["accuracy"] == 0.5
    assert out["classes"] == ["AID"]
    assert out["per_class"]["AID"]["recall"] == 0.0


def test_gold_pairs_label_each_event_by_its_dyad_reading():
    text = "Peru will send doctors to Bolivia, but Chile refused to meet Bolivia."

    def span(t, n=0):
        start = text.index(t) if n == 0 else text.index(t, text.index(t) + 1)
        return {"text": t, "start": start, "end": start + len(t)}

    record = {"id": "r", "text": text, "events": [
        {"event_type": "AID", "mode": None, "factuality": "future",
         "source": [span("Peru")], "target": [span("Bolivia")]},
        {"event_type": "CONSULT", "mode": None, "factuality": "negated",
         "source": [span("Chile")], "target": [span("Bolivia", 1)]},
        {"event_type": "PROTEST", "mode": "demo", "factuality": "asserted",
         "source": [span("Chile")], "target": []},
    ]}  # fmt: skip
    pairs = gold_pairs([record])
    assert [(p["id"], p["event_type"]) for p in pairs] == [("r#0", "AGREE"), ("r#1", "REJECT")]
    assert pairs[1]["target"]["start"] == text.rindex("Bolivia")
