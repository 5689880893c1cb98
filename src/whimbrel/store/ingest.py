"""Batch ingestion and recoding: read sources, code new articles, commit each one whole.

:func:`ingest` streams the sources, drops articles the store already holds (before coding
them, so a rerun costs little), codes the rest with the pipeline's batched ``pipe()``, and
commits every coded article with its events in one transaction. Input problems are recorded
in the store and counted; the batch carries on. A run killed at any moment loses at most the
article whose transaction was open; rerunning skips what was committed and codes the rest,
which ends in the same store as a clean run (docs/store.md).

:func:`recode` recodes stored articles whose coder or knowledge-base version differs from
the pipeline's, swapping each article's events in one transaction.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from whimbrel.errors import InputError, ModelError, StageError, StoreError, WhimbrelError
from whimbrel.records import Article
from whimbrel.store.sources import AlreadyStored, read_sources

if TYPE_CHECKING:
    from whimbrel.pipeline import Pipeline
    from whimbrel.store.base import Store
    from whimbrel.store.fetch import Fetcher


@dataclass
class IngestSummary:
    """What one ingest run did. ``failures`` holds one message per failed input."""

    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Articles ingested per second of the run."""
        return self.ingested / self.seconds if self.seconds > 0 else 0.0

    def __str__(self) -> str:
        return (
            f"{self.ingested} ingested, {self.skipped} skipped as already present, "
            f"{self.failed} failed, {self.events} events "
            f"({self.seconds:.1f} s, {self.rate:.1f} articles/s)"
        )


@dataclass
class RecodeSummary:
    """What one recode run did."""

    recoded: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.recoded} recoded, {self.failed} failed, {self.events} events "
            f"({self.seconds:.1f} s)"
        )


Progress = Callable[[IngestSummary], None]


def pipeline_versions(pipeline: Pipeline) -> tuple[str, str | None]:
    """The coder and knowledge-base version that ``pipeline`` writes into its events."""
    from whimbrel import __version__

    coder = f"whimbrel/{__version__}"
    try:
        from whimbrel.events.finalize import CODER

        coder = CODER
    except ImportError:  # pragma: no cover - the finalize stage moved
        pass
    kb_version = next(
        (str(s.kb_version) for s in pipeline.stages if getattr(s, "kb_version", None)), None
    )
    return coder, kb_version


def _record(store: Store, summary: IngestSummary, exc: WhimbrelError, source: str | None) -> None:
    line = getattr(exc, "line", None)
    src = getattr(exc, "source", None) or source
    reason = getattr(exc, "reason", None) or str(exc)
    store.record_error(src, line, reason, type(exc).__name__)
    summary.failed += 1
    summary.failures.append(str(exc) if src and src in str(exc) else f"{src}: {exc}")


def ingest(
    store: Store,
    sources: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
    *,
    pipeline: Pipeline | None = None,
    date: dt.date | None = None,
    csv_map: dict[str, str] | None = None,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read, code and store ``sources``; see the module docstring.

    ``pipeline`` defaults to :func:`whimbrel.load_pipeline`'s. ``date`` fills the
    publication date of inputs that carry none; ``csv_map`` maps article fields to CSV
    columns; ``fetcher`` fetches URLs (tests pass one over ``httpx.MockTransport``);
    ``progress`` is called with the running summary after every article.
    """
    from whimbrel.pipeline import load_pipeline

    if isinstance(sources, str | os.PathLike | Article):
        sources = [sources]  # one source, not an iterable of characters
    pipeline = pipeline or load_pipeline()
    coder, kb_version = pipeline_versions(pipeline)
    summary = IngestSummary()
    started = time.monotonic()
    in_flight: dict[str, str | None] = {}  # article id -> origin, for articles being coded

    def fresh() -> Iterator[Article]:
        stream = read_sources(
            sources, date=date, csv_map=csv_map, fetcher=fetcher, known=store.has_article
        )
        for item in stream:
            if isinstance(item, InputError):
                _record(store, summary, item, None)
            elif (
                isinstance(item, AlreadyStored)
                or item.id in in_flight
                or store.has_article(item.id)
            ):
                summary.skipped += 1
            else:
                in_flight[item.id] = item.origin
                yield item
            _tick(summary, started, progress)

    for result in pipeline.pipe(fresh()):
        if isinstance(result, ModelError):
            raise result
        if isinstance(result, WhimbrelError):
            article_id = getattr(result, "article_id", None)
            origin = in_flight.pop(article_id, None) if article_id else None
            _record(store, summary, result, origin)
        else:
            in_flight.pop(result.id, None)
            _store(store, summary, result, coder, kb_version)
        _tick(summary, started, progress)
    summary.seconds = time.monotonic() - started
    return summary


def _store(
    store: Store, summary: IngestSummary, article: Article, coder: str, kb_version: str | None
) -> None:
    try:
        added = store.add_article(article, coder=coder, kb_version=kb_version)
    except StoreError as exc:
        where = article.origin or article.id
        try:
            _record(store, summary, StoreError(f"not stored: {exc}"), where)
        except StoreError:
            # The store takes no writes at all (full disk, server gone): stop, naming the
            # article and the first cause rather than the failed attempt to record it.
            raise StoreError(f"{where}: not stored, and the run stops: {exc}") from exc
        return
    if added:
        summary.ingested += 1
        summary.events += len(article.events)
    else:
        summary.skipped += 1


def _tick(summary: IngestSummary, started: float, progress: Progress | None) -> None:
    if progress is not None:
        summary.seconds = time.monotonic() - started
        progress(summary)


def recode(
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    progress: Callable[[RecodeSummary, int], None] | None = None,
) -> RecodeSummary:
    """Recode every stored article coded by another coder or knowledge base than ``pipeline``.

    Each article's old events stay until its new ones commit in the same transaction, so a
    killed recode leaves every article with one complete coding, and a rerun finishes the
    rest. An article the new pipeline fails on keeps its old coding and is reported.
    ``progress`` gets the running summary and the number of articles to recode.
    """
    from whimbrel.pipeline import load_pipeline

    pipeline = pipeline or load_pipeline()
    coder, kb_version = pipeline_versions(pipeline)
    summary = RecodeSummary()
    started = time.monotonic()
    stale = store.stale_articles(coder, kb_version)

    def articles() -> Iterator[Article]:
        for article_id in stale:
            stored = store.article(article_id)
            stored.events = []
            yield stored

    for result in pipeline.pipe(articles()):
        if isinstance(result, ModelError):
            raise result
        if isinstance(result, WhimbrelError):
            summary.failed += 1
            who = result.article_id if isinstance(result, StageError) else None
            summary.failures.append(f"{who or ''}: {result}".lstrip(": "))
        else:
            store.replace_coding(result, coder=coder, kb_version=kb_version)
            summary.recoded += 1
            summary.events += len(result.events)
        if progress is not None:
            summary.seconds = time.monotonic() - started
            progress(summary, len(stale))
    summary.seconds = time.monotonic() - started
    return summary
