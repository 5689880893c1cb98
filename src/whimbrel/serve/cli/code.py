"""``whimbrel code``: code articles from files, corpora or standard input and print their events."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from whimbrel.config import load_config
from whimbrel.errors import ConfigError, InputError, ModelError, WhimbrelError
from whimbrel.pipeline import load_pipeline, parse_date, publication_date_problem
from whimbrel.records import Article
from whimbrel.serve.cli.app import EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from whimbrel.serve.cli.options import DateOption, SchedulerOption, WorkersOption
from whimbrel.serve.cli.output import FORMATS, EventWriter, default_format


def read_all(
    inputs: list[str],
    date: dt.date | None,
    failures: list[str],
    *,
    max_chars: int | None = None,
    csv_map: dict[str, str] | None = None,
) -> Iterator[Article]:
    """Articles from every input in order; each bad input or corpus line is noted and skipped.

    ``.csv`` files are corpora read as by ``whimbrel ingest`` (one article per row, columns
    named by ``csv_map`` or after the fields); everything else goes through ``read_input``.
    """
    from whimbrel.ingest.readers import read_input

    for path in inputs:
        try:
            if path != "-" and path.lower().endswith(".csv"):
                from whimbrel.store.csv_corpus import read_csv

                items = read_csv(path, mapping=csv_map, date=date)
            else:
                items = read_input(path, date=date, stdin=sys.stdin, max_chars=max_chars)
            for item in items:
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
    max_chars: int | None = None,
    csv_map: dict[str, str] | None = None,
) -> tuple[int, list[str]]:
    """Code every input and write the events; returns (articles coded, failure messages)."""
    overrides: dict[str, object] = {"events.finalize.explain": True} if explain else {}
    if max_chars is not None:
        overrides["pipeline.max_article_chars"] = max_chars
    pipeline = load_pipeline(str(config) if config else None, **overrides)
    failures: list[str] = []
    coded = 0
    stream = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    writer = EventWriter(fmt, stream, explain=explain)
    try:
        articles = read_all(inputs, date, failures, max_chars=max_chars, csv_map=csv_map)
        for result in pipeline.pipe(articles):
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
            help="Files (.txt, .html, .jsonl, .csv), or - for standard input.",
            show_default=False,
        ),
    ],
    date: DateOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, jsonl, json, csv, or parquet (a directory by publication month; "
            "needs --out) (default: table on a terminal, else jsonl).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write to this file, not stdout (for parquet: this directory)."
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Add the lexicon row, slots, cues and scores behind each event."
        ),
    ] = False,
    config: Annotated[Path | None, typer.Option("--config", help="A whimbrel.toml to use.")] = None,
    max_article_chars: Annotated[
        int | None,
        typer.Option(
            "--max-article-chars",
            min=1,
            help="Refuse articles longer than this many characters (default: [pipeline] "
            "max_article_chars, 200,000); a bigger text file is refused from its size, unread.",
            show_default=False,
        ),
    ] = None,
    csv_map: Annotated[
        str | None,
        typer.Option(
            "--csv-map",
            help="CSV columns of the article fields, e.g. text=body,date=published "
            "(default: columns named after the fields).",
            show_default=False,
        ),
    ] = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Code news articles into PLOVER events.

    --format parquet --out DIR writes DIR/month=YYYY-MM/part-*.parquet, one file per partition, and a rerun skips the partitions already written; --workers N or --scheduler codes on Dask (docs/SCALING.md).

    Exit status: 0 all inputs coded, 1 some failed (named on stderr), 2 usage error, 3 fatal.
    """
    fmt = fmt or ("jsonl" if out else default_format(sys.stdout))
    if fmt not in (*FORMATS, "parquet"):
        typer.echo(
            f"whimbrel code: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}, parquet",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    try:
        pub = parse_date(date)
        problem = publication_date_problem(pub) if pub else None
        if problem:
            raise InputError(problem)
    except InputError as exc:
        typer.echo(f"whimbrel code: --date: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        from whimbrel.store.csv_corpus import parse_csv_map

        columns = parse_csv_map(csv_map) if csv_map else None
        limit = max_article_chars or load_config(str(config) if config else None).max_article_chars
    except (ValueError, ConfigError) as exc:
        typer.echo(f"whimbrel code: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        if fmt == "parquet" or workers is not None or scheduler is not None:
            from whimbrel import scale

            failures = []
            coded = scale.code(
                read_all(inputs, pub, failures, max_chars=limit, csv_map=columns),
                failures,
                fmt=fmt,
                out=out,
                workers=workers,
                scheduler=scheduler,
                config=config,
                explain=explain,
                max_chars=limit,
            )
        else:
            coded, failures = code_inputs(
                inputs,
                fmt=fmt,
                out=out,
                date=pub,
                explain=explain,
                config=config,
                max_chars=limit,
                csv_map=columns,
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
