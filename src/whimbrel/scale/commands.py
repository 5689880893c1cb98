"""What ``whimbrel ingest --workers/--scheduler`` and ``whimbrel code --workers/--format parquet``
do, kept here so the CLI modules only parse options and map errors to exit statuses.

Errors: :class:`UsageError` (a :class:`~whimbrel.errors.ConfigError`: exit status 2),
:class:`~whimbrel.scale.cluster.ScaleError` (Dask missing, cluster unreachable, workers
that differ: 3), and the ``ConfigError``/``ModelError`` a single process would raise.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from types import SimpleNamespace
from typing import IO, TYPE_CHECKING, Any

from whimbrel.errors import ConfigError, ModelError
from whimbrel.records import Article
from whimbrel.scale.cluster import dask_client, prepare_workers
from whimbrel.scale.partitions import DEFAULT_PARTITION_SIZE, Partition, partition
from whimbrel.scale.runner import (
    DEFAULT_RETRIES,
    PartitionFailed,
    PartitionResult,
    config_key,
    run_partitions,
    worker_pipeline,
)

if TYPE_CHECKING:
    from whimbrel.config import Config
    from whimbrel.store.base import Store
    from whimbrel.store.ingest import IngestSummary, Progress


class UsageError(ConfigError):
    """Options that do not go together (exit status 2)."""


def check_options(workers: int | None, scheduler: str | None) -> None:
    if workers is not None and scheduler is not None:
        raise UsageError("give --workers N or --scheduler tcp://HOST:PORT, not both")
    if workers is not None and workers < 1:
        raise UsageError("--workers: at least 1")
    if scheduler is not None and "://" not in scheduler:
        raise UsageError(f"--scheduler: expected tcp://HOST:PORT, not {scheduler!r}")


@contextmanager
def cluster(workers: int | None, scheduler: str | None) -> Iterator[Any]:
    """A Dask client for ``--workers``/``--scheduler``, or None to code in this process."""
    check_options(workers, scheduler)
    if workers is None and scheduler is None:
        yield None
        return
    with dask_client(workers, scheduler) as client:
        yield client


def versions(client: Any, config: Config) -> tuple[str, str | None]:
    """The coder and knowledge base that will code: the workers' (checked equal) or ours."""
    if client is not None:
        info = prepare_workers(client, config)
        return info.coder, info.kb_version
    from whimbrel.store.ingest import pipeline_versions

    return pipeline_versions(worker_pipeline(config))


def _raise_fatal(outcome: PartitionResult) -> None:
    if outcome.fatal:
        kind, message = outcome.fatal
        raise (ConfigError if kind == "ConfigError" else ModelError)(message)


def _partition_failed(part: Partition, outcome: PartitionFailed, retries: int) -> list[str]:
    return [
        f"{origin}: not coded: its partition {part.key} failed after {retries} retries: "
        f"{outcome.error}"
        for origin in part.origins
    ]


# -- ingest -----------------------------------------------------------------------------------


def ingest(
    store: Store,
    sources: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    config: Config | str | None = None,
    date: dt.date | None = None,
    csv_map: dict[str, str] | None = None,
    progress: Progress | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    retries: int = DEFAULT_RETRIES,
    **options: Any,
) -> IngestSummary:
    """``Store.ingest`` with the coding spread over Dask workers; this process writes.

    Give ``workers`` (a local cluster of that many processes), ``scheduler`` (an existing
    cluster) or a ready ``client``. ``config`` is a :class:`~whimbrel.config.Config` or the
    path of a whimbrel.toml; it is sent to the workers, so data files it names must exist
    on them too.
    """
    from whimbrel.config import Config, load_config
    from whimbrel.scale.writer import ingest_partitioned

    cfg = config if isinstance(config, Config) else load_config(config)
    run_dedup = options.pop("dedup", None)
    held = nullcontext(client) if client is not None else cluster(workers, scheduler)
    with held as active:
        coder, kb_version = versions(active, cfg)
        summary = ingest_partitioned(
            store,
            sources,
            config=cfg,
            client=active,
            coder=coder,
            kb_version=kb_version,
            date=date,
            csv_map=csv_map,
            progress=progress,
            partition_size=partition_size,
            retries=retries,
            **options,
        )
    _after_ingest(store, cfg, run_dedup)
    return summary


def _after_ingest(store: Store, config: Config, run_dedup: bool | None) -> None:
    """What ``Store.ingest`` does after its last commit (deduplication, where the store has
    it), so a distributed ingest leaves the store a single-process one leaves."""
    settings_of = getattr(store, "_dedup_settings", None)
    if settings_of is None or not hasattr(store, "dedup"):
        return
    settings = settings_of(SimpleNamespace(config=config))
    if run_dedup if run_dedup is not None else getattr(settings, "enabled", True):
        store.dedup(settings=settings)


# -- code -------------------------------------------------------------------------------------


