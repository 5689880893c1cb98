"""The metric helpers against small cases computed by hand (docs/evaluation.md)."""

from __future__ import annotations

import pytest

from whimbrel.evaluation.metrics import (
    NONE,
    accuracy,
    confusion,
    coop_or_conflict,
    ece,
    macro_f1,
    micro_prf,
    per_class,
    prf,
)

approx = pytest.approx


def test_prf_from_counts_and_zero_division():
    assert prf(2, 0, 1) == approx((1.0, 2 / 3, 0.8))
    assert prf(1, 1, 1) == approx((0.5, 0.5, 0.5))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(0, 3, 0) == (0.0, 0.0, 0.0)


def test_three_class_toy_by_hand():
    # gold: A A A B B C
    # pred: A A B B C C
    # A: tp 2, fp 0, fn 1 -> P 1, R 2/3, F1 = 2*1*(2/3)/(1+2/3) = 0.8
    # B: tp 1 (4th), fp 1 (3rd: gold A), fn 1 (5th: predicted C) -> P 1/2, R 1/2, F1 1/2
    # C: tp 1 (6th), fp 1 (5th), fn 0 -> P 1/2, R 1, F1 = 2*(1/2)*1/(3/2) = 2/3
    # macro-F1 = (0.8 + 0.5 + 2/3) / 3 = 0.655555...
    gold = list("AAABBC")
    pred = list("AABBCC")
    rows = per_class(zip(gold, pred, strict=True))
    assert list(rows) == ["A", "B", "C"]
    assert rows["A"] == {
        "precision": 1.0, "recall": approx(2 / 3), "f1": approx(0.8),
        "support": 3, "predicted": 2, "tp": 2,
    }  # fmt: skip
    assert (rows["B"]["precision"], rows["B"]["recall"], rows["B"]["f1"]) == (0.5, 0.5, 0.5)
    assert rows["B"]["support"] == 2
    assert (rows["C"]["precision"], rows["C"]["recall"]) == (0.5, 1.0)
    assert rows["C"]["f1"] == approx(2 / 3)
    assert rows["C"]["support"] == 1
    assert macro_f1(rows) == approx(0.6555555, abs=1e-6)
    assert micro_prf(zip(gold, pred, strict=True)) == approx((4 / 6, 4 / 6, 4 / 6))


def test_macro_f1_skips_classes_without_support_unless_named():
    # gold: A A ; pred: A D  -> A: P 1, R 1/2, F1 2/3; D: support 0, F1 0
    rows = per_class([("A", "A"), ("A", "D")])
    assert rows["D"]["support"] == 0 and rows["D"]["predicted"] == 1
    assert macro_f1(rows) == approx(2 / 3)  # over A only
    assert macro_f1(rows, ["A", "D"]) == approx(1 / 3)
    assert macro_f1({}) is None


def test_none_is_no_event_on_either_side():
    # (A, None): a miss of A; (None, A): a false A. A: tp 1, fp 1, fn 1 -> 1/2 each.
    rows = per_class([("A", "A"), ("A", None), (None, "A")])
    assert list(rows) == ["A"]
    assert (rows["A"]["precision"], rows["A"]["recall"], rows["A"]["support"]) == (0.5, 0.5, 2)
    assert micro_prf([("A", "A"), ("A", None), (None, "A")]) == (0.5, 0.5, 0.5)


def test_confusion_orders_labels_and_puts_none_last():
    pairs = [("B", "B"), ("B", "A"), ("A", None), (None, "B"), ("A", "A")]
    out = confusion(pairs, ["B", "A"])
    assert out["labels"] == ["B", "A", NONE]
    # rows gold, columns predicted
    assert out["matrix"] == [[1, 1, 0], [0, 1, 1], [1, 0, 0]]
    assert confusion([("A", "A")])["labels"] == ["A"]


