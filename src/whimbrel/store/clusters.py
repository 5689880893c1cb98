"""Deduplication in the store: load events, cluster them, write canonical events back.

:func:`deduplicate` runs at the end of every ingest and recode (and as ``whimbrel dedup``).
It links near-identical articles, then reclusters every **event type** that gained events
(a type is a block: events of different types never merge), from all the stored events of
that type, and rewrites those types' ``canonical_events`` rows and ``events.canonical_id``
in one transaction. Reclustering whole blocks keeps the result a function of the stored
events alone, whatever order they came in and however often dedup was interrupted. The
clustering itself is :mod:`whimbrel.analysis.dedup`; docs/dedup.md explains both.

It also answers queries for canonical events and for mentions with their citations.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from whimbrel.analysis.dedup import (
    DedupEvent,
    DedupSettings,
    LinkArticle,
    Party,
    article_families,
    cluster_events,
    link_articles,
)
from whimbrel.analysis.similarity import word_shingles
from whimbrel.records import REALISED, Event
from whimbrel.store.backend import dump_json, load_json
from whimbrel.store.queries import event_filter

if TYPE_CHECKING:
    import datetime as dt

    from whimbrel.store.base import Store

_CHUNK = 400


@dataclass
class DedupSummary:
    """What one deduplication pass did."""

    events: int = 0
    canonical: int = 0
    links: int = 0
    types: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.events} events in {self.canonical} canonical events "
            f"({', '.join(self.types) or 'no type'} reclustered), {self.links} article links "
            f"added ({self.seconds:.1f} s)"
        )


@dataclass(frozen=True)
class Citation:
    """Where an event was read: the article's url, publisher, title, language and date."""

    article_id: str
    url: str | None
    publisher: str | None
    title: str | None
    language: str | None
    date: dt.date | None
    text: str | None = None

    def as_dict(self, *, text: bool = True) -> dict[str, Any]:
        out = {
            "article_id": self.article_id,
            "url": self.url,
            "publisher": self.publisher,
            "title": self.title,
            "language": self.language,
            "date": self.date.isoformat() if self.date else None,
        }
        if text:
            out["text"] = self.text
        return out


@dataclass
class CanonicalEvent:
    """One real-world event: its representative coding and how it was reported."""

    id: str
    event: Event
    citation: Citation
    mentions: int
    articles: int
    reports: int
    sources: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    member_ids: list[str]
    publishers: list[str]
    urls: list[str]


@dataclass
class EventMention:
    """One coded event (a mention of a real-world event) with its cluster and citation."""

    event: Event
    canonical_id: str | None
    citation: Citation


def source_name(publisher: str | None, url: str | None, article_id: str) -> str:
    """Who carried an article: its publisher, else its URL's host, else the article id."""
    if publisher:
        return publisher.strip()
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or url
    return article_id


