"""The store's schema as a list of numbered migrations, applied in order (docs/store.md).

The ``schema_version`` table has one row per applied migration. Opening a store read-write
applies the missing ones, each in its own transaction together with its version row, so a
migration killed half-way leaves the previous version intact. A store written by a newer
whimbrel (a version this code does not know) is refused rather than guessed at.

To change the schema, append a :class:`Migration`; never edit one that has shipped. DDL uses
types both backends know, plus ``{json}`` (JSON / JSONB) and ``{float}`` (DOUBLE / DOUBLE
PRECISION).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from whimbrel.errors import StoreError
from whimbrel.store.backend import Backend


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, events, event actors, ingest errors",
        (
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                url TEXT,
                content_hash TEXT NOT NULL,
                title TEXT,
                publisher TEXT,
                author TEXT,
                date DATE,
                language TEXT,
                text TEXT NOT NULL,
                origin TEXT,
                notes {json},
                ingested_at TIMESTAMP NOT NULL,
                coded_at TIMESTAMP NOT NULL,
                coder TEXT NOT NULL,
                kb_version TEXT,
                event_count INTEGER NOT NULL
            )""",
            "CREATE INDEX articles_content_hash ON articles (content_hash)",
            "CREATE INDEX articles_url ON articles (url)",
            """CREATE TABLE events (
                id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL,
                coder TEXT NOT NULL,
                kb_version TEXT NOT NULL,
                coded_at TIMESTAMP NOT NULL,
                event_type TEXT NOT NULL,
                mode TEXT,
                contexts {json} NOT NULL,
                source {json} NOT NULL,
                target {json} NOT NULL,
                source_name TEXT,
                source_actor_id TEXT,
                source_country TEXT,
                source_sector TEXT,
                target_name TEXT,
                target_actor_id TEXT,
                target_country TEXT,
                target_sector TEXT,
                factuality TEXT NOT NULL,
                attributed_to {json},
                date TEXT,
                date_precision TEXT NOT NULL,
                date_start DATE,
                location {json},
                location_name TEXT,
                location_country TEXT,
                sentence TEXT NOT NULL,
                sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL,
                trigger {json} NOT NULL,
                trigger_text TEXT,
                confidence {float} NOT NULL,
                quad INTEGER NOT NULL,
                cameo_root TEXT NOT NULL,
                score {float} NOT NULL,
                explain {json},
                extra {json},
                canonical_id TEXT
            )""",
            "CREATE INDEX events_article ON events (article_id)",
            "CREATE INDEX events_date ON events (date_start)",
            "CREATE INDEX events_canonical ON events (canonical_id)",
            """CREATE TABLE event_actors (
                event_id TEXT NOT NULL,
                role TEXT NOT NULL,
                position INTEGER NOT NULL,
                article_id TEXT NOT NULL,
                actor_id TEXT,
                name TEXT,
                country TEXT,
                sector TEXT,
                kind TEXT,
                PRIMARY KEY (event_id, role, position)
            )""",
            "CREATE INDEX event_actors_article ON event_actors (article_id)",
            "CREATE INDEX event_actors_country ON event_actors (country)",
            "CREATE INDEX event_actors_actor ON event_actors (actor_id)",
            """CREATE TABLE ingest_errors (
                id TEXT PRIMARY KEY,
                source TEXT,
                line INTEGER,
                reason TEXT NOT NULL,
                kind TEXT NOT NULL,
                first_at TIMESTAMP NOT NULL,
                last_at TIMESTAMP NOT NULL
            )""",
        ),
    ),
    Migration(
        2,
        "deduplication: canonical events and links between near-identical articles",
        (
            # One row per cluster of events reporting one real-world event (docs/dedup.md);
            # its id is the smallest member event id, and events.canonical_id points to it.
            """CREATE TABLE canonical_events (
                id TEXT PRIMARY KEY,
                event_type TEXT NOT NULL,
                quad INTEGER NOT NULL,
                representative_id TEXT NOT NULL,
                date_start DATE,
                first_seen DATE,
                last_seen DATE,
                mentions INTEGER NOT NULL,
                articles INTEGER NOT NULL,
                reports INTEGER NOT NULL,
                sources INTEGER NOT NULL,
                member_ids {json} NOT NULL,
                publishers {json} NOT NULL,
                urls {json} NOT NULL
            )""",
            "CREATE INDEX canonical_events_type ON canonical_events (event_type)",
            "CREATE INDEX canonical_events_date ON canonical_events (date_start)",
            # Pairs of near-identical articles (one wire story at several outlets);
            # article_id < linked_id, method "hash" (same content_hash) or "shingle".
            """CREATE TABLE article_links (
                article_id TEXT NOT NULL,
                linked_id TEXT NOT NULL,
                similarity {float} NOT NULL,
                method TEXT NOT NULL,
                PRIMARY KEY (article_id, linked_id)
            )""",
            "CREATE INDEX article_links_linked ON article_links (linked_id)",
        ),
    ),
)

#: The schema version this code writes and reads.
SCHEMA_VERSION = MIGRATIONS[-1].version


def _has_version_table(backend: Backend) -> bool:
    rows = backend.query(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        " AND table_schema = current_schema()"
    )
    return bool(rows[0][0])


def current_version(backend: Backend) -> int:
    """The highest migration applied to the store (0 for an empty database)."""
    if not _has_version_table(backend):
        return 0
    rows = backend.query("SELECT MAX(version) FROM schema_version")
    return int(rows[0][0] or 0)


def _refuse_newer(backend: Backend, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the store {backend.label} has schema version {version}, newer than this "
            f"whimbrel knows ({SCHEMA_VERSION}): upgrade whimbrel to use it"
        )


def migrate(backend: Backend) -> int:
    """Bring the store's schema up to :data:`SCHEMA_VERSION`; returns the version before."""
    before = current_version(backend)
    _refuse_newer(backend, before)
    if before == SCHEMA_VERSION:
        return before
    if backend.read_only:
        raise StoreError(
            f"the store {backend.label} has schema version {before}, and this whimbrel needs "
            f"{SCHEMA_VERSION}: open it read-write once (for example with whimbrel recode) "
            "to migrate it"
        )
    with backend.transaction():
        backend.lock_schema()
        backend.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
    for migration in MIGRATIONS:
        with backend.transaction():
            backend.lock_schema()
            # Another process may have applied it while this one waited for the lock.
            if current_version(backend) >= migration.version:
                continue
            for statement in migration.statements:
                backend.execute(statement.format(**backend.types))
            backend.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                [migration.version, migration.description, utcnow()],
            )
    return before


def utcnow() -> dt.datetime:
    """The current UTC time as a naive timestamp (both backends store TIMESTAMP in UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
