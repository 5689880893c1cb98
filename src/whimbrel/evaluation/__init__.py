"""Measuring whimbrel: pair-mode and end-to-end scores (``whimbrel eval``, docs/evaluation.md).

::

    from whimbrel.evaluation import evaluate_pairs, evaluate_e2e
    report = evaluate_pairs(gold_pairs, predictions)        # dicts, classify's output format
    report = evaluate_e2e(gold_records, {"s1-0001": [event, ...], ...})

Both return a plain dict with every figure under the keys documented in docs/evaluation.md.
The metric helpers (:func:`prf`, :func:`macro_f1`, :func:`confusion`, :func:`ece`, ...) work
on plain labels and can be used on their own.
"""

from __future__ import annotations

from whimbrel.evaluation.e2e import evaluate_e2e, match_events, predict_e2e
from whimbrel.evaluation.metrics import (
    NONE,
    accuracy,
    confusion,
    coop_or_conflict,
    ece,
    macro_average,
    macro_f1,
    micro_prf,
    per_class,
    prf,
)
from whimbrel.evaluation.pairs import (
    MERGED,
    evaluate_pairs,
    gold_pairs,
    predict_pairs,
    read_gold_pairs,
    uses_merged_class,
)
from whimbrel.evaluation.report import render_table, to_json

__all__ = [
    "MERGED",
    "NONE",
    "accuracy",
    "confusion",
    "coop_or_conflict",
    "ece",
    "evaluate_e2e",
    "evaluate_pairs",
    "gold_pairs",
    "macro_average",
    "macro_f1",
    "match_events",
    "micro_prf",
    "per_class",
    "predict_e2e",
    "predict_pairs",
    "prf",
    "read_gold_pairs",
    "render_table",
    "to_json",
    "uses_merged_class",
]
