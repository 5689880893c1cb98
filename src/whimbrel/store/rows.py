"""Articles and events to table rows and back (the column lists are the schema's, in order).

An event row holds every :class:`~whimbrel.records.Event` field (nested ones as JSON), plus
flattened copies for querying: the first source and target actor's name, id, country and
sector, the location's name and country, the trigger's text, and ``date_start``, the first
day of the event date at its precision. Each source and target actor also gets a row in
``event_actors``, so filters match any party of a multi-actor event. Fields a later
``Event`` adds go into the ``extra`` JSON column until a migration gives them a column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from typing import Any

from whimbrel.ingest.text import normalise_space, strip_invisible
from whimbrel.records import ActorMention, Article, Event
from whimbrel.store.backend import dump_json, load_json

ARTICLE_COLUMNS = (
    "id", "url", "content_hash", "title", "publisher", "author", "date", "language", "text",
    "origin", "notes", "ingested_at", "coded_at", "coder", "kb_version", "event_count",
)  # fmt: skip

EVENT_COLUMNS = (
    "id", "article_id", "coder", "kb_version", "coded_at", "event_type", "mode", "contexts",
    "source", "target", "source_name", "source_actor_id", "source_country", "source_sector",
    "target_name", "target_actor_id", "target_country", "target_sector", "factuality",
    "attributed_to", "date", "date_precision", "date_start", "location", "location_name",
    "location_country", "sentence", "sentence_start", "sentence_end", "trigger", "trigger_text",
    "confidence", "quad", "cameo_root", "score", "explain", "extra",
)  # fmt: skip

ACTOR_COLUMNS = (
    "event_id", "role", "position", "article_id", "actor_id", "name", "country", "sector", "kind",
)  # fmt: skip

#: Event fields with a column of their own; the rest go to ``extra``.
_EVENT_FIELDS = {
    "id", "article_id", "coder", "kb_version", "coded_at", "event_type", "mode", "contexts",
    "source", "target", "factuality", "attributed_to", "date", "date_precision", "location",
    "sentence", "sentence_start", "sentence_end", "trigger", "confidence", "quad",
    "cameo_root", "score", "explain",
}  # fmt: skip
_JSON_EVENT_COLUMNS = ("contexts", "source", "target", "attributed_to", "location", "trigger")


def insert_sql(table: str, columns: tuple[str, ...], conflict: str = "") -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}){conflict}"


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text with whitespace and invisible characters normalised."""
    key = normalise_space(strip_invisible(unicodedata.normalize("NFC", text)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def naive_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def date_start(value: str | None) -> dt.date | None:
    """The first day of an ISO date of day, month or year precision ("2024-06" → 2024-06-01)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts[:3]] + [1] * (3 - min(3, len(parts)))
        return dt.date(*numbers)
    except (ValueError, TypeError):
        return None


def article_row(
    article: Article,
    *,
    coder: str,
    kb_version: str | None,
    ingested_at: dt.datetime,
    coded_at: dt.datetime,
) -> tuple[Any, ...]:
    return (
        article.id, article.url, content_hash(article.text), article.title, article.publisher,
        article.author, article.date, article.language, article.text, article.origin,
        dump_json(article.notes), ingested_at, coded_at, coder, kb_version, len(article.events),
    )  # fmt: skip


def _first(actors: list[ActorMention]) -> tuple[Any, ...]:
    if not actors:
        return (None, None, None, None)
    a = actors[0]
    return (a.name, a.id, a.country, a.sector)


def event_row(event: Event) -> tuple[Any, ...]:
    data = event.model_dump(mode="json")
    extra = {k: v for k, v in data.items() if k not in _EVENT_FIELDS}
    loc = event.location
    return (
        event.id, event.article_id, event.coder, event.kb_version, naive_utc(event.coded_at),
        event.event_type, event.mode, dump_json(data["contexts"]), dump_json(data["source"]),
        dump_json(data["target"]), *_first(event.source), *_first(event.target),
        event.factuality, dump_json(data["attributed_to"]), event.date, event.date_precision,
        date_start(event.date), dump_json(data["location"]), loc.name if loc else None,
        loc.country if loc else None, event.sentence, event.sentence_start, event.sentence_end,
        dump_json(data["trigger"]), event.trigger.text, event.confidence, event.quad,
        event.cameo_root, event.score, dump_json(data["explain"]), dump_json(extra or None),
    )  # fmt: skip


def actor_rows(event: Event) -> list[tuple[Any, ...]]:
    rows = []
    for role, actors in (("source", event.source), ("target", event.target)):
        for position, a in enumerate(actors):
            rows.append(
                (event.id, role, position, event.article_id, a.id, a.name, a.country, a.sector,
                 a.kind)
            )  # fmt: skip
    return rows


def event_from_row(row: dict[str, Any]) -> Event:
    data = {k: row[k] for k in _EVENT_FIELDS}
    for key in (*_JSON_EVENT_COLUMNS, "explain"):
        data[key] = load_json(data[key])
    data["coded_at"] = row["coded_at"].replace(tzinfo=dt.UTC)
    extra = load_json(row.get("extra")) or {}
    data.update({k: v for k, v in extra.items() if k in Event.model_fields})
    return Event.model_validate(data)


def article_from_row(row: dict[str, Any], events: list[Event]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        publisher=row["publisher"],
        author=row["author"],
        date=row["date"],
        language=row["language"],
        origin=row["origin"],
        notes=load_json(row["notes"]) or [],
        events=events,
    )
