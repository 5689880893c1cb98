"""``whimbrel code``: code articles from files, corpora or standard input and print their events."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from whimbrel.errors import ConfigError, InputError, ModelError, WhimbrelError
from whimbrel.pipeline import load_pipeline, parse_date
from whimbrel.records import Article
from whimbrel.serve.cli.app import EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from whimbrel.serve.cli.output import FORMATS, EventWriter, default_format


def read_all(inputs: list[str], date: dt.date | None, failures: list[str]) -> Iterator[Article]:
    """Articles from every input in order; each bad input or corpus line is noted and skipped."""
    from whimbrel.ingest.readers import read_input

    for path in inputs:
        try:
            for item in read_input(path, date=date, stdin=sys.stdin):
                if isinstance(item, InputError):
                    failures.append(str(item))
                else:
                    yield item
        except InputError as exc:
            failures.append(str(exc))


def code_inputs(
    inputs: list[str],
    *,
    fmt: str,
    out: Path | None,
    date: dt.date | None,
    explain: bool,
    config: Path | None,
) -> tuple[int, list[str]]:
    """Code every input and write the events; returns (articles coded, failure messages)."""
    overrides = {"events.finalize.explain": True} if explain else {}
    pipeline = load_pipeline(str(config) if config else None, **overrides)
    failures: list[str] = []
    coded = 0
    stream = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    writer = EventWriter(fmt, stream, explain=explain)
    try:
        for result in pipeline.pipe(read_all(inputs, date, failures)):
            if isinstance(result, WhimbrelError):
                if isinstance(result, ModelError):
                    raise result
                failures.append(str(result))
                continue
            writer.write(result)
            coded += 1
        writer.close()
    finally:
        if out:
            stream.close()
    return coded, failures


@app.command("code")
def code_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .jsonl), or - for standard input.", show_default=False
        ),
    ],
    date: Annotated[
        str | None,
        typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, jsonl, json or csv (default: table on a terminal, else jsonl).",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file, not stdout.")
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Add the lexicon row, slots, cues and scores behind each event."
        ),
    ] = False,
    config: Annotated[Path | None, typer.Option("--config", help="A whimbrel.toml to use.")] = None,
) -> None:
    """Code news articles into PLOVER events.

    Exit status: 0 all inputs coded, 1 some failed (named on stderr), 2 usage error, 3 fatal.
    """
    fmt = fmt or ("jsonl" if out else default_format(sys.stdout))
    if fmt not in FORMATS:
        typer.echo(
            f"whimbrel code: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", err=True
        )
        raise typer.Exit(EXIT_USAGE)
    try:
        pub = parse_date(date)
    except InputError as exc:
        typer.echo(f"whimbrel code: --date: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        coded, failures = code_inputs(
            inputs, fmt=fmt, out=out, date=pub, explain=explain, config=config
        )
    except ConfigError as exc:
        typer.echo(f"whimbrel code: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except WhimbrelError as exc:
        typer.echo(f"whimbrel code: fatal: {exc}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    for message in failures:
        typer.echo(f"whimbrel code: {message}", err=True)
    if failures:
        typer.echo(f"whimbrel code: {coded} coded, {len(failures)} failed", err=True)
    raise typer.Exit(EXIT_SOME_FAILED if failures else EXIT_OK)
