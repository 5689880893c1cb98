"""How ``whimbrel serve`` reaches the store and the coder (docs/api.md, "Store access").

DuckDB lets one process write a file, and within one process it refuses to open a file
read-only and read-write at the same time. So :class:`StoreAccess` opens the store for each
request and closes it at once: read-only for reads (many at a time), read-write only for the
moment ``POST /api/articles`` commits, with an in-process readers-writer lock so the two kinds
of connection never overlap. Another process that holds the file (a running ``ingest``)
makes a request wait up to ``lock_timeout`` seconds, then fail with 503. PostgreSQL needs
none of this and gets no lock.

:class:`Coder` codes in one worker process that loads the pipeline on first use, once, so
coding does not compete for the server's GIL with the requests that read.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whimbrel.errors import StoreError, WhimbrelError
from whimbrel.records import Article
from whimbrel.store import Store, resolve_url

if TYPE_CHECKING:
    from whimbrel.pipeline import Pipeline


class ReadWriteLock:
    """Many readers or one writer; a waiting writer blocks new readers (no starvation)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class StoreBusy(StoreError):
    """The store is held by another process; the request may be retried (HTTP 503)."""

    status_code = 503
    code = "store_busy"


class StoreAccess:
    """Short-lived store connections for one server process."""

    def __init__(self, url: str | None, *, lock_timeout: float = 5.0) -> None:
        self.url = resolve_url(url)
        self.lock_timeout = lock_timeout
        self.postgres = self.url.startswith(("postgresql://", "postgres://"))
        if self.url == ":memory:":
            raise StoreError(
                "serve needs a store that outlives a connection: a DuckDB file or PostgreSQL"
            )
        self._lock = ReadWriteLock()

    def prepare(self) -> None:
        """Create or migrate the store once at start-up, so read-only opens work."""
        path = self.url.removeprefix("duckdb://")
        if self.postgres or not Path(path).exists():
            with self.writing():
                pass
            return
        try:
            with self.reading():
                pass
        except StoreError as exc:
            if "open it read-write once" in str(exc):
                with self.writing():
                    pass
            elif not isinstance(exc, StoreBusy):
                raise

    def _open(self, read_only: bool) -> Store:
        try:
            return Store(self.url, read_only=read_only, lock_timeout=self.lock_timeout)
        except StoreError as exc:
            if "in use by" in str(exc):
                raise StoreBusy(str(exc)) from exc
            raise

    @contextmanager
    def reading(self) -> Iterator[Store]:
        if self.postgres:
            with self._open(read_only=True) as store:
                yield store
            return
        with self._lock.reading(), self._open(read_only=True) as store:
            yield store

    @contextmanager
    def writing(self) -> Iterator[Store]:
        if self.postgres:
            with self._open(read_only=False) as store:
                yield store
            return
        with self._lock.writing(), self._open(read_only=False) as store:
            yield store


class CodingFailed(WhimbrelError):
    """A coding error raised in the worker process, carried back with its status and code."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code


_WORKER_PIPELINE: Any = None


def _worker_pipeline() -> Any:
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        from whimbrel.pipeline import load_pipeline

        _WORKER_PIPELINE = load_pipeline()
    return _WORKER_PIPELINE


def _code_in_worker(article: Article) -> Article | tuple[int, str, str]:
    """Runs in the coding process. Errors travel back as plain data: some whimbrel errors
    take constructor arguments that pickling an exception would lose."""
    try:
        return _worker_pipeline()(article)
    except WhimbrelError as exc:
        return (exc.status_code, exc.code, exc.message)
    except Exception as exc:
        return (500, "internal_error", f"coding failed: {type(exc).__name__}")


def _versions_in_worker() -> tuple[str, str | None]:
    from whimbrel.store.ingest import pipeline_versions

    return pipeline_versions(_worker_pipeline())


class Coder:
    """Codes articles: in one worker process by default, or with a given in-process pipeline.

    Coding is CPU-bound Python; in the server's own process it would share the GIL with every
    request thread and slow to a crawl under load. So by default one worker process (spawned,
    not forked: the server runs threads) loads the pipeline on first use and codes one article
    at a time, while the server's process answers reads on the other core. A ``pipeline``
    given here (tests do) runs in-process instead, one article at a time.
    """

    def __init__(self, pipeline: Pipeline | Callable[[], Pipeline] | None = None) -> None:
        self._given = pipeline
        self._pipeline: Pipeline | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()

    @property
    def in_process(self) -> bool:
        return self._given is not None

    def _local(self) -> Pipeline:
        if self._pipeline is None:
            with self._load_lock:
                if self._pipeline is None:
                    from whimbrel.pipeline import Pipeline

                    given = self._given
                    self._pipeline = given if isinstance(given, Pipeline) else given()  # type: ignore[misc,operator]
        return self._pipeline

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            with self._load_lock:
                if self._pool is None:
                    context = multiprocessing.get_context("spawn")
                    self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return self._pool

    def versions(self) -> tuple[str, str | None]:
        from whimbrel.store.ingest import pipeline_versions

        if self.in_process:
            return pipeline_versions(self._local())
        return self._worker().submit(_versions_in_worker).result()

    def code(self, article: Article) -> Article:
        if self.in_process:
            pipeline = self._local()
            with self._run_lock:
                return pipeline(article)
        result = self._worker().submit(_code_in_worker, article).result()
        if isinstance(result, tuple):
            raise CodingFailed(*result)
        return result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def event_json(event: Any) -> dict[str, Any]:
    """An event as ``whimbrel code --format json`` writes it (no ``explain``)."""
    return event.model_dump(mode="json", exclude={"explain"})


def article_json(article: Article) -> dict[str, Any]:
    """``{"article": {...}, "events": [...]}``: the ``json`` output of ``whimbrel code``."""
    return {"article": article.header(), "events": [event_json(e) for e in article.events]}
