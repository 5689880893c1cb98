"""The most active actors and dyads of a set of events (``whimbrel actors``, ``GET /api/actors``).

An actor is counted at one of two levels: ``country`` (the actor's country code, or its id
when it has none: an IGO, a rebel group) or ``actor`` (its knowledge-base id). An event counts
once for each party it involves, whatever the number of mentions; a dyad is an unordered pair
of parties that meet in an event as source and target, or as co-sources of a reciprocal event
(as in :mod:`whimbrel.analysis.dyads`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from whimbrel.errors import InputError
from whimbrel.records import REALISED, ActorMention, Event

if TYPE_CHECKING:
    from whimbrel.store import Store

LEVELS = ("country", "actor")


def party_key(actor: ActorMention, level: str = "country") -> str:
    """The node an actor counts for: its country code (else its id), or its id."""
    if level == "country":
        return actor.country or actor.id
    return actor.id


def party_label(actor: ActorMention, level: str = "country") -> str:
    """A readable name for the node: the country code itself, or the actor's canonical name."""
    if level == "country" and actor.country:
        return actor.country
    return actor.name


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise InputError(f"unknown level {level!r}: choose country or actor")
    return level


def pairs_of(event: Event, level: str = "country") -> set[tuple[str, str]]:
    """The unordered pairs of distinct parties an event joins (source×target, or co-sources)."""
    sources = {party_key(a, level) for a in event.source}
    others = {party_key(a, level) for a in event.target} if event.target else sources
    return {(min(s, t), max(s, t)) for s in sources for t in others if s != t}


@dataclass
class Tally:
    """Running counts for one actor or dyad."""

    events: int = 0
    by_quad: Counter[int] = field(default_factory=Counter)
    score_sum: float = 0.0
    as_source: int = 0
    as_target: int = 0
    sectors: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)

    def add(self, event: Event) -> None:
        self.events += 1
        self.by_quad[event.quad] += 1
        self.score_sum += event.score

    def summary(self) -> dict[str, Any]:
        coop = self.by_quad[1] + self.by_quad[2]
        conflict = self.by_quad[3] + self.by_quad[4]
        return {
            "events": self.events,
            "by_quad": {str(q): self.by_quad[q] for q in (1, 2, 3, 4)},
            "cooperation": coop,
            "conflict": conflict,
            "net_cooperation": coop - conflict,
            "mean_score": round(self.score_sum / self.events, 3) if self.events else None,
        }


def count_actors(
    events: Iterable[Event], *, level: str = "country", limit: int | None = 20
) -> list[dict[str, Any]]:
    """The most active parties, most events first: ``actor``, ``name``, ``sector``, counts."""
    check_level(level)
    tallies: dict[str, Tally] = {}
    for event in events:
        roles: dict[str, set[str]] = {}
        for role in ("source", "target"):
            for a in getattr(event, role):
                key = party_key(a, level)
                t = tallies.setdefault(key, Tally())
                if not roles.get(key):
                    t.names[party_label(a, level)] += 1
                    if a.sector:
                        t.sectors[a.sector] += 1
                roles.setdefault(key, set()).add(role)
        for key, seen in roles.items():
            t = tallies[key]
            t.add(event)
            t.as_source += "source" in seen
            t.as_target += "target" in seen
    ranked = sorted(tallies.items(), key=lambda kv: (-kv[1].events, kv[0]))
    out = []
    for key, t in ranked[:limit] if limit else ranked:
        out.append(
            {
                "actor": key,
                "name": t.names.most_common(1)[0][0] if t.names else key,
                "sector": t.sectors.most_common(1)[0][0] if t.sectors else None,
                "as_source": t.as_source,
                "as_target": t.as_target,
                **t.summary(),
            }
        )
    return out


def count_dyads(
    events: Iterable[Event], *, level: str = "country", limit: int | None = 20
) -> list[dict[str, Any]]:
    """The most active unordered pairs, most events first: ``a``, ``b`` and their counts."""
    check_level(level)
    tallies: dict[tuple[str, str], Tally] = {}
    for event in events:
        for pair in pairs_of(event, level):
            tallies.setdefault(pair, Tally()).add(event)
    ranked = sorted(tallies.items(), key=lambda kv: (-kv[1].events, kv[0]))
    return [{"a": a, "b": b, **t.summary()} for (a, b), t in (ranked[:limit] if limit else ranked)]


def store_events(
    store: Store,
    factuality: str | Sequence[str] = REALISED,
    *,
    mentions: bool = False,
    **filters: Any,
) -> list[Event]:
    """The store's events to count: one per real-world event (the representative coding of
    each deduplicated event, docs/dedup.md) unless ``mentions``, then every coded event."""
    facts: Any = factuality if isinstance(factuality, str) else list(factuality)
    canonical = getattr(store, "canonical_events", None)
    if canonical is not None and not mentions:
        return [c.event for c in canonical(factuality=facts, text=False, **filters)]
    return store.events(factuality=facts, **filters)


def actor_report(
    store: Store,
    *,
    level: str = "country",
    limit: int = 20,
    factuality: str | Sequence[str] = REALISED,
) -> dict[str, Any]:
    """The most active actors and dyads of a store: the body of ``GET /api/actors``."""
    check_level(level)
    events = store_events(store, factuality)
    return {
        "level": level,
        "events": len(events),
        "actors": count_actors(events, level=level, limit=limit),
        "dyads": count_dyads(events, level=level, limit=limit),
    }
