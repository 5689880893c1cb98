"""``ingest`` on a Dask cluster: workers code partitions, this process alone writes the store.

The reading and the skipping of stored articles are those of
:func:`whimbrel.store.ingest.ingest`; only the coding moves to the workers. Each finished
partition's articles are committed here one by one with ``Store.add_article`` (idempotent,
one transaction each), so there is exactly one writer, as DuckDB requires, and a killed
run resumes by rerunning, exactly as in one process (docs/store.md, docs/SCALING.md).

A partition whose task still fails after Dask's retries is not dropped: each of its
articles is recorded in the errors table as failed (with its input named) and counted, so
the exit status is 1 and a rerun codes them again.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from whimbrel.errors import ConfigError, InputError, ModelError
from whimbrel.records import Article
from whimbrel.scale.partitions import DEFAULT_PARTITION_SIZE, partition
from whimbrel.scale.runner import DEFAULT_RETRIES, Failure, PartitionFailed, run_partitions
from whimbrel.store.ingest import IngestSummary, Progress, _store, _tick
from whimbrel.store.sources import AlreadyStored, read_sources

if TYPE_CHECKING:
    from whimbrel.config import Config
    from whimbrel.store.base import Store
    from whimbrel.store.fetch import Fetcher

#: The ``kind`` recorded for the articles of a partition that failed on the cluster.
PARTITION_ERROR = "PartitionError"


def ingest_partitioned(
    store: Store,
    sources: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
    *,
    config: Config,
    client: Any = None,
    coder: str,
    kb_version: str | None,
    date: dt.date | None = None,
    csv_map: dict[str, str] | None = None,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    retries: int = DEFAULT_RETRIES,
    task: Any = None,
) -> IngestSummary:
    """Read ``sources``, code the new articles in partitions on ``client``'s workers, store them.

    ``coder`` and ``kb_version`` are the workers' (see
    :func:`~whimbrel.scale.cluster.prepare_workers`). The other options are those of
    :func:`whimbrel.store.ingest.ingest`. Without a client the partitions are coded here.
    """
    if isinstance(sources, str | os.PathLike | Article):
        sources = [sources]
    summary = IngestSummary()
    started = time.monotonic()
    in_flight: set[str] = set()  # ids read and not yet stored or failed

    def fresh() -> Iterator[Article]:
        stream = read_sources(
            sources, date=date, csv_map=csv_map, fetcher=fetcher, known=store.has_article
        )
        for item in stream:
            if isinstance(item, InputError):
                _record(store, summary, item.source, item.line, item.reason, item, None)
            elif (
                isinstance(item, AlreadyStored)
                or item.id in in_flight
                or store.has_article(item.id)
            ):
                summary.skipped += 1
            else:
                in_flight.add(item.id)
                yield item
            _tick(summary, started, progress)

    options = {"client": client, "retries": retries}
    if task is not None:
        options["task"] = task
    for part, outcome in run_partitions(partition(fresh(), partition_size), config, **options):
        if isinstance(outcome, PartitionFailed):
            for article in part.articles:
                in_flight.discard(article.id)
                reason = (
                    f"not coded: its partition {part.key} failed on the cluster after "
                    f"{retries} retries: {outcome.error}"
                )
                origin = article.origin or article.id
                _record(store, summary, origin, None, reason, None, PARTITION_ERROR)
                _tick(summary, started, progress)
            continue
        if outcome.fatal:
            kind, message = outcome.fatal
            raise (ConfigError if kind == "ConfigError" else ModelError)(message)
        origins = {a.id: a.origin for a in part.articles}
        coded = {a.id: a for a in outcome.articles}
        failed = {f.input_id or f.article_id: f for f in outcome.failures}
        for article in part.articles:  # input order, as one process commits them
            in_flight.discard(article.id)
            if article.id in coded:
                _store(store, summary, coded[article.id], coder, kb_version)
            elif article.id in failed:
                _record_failure(store, summary, failed.pop(article.id), origins)
            _tick(summary, started, progress)
        for failure in failed.values():  # a failure that names no article of the partition
            _record_failure(store, summary, failure, origins)
    summary.seconds = time.monotonic() - started
    return summary


def _record_failure(
    store: Store, summary: IngestSummary, failure: Failure, origins: dict[str, str | None]
) -> None:
    origin = failure.origin or (origins.get(failure.article_id) if failure.article_id else None)
    src = failure.source or origin
    _record(store, summary, src, failure.line, failure.reason, failure, failure.kind)


def _record(
    store: Store,
    summary: IngestSummary,
    source: str | None,
    line: int | None,
    reason: str,
    error: Any,
    kind: str | None,
) -> None:
    """Record and count one failed input the way :func:`whimbrel.store.ingest.ingest` does."""
    kind = kind or type(error).__name__
    store.record_error(source, line, reason, kind)
    summary.failed += 1
    text = getattr(error, "message", None) if isinstance(error, Failure) else None
    text = text or (str(error) if error is not None else reason)
    summary.failures.append(text if source and source in text else f"{source}: {text}")
