"""Pair-mode scoring: one (source, target) pair per gold item, one predicted type per pair.

Gold pairs carry ``event_type`` and ``event_type_candidates`` (the types that count as right).
A null ``event_type`` with candidates CONCEDE and RETREAT is PLOVER's older merged class
*yield*; when a gold file uses it, CONCEDE and RETREAT are scored as one class,
``CONCEDE/RETREAT``, on both sides. A gold pair with a null type and no candidates is a
"no event" pair (a predicted null is right there); elsewhere a predicted null is a miss.
See docs/evaluation.md for every rule and metric.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from whimbrel.evaluation.metrics import (
    accuracy,
    confusion,
    coop_or_conflict,
    ece,
    macro_average,
    macro_f1,
    per_class,
)

MERGED = "CONCEDE/RETREAT"
MERGED_TYPES = frozenset({"CONCEDE", "RETREAT"})


def gold_pairs(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Gold pairs from gold corpus records: one per event with a source and a target.

    The pair is the event's first source and first target span, its label the event's reading
    as a dyad (:func:`whimbrel.events.readings.pair_reading`: "will send aid" is AGREE, "refused
    to meet" REJECT), the question ``whimbrel classify`` answers. Ids are ``record-id#n``.
    """
    from whimbrel.events.readings import pair_reading

    out: list[dict[str, Any]] = []
    for rec in records:
        for n, ev in enumerate(rec["events"]):
            if not ev.get("source") or not ev.get("target"):
                continue
            s, t = ev["source"][0], ev["target"][0]
            if (s["start"], s["end"]) == (t["start"], t["end"]):
                continue
            label, _ = pair_reading(ev["event_type"], ev.get("mode"), ev.get("factuality"))
            out.append({"id": f"{rec['id']}#{n}", "text": rec["text"], "date": rec.get("date"),
                        "source": s, "target": t, "event_type": label,
                        "event_type_candidates": [label]})  # fmt: skip
    return out


