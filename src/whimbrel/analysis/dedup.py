"""Deduplication: events that report one real-world event become one canonical event.

Pure functions over light records (no database here; ``whimbrel.store.clusters`` loads and
writes them). Two events **may** be one event when they pass every gate: the same PLOVER
type, the same factuality group (realised or not), dates at most ``window_days`` apart,
compatible actors (each side shares an actor id, a name, or a country with a compatible
sector; a missing target matches any target; for the symmetric types CONSULT, AGREE and
COOPERATE the parties may be swapped or listed together as sources), and no conflicting
location. They **are** linked when their evidence sentences are similar enough (word or
character-4-gram Jaccard, :mod:`whimbrel.analysis.similarity`) for how sure the actor match
is. Clusters are then grown greedily with complete linkage (every member linked to every
other), strongest link first, ties broken by ids: the result depends only on the set of
events, never on the order in which they arrived. A cluster's id is its smallest member id.

Near-identical articles (same ``content_hash``, or word-5-gram Jaccard of the texts at least
``article_similarity``) are linked into families, so a wire story carried by several
outlets counts as one report with several sources. See docs/dedup.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from whimbrel.analysis.similarity import evidence_similarity, jaccard

#: Types where "A met B", "B met A" and "A and B met" are one event.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_REALISED = frozenset({"asserted", "reported", "habitual"})


class DedupSettings(BaseModel):
    """The ``[store.dedup]`` table of whimbrel.toml (documented there and in docs/dedup.md)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    window_days: int = Field(default=2, ge=0)
    min_similarity: float = Field(default=0.05, ge=0.0, le=1.0)
    min_similarity_weak: float = Field(default=0.15, ge=0.0, le=1.0)
    article_similarity: float = Field(default=0.5, ge=0.0, le=1.0)
    article_window_days: int = Field(default=3, ge=0)


def load_dedup_settings(config: object = None) -> DedupSettings:
    """Settings from a :class:`whimbrel.config.Config` (or a path), else the packaged ones."""
    from whimbrel.config import Config, load_config

    cfg = config if isinstance(config, Config) else load_config(config)  # type: ignore[arg-type]
    return DedupSettings(**cfg.stage_settings("store.dedup"))


@dataclass(frozen=True)
class Party:
    """One actor of an event, as deduplication compares it."""

    id: str | None
    name: str | None
    country: str | None
    sector: str | None = None
    kind: str | None = None

    @property
    def implicit(self) -> bool:
        """A place standing in for an unnamed target ("shelled Kharkiv"): matches anyone."""
        return bool(self.id and self.id.startswith("wb:implicit:"))


