"""Coding partitions: on Dask workers with the pipeline loaded once per worker, or in-process.

Worker side: :func:`code_partition` is the task. It takes the pipeline from a per-process
cache (:func:`worker_pipeline`, keyed by the configuration), which :class:`PipelinePlugin`
fills when a worker starts, so the spaCy model and the knowledge base load once per worker
and never travel over the network; only the articles and the configuration (under 1 kB)
do. An article a stage fails on comes back as a :class:`Failure` (the partition carries on,
as in one process); a pipeline that cannot load comes back as ``fatal``.

Client side: :func:`run_partitions` keeps a bounded number of partitions in flight
(twice the workers' threads), so reading a corpus of any size takes constant memory, lets
Dask retry a task that raised (``retries``; a worker that dies has its tasks rescheduled by
Dask itself) and yields each partition with its :class:`PartitionResult`, or with a
:class:`PartitionFailed` naming what went wrong once the retries are spent. Nothing is
dropped silently. With no client the partitions are coded here, one after another.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from whimbrel.errors import ModelError, WhimbrelError
from whimbrel.records import Article
from whimbrel.scale.partitions import Partition

if TYPE_CHECKING:
    from whimbrel.config import Config
    from whimbrel.pipeline import Pipeline

try:  # the plugin base class, when Dask is installed; the module imports without it
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - exercised only without the scale extra
    _PluginBase = object  # type: ignore[assignment,misc]

#: Dask retries of a partition whose task raised, before it is reported as failed.
DEFAULT_RETRIES = 2

_PIPELINES: dict[str, Pipeline] = {}
_SETUP_ERRORS: dict[str, tuple[str, str]] = {}
_LOCK = threading.Lock()


def config_key(config: Config) -> str:
    """A short digest of a configuration: one cached pipeline per distinct configuration."""
    return hashlib.sha256(config.model_dump_json().encode("utf-8")).hexdigest()[:16]


def worker_pipeline(config: Config) -> Pipeline:
    """The pipeline for ``config`` in this process, built on first use and then reused."""
    key = config_key(config)
    with _LOCK:
        found = _PIPELINES.get(key)
        if found is None:
            from whimbrel.pipeline import load_pipeline

            found = _PIPELINES[key] = load_pipeline(config)
            _SETUP_ERRORS.pop(key, None)
    return found


class PipelinePlugin(_PluginBase):  # type: ignore[misc,valid-type]
    """A Dask worker plugin that loads the pipeline when a worker starts (or joins later).

    A failure to load is kept, not raised, so :func:`worker_status` can report it to the
    client as the ``ConfigError`` or ``ModelError`` a single process would raise.
    """

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker: Any = None) -> None:
        try:
            worker_pipeline(self.config)
        except WhimbrelError as exc:
            _SETUP_ERRORS[config_key(self.config)] = (type(exc).__name__, str(exc))


def worker_status(key: str) -> dict[str, Any]:
    """This worker's whimbrel, coder, knowledge base, memory and pipeline-load error."""
    from whimbrel import __version__
    from whimbrel.store.ingest import pipeline_versions

    status: dict[str, Any] = {
        "whimbrel": __version__,
        "coder": f"whimbrel/{__version__}",
        "kb_version": None,
        "error": _SETUP_ERRORS.get(key),
        "rss": _rss(),
        "pid": os.getpid(),
    }
    pipeline = _PIPELINES.get(key)
    if pipeline is not None:
        status["coder"], status["kb_version"] = pipeline_versions(pipeline)
    return status


def _rss() -> int | None:
    try:
        import psutil

        return int(psutil.Process().memory_info().rss)
    except ImportError:  # pragma: no cover - psutil comes with distributed
        return None


@dataclass(frozen=True)
class Failure:
    """An article the pipeline failed on, as plain data (exceptions do not always pickle)."""

    article_id: str | None
    origin: str | None
    kind: str
    message: str
    reason: str
    source: str | None = None
    line: int | None = None
    #: The id of the input article it stands for (by position in the partition).
    input_id: str | None = None

    @classmethod
    def of(
        cls, exc: WhimbrelError, origins: dict[str, str | None], input_id: str | None = None
    ) -> Failure:
        article_id = getattr(exc, "article_id", None)
        return cls(
            input_id=input_id,
            article_id=article_id,
            origin=origins.get(article_id) if article_id else None,
            kind=type(exc).__name__,
            message=str(exc),
            reason=getattr(exc, "reason", None) or str(exc),
            source=getattr(exc, "source", None),
            line=getattr(exc, "line", None),
        )


