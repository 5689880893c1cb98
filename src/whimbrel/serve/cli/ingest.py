"""``whimbrel ingest``, ``recode``, ``errors`` and ``watch``: fill and maintain the event store.

Thin shells over :mod:`whimbrel.store` (docs/store.md). Exit statuses as for ``whimbrel
code``: 0 all inputs ingested, 1 some failed (each named on standard error and recorded in
the store's errors table), 2 usage error, 3 fatal (the store cannot open, the model cannot load).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from whimbrel.errors import ConfigError, InputError, StoreError, WhimbrelError
from whimbrel.serve.cli.app import EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from whimbrel.serve.cli.options import (
    ConfigOption,
    DateOption,
    DbOption,
    SchedulerOption,
    WorkersOption,
)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _fail(command: str, message: str, status: int) -> typer.Exit:
    typer.echo(f"whimbrel {command}: {message}", err=True)
    return typer.Exit(status)


def _open(command: str, db: str | None, *, read_only: bool = False, lock_timeout: float = 0):
    from whimbrel.store import Store

    try:
        return Store(db, read_only=read_only, lock_timeout=lock_timeout)
    except StoreError as exc:
        raise _fail(command, f"fatal: {exc}", EXIT_FATAL) from None


def _pipeline(command: str, config: str | None):
    from whimbrel.pipeline import load_pipeline

    try:
        return load_pipeline(config)
    except ConfigError as exc:
        raise _fail(command, str(exc), EXIT_USAGE) from None
    except WhimbrelError as exc:
        raise _fail(command, f"fatal: {exc}", EXIT_FATAL) from None


@contextmanager
def _progress(label: str) -> Iterator[Any]:
    """A live line on a terminal (articles, articles/s, events); nothing when not a TTY."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn(label),
        TextColumn("{task.fields[done]} articles · {task.fields[rate]:.1f}/s"),
        TextColumn("· {task.fields[events]} events · {task.fields[skipped]} skipped"),
        TextColumn("· {task.fields[failed]} failed"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None, done=0, rate=0.0, events=0, skipped=0, failed=0)

        def update(summary: Any, *_: Any) -> None:
            done = getattr(summary, "ingested", getattr(summary, "recoded", 0))
            rate = done / summary.seconds if summary.seconds else 0.0
            bar.update(
                task,
                done=done,
                rate=rate,
                events=summary.events,
                skipped=getattr(summary, "skipped", 0),
                failed=summary.failed,
            )

        yield update


def _report(command: str, summary: Any, where: str) -> int:
    for message in summary.failures:
        typer.echo(f"whimbrel {command}: {message}", err=True)
    typer.echo(f"{summary} into {where}" if command != "recode" else f"{summary} in {where}")
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def _publication_date(command: str, date: str | None) -> dt.date | None:
    from whimbrel.pipeline import parse_date

    try:
        return parse_date(date)
    except InputError as exc:
        raise _fail(command, f"--date: {exc}", EXIT_USAGE) from None


