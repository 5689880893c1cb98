"""The event store: articles, their coded events and ingest errors, in DuckDB or PostgreSQL.

``Store(url)`` opens (and migrates) a store: a DuckDB file by default (``whimbrel.duckdb``, or
``$WHIMBREL_DB``), ``:memory:``, or ``postgresql://...``. Every write of an article and its
events is one transaction, so a reader or a killed process never sees half an article.
See docs/store.md for the schema, the single-writer rule of DuckDB and how a killed run
resumes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whimbrel.errors import NotFound, StoreError
from whimbrel.records import Article, Event
from whimbrel.store import rows
from whimbrel.store.backend import Backend
from whimbrel.store.queries import event_filter
from whimbrel.store.schema import migrate, utcnow

if TYPE_CHECKING:
    import pandas as pd

    from whimbrel.analysis.dedup import DedupSettings
    from whimbrel.pipeline import Pipeline
    from whimbrel.store.clusters import CanonicalEvent, DedupSummary, EventMention
    from whimbrel.store.ingest import IngestSummary, RecodeSummary

DEFAULT_DB = "whimbrel.duckdb"
_PG_SCHEMES = ("postgresql://", "postgres://")

#: Test hooks for the kill test (tests/store/test_kill.py): seconds to pause inside each
#: article's transaction, and a file that holds the article id while the transaction is open.
PAUSE_ENV = "WHIMBREL_STORE_TEST_PAUSE"
MARK_ENV = "WHIMBREL_STORE_TEST_MARK"


def resolve_url(url: str | os.PathLike[str] | None = None) -> str:
    """The store URL to use: ``url``, else ``$WHIMBREL_DB``, else ``whimbrel.duckdb``."""
    if url is None or str(url) == "":
        return os.environ.get("WHIMBREL_DB") or DEFAULT_DB
    return str(url)


def connect(url: str, *, read_only: bool = False, lock_timeout: float = 0.0) -> Backend:
    """Open the backend a store URL names (the URL dispatch of :class:`Store`)."""
    if url.startswith(_PG_SCHEMES):
        from whimbrel.store.postgres_store import PostgresBackend

        return PostgresBackend(url, read_only=read_only)
    path = url.removeprefix("duckdb://") if url.startswith("duckdb://") else url
    if "://" in path:
        raise StoreError(
            f"unknown store URL {url!r}: use a DuckDB file path, :memory: or postgresql://..."
        )
    from whimbrel.store.duckdb_store import DuckDBBackend

    return DuckDBBackend(path, read_only=read_only, lock_timeout=lock_timeout)


@dataclass(frozen=True)
class IngestError:
    """One recorded input problem: which input (and line), why, and when it was seen."""

    source: str | None
    line: int | None
    reason: str
    kind: str
    first_at: dt.datetime
    last_at: dt.datetime

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else (self.source or "")
        return f"{where}: {self.reason}" if where else self.reason


class Store:
    """Articles, events and ingest errors in one database; use as a context manager.

    ``read_only=True`` opens a DuckDB file without taking the write lock (see
    docs/store.md); ``lock_timeout`` waits that many seconds for another process to release
    a DuckDB file before giving up with a :class:`~whimbrel.errors.StoreError`.
    ``dedup`` sets the deduplication thresholds (docs/dedup.md); by default they come from
    the ``[store.dedup]`` table of the ingesting pipeline's configuration.
    """

    def __init__(
        self,
        url: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        lock_timeout: float = 0.0,
        dedup: DedupSettings | None = None,
    ) -> None:
        self.url = resolve_url(url)
        self.dedup_settings = dedup
        self.backend = connect(self.url, read_only=read_only, lock_timeout=lock_timeout)
        try:
            migrate(self.backend)
        except BaseException:
            self.backend.close()
            raise

    def __repr__(self) -> str:
        return f"Store({self.backend.label!r}, backend={self.backend.name!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    # -- articles ----------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return bool(self.backend.query("SELECT 1 FROM articles WHERE id = ?", [article_id]))

    def add_article(
        self, article: Article, *, coder: str | None = None, kb_version: str | None = None
    ) -> bool:
        """Store a coded article and its events in one transaction.

        Returns False, writing nothing, when an article with this id is already stored.
        ``coder`` and ``kb_version`` say which pipeline coded it (default: its events' own,
        else this whimbrel's coder); :meth:`recode` compares them with the current pipeline.
        """
        coder, kb_version = _versions_of(article, coder, kb_version)
        now = utcnow()
        row = rows.article_row(
            article, coder=coder, kb_version=kb_version, ingested_at=now, coded_at=now
        )
        with self.backend.transaction():
            added = self.backend.execute(
                rows.insert_sql("articles", rows.ARTICLE_COLUMNS, " ON CONFLICT (id) DO NOTHING"),
                row,
            )
            if added == 0:
                return False
            self._insert_events(article.events)
            _pause_in_transaction(article.id)
        _transaction_done()
        return True

    def replace_coding(self, article: Article, *, coder: str, kb_version: str | None) -> None:
        """Swap a stored article's events for a new coding in one transaction (recode)."""
        with self.backend.transaction():
            self._delete_events(article.id)
            self._insert_events(article.events)
            self.backend.execute(
                "UPDATE articles SET coder = ?, kb_version = ?, coded_at = ?, language = ?, "
                "event_count = ? WHERE id = ?",
                [coder, kb_version, utcnow(), article.language, len(article.events), article.id],
            )

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and its events; False when there was none.

        Its article links go too; canonical events are brought up to date by the next
        ``dedup(full=True)`` (``whimbrel dedup --full``).
        """
        with self.backend.transaction():
            self._delete_events(article_id)
            self.backend.execute(
                "DELETE FROM article_links WHERE article_id = ? OR linked_id = ?",
                [article_id, article_id],
            )
            return self.backend.execute("DELETE FROM articles WHERE id = ?", [article_id]) != 0

    def _insert_events(self, events: list[Event]) -> None:
        self.backend.executemany(
            rows.insert_sql("events", rows.EVENT_COLUMNS), [rows.event_row(e) for e in events]
        )
        self.backend.executemany(
            rows.insert_sql("event_actors", rows.ACTOR_COLUMNS),
            [r for e in events for r in rows.actor_rows(e)],
        )

    def _delete_events(self, article_id: str) -> None:
        self.backend.execute("DELETE FROM event_actors WHERE article_id = ?", [article_id])
        self.backend.execute("DELETE FROM events WHERE article_id = ?", [article_id])

    def article(self, article_id: str) -> Article:
        """A stored article with its events; :class:`~whimbrel.errors.NotFound` if absent."""
        names, found = self.backend.columns("SELECT * FROM articles WHERE id = ?", [article_id])
        if not found:
            raise NotFound(f"no article {article_id!r} in {self.backend.label}")
        events = self._events(" WHERE e.article_id = ?", [article_id], None, 0)
        return rows.article_from_row(dict(zip(names, found[0], strict=True)), events)

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.backend.query("SELECT id FROM articles ORDER BY id")]

    def stale_articles(self, coder: str, kb_version: str | None) -> list[str]:
        """Ids of stored articles coded by another coder or knowledge-base version."""
        found = self.backend.query(
            "SELECT id FROM articles WHERE coder <> ? OR kb_version IS NULL OR kb_version <> ? "
            "ORDER BY id",
            [coder, kb_version or ""],
        )
        return [r[0] for r in found]

    # -- events ------------------------------------------------------------------------------

    def events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        **filters: Any,
    ) -> list[Event]:
        """Stored events matching every given filter, ordered by date, article and offset.

        Filters: ``source``, ``target``, ``actor`` (a country code, actor id or name; any
        party in that role matches), ``event_type`` and ``quad`` (one or a list),
        ``factuality`` (one, a list or "all"; default all), ``since`` and ``until`` (ISO
        dates, compared with the first day of the event date), ``search`` (words that must
        all appear in the evidence sentence, case-insensitive).
        """
        where = event_filter(**filters)
        return self._events(where.sql(), where.params, limit, offset)

    def count_events(self, **filters: Any) -> int:
        where = event_filter(**filters)
        return int(
            self.backend.query(f"SELECT COUNT(*) FROM events e{where.sql()}", where.params)[0][0]
        )

    def _events(self, where: str, params: list[Any], limit: int | None, offset: int) -> list[Event]:
        sql = (
            f"SELECT {', '.join('e.' + c for c in rows.EVENT_COLUMNS)} FROM events e{where} "
            "ORDER BY e.date_start NULLS LAST, e.article_id, e.sentence_start, e.id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        if offset:
            sql += f" OFFSET {int(offset)}"
        names, found = self.backend.columns(sql, params)
        return [rows.event_from_row(dict(zip(names, r, strict=True))) for r in found]

    def canonical_events(
        self, *, limit: int | None = None, offset: int = 0, text: bool = True, **filters: Any
    ) -> list[CanonicalEvent]:
        """Deduplicated events (one per real-world event) with a member matching the filters.

        Same filters as :meth:`events`, but ``factuality`` defaults to the realised ones
        (asserted, reported, habitual); pass ``factuality="all"`` for every event. Each
        carries its representative :class:`~whimbrel.records.Event`, its article's citation
        (with the article text unless ``text=False``), ``mentions``, ``articles``,
        ``reports`` (near-identical articles count once), ``sources``, ``first_seen``,
        ``last_seen`` and ``member_ids``. See docs/dedup.md.
        """
        from whimbrel.store.clusters import query_canonical

        return query_canonical(self, limit=limit, offset=offset, text=text, **filters)

    def mentions(
        self, *, limit: int | None = None, offset: int = 0, text: bool = True, **filters: Any
    ) -> list[EventMention]:
        """Every coded event matching the filters (realised by default), with its canonical
        id and its article's citation."""
        from whimbrel.store.clusters import query_mentions

        return query_mentions(self, limit=limit, offset=offset, text=text, **filters)

    def events_frame(
        self,
        *,
        mentions: bool = False,
        limit: int | None = None,
        text: bool = True,
        **filters: Any,
    ) -> pd.DataFrame:
        """A pandas DataFrame of canonical events (or of every mention with ``mentions``).

        One flat row per event, the columns of ``whimbrel export --format csv``
        (docs/exports.md); filters as :meth:`canonical_events`.
        """
        from whimbrel.analysis.exports import events_frame

        return events_frame(self, mentions=mentions, limit=limit, text=text, **filters)

    def dyad(
        self, a: str, b: str, *, by: str = "week", directed: bool = False, **options: Any
    ) -> list[dict[str, Any]]:
        """The pair's events per ISO week, month or year (``whimbrel dyad``): counts by type and
        quad, mean score, net cooperation. ``a``/``b`` are country codes or actor ids."""
        from whimbrel.analysis.dyads import dyad_series

        return dyad_series(self, a, b, by=by, directed=directed, **options)

    def dedup(self, *, full: bool = False, settings: DedupSettings | None = None) -> DedupSummary:
        """Deduplicate: link near-identical articles and cluster events into canonical events.

        Runs by itself at the end of :meth:`ingest` and :meth:`recode`. Without ``full`` only
        the event types that gained events are reclustered; ``full`` relinks every article
        and reclusters everything (after a threshold change). docs/dedup.md.
        """
        from whimbrel.store.clusters import deduplicate

        return deduplicate(self, settings or self._dedup_settings(None), full=full)

    def article_links(self) -> list[tuple[str, str, float, str]]:
        """Pairs of near-identical articles: ``(article_id, linked_id, similarity, method)``."""
        found = self.backend.query(
            "SELECT article_id, linked_id, similarity, method FROM article_links "
            "ORDER BY article_id, linked_id"
        )
        return [(r[0], r[1], float(r[2]), r[3]) for r in found]

    def _dedup_settings(self, pipeline: Pipeline | None) -> DedupSettings:
        from whimbrel.analysis.dedup import load_dedup_settings

        if self.dedup_settings is not None:
            return self.dedup_settings
        return load_dedup_settings(pipeline.config if pipeline is not None else None)

    def counts(self) -> dict[str, int]:
        """How many articles, events and recorded errors the store holds."""
        out = {}
        for table in ("articles", "events", "ingest_errors"):
            out[table] = int(self.backend.query(f"SELECT COUNT(*) FROM {table}")[0][0])
        return out

    # -- errors ------------------------------------------------------------------------------

    def record_error(
        self, source: str | None, line: int | None, reason: str, kind: str = "InputError"
    ) -> None:
        """Record an input problem; the same problem seen again only updates ``last_at``."""
        key = hashlib.sha256(f"{source}\x1f{line}\x1f{reason}".encode()).hexdigest()[:24]
        now = utcnow()
        with self.backend.transaction():
            self.backend.execute(
                "INSERT INTO ingest_errors (id, source, line, reason, kind, first_at, last_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_at = ?",
                [key, source, line, reason, kind, now, now, now],
            )

    def errors(self) -> list[IngestError]:
        """Every recorded input problem, oldest first."""
        found = self.backend.query(
            "SELECT source, line, reason, kind, first_at, last_at FROM ingest_errors "
            "ORDER BY first_at, source, line, reason"
        )
        return [IngestError(*r) for r in found]

    def clear_errors(self) -> int:
        with self.backend.transaction():
            return self.backend.execute("DELETE FROM ingest_errors")

    # -- batch work --------------------------------------------------------------------------

    def ingest(
        self,
        sources: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
        *,
        pipeline: Pipeline | None = None,
        **options: Any,
    ) -> IngestSummary:
        """Read, code and store every source (paths, globs, feeds, URLs, or Articles).

        See :func:`whimbrel.store.ingest.ingest` for the options. Articles already stored
        are skipped before coding, so ingesting the same input again adds nothing. Then
        new events are deduplicated (:meth:`dedup`), unless ``dedup=False`` or the
        configuration's ``[store.dedup] enabled`` is false.
        """
        from whimbrel.store.ingest import ingest

        run_dedup = options.pop("dedup", None)
        summary = ingest(self, sources, pipeline=pipeline, **options)
        settings = self._dedup_settings(pipeline)
        if run_dedup if run_dedup is not None else settings.enabled:
            self.dedup(settings=settings)
        return summary

    def recode(self, pipeline: Pipeline | None = None, **options: Any) -> RecodeSummary:
        """Recode stored articles whose coder or knowledge base differs from ``pipeline``'s,
        then deduplicate everything again when anything was recoded."""
        from whimbrel.store.ingest import recode

        run_dedup = options.pop("dedup", None)
        summary = recode(self, pipeline=pipeline, **options)
        settings = self._dedup_settings(pipeline)
        if summary.recoded and (run_dedup if run_dedup is not None else settings.enabled):
            self.dedup(full=True, settings=settings)
        return summary


def open_store(
    url: str | os.PathLike[str] | None = None, *, read_only: bool = False, lock_timeout: float = 0
) -> Store:
    """Open the store at ``url`` (see :func:`resolve_url`), migrating it if needed."""
    return Store(url, read_only=read_only, lock_timeout=lock_timeout)


def _versions_of(
    article: Article, coder: str | None, kb_version: str | None
) -> tuple[str, str | None]:
    if coder is None:
        from whimbrel import __version__

        coder = article.events[0].coder if article.events else f"whimbrel/{__version__}"
    if kb_version is None and article.events:
        kb_version = article.events[0].kb_version
    return coder, kb_version


def _pause_in_transaction(article_id: str) -> None:
    mark = os.environ.get(MARK_ENV)
    if mark:
        Path(mark).write_text(article_id, encoding="utf-8")
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        time.sleep(float(pause))


def _transaction_done() -> None:
    mark = os.environ.get(MARK_ENV)
    if mark:
        Path(mark).unlink(missing_ok=True)
