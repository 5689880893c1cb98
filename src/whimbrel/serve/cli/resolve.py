"""``whimbrel resolve``: look names up in the actor knowledge base, one by one or from a file.

The command is a thin shell over :func:`whimbrel.actors.resolve.resolve_names`, so the library
and the CLI give the same answers. A bad request line is reported on stderr with its file and
line number and skipped; the rest are still resolved and the exit status says something failed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from whimbrel.actors.knowledge_base import KnowledgeBase
from whimbrel.actors.resolve import parse_record, resolve_names
from whimbrel.errors import InputError, WhimbrelError
from whimbrel.serve.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app

COLUMNS = ("name", "id", "country", "sector", "secondary_sector", "kind")


class Format(StrEnum):
    """Output formats of ``whimbrel resolve``."""

    table = "table"
    jsonl = "jsonl"
    json = "json"


def _read_file(path: Path, failures: list[str]) -> Iterator[dict[str, Any]]:
    """Request records from a JSONL file; bad lines go to *failures* and are skipped."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield parse_record(line, source=str(path), number=number)
            except InputError as exc:
                failures.append(str(exc))
                print(f"whimbrel resolve: {exc}", file=sys.stderr)


def _table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("text", *COLUMNS)
    for row in rows:
        actor = row["actor"] or {}
        table.add_row(row["text"], *[str(actor.get(c) or "") for c in COLUMNS])
    Console(file=out, soft_wrap=True).print(table)


@app.command("resolve")
def resolve_command(
    texts: Annotated[
        list[str] | None, typer.Argument(help="Names or descriptions as written in the news.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            help="Date (YYYY-MM-DD) the names refer to; default: the KB's as-of date.",
        ),
    ] = None,
    context: Annotated[
        list[str] | None,
        typer.Option(
            "--context",
            "-c",
            help="ISO3 code of a country the text is about (repeatable, most salient first).",
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            "-f",
            help='JSONL file of {"id", "text", "date"?, "context"?} requests.',
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="Output format: table (default on a terminal), jsonl (default otherwise) or json.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the output to this file instead of stdout."),
    ] = None,
    kb_path: Annotated[
        Path | None,
        typer.Option("--kb", help="Knowledge-base directory to use instead of the packaged one."),
    ] = None,
) -> None:
    """Resolve names to PLOVER actors (name, id, country, sector, kind) at a date."""
    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            typer.echo(f"whimbrel resolve: bad --date {date!r}: expected YYYY-MM-DD", err=True)
            raise typer.Exit(EXIT_USAGE) from None
    if not texts and file is None:
        typer.echo("whimbrel resolve: give names to resolve or --file", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        kb = KnowledgeBase.load(kb_path)
    except WhimbrelError as exc:
        typer.echo(f"whimbrel resolve: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    failures: list[str] = []
    ctx = [c.strip() for item in (context or []) for c in item.split(",") if c.strip()]
    requests: list[dict[str, Any]] = [
        {"id": i, "text": t, "date": day, "context": ctx} for i, t in enumerate(texts or [], 1)
    ]
    if file is not None:
        for rec in _read_file(file, failures):
            rec["date"] = rec.get("date") or day
            rec["context"] = rec["context"] or ctx
            requests.append(rec)
    rows = list(resolve_names(requests, kb))
    chosen = fmt or (Format.table if out is None and sys.stdout.isatty() else Format.jsonl)
    sink: TextIO = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        if chosen is Format.table:
            _table(rows, sink)
        elif chosen is Format.json:
            sink.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            for row in rows:
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
    raise typer.Exit(EXIT_SOME_FAILED if failures else EXIT_OK)