def code(
    articles: Iterable[Article],
    failures: list[str],
    *,
    fmt: str,
    out: Path | None,
    workers: int | None = None,
    scheduler: str | None = None,
    config: str | os.PathLike[str] | None = None,
    explain: bool = False,
    max_chars: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    retries: int = DEFAULT_RETRIES,
    client: Any = None,
    echo: Callable[[str], None] | None = None,
    task: Any = None,
) -> int:
    """Code ``articles`` in partitions (on Dask workers, or here) and write their events.

    ``fmt`` ``parquet`` writes under the directory ``out`` (see
    :mod:`whimbrel.scale.parquet`) and skips partitions a previous run finished; any other
    format streams the events in input order, as the single-process command does.
    ``max_chars`` is ``--max-article-chars``. Appends one message per failed input to
    ``failures`` and returns the articles coded.
    ``echo`` prints the summary line (default: standard error).
    """
    from whimbrel.config import load_config

    if fmt == "parquet":
        if out is None:
            raise UsageError("--format parquet writes a directory: give --out DIR")
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out}: not a directory (--format parquet writes one)")
    overrides: dict[str, Any] = {"events.finalize.explain": True} if explain else {}
    if max_chars is not None:  # as the single-process command passes --max-article-chars
        overrides["pipeline.max_article_chars"] = max_chars
    cfg = load_config(str(config) if config else None, overrides)
    options: dict[str, Any] = {"retries": retries}
    if task is not None:
        options["task"] = task
    say = echo or (lambda line: print(line, file=sys.stderr))
    held = nullcontext(client) if client is not None else cluster(workers, scheduler)
    with held as active:
        coder, kb_version = versions(active, cfg)
        parts = partition(articles, partition_size)
        if fmt == "parquet":
            assert out is not None
            return _to_parquet(
                parts, failures, out, cfg, active, coder, kb_version, partition_size, say, options
            )
        stream = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            return _to_stream(parts, failures, fmt, stream, explain, cfg, active, options)
        finally:
            if out:
                stream.close()


def _to_stream(
    parts: Iterable[Partition],
    failures: list[str],
    fmt: str,
    stream: IO[str],
    explain: bool,
    config: Config,
    client: Any,
    options: dict[str, Any],
) -> int:
    from whimbrel.serve.cli.output import EventWriter

    writer = EventWriter(fmt, stream, explain=explain)
    coded = 0
    for part, outcome in run_partitions(parts, config, client=client, ordered=True, **options):
        if isinstance(outcome, PartitionFailed):
            failures.extend(_partition_failed(part, outcome, options["retries"]))
            continue
        _raise_fatal(outcome)
        failed = {f.input_id: f for f in outcome.failures}
        coded_by_id = {a.id: a for a in outcome.articles}
        for article in part.articles:  # input order
            if article.id in coded_by_id:
                writer.write(coded_by_id[article.id])
                coded += 1
            elif article.id in failed:
                failures.append(failed.pop(article.id).message)
        failures.extend(f.message for f in failed.values())
    writer.close()
    return coded


def _to_parquet(
    parts: Iterable[Partition],
    failures: list[str],
    out: Path,
    config: Config,
    client: Any,
    coder: str,
    kb_version: str | None,
    partition_size: int,
    say: Callable[[str], None],
    options: dict[str, Any],
) -> int:
    from whimbrel.scale import parquet

    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    settings = {
        "partition_size": partition_size,
        "coder": coder,
        "kb_version": kb_version,
        "config": config_key(config),
    }
    try:
        parquet.check_run(out, settings)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    seen: set[str] = set()
    done = {"partitions": 0, "articles": 0, "events": 0}

    def todo() -> Iterator[Partition]:
        for part in parts:
            seen.add(part.key)
            manifest = parquet.read_manifest(out, part.key)
            if manifest is None:
                yield part
                continue
            done["partitions"] += 1
            done["articles"] += manifest.articles
            done["events"] += manifest.events
            failures.extend(
                f"{f['message']} (recorded by an earlier run)" for f in manifest.failures
            )

    coded = events = written = 0
    for part, outcome in run_partitions(todo(), config, client=client, **options):
        if isinstance(outcome, PartitionFailed):
            failures.extend(_partition_failed(part, outcome, options["retries"]))
            continue
        _raise_fatal(outcome)
        parquet.write_partition(
            out, part.key, outcome.articles, outcome.failures, coder=coder, kb_version=kb_version
        )
        written += 1
        coded += len(outcome.articles)
        events += outcome.events
        failures.extend(f.message for f in outcome.failures)
    seconds = time.monotonic() - started
    rate = coded / seconds if seconds > 0 else 0.0
    line = (
        f"{coded} articles coded, {events} events written to {out} in {written} partitions"
        f" ({seconds:.1f} s, {rate:.1f} articles/s)"
    )
    if done["partitions"]:
        line += (
            f"; {done['partitions']} partitions ({done['articles']} articles, "
            f"{done['events']} events) already written, skipped"
        )
    say(f"whimbrel code: {line}")
    stale = sorted(set(parquet.manifests(out)) - seen)
    if stale:
        say(
            f"whimbrel code: note: {out} also holds {len(stale)} partitions that these inputs "
            f"do not make (e.g. part-{stale[0]}); they were left as they are"
        )
    return coded