def _in(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def _chunks(values: list[Any]) -> list[list[Any]]:
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


# -- deduplication ----------------------------------------------------------------------------


def deduplicate(store: Store, settings: DedupSettings, *, full: bool = False) -> DedupSummary:
    """Link new near-identical articles and recluster the event types that changed."""
    started = time.monotonic()
    b = store.backend
    summary = DedupSummary()
    if full:
        new = [r[0] for r in b.query("SELECT id FROM articles WHERE event_count > 0")]
    else:
        new = [
            r[0]
            for r in b.query("SELECT DISTINCT article_id FROM events WHERE canonical_id IS NULL")
        ]
    if not new and not full:
        summary.seconds = time.monotonic() - started
        return summary
    old_links = [(r[0], r[1]) for r in b.query("SELECT article_id, linked_id FROM article_links")]
    known_links = set(old_links)
    links = [
        link
        for link in _new_links(store, settings, new, full=full)
        if full or (link[0], link[1]) not in known_links
    ]
    if full:
        types = [r[0] for r in b.query("SELECT DISTINCT event_type FROM events")]
    else:
        touched = sorted(set(new) | {x for a, c, *_ in links for x in (a, c)})
        types_found: set[str] = set()
        for chunk in _chunks(touched):
            types_found.update(
                r[0]
                for r in b.query(
                    f"SELECT DISTINCT event_type FROM events WHERE article_id IN ({_in(chunk)})",
                    chunk,
                )
            )
        types = list(types_found)
    types.sort()
    families = article_families([*([] if full else old_links), *((a, c) for a, c, *_ in links)])
    canonical_rows: list[tuple[Any, ...]] = []
    assignments: list[tuple[str, str]] = []
    for event_type in types:
        events, current, info = _load_block(store, event_type)
        mapping = cluster_events(events, settings)
        assignments.extend((i, c) for i, c in mapping.items() if current.get(i) != c)
        canonical_rows.extend(_canonical_rows(events, mapping, info, families))
        summary.events += len(events)
    summary.canonical = len(canonical_rows)
    summary.links = len(links)
    summary.types = types
    with b.transaction():
        if full:
            b.execute("DELETE FROM article_links")
        for chunk in _chunks(links):
            b.executemany(
                "INSERT INTO article_links (article_id, linked_id, similarity, method) "
                "VALUES (?, ?, ?, ?)",
                chunk,
            )
        for chunk in _chunks(types):
            b.execute(f"DELETE FROM canonical_events WHERE event_type IN ({_in(chunk)})", chunk)
        columns = (
            "id, event_type, quad, representative_id, date_start, first_seen, last_seen, "
            "mentions, articles, reports, sources, member_ids, publishers, urls"
        )
        for chunk in _chunks(canonical_rows):
            b.executemany(
                f"INSERT INTO canonical_events ({columns}) VALUES ({_in(list(range(14)))})", chunk
            )
        if assignments:
            b.execute(
                "CREATE TEMP TABLE IF NOT EXISTS dedup_assignments "
                "(id TEXT PRIMARY KEY, canonical_id TEXT NOT NULL)"
            )
            b.execute("DELETE FROM dedup_assignments")
            for chunk in _chunks(assignments):
                b.executemany(
                    "INSERT INTO dedup_assignments (id, canonical_id) VALUES (?, ?)", chunk
                )
            b.execute(
                "UPDATE events SET canonical_id = dedup_assignments.canonical_id "
                "FROM dedup_assignments WHERE events.id = dedup_assignments.id"
            )
            b.execute("DELETE FROM dedup_assignments")
    summary.seconds = time.monotonic() - started
    return summary


def _new_links(
    store: Store, settings: DedupSettings, new: list[str], *, full: bool
) -> list[tuple[str, str, float, str]]:
    """Links between the new articles and every article with events dated near them."""
    if not new:
        return []
    b = store.backend
    dates: list[dt.date | None] = []
    for chunk in _chunks(new):
        dates.extend(
            r[0] for r in b.query(f"SELECT date FROM articles WHERE id IN ({_in(chunk)})", chunk)
        )
    known = [d for d in dates if d is not None]
    sql = "SELECT id, date, content_hash, text FROM articles WHERE event_count > 0 AND ("
    params: list[Any] = []
    if known and not full:
        import datetime as dt

        pad = dt.timedelta(days=settings.article_window_days)
        sql += "(date >= ? AND date <= ?) OR "
        params += [min(known) - pad, max(known) + pad]
    elif full:
        sql += "date IS NOT NULL OR "
    sql += "date IS NULL)"
    articles = [LinkArticle(r[0], r[1], r[2], word_shingles(r[3])) for r in b.query(sql, params)]
    return link_articles(articles, settings, only=None if full else set(new))


def _party(row: tuple[Any, ...]) -> Party:
    return Party(id=row[0], name=row[1], country=row[2], sector=row[3], kind=row[4])


def _load_block(
    store: Store, event_type: str
) -> tuple[list[DedupEvent], dict[str, str | None], dict[str, dict[str, Any]]]:
    """Every stored event of one type, its current canonical id, and its article's facts."""
    b = store.backend
    actors: dict[str, dict[str, list[Party]]] = {}
    for r in b.query(
        "SELECT a.event_id, a.role, a.actor_id, a.name, a.country, a.sector, a.kind "
        "FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.event_type = ? "
        "ORDER BY a.event_id, a.role, a.position",
        [event_type],
    ):
        actors.setdefault(r[0], {"source": [], "target": []})[r[1]].append(_party(r[2:]))
    found = b.query(
        "SELECT e.id, e.article_id, e.factuality, e.date_start, e.date_precision, e.sentence, "
        "e.location_name, e.location_country, e.confidence, e.canonical_id, e.quad, "
        "ar.date, ar.publisher, ar.url, e.sentence_start FROM events e JOIN articles ar ON ar.id = e.article_id "
        "WHERE e.event_type = ? ORDER BY e.id",
        [event_type],
    )
    events, current, info = [], {}, {}
    for r in found:
        parties = actors.get(r[0], {"source": [], "target": []})
        events.append(
            DedupEvent(
                id=r[0], article_id=r[1], event_type=event_type, factuality=r[2],
                date_start=r[3], date_precision=r[4], sentence=r[5], sentence_start=r[14],
                source=tuple(parties["source"]), target=tuple(parties["target"]),
                location=r[6], location_country=r[7], confidence=float(r[8]),
            )
        )  # fmt: skip
        current[r[0]] = r[9]
        info[r[0]] = {"quad": r[10], "published": r[11], "publisher": r[12], "url": r[13]}
    return events, current, info


def _representative(members: list[DedupEvent]) -> DedupEvent:
    """The most confident member; then one dated to the day, the earliest, the smallest id."""
    return min(
        members,
        key=lambda e: (
            -e.confidence,
            e.date_precision != "day",
            e.date_start.toordinal() if e.date_start else 10**7,
            e.id,
        ),
    )


def _canonical_rows(
    events: list[DedupEvent],
    mapping: dict[str, str],
    info: dict[str, dict[str, Any]],
    families: dict[str, str],
) -> list[tuple[Any, ...]]:
    groups: dict[str, list[DedupEvent]] = {}
    for e in events:
        groups.setdefault(mapping[e.id], []).append(e)
    rows = []
    for cid in sorted(groups):
        members = sorted(groups[cid], key=lambda e: e.id)
        rep = _representative(members)
        seen = [info[e.id]["published"] or e.date_start for e in members]
        seen = [d for d in seen if d is not None]
        articles = sorted({e.article_id for e in members})
        sources = sorted(
            {source_name(info[e.id]["publisher"], info[e.id]["url"], e.article_id) for e in members}
        )
        urls = sorted({info[e.id]["url"] for e in members if info[e.id]["url"]})
        reports = {families.get(a, a) for a in articles}
        rows.append(
            (
                cid, rep.event_type, info[rep.id]["quad"], rep.id, rep.date_start,
                min(seen) if seen else None, max(seen) if seen else None, len(members),
                len(articles), len(reports), len(sources), dump_json([e.id for e in members]),
                dump_json(sources), dump_json(urls),
            )
        )  # fmt: skip
    return rows


# -- queries ----------------------------------------------------------------------------------


def _filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The query filters, with factuality defaulting to the realised ones."""
    out = dict(filters)
    if out.get("factuality") is None:
        out["factuality"] = list(REALISED)
    return out


def citations(store: Store, article_ids: set[str], *, text: bool = True) -> dict[str, Citation]:
    """The citation of each article (with its text unless ``text`` is False)."""
    out: dict[str, Citation] = {}
    cols = "id, url, publisher, title, language, date" + (", text" if text else "")
    for chunk in _chunks(sorted(article_ids)):
        for r in store.backend.query(
            f"SELECT {cols} FROM articles WHERE id IN ({_in(chunk)})", chunk
        ):
            out[r[0]] = Citation(*r)
    return out


def query_canonical(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    text: bool = True,
    **filters: Any,
) -> list[CanonicalEvent]:
    """Canonical events with at least one member matching the filters, by date then id.

    Events not yet deduplicated (an ingest killed before its dedup pass) come back as
    canonical events of their own.
    """
    where = event_filter(**_filters(filters))
    window = "" if limit is None else f" LIMIT {int(limit) + int(offset)}"
    b = store.backend
    found = b.query(
        "SELECT c.id, c.representative_id, c.mentions, c.articles, c.reports, c.sources, "
        "c.first_seen, c.last_seen, c.member_ids, c.publishers, c.urls, c.date_start "
        f"FROM canonical_events c WHERE c.id IN (SELECT e.canonical_id FROM events e{where.sql()})"
        f" ORDER BY c.date_start NULLS LAST, c.id{window}",
        where.params,
    )
    loose_where = where.sql() + (" AND " if where.clauses else " WHERE ") + "e.canonical_id IS NULL"
    loose = store._events(loose_where, where.params, None if limit is None else limit + offset, 0)
    reps = {r[1] for r in found}
    events: dict[str, Event] = {}
    for chunk in _chunks(sorted(reps)):
        for e in store._events(f" WHERE e.id IN ({_in(chunk)})", chunk, None, 0):
            events[e.id] = e
    cites = citations(
        store, {e.article_id for e in events.values()} | {e.article_id for e in loose}, text=text
    )
    out = []
    for r in found:
        e = events[r[1]]
        out.append(
            CanonicalEvent(
                id=r[0], event=e, citation=cites[e.article_id], mentions=r[2], articles=r[3],
                reports=r[4], sources=r[5], first_seen=r[6], last_seen=r[7],
                member_ids=load_json(r[8]), publishers=load_json(r[9]), urls=load_json(r[10]),
            )
        )  # fmt: skip
    for e in loose:
        c = cites[e.article_id]
        out.append(
            CanonicalEvent(
                id=e.id, event=e, citation=c, mentions=1, articles=1, reports=1, sources=1,
                first_seen=c.date, last_seen=c.date, member_ids=[e.id],
                publishers=[source_name(c.publisher, c.url, e.article_id)],
                urls=[c.url] if c.url else [],
            )
        )  # fmt: skip
    if loose:
        from whimbrel.store.rows import date_start

        out.sort(
            key=lambda c: (date_start(c.event.date) is None, date_start(c.event.date) or 0, c.id)
        )  # type: ignore[operator]
    return out[offset:] if limit is None else out[offset : offset + limit]


def query_mentions(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    text: bool = True,
    **filters: Any,
) -> list[EventMention]:
    """Every coded event matching the filters, with its canonical id and citation."""
    where = event_filter(**_filters(filters))
    events = store._events(where.sql(), where.params, limit, offset)
    ids = [e.id for e in events]
    canonical: dict[str, str | None] = {}
    for chunk in _chunks(ids):
        canonical.update(
            store.backend.query(
                f"SELECT id, canonical_id FROM events WHERE id IN ({_in(chunk)})", chunk
            )
        )
    cites = citations(store, {e.article_id for e in events}, text=text)
    return [EventMention(e, canonical.get(e.id), cites[e.article_id]) for e in events]