@dataclass
class DedupEvent:
    """What deduplication needs of a stored event."""

    id: str
    article_id: str
    event_type: str
    factuality: str
    date_start: dt.date | None
    date_precision: str
    sentence: str
    sentence_start: int = 0
    source: tuple[Party, ...] = ()
    target: tuple[Party, ...] = ()
    location: str | None = None
    location_country: str | None = None
    confidence: float = 0.0
    words: frozenset[str] = field(default_factory=frozenset)
    chars: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.words:
            from whimbrel.analysis.similarity import char_shingles, content_words

            self.words = content_words(self.sentence)
            self.chars = char_shingles(self.sentence)

    @property
    def realised(self) -> bool:
        return self.factuality in _REALISED

    def days(self) -> tuple[int, int] | None:
        """The event date as a range of day ordinals, at its precision."""
        if self.date_start is None:
            return None
        lo = self.date_start.toordinal()
        if self.date_precision == "month":
            nxt = (self.date_start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return lo, nxt.toordinal() - 1
        if self.date_precision == "year":
            return lo, dt.date(self.date_start.year, 12, 31).toordinal()
        return lo, lo


#: Sectors a report may use for one another: armed groups outside a state's forces.
_SECTOR_FAMILIES = ({"REB", "UAF", "PRM"},)


def _sectors_agree(a: Party, b: Party) -> bool:
    # A country named as a whole ("Russia") stands for any of its sectors ("Russian troops").
    if a.sector == b.sector or a.sector is None or b.sector is None:
        return True
    if a.kind == "state" or b.kind == "state":
        return True
    return any(a.sector in f and b.sector in f for f in _SECTOR_FAMILIES)


def _name_words(name: str | None) -> set[str]:
    from whimbrel.analysis.similarity import content_words

    return set(content_words(name or "")) - {"city", "town", "village", "region", "province"}


def _party_match(a: Party, b: Party) -> int:
    """2 the same actor, 1 maybe (an implicit place stands for any target), 0 different."""
    if a.implicit and b.implicit:
        return 2 if _name_words(a.name) & _name_words(b.name) else 1
    if a.implicit or b.implicit:
        return 1
    if a.id and a.id == b.id:
        return 2
    if a.name and b.name and a.name.lower() == b.name.lower():
        return 2
    if a.country and a.country == b.country and _sectors_agree(a, b):
        return 2
    return 0


def _side(a: Sequence[Party], b: Sequence[Party], *, optional: bool) -> int:
    """2 strong match, 1 weak (one side missing or only implicit), 0 incompatible."""
    if not a or not b:
        if not optional:
            return 0
        return 2 if not a and not b else 1
    return max(_party_match(x, y) for x in a for y in b)


def _covered(small: Sequence[Party], large: Sequence[Party]) -> bool:
    return all(p.implicit or any(_party_match(p, q) == 2 for q in large) for p in small)


def _reciprocal(e: DedupEvent) -> bool:
    """Every party listed as a source ("Kim and Putin met"): the parties are complete."""
    return len(e.source) >= 2 and not e.target


def actor_match(a: DedupEvent, b: DedupEvent) -> int:
    """How well the parties of two events agree: 2 strong, 1 weak, 0 not at all."""
    if a.event_type in SYMMETRIC_TYPES:
        pa, pb = (*a.source, *a.target), (*b.source, *b.target)
        small, large = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
        covered = bool(small) and _covered(small, large)
        if _reciprocal(a) or _reciprocal(b):
            # Compare the sets of parties; a missing target is no wildcard here.
            return 0 if not covered else 2 if len(pa) == len(pb) else 1
    src = _side(a.source, b.source, optional=False)
    tgt = _side(a.target, b.target, optional=True)
    best = min(src, tgt)
    if a.event_type in SYMMETRIC_TYPES and best < 2:
        swapped = min(
            _side(a.source, b.target, optional=False), _side(a.target, b.source, optional=False)
        )
        best = max(best, swapped)
        if covered:
            best = max(best, 2 if len(pa) == len(pb) else 1)
    return best


def _date_gap(a: DedupEvent, b: DedupEvent) -> int | None:
    da, db = a.days(), b.days()
    if da is None or db is None:
        return 0 if a.article_id == b.article_id else None
    return max(0, db[0] - da[1], da[0] - db[1])


def _location_conflict(a: DedupEvent, b: DedupEvent) -> bool:
    if a.location_country and b.location_country and a.location_country != b.location_country:
        return True
    if a.location and b.location:
        la, lb = a.location.lower(), b.location.lower()
        return la not in lb and lb not in la
    return False


def link_score(a: DedupEvent, b: DedupEvent, settings: DedupSettings) -> float | None:
    """The strength of the link between two events, or None when they are not one event."""
    if a.event_type != b.event_type or a.realised != b.realised:
        return None
    if not a.realised and a.factuality != b.factuality:
        return None
    gap = _date_gap(a, b)
    if gap is None or gap > settings.window_days:
        return None
    if _location_conflict(a, b):
        return None
    strength = actor_match(a, b)
    if strength == 0:
        return None
    sim = evidence_similarity(a.words, b.words, a.chars, b.chars)
    coarse = a.date_precision != "day" or b.date_precision != "day"
    needed = (
        settings.min_similarity if strength == 2 and not coarse else settings.min_similarity_weak
    )
    if sim < needed:
        return None
    return round(sim + 0.1 * strength - 0.05 * gap, 6)


_ANY = "*"


def _block_keys(e: DedupEvent) -> set[str]:
    """Countries one of which a matching event must share (:data:`_ANY`: no constraint).

    A directed event's match shares a source party; a symmetric one's, any party. Parties
    without a country (or implicit ones) can match by id or name only, so they block nothing.
    """
    parties = (*e.source, *e.target) if e.event_type in SYMMETRIC_TYPES else e.source
    keys = set()
    for p in parties:
        if p.implicit or not p.country:
            return {_ANY}
        keys.add(p.country)
    return keys or {_ANY}


def candidate_pairs(
    events: Sequence[DedupEvent], window_days: int
) -> Iterable[tuple[DedupEvent, DedupEvent]]:
    """Pairs of events that may be one: dates within the window and a shared country.

    A date sweep per country bucket; events that block nothing are compared with every
    event near their date; undated events only with events of their own article.
    """
    import bisect

    dated = sorted((e for e in events if e.days() is not None), key=lambda e: (e.days(), e.id))
    seen: set[tuple[str, str]] = set()

    def pair(a: DedupEvent, b: DedupEvent) -> Iterable[tuple[DedupEvent, DedupEvent]]:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in seen:
            seen.add(key)
            yield a, b

    buckets: dict[str, list[DedupEvent]] = defaultdict(list)
    loose: list[DedupEvent] = []
    for e in dated:
        keys = _block_keys(e)
        if _ANY in keys:
            loose.append(e)
        for k in keys - {_ANY}:
            buckets[k].append(e)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            hi = a.days()[1]  # type: ignore[index]
            for b in bucket[i + 1 :]:
                if b.days()[0] > hi + window_days:  # type: ignore[index]
                    break  # sorted by start: every later event starts later still
                yield from pair(a, b)
    starts = [e.days()[0] for e in dated]  # type: ignore[index]
    for a in loose:
        lo, hi = a.days()  # type: ignore[misc]
        # A month or year date starts up to a year before the days it covers.
        first = bisect.bisect_left(starts, lo - window_days - 366)
        last = bisect.bisect_right(starts, hi + window_days)
        for b in dated[first:last]:
            b_lo, b_hi = b.days()  # type: ignore[misc]
            if b is not a and max(0, b_lo - hi, lo - b_hi) <= window_days:
                yield from pair(a, b)
    by_article: dict[str, list[DedupEvent]] = defaultdict(list)
    for e in events:
        by_article[e.article_id].append(e)
    for e in events:
        if e.days() is None:
            for other in by_article[e.article_id]:
                if other is not e:
                    yield from pair(e, other)


class _Clusters:
    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}
        self.members = {i: [i] for i in self.parent}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra].extend(self.members.pop(rb))


