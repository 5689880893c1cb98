"""The event store: ingest articles into DuckDB or PostgreSQL, query their events (docs/store.md).

::

    from whimbrel.store import Store

    with Store("news.duckdb") as store:            # or "postgresql://user@host/db"
        print(store.ingest(["saved-pages/", "feed.xml"]))
        events = store.events(source="RUS", target="PRK", since="2022-01-01")
"""

from __future__ import annotations

from whimbrel.analysis.dedup import DedupSettings
from whimbrel.store.base import DEFAULT_DB, IngestError, Store, open_store, resolve_url
from whimbrel.store.clusters import CanonicalEvent, Citation, DedupSummary, EventMention
from whimbrel.store.ingest import IngestSummary, RecodeSummary, ingest, recode
from whimbrel.store.schema import SCHEMA_VERSION

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "CanonicalEvent",
    "Citation",
    "DedupSettings",
    "DedupSummary",
    "EventMention",
    "IngestError",
    "IngestSummary",
    "RecodeSummary",
    "Store",
    "ingest",
    "open_store",
    "recode",
    "resolve_url",
]
