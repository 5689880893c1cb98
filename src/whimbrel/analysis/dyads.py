"""A dyad over time: what two parties did to each other per ISO week, month or year.

``dyad_series(store, "RUS", "PRK", by="week")`` reads the pair's events from a store; the
Store-free :func:`count_dyad` does the counting for any list of events, so the CLI, the REST
API and Python users share one definition (docs/api.md, issue 4 "Queries and analysis"):

- a party is a country code, an actor id or (case-insensitively) a canonical name;
- an event belongs to the pair when one party is among its sources and the other among its
  targets (both directions by default, ``directed=True`` keeps a → b only), or when it is
  *reciprocal* (both parties among the sources, no target: "Russia and North Korea held
  talks"), which counts for the pair in either mode;
- a bucket holds counts by type and by quad, the mean score and net cooperation
  = (quad 1 + quad 2) − (quad 3 + quad 4);
- an event is put in a bucket by its date; an undated event, or one dated less precisely
  than the bucket (a month-precision date in a weekly series), is left out and counted in
  :func:`left_out`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from whimbrel.errors import InputError
from whimbrel.records import EVENT_TYPES, REALISED, ActorMention, Event

if TYPE_CHECKING:
    from whimbrel.store import Store

BUCKETS = ("week", "month", "year")
QUADS = (1, 2, 3, 4)
#: How precise an event date must be for each bucket size.
_PRECISE_ENOUGH = {
    "week": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}


def is_party(actor: ActorMention, party: str) -> bool:
    """Whether an actor is the party named by a country code, actor id or canonical name."""
    return party in (actor.country, actor.id) or actor.name.lower() == party.lower()


def _has(actors: Sequence[ActorMention], party: str) -> bool:
    return any(is_party(x, party) for x in actors)


def direction(event: Event, a: str, b: str) -> str | None:
    """How an event joins the pair: "a_to_b", "b_to_a", "mutual" (reciprocal), or None."""
    if not event.target:
        if _has(event.source, a) and _has(event.source, b):
            return "mutual"
        return None
    if _has(event.source, a) and _has(event.target, b):
        return "a_to_b"
    if _has(event.source, b) and _has(event.target, a):
        return "b_to_a"
    return None


def dyad_events(events: Iterable[Event], a: str, b: str, *, directed: bool = False) -> list[Event]:
    """The events between ``a`` and ``b`` (only a → b and reciprocal ones when ``directed``)."""
    kept = []
    for event in events:
        way = direction(event, a, b)
        if way is None or (directed and way == "b_to_a"):
            continue
        kept.append(event)
    return kept


def check_by(by: str) -> str:
    if by not in BUCKETS:
        raise InputError(f"unknown bucket {by!r}: choose week, month or year")
    return by


def _event_day(event: Event) -> dt.date | None:
    """The first day of the event date ("2024-06" → 2024-06-01), or None."""
    if not event.date:
        return None
    try:
        numbers = [int(p) for p in event.date.split("-")[:3]]
        return dt.date(*numbers, *[1] * (3 - len(numbers)))
    except (ValueError, TypeError):
        return None


def bucket_start(day: dt.date, by: str) -> dt.date:
    """The first day of the bucket holding ``day``: its ISO week's Monday, month or year."""
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _next_start(start: dt.date, by: str) -> dt.date:
    if by == "week":
        return start + dt.timedelta(days=7)
    if by == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return dt.date(start.year + 1, 1, 1)


def period_label(start: dt.date, by: str) -> str:
    """``2024-W07``, ``2024-02`` or ``2024``."""
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{start.year}-{start.month:02d}"
    return str(start.year)


def bucket_of(event: Event, by: str) -> dt.date | None:
    """The start of the event's bucket, or None when its date is missing or too coarse."""
    day = _event_day(event)
    if day is None or event.date_precision not in _PRECISE_ENOUGH[by]:
        return None
    return bucket_start(day, by)


def _empty(start: dt.date, by: str) -> dict[str, Any]:
    return {
        "period": period_label(start, by),
        "start": start.isoformat(),
        "end": (_next_start(start, by) - dt.timedelta(days=1)).isoformat(),
        "events": 0,
        "by_type": {},
        "by_quad": {str(q): 0 for q in QUADS},
        "cooperation": 0,
        "conflict": 0,
        "net_cooperation": 0,
        "mean_score": None,
        "a_to_b": 0,
        "b_to_a": 0,
        "mutual": 0,
    }