def _sentence_units(events: Sequence[DedupEvent]) -> dict[str, str]:
    """Event id → unit id: events of one type from one sentence with the same source are one
    mention (the coder split "shelled Kharkiv, killing three civilians" into two events)."""
    unit = {e.id: e.id for e in events}
    groups: dict[tuple[str, int], list[DedupEvent]] = defaultdict(list)
    for e in events:
        groups[(e.article_id, e.sentence_start)].append(e)
    for members in groups.values():
        members.sort(key=lambda e: e.id)
        for i, a in enumerate(members):
            if unit[a.id] != a.id:
                continue
            for b in members[i + 1 :]:
                if unit[b.id] == b.id and _side(a.source, b.source, optional=False) == 2:
                    unit[b.id] = a.id
    return unit


def cluster_events(events: Sequence[DedupEvent], settings: DedupSettings) -> dict[str, str]:
    """Event id → canonical id (the smallest id of its cluster), for one block of events.

    Events of one sentence with the same source form one unit first; units are then grown
    greedily with complete linkage over the links between them (a unit pair's link is its
    members' strongest), strongest first with ties broken by ids, so the clusters are a
    function of the set of events and not of their order.
    """
    unit = _sentence_units(events)
    links: dict[tuple[str, str], float] = {}
    for a, b in candidate_pairs(events, settings.window_days):
        ua, ub = unit[a.id], unit[b.id]
        if ua == ub:
            continue
        score = link_score(a, b, settings)
        if score is not None:
            key = (ua, ub) if ua < ub else (ub, ua)
            links[key] = max(score, links.get(key, score))
    clusters = _Clusters(sorted(set(unit.values())))
    for (x, y), _score in sorted(links.items(), key=lambda kv: (-kv[1], kv[0])):
        rx, ry = clusters.find(x), clusters.find(y)
        if rx == ry:
            continue
        mx, my = clusters.members[rx], clusters.members[ry]
        if all(((p, q) if p < q else (q, p)) in links for p in mx for q in my):
            clusters.union(rx, ry)
    return {e.id: clusters.find(unit[e.id]) for e in events}


# -- articles ---------------------------------------------------------------------------------


@dataclass
class LinkArticle:
    """What article linking needs: id, publication date, content hash and word shingles."""

    id: str
    date: dt.date | None
    content_hash: str
    shingles: frozenset = field(default_factory=frozenset)


def link_articles(
    articles: Sequence[LinkArticle],
    settings: DedupSettings,
    *,
    only: set[str] | None = None,
) -> list[tuple[str, str, float, str]]:
    """Pairs ``(id, other_id, similarity, method)`` of near-identical articles, id < other_id.

    Only pairs within ``article_window_days`` of each other (or both undated) are compared;
    with ``only``, only pairs that involve one of those ids.
    """
    out = []
    ordered = sorted(articles, key=lambda a: a.id)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if only is not None and a.id not in only and b.id not in only:
                continue
            if (a.date is None) != (b.date is None):
                continue
            if a.date and b.date and abs((a.date - b.date).days) > settings.article_window_days:
                continue
            if a.content_hash == b.content_hash:
                out.append((a.id, b.id, 1.0, "hash"))
                continue
            na, nb = len(a.shingles), len(b.shingles)
            if not na or not nb or min(na, nb) / max(na, nb) < settings.article_similarity:
                continue  # Jaccard can be no higher than this ratio
            sim = jaccard(a.shingles, b.shingles)
            if sim >= settings.article_similarity:
                out.append((a.id, b.id, round(sim, 4), "shingle"))
    return out


def article_families(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Article id → family id (the smallest id of its linked group); unlinked ones absent."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = sorted((find(a), find(b)))
        if ra != rb:
            parent[rb] = ra
    return {x: find(x) for x in parent}