def test_ece_two_bins_by_hand():
    # bin [0.8, 0.9): 0.85 right, 0.85 wrong, 0.80 right -> acc 2/3, mean conf 2.5/3 = 0.8333,
    #   |acc - conf| = 1/6
    # bin [0.2, 0.3): 0.20 wrong -> acc 0, conf 0.2, gap 0.2
    # ECE = 3/4 * 1/6 + 1/4 * 0.2 = 0.125 + 0.05 = 0.175
    out = ece([0.85, 0.85, 0.8, 0.2], [True, False, True, False])
    assert out["ece"] == approx(0.175)
    assert out["n"] == 4 and out["missing"] == 0
    assert [(b["lower"], b["n"]) for b in out["bins"]] == [(0.2, 1), (0.8, 3)]
    assert out["bins"][1]["accuracy"] == approx(2 / 3)
    assert out["bins"][1]["confidence"] == approx(2.5 / 3)


def test_ece_bins_are_half_open_intervals():
    # 0.11 and 0.19 share [0.1, 0.2): acc 1/2, conf 0.15 -> ECE 0.35 (not rounded to bins 1, 2)
    assert ece([0.19, 0.11], [True, False])["ece"] == approx(0.35)
    # 0.2 opens the next bin: gaps |1 - 0.19| and |0 - 0.2| -> (0.81 + 0.2) / 2
    assert ece([0.19, 0.2], [True, False])["ece"] == approx(0.505)


def test_ece_last_bin_holds_one_and_missing_confidences_are_left_out():
    # 1.0 right and 0.9 wrong share the last bin: acc 1/2, conf 0.95 -> ECE 0.45
    out = ece([1.0, 0.9, None], [True, False, True])
    assert out["ece"] == approx(0.45)
    assert out["n"] == 2 and out["missing"] == 1
    assert [b["lower"] for b in out["bins"]] == [0.9]
    # a perfectly calibrated set
    assert ece([0.5, 0.5], [True, False])["ece"] == 0.0
    assert ece([], [])["ece"] is None


def test_ece_interval_by_hand_and_around_the_estimate():
    # every item in one bin, all right at confidence 1.0: every resample has ECE 0
    assert ece([1.0, 1.0, 1.0], [True, True, True])["interval"] == [0.0, 0.0]
    # one item: no interval to draw
    assert ece([0.7], [True])["interval"] is None
    # a resample of items all at 0.6 has ECE |share right - 0.6|; with 6 right of 10 the
    # estimate is 0 and the interval, over resamples whose share right varies, starts at 0
    conf, right = [0.6] * 10, [True] * 6 + [False] * 4
    low, high = ece(conf, right)["interval"]
    assert low == 0.0 and 0.2 <= high <= 0.4
    # the same mix ten times larger: same estimate, a narrower interval, same seed same answer
    big = ece(conf * 10, right * 10)
    assert big["ece"] == approx(0.0)
    assert big["interval"][1] < high
    assert big["interval"] == ece(conf * 10, right * 10)["interval"]


def test_ece_interval_matches_ece_on_each_resample():
    """The vectorised resampled ECE agrees with ece() itself on one drawn resample."""
    import numpy as np

    from whimbrel.evaluation.metrics import ece_interval

    rng = np.random.default_rng(1)
    conf = [round(float(x), 3) for x in rng.random(40)]
    right = [bool(x) for x in rng.random(40) < 0.5]
    low, high = ece_interval(conf, right)
    assert low <= ece(conf, right)["ece"] <= high
    # with one resample the percentiles collapse to that resample's ECE
    idx = np.random.default_rng(0).integers(0, 40, size=(1, 40))[0]
    one = ece([conf[i] for i in idx], [right[i] for i in idx])["ece"]
    assert ece_interval(conf, right, resamples=1) == [round(one, 4), round(one, 4)]


def test_accuracy_and_sides():
    assert accuracy([True, False, True, True]) == (0.75, 4)
    assert accuracy([]) == (None, 0)
    assert [coop_or_conflict(q) for q in (1, 2, 3, 4, None)] == [
        "cooperation", "cooperation", "conflict", "conflict", None,
    ]  # fmt: skip