def count_dyad(
    events: Iterable[Event],
    a: str,
    b: str,
    *,
    by: str = "week",
    directed: bool = False,
    fill: bool = True,
) -> list[dict[str, Any]]:
    """One dict per bucket, oldest first, for the pair's events among ``events``.

    Keys: ``period`` (``2024-W07``, ``2024-02``, ``2024``), ``start``, ``end`` (ISO days),
    ``events``, ``by_type`` ({type: count}), ``by_quad`` ({"1".."4": count}),
    ``cooperation`` (quads 1+2), ``conflict`` (quads 3+4), ``net_cooperation``,
    ``mean_score`` (None for an empty bucket), and ``a_to_b``, ``b_to_a``, ``mutual``.
    ``fill`` adds empty buckets between the first and the last, so a timeline has no gaps.
    """
    check_by(by)
    buckets: dict[dt.date, dict[str, Any]] = {}
    scores: dict[dt.date, list[float]] = {}
    for event in events:
        way = direction(event, a, b)
        if way is None or (directed and way == "b_to_a"):
            continue
        start = bucket_of(event, by)
        if start is None:
            continue
        row = buckets.setdefault(start, _empty(start, by))
        row["events"] += 1
        row["by_type"][event.event_type] = row["by_type"].get(event.event_type, 0) + 1
        row["by_quad"][str(event.quad)] += 1
        row[way] += 1
        scores.setdefault(start, []).append(event.score)
    if fill and buckets:
        day, last = min(buckets), max(buckets)
        while day <= last:
            buckets.setdefault(day, _empty(day, by))
            day = _next_start(day, by)
    out = []
    for start in sorted(buckets):
        row = buckets[start]
        q = row["by_quad"]
        row["cooperation"] = q["1"] + q["2"]
        row["conflict"] = q["3"] + q["4"]
        row["net_cooperation"] = row["cooperation"] - row["conflict"]
        found = scores.get(start)
        row["mean_score"] = round(sum(found) / len(found), 3) if found else None
        order = {t: i for i, t in enumerate(EVENT_TYPES)}
        row["by_type"] = dict(sorted(row["by_type"].items(), key=lambda kv: order[kv[0]]))
        out.append(row)
    return out


def left_out(events: Iterable[Event], a: str, b: str, *, by: str, directed: bool = False) -> int:
    """How many of the pair's events have no date precise enough for ``by`` buckets."""
    check_by(by)
    return sum(1 for e in dyad_events(events, a, b, directed=directed) if bucket_of(e, by) is None)


def pair_events(
    store: Store,
    a: str,
    b: str,
    *,
    directed: bool = False,
    factuality: str | Sequence[str] = REALISED,
) -> list[Event]:
    """The pair's events in a store (realised ones by default; ``"all"`` for every one),
    one per real-world event where the store has deduplicated them."""
    from whimbrel.analysis.actors import store_events

    return dyad_events(store_events(store, factuality, actor=a), a, b, directed=directed)


def dyad_series(
    store: Store,
    a: str,
    b: str,
    by: str = "week",
    directed: bool = False,
    factuality: str | Sequence[str] = REALISED,
) -> list[dict[str, Any]]:
    """The pair's buckets from a store; see :func:`count_dyad` for what a bucket holds."""
    check_by(by)
    events = pair_events(store, a, b, directed=directed, factuality=factuality)
    return count_dyad(events, a, b, by=by, directed=directed)


def dyad_report(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "week",
    directed: bool = False,
    factuality: str | Sequence[str] = REALISED,
) -> dict[str, Any]:
    """The series with its totals and what was left out: the body of ``GET /api/dyads``."""
    check_by(by)
    events = pair_events(store, a, b, directed=directed, factuality=factuality)
    series = count_dyad(events, a, b, by=by, directed=directed)
    types: Counter[str] = Counter(e.event_type for e in events)
    return {
        "a": a,
        "b": b,
        "by": by,
        "directed": directed,
        "factuality": factuality if isinstance(factuality, str) else list(factuality),
        "events": len(events),
        "left_out": left_out(events, a, b, by=by, directed=directed),
        "by_type": dict(types.most_common()),
        "series": series,
    }


def flat_rows(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Buckets as flat rows (CSV, tables): one column per quad and per type that occurs."""
    types = [t for t in EVENT_TYPES if any(t in row["by_type"] for row in series)]
    rows = []
    for row in series:
        flat = {k: v for k, v in row.items() if k not in ("by_type", "by_quad")}
        for q in QUADS:
            flat[f"quad_{q}"] = row["by_quad"][str(q)]
        for t in types:
            flat[t] = row["by_type"].get(t, 0)
        rows.append(flat)
    return rows