def read_gold_pairs(path: Path) -> list[dict[str, Any]]:
    """:func:`gold_pairs` of a gold corpus JSONL file (the splits, for the training tools)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return gold_pairs(json.loads(line) for line in lines if line.strip())


def type_quads() -> dict[str, int]:
    """PLOVER type → quad class, from the packaged ontology."""
    from whimbrel.events.plover import load_ontology

    return {name: t.quad for name, t in load_ontology().types.items()}


def candidates_of(gold: Mapping[str, Any]) -> list[str]:
    """The types that count as right for a gold pair (``[]`` for a no-event pair)."""
    cands = gold.get("event_type_candidates")
    if cands:
        return [str(c) for c in cands]
    return [gold["event_type"]] if gold.get("event_type") else []


def uses_merged_class(gold: Iterable[Mapping[str, Any]]) -> bool:
    """Whether any gold pair is the merged class (null type, candidates CONCEDE and RETREAT)."""
    return any(g.get("event_type") is None and set(candidates_of(g)) == MERGED_TYPES for g in gold)


def type_order(label: str) -> tuple[int, str]:
    """Sort key: PLOVER's order of types (the merged class in CONCEDE's place), then by name."""
    from whimbrel.records import EVENT_TYPES

    name = "CONCEDE" if label == MERGED else label
    return (EVENT_TYPES.index(name) if name in EVENT_TYPES else len(EVENT_TYPES), label)


def _merge(label: str | None, merged: bool) -> str | None:
    return MERGED if merged and label in MERGED_TYPES else label


def evaluate_pairs(
    gold: Iterable[Mapping[str, Any]],
    predictions: Iterable[Mapping[str, Any]],
    *,
    quads: Mapping[str, int] | None = None,
    n_bins: int = 10,
) -> dict[str, Any]:
    """Score pair predictions (the ``classify`` output format) against gold pairs.

    Predictions are matched to gold pairs by ``id``; a gold pair without a prediction counts
    as a predicted null (``counts.missing_predictions``), and predictions for unknown ids are
    ignored (``counts.unknown_predictions``). Returns the report dict documented in
    docs/evaluation.md.
    """
    gold = list(gold)
    quads = dict(quads) if quads is not None else type_quads()
    merged = uses_merged_class(gold)
    by_id: dict[str, Mapping[str, Any]] = {}
    for p in predictions:
        by_id[str(p.get("id"))] = p
    gold_ids = {str(g.get("id")) for g in gold}
    unknown = sum(1 for pid in by_id if pid not in gold_ids)

    type_pairs: list[tuple[str | None, str | None]] = []
    quad_pairs: list[tuple[int | None, int | None]] = []
    side_flags: list[bool] = []
    confidences: list[float | None] = []
    correct_flags: list[bool] = []
    fact_flags: list[bool] = []
    missing = predicted_null = no_event = 0
    for g in gold:
        pred = by_id.get(str(g.get("id")))
        if pred is None:
            missing += 1
            pred = {}
        cands = candidates_of(g)
        gold_labels = list(dict.fromkeys(_merge(c, merged) for c in cands))
        p_type = pred.get("event_type") or None
        p_label = _merge(p_type, merged)
        predicted_null += p_type is None
        if not gold_labels:  # a no-event pair
            no_event += 1
            right = p_label is None
            g_label = None
        else:
            right = p_label in gold_labels
            stated = _merge(g.get("event_type"), merged)
            # Right: the gold label is the candidate predicted; wrong: the stated type (or,
            # for a null stated type, the first candidate).
            g_label = p_label if right else stated if stated in gold_labels else gold_labels[0]
        type_pairs.append((g_label, p_label))
        correct_flags.append(right)
        conf = pred.get("confidence")
        confidences.append(None if conf is None else float(conf))

        # Quad: the predicted type's quad, right when it is any candidate's quad.
        p_quad = quads.get(p_type) if p_type else None
        cand_quads = [quads[c] for c in cands if c in quads]
        if not cand_quads:
            g_quad = None
        elif p_quad in cand_quads:
            g_quad = p_quad
        else:
            g_quad = quads.get(g.get("event_type") or "", cand_quads[0])
        quad_pairs.append((g_quad, p_quad))
        if cand_quads:
            sides = {coop_or_conflict(q) for q in cand_quads}
            side_flags.append(coop_or_conflict(p_quad) in sides)

        if g.get("factuality") is not None:
            fact_flags.append(pred.get("factuality") == g["factuality"])

    seen = {x for pair in type_pairs for x in pair if x is not None}
    rows = per_class(type_pairs, classes=sorted(seen, key=type_order))
    classes = [c for c, r in rows.items() if r["support"]]
    quad_rows = per_class(quad_pairs, classes=[1, 2, 3, 4])
    quad_classes = [q for q in (1, 2, 3, 4) if quad_rows[q]["support"]]
    acc, n = accuracy(correct_flags)
    side_acc, side_n = accuracy(side_flags)
    fact_acc, fact_n = accuracy(fact_flags)
    return {
        "mode": "pair",
        "n": n,
        "classes": classes,
        "merged_classes": {MERGED: sorted(MERGED_TYPES)} if merged else {},
        "accuracy": acc,
        "per_class": rows,
        "macro_f1": macro_f1(rows, classes),
        "macro_precision": macro_average(rows, "precision", classes),
        "macro_recall": macro_average(rows, "recall", classes),
        "quad": {
            "per_class": {str(q): r for q, r in quad_rows.items()},
            "classes": [str(q) for q in quad_classes],
            "macro_f1": macro_f1(quad_rows, quad_classes),
        },
        "coop_conflict": {"accuracy": side_acc, "n": side_n},
        "factuality": {"accuracy": fact_acc, "n": fact_n} if fact_n else None,
        "confusion": confusion(type_pairs, list(rows)),
        "calibration": ece(confidences, correct_flags, n_bins),
        "counts": {
            "gold": len(gold),
            "no_event_gold": no_event,
            "predicted_null": predicted_null,
            "missing_predictions": missing,
            "unknown_predictions": unknown,
        },
    }


def predict_pairs(
    gold: Iterable[Mapping[str, Any]], pipeline: Any = None, *, encoder: bool = True
) -> tuple[list[dict[str, Any]], list[str]]:
    """Run :func:`whimbrel.classify.classify_pairs` on the gold pairs stripped of their labels
    (``encoder``: let the pair encoder answer where it is installed).

    Returns the predictions and a message per pair the classifier could not read.
    """
    from whimbrel.classify import classify_pairs  # imported here: the evaluator does not need it

    gold = list(gold)
    inputs = [{k: g[k] for k in ("id", "text", "source", "target") if k in g} for g in gold]
    predictions: list[dict[str, Any]] = []
    failures: list[str] = []
    for g, out in zip(
        gold, classify_pairs(inputs, pipeline=pipeline, encoder=encoder), strict=True
    ):
        if isinstance(out, Exception):
            failures.append(f"pair {g.get('id')}: {out}")
        else:
            predictions.append(out)
    return predictions, failures