@app.command("ingest")
def ingest_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt .html .jsonl .csv), directories, globs, feeds (.xml .rss .atom "
            "or a feed URL), http(s) URLs, or - for standard input.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    date: DateOption = None,
    csv_map: Annotated[
        str | None,
        typer.Option(
            "--csv-map",
            help="CSV columns of the article fields, e.g. text=body,date=published,url=link "
            "(fields: text html date url title publisher author id).",
        ),
    ] = None,
    config: ConfigOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Code articles into the event store; articles already stored are skipped.

    Each article is committed with its events in one transaction, so a killed run can simply be started again.

    With --workers N (or --scheduler) the articles are coded in partitions on a Dask cluster (pip install 'whimbrel[scale]'); this process alone writes the store (docs/SCALING.md).

    Exit status: 0 all ingested, 1 some inputs failed (named on stderr, listed by whimbrel errors), 2 usage error, 3 fatal.
    """
    from whimbrel.store.csv_corpus import parse_csv_map

    pub = _publication_date("ingest", date)
    try:
        mapping = parse_csv_map(csv_map)
    except ValueError as exc:
        raise _fail("ingest", str(exc), EXIT_USAGE) from None
    with _open("ingest", db) as store:
        if workers is not None or scheduler is not None:
            summary = _ingest_scaled(store, sources, workers, scheduler, config, pub, mapping)
            raise typer.Exit(_report("ingest", summary, store.backend.label))
        pipeline = _pipeline("ingest", config)
        try:
            with _progress("ingesting") as update:
                summary = store.ingest(
                    sources, pipeline=pipeline, date=pub, csv_map=mapping or None, progress=update
                )
        except WhimbrelError as exc:
            raise _fail("ingest", f"fatal: {exc}", EXIT_FATAL) from None
        status = _report("ingest", summary, store.backend.label)
    raise typer.Exit(status)


def _ingest_scaled(store, sources, workers, scheduler, config, pub, mapping):
    """``ingest`` with the coding on a Dask cluster (whimbrel.scale); errors as exit statuses."""
    from whimbrel import scale

    try:
        with _progress("ingesting") as update:
            return scale.ingest(
                store,
                sources,
                workers=workers,
                scheduler=scheduler,
                config=config,
                date=pub,
                csv_map=mapping or None,
                progress=update,
            )
    except ConfigError as exc:
        raise _fail("ingest", str(exc), EXIT_USAGE) from None
    except WhimbrelError as exc:
        raise _fail("ingest", f"fatal: {exc}", EXIT_FATAL) from None


@app.command("recode")
def recode_command(db: DbOption = None, config: ConfigOption = None) -> None:
    """Recode stored articles coded by another coder or knowledge-base version.

    Each article's old events are kept until its new ones are committed; running it again recodes only what is still out of date.

    Exit status: 0 all recoded, 1 some failed, 3 fatal.
    """
    with _open("recode", db) as store:
        pipeline = _pipeline("recode", config)
        try:
            with _progress("recoding") as update:
                summary = store.recode(pipeline, progress=update)
        except WhimbrelError as exc:
            raise _fail("recode", f"fatal: {exc}", EXIT_FATAL) from None
        status = _report("recode", summary, store.backend.label)
    raise typer.Exit(status)


@app.command("errors")
def errors_command(
    db: DbOption = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="table or jsonl (default: table on a terminal)."),
    ] = None,
) -> None:
    """List the inputs that failed to ingest, with their line and reason."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in ("table", "jsonl"):
        raise _fail("errors", f"unknown format {fmt!r}; choose table or jsonl", EXIT_USAGE)
    with _open("errors", db, read_only=True, lock_timeout=5) as store:
        found = store.errors()
    if fmt == "jsonl":
        for e in found:
            record = {
                "source": e.source,
                "line": e.line,
                "reason": e.reason,
                "kind": e.kind,
                "first_at": e.first_at.isoformat() + "Z",
                "last_at": e.last_at.isoformat() + "Z",
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("last seen (UTC)", "source", "line", "kind", "reason")
    for e in found:
        table.add_row(
            e.last_at.strftime("%Y-%m-%d %H:%M"),
            e.source or "",
            "" if e.line is None else str(e.line),
            e.kind,
            e.reason,
        )
    Console(soft_wrap=True).print(table if found else "no ingest errors recorded")


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"; ValueError otherwise."""
    match = _INTERVAL.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"--every: expected a duration like 30s, 15m or 2h, not {text!r}")
    return float(match.group(1)) * _SECONDS[match.group(2)]


@app.command("watch")
def watch_command(
    feeds: Annotated[
        list[str], typer.Argument(help="Feed URLs or feed files to poll.", show_default=False)
    ],
    every: Annotated[
        str, typer.Option("--every", help="How often to poll: 30s, 15m, 2h, 1d.")
    ] = "15m",
    db: DbOption = None,
    max_polls: Annotated[
        int | None,
        typer.Option("--max-polls", min=1, help="Stop after this many polls (default: never)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Poll feeds and ingest their new entries until stopped (Ctrl-C).

    The store is opened only while a poll writes, so on DuckDB other processes can read it between polls.

    Exit status: 0 on Ctrl-C or when every poll succeeded, 1 if some entry failed during --max-polls polls, 3 fatal.
    """
    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise _fail("watch", str(exc), EXIT_USAGE) from None
    _open("watch", db).close()  # a store that cannot open is fatal before anything is loaded
    pipeline = _pipeline("watch", config)
    failed = False
    polls = 0
    try:
        while True:
            polls += 1
            failed |= _poll(feeds, db, pipeline, polls)
            if max_polls is not None and polls >= max_polls:
                break
            time.sleep(seconds)
    except KeyboardInterrupt:
        typer.echo(f"whimbrel watch: stopped after {polls} polls", err=True)
        raise typer.Exit(EXIT_OK) from None
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _poll(feeds: list[str], db: str | None, pipeline: Any, number: int) -> bool:
    """One poll; True if some entry failed. A store busy for a minute skips this poll."""
    from whimbrel.store import Store

    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    try:
        with Store(db, lock_timeout=60) as store:
            summary = store.ingest(feeds, pipeline=pipeline)
    except StoreError as exc:
        typer.echo(f"whimbrel watch: poll {number} skipped: {exc}", err=True)
        return True
    for message in summary.failures:
        typer.echo(f"whimbrel watch: {message}", err=True)
    typer.echo(f"{stamp} poll {number}: {summary}")
    return bool(summary.failed)
