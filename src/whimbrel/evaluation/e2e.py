"""End-to-end scoring: code whole gold records, match predicted events to gold events, score.

Matching (docs/evaluation.md, "Matching"): within one record, a predicted event can match a
gold event when their actor spans overlap (character offsets, end exclusive) in every role
the gold event fills — any predicted source span overlapping any gold source span, and the
same for the target. Where gold has no target the source alone decides; where gold has no
source the target alone; where gold has neither, the triggers must overlap. Among the
candidate pairs, matching is greedy and one-to-one: pairs of the same type first, then the
higher prediction confidence, then the larger total overlap, then document order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from whimbrel.evaluation.metrics import (
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
from whimbrel.evaluation.pairs import type_order, type_quads

ROLES = ("source", "target")


def as_dict(event: Any) -> dict[str, Any]:
    """A predicted event as a plain dict (an :class:`~whimbrel.records.Event` or its JSON)."""
    if hasattr(event, "model_dump"):
        return event.model_dump(mode="json")
    return dict(event)


def overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    """Characters shared by two ``{start, end}`` spans (0 when they do not overlap)."""
    return max(0, min(int(a["end"]), int(b["end"])) - max(int(a["start"]), int(b["start"])))


def role_overlap(pred: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]) -> int:
    """Total characters shared by any predicted and any gold span of one role."""
    return sum(overlap(p, g) for p in pred for g in gold)


def match_score(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> int:
    """The overlap that makes ``pred`` a candidate for ``gold`` (0: not a candidate)."""
    roles = [r for r in ROLES if gold.get(r)]
    if not roles:
        gt, pt = gold.get("trigger"), pred.get("trigger")
        return overlap(pt, gt) if gt and pt else 0
    total = 0
    for role in roles:
        shared = role_overlap(pred.get(role) or [], gold[role])
        if not shared:
            return 0
        total += shared
    return total


def match_events(
    gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one greedy matching of one record's events: ``(gold index, predicted index)``."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = match_score(p, g)
            if score:
                same = p.get("event_type") == g.get("event_type")
                conf = float(p.get("confidence") or 0.0)
                candidates.append((not same, -conf, -score, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def actor_flags(
    pred: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]], field: str
) -> list[bool]:
    """One judgement per predicted actor overlapping a gold actor of the same role: right when
    its ``field`` (country, sector) is among the values of the gold actors it overlaps."""
    flags = []
    for p in pred:
        values = [g.get(field) for g in gold if overlap(p, g)]
        if values:
            flags.append(p.get(field) in values)
    return flags


def evaluate_e2e(
    gold_records: Iterable[Mapping[str, Any]],
    predicted_events_by_id: Mapping[str, Iterable[Any]],
    *,
    quads: Mapping[str, int] | None = None,
    n_bins: int = 10,
) -> dict[str, Any]:
    """Score predicted events (per gold record id) against the gold corpus records.

    A gold record absent from ``predicted_events_by_id`` counts as coded with no events
    (``counts.records_without_predictions``). Returns the report dict of docs/evaluation.md.
    """
    quads = dict(quads) if quads is not None else type_quads()
    gold_records = list(gold_records)
    gold_ids = {str(r["id"]) for r in gold_records}

    type_pairs: list[tuple[str | None, str | None]] = []
    quad_pairs: list[tuple[int | None, int | None]] = []
    side_flags: list[bool] = []
    fact_flags: list[bool] = []
    mode_flags: list[bool] = []
    country: dict[str, list[bool]] = {r: [] for r in ROLES}
    sector: dict[str, list[bool]] = {r: [] for r in ROLES}
    confidences: list[float | None] = []
    correct: list[bool] = []
    counts = {
        "records": len(gold_records),
        "no_event_records": 0,
        "no_event_records_with_false_positives": 0,
        "false_positives_in_no_event_records": 0,
        "records_without_predictions": 0,
        "unknown_records": sum(1 for k in predicted_events_by_id if str(k) not in gold_ids),
        "gold_events": 0,
        "predicted_events": 0,
        "matched": 0,
        "matched_same_type": 0,
        "unmatched_gold": 0,
        "unmatched_predicted": 0,
        "unmatched_trigger_overlaps": 0,
    }

    def quad_of(event: Mapping[str, Any]) -> int | None:
        q = quads.get(event.get("event_type") or "")
        return q if q is not None else event.get("quad")

    for record in gold_records:
        gold = list(record.get("events") or [])
        if str(record["id"]) not in predicted_events_by_id:
            counts["records_without_predictions"] += 1
        pred = [as_dict(e) for e in predicted_events_by_id.get(str(record["id"]), ())]
        counts["gold_events"] += len(gold)
        counts["predicted_events"] += len(pred)
        if not gold:
            counts["no_event_records"] += 1
            if pred:
                counts["no_event_records_with_false_positives"] += 1
                counts["false_positives_in_no_event_records"] += len(pred)
        pairs = match_events(gold, pred)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi: gi for gi, pi in pairs}
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            gt, pt = g.get("event_type"), p.get("event_type")
            type_pairs.append((gt, pt))
            gq, pq = quad_of(g), quad_of(p)
            quad_pairs.append((gq, pq))
            side_flags.append(coop_or_conflict(gq) == coop_or_conflict(pq))
            fact_flags.append(p.get("factuality") == g.get("factuality"))
            if gt == pt:
                counts["matched_same_type"] += 1
                mode_flags.append((p.get("mode") or None) == (g.get("mode") or None))
            for role in ROLES:
                gold_actors, pred_actors = g.get(role) or [], p.get(role) or []
                if gold_actors and pred_actors:
                    country[role] += actor_flags(pred_actors, gold_actors, "country")
                    sector[role] += actor_flags(pred_actors, gold_actors, "sector")
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                type_pairs.append((g.get("event_type"), None))
                quad_pairs.append((quad_of(g), None))
        for pi, p in enumerate(pred):
            gi = matched_p.get(pi)
            if gi is None:
                type_pairs.append((None, p.get("event_type")))
                quad_pairs.append((None, quad_of(p)))
            conf = p.get("confidence")
            confidences.append(None if conf is None else float(conf))
            correct.append(gi is not None and gold[gi].get("event_type") == p.get("event_type"))
        # Near misses: an unmatched prediction whose trigger overlaps an unmatched gold
        # event's trigger (the event was seen, its actors were not).
        for pi, p in enumerate(pred):
            if pi not in matched_p and p.get("trigger"):
                counts["unmatched_trigger_overlaps"] += any(
                    gi not in matched_g and g.get("trigger") and overlap(p["trigger"], g["trigger"])
                    for gi, g in enumerate(gold)
                )
        counts["matched"] += len(pairs)
        counts["unmatched_gold"] += len(gold) - len(pairs)
        counts["unmatched_predicted"] += len(pred) - len(pairs)

    seen = {x for pair in type_pairs for x in pair if x is not None}
    rows = per_class(type_pairs, classes=sorted(seen, key=type_order))
    classes = [c for c, r in rows.items() if r["support"]]
    quad_rows = per_class(quad_pairs, classes=[1, 2, 3, 4])
    quad_classes = [q for q in (1, 2, 3, 4) if quad_rows[q]["support"]]
    micro = micro_prf(type_pairs)
    detection = prf(counts["matched"], counts["unmatched_predicted"], counts["unmatched_gold"])

    def acc(flags: list[bool]) -> dict[str, Any]:
        value, n = accuracy(flags)
        return {"accuracy": value, "n": n}

    return {
        "mode": "e2e",
        "classes": classes,
        "per_class": rows,
        "macro_f1": macro_f1(rows, classes),
        "macro_precision": macro_average(rows, "precision", classes),
        "macro_recall": macro_average(rows, "recall", classes),
        "micro": dict(zip(("precision", "recall", "f1"), micro, strict=True)),
        "detection": dict(zip(("precision", "recall", "f1"), detection, strict=True)),
        "quad": {
            "per_class": {str(q): r for q, r in quad_rows.items()},
            "classes": [str(q) for q in quad_classes],
            "macro_f1": macro_f1(quad_rows, quad_classes),
        },
        "coop_conflict": acc(side_flags),
        "country": {role: acc(country[role]) for role in ROLES},
        "sector": {role: acc(sector[role]) for role in ROLES},
        "factuality": acc(fact_flags),
        "mode_accuracy": acc(mode_flags),
        "confusion": confusion(type_pairs, list(rows)),
        "calibration": ece(confidences, correct, n_bins),
        "counts": counts,
    }


def headline(record: Mapping[str, Any]) -> str | None:
    """The headline a gold record's text opens with, on a line of its own: its ``title``,
    else the line ingestion would take for a title (``split_title``), else None."""
    from whimbrel.ingest.text import split_title
    from whimbrel.records import headline_end

    text = str(record["text"])
    for title in (record.get("title"), split_title(text)[0]):
        if title and headline_end(text, str(title)):
            return str(title)
    return None


def gold_article(record: Mapping[str, Any], date: Any) -> Any:
    """The :class:`~whimbrel.records.Article` a gold record is coded as: its text as it stands,
    ``date`` as publication date and its :func:`headline` as title (which is not coded)."""
    from whimbrel.records import Article

    return Article(id=str(record["id"]), text=record["text"], date=date, title=headline(record))


def predict_e2e(
    gold_records: Iterable[Mapping[str, Any]], pipeline: Any = None
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Code each gold record's text with its date; returns events (JSON) by id and failures.

    The text is given to the pipeline as an :class:`~whimbrel.records.Article` as it stands
    (no cleaning), so predicted offsets index the gold text. A headline the text opens with
    (the record's ``title``, or a line :func:`~whimbrel.ingest.text.split_title` takes for
    one, as ingestion does) is also the article's title, which the coder does not code.
    """
    from whimbrel.errors import InputError, ModelError
    from whimbrel.pipeline import load_pipeline, parse_date

    pipeline = pipeline or load_pipeline()
    records = list(gold_records)
    events: dict[str, list[dict[str, Any]]] = {}
    failures: list[str] = []
    articles = []
    for r in records:
        try:
            date = parse_date(r.get("date"))
        except InputError as exc:
            failures.append(f"record {r['id']}: {exc} (coded without a date)")
            date = None
        articles.append(gold_article(r, date))
    for record, result in zip(records, pipeline.pipe(articles), strict=True):
        if isinstance(result, Exception):
            if isinstance(result, ModelError):
                raise result
            failures.append(f"record {record['id']}: {result}")
            continue
        events[str(record["id"])] = [e.model_dump(mode="json") for e in result.events]
    return events, failures