@dataclass
class PartitionResult:
    """What coding one partition gave: its coded articles (input order) and its failures.

    ``fatal`` is set (kind, message) when the pipeline could not load on the worker; then
    nothing was coded and the run must stop, as a single process would.
    """

    key: str
    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    fatal: tuple[str, str] | None = None
    worker: int | None = None
    seconds: float = 0.0

    @property
    def events(self) -> int:
        return sum(len(a.events) for a in self.articles)


@dataclass(frozen=True)
class PartitionFailed:
    """A partition whose task kept failing (an exception, a worker lost) after its retries."""

    key: str
    error: str


def code_partition(key: str, articles: list[Article], config: Config) -> PartitionResult:
    """The task: code ``articles`` with this worker's cached pipeline.

    Returns the coded articles without their working state (sentences, mentions), which
    neither the store nor the events need, so less travels back.
    """
    started = time.perf_counter()
    try:
        pipeline = worker_pipeline(config)
    except WhimbrelError as exc:
        return PartitionResult(key, fatal=(type(exc).__name__, str(exc)), worker=os.getpid())
    origins = {a.id: a.origin for a in articles}
    ids = [a.id for a in articles]  # pipe yields one result per article, in order
    result = PartitionResult(key, worker=os.getpid())
    for position, item in enumerate(pipeline.pipe(articles)):
        if isinstance(item, ModelError):
            result.fatal = (type(item).__name__, str(item))
            return result
        if isinstance(item, WhimbrelError):
            result.failures.append(Failure.of(item, origins, ids[position]))
            continue
        item.sentences = []
        item.mentions = []
        result.articles.append(item)
    result.seconds = time.perf_counter() - started
    return result


Task = Callable[[str, list[Article], "Config"], PartitionResult]
Outcome = PartitionResult | PartitionFailed


def run_partitions(
    partitions: Iterable[Partition],
    config: Config,
    *,
    client: Any = None,
    retries: int = DEFAULT_RETRIES,
    window: int | None = None,
    ordered: bool = False,
    task: Task = code_partition,
) -> Iterator[tuple[Partition, Outcome]]:
    """Code ``partitions`` and yield ``(partition, outcome)`` as each finishes.

    With a Dask ``client`` at most ``window`` partitions (default: twice the cluster's
    threads) are submitted and not yet yielded at any time; ``ordered`` yields them in
    input order (for streamed output), otherwise as they complete. A fatal result stops
    nothing here: the caller raises it. ``task`` is the function run on a worker (tests
    pass one that fails).
    """
    if client is None:
        for part in partitions:
            try:
                outcome: Outcome = task(part.key, part.articles, config)
            except Exception as exc:
                outcome = PartitionFailed(part.key, f"{type(exc).__name__}: {exc}")
            yield part, outcome
        return
    yield from _run_on_dask(partitions, config, client, retries, window, ordered, task)


def _run_on_dask(
    partitions: Iterable[Partition],
    config: Config,
    client: Any,
    retries: int,
    window: int | None,
    ordered: bool,
    task: Task,
) -> Iterator[tuple[Partition, Outcome]]:
    from distributed import as_completed

    limit = window or max(2, 2 * (sum(client.nthreads().values()) or 1))
    prefix = f"whimbrel-{config_key(config)}"
    source = iter(partitions)
    flowing = as_completed()
    parts: dict[str, tuple[int, Partition]] = {}  # future key -> (submission number, part)
    done: dict[int, tuple[Partition, Outcome]] = {}  # finished, waiting for their turn
    outstanding = 0  # submitted and not yet yielded
    submitted = 0
    next_turn = 0  # the submission ``ordered`` yields next
    exhausted = False

    def submit() -> None:
        nonlocal outstanding, submitted, exhausted
        while not exhausted and outstanding < limit:
            part = next(source, None)
            if part is None:
                exhausted = True
                return
            future = client.submit(
                task,
                part.key,
                part.articles,
                config,
                key=f"{prefix}-{part.key}",
                retries=retries,
                pure=False,
            )
            parts[future.key] = (submitted, part)
            flowing.add(future)
            outstanding += 1
            submitted += 1

    submit()
    for future in flowing:
        turn, part = parts.pop(future.key)
        if future.status == "finished":
            outcome: Outcome = future.result()
        else:
            exc = future.exception()
            outcome = PartitionFailed(part.key, f"{type(exc).__name__}: {exc}")
        future.release()
        if not ordered:
            outstanding -= 1
            yield part, outcome
        else:
            done[turn] = (part, outcome)
            while next_turn in done:
                outstanding -= 1
                yield done.pop(next_turn)
                next_turn += 1
        submit()
