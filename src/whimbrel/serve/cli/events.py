"""``whimbrel events``, ``export`` and ``dedup``: query, export and deduplicate the event store.

Thin shells over :meth:`whimbrel.store.Store.canonical_events`, :meth:`~Store.mentions`,
:func:`whimbrel.analysis.exports.write_export` and :meth:`~Store.dedup`
(docs/dedup.md, docs/exports.md). Readers open the store read-only, one short connection.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from whimbrel.errors import InputError, StoreError, WhimbrelError
from whimbrel.serve.cli.app import EXIT_FATAL, EXIT_USAGE, app
from whimbrel.serve.cli.options import ConfigOption, DbOption

EVENT_FORMATS = ("table", "jsonl", "csv")

SourceOption = Annotated[
    str | None, typer.Option("--source", help="Source actor: a country code or an actor id.")
]
TargetOption = Annotated[
    str | None, typer.Option("--target", help="Target actor: a country code or an actor id.")
]
ActorOption = Annotated[
    str | None, typer.Option("--actor", help="Any party, source or target (country code or id).")
]
TypeOption = Annotated[
    str | None,
    typer.Option("--type", help="PLOVER event type(s), comma-separated (e.g. ASSAULT,COERCE)."),
]
QuadOption = Annotated[
    str | None, typer.Option("--quad", help="Quad class(es) 1-4, comma-separated.")
]
FactualityOption = Annotated[
    str | None,
    typer.Option(
        "--factuality",
        help="all, or a comma-separated list (asserted,reported,habitual,negated,denied,"
        "hypothetical,future). Default: the realised ones, asserted,reported,habitual.",
        show_default=False,
    ),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Events dated on or after (YYYY-MM-DD).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Events dated on or before (YYYY-MM-DD).")
]
SearchOption = Annotated[
    str | None,
    typer.Option("--search", help="Words that must all appear in the evidence sentence."),
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="At most this many rows.")]
MentionsOption = Annotated[
    bool,
    typer.Option("--mentions", help="Every coded event (mention), not the deduplicated events."),
]
OutputOption = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
]


def _fail(command: str, message: str, status: int) -> typer.Exit:
    typer.echo(f"whimbrel {command}: {message}", err=True)
    return typer.Exit(status)


def _filters(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _read_store(command: str, db: str | None):
    from whimbrel.store import Store

    try:
        return Store(db, read_only=True, lock_timeout=5)
    except StoreError as exc:
        raise _fail(command, f"fatal: {exc}", EXIT_FATAL) from None


def _dyad(actors: list[Any]) -> str:
    return ", ".join(f"{a.name} [{a.country or '-'}{'/' + a.sector if a.sector else ''}]" for a in actors)  # fmt: skip


def _print_table(rows: list[Any], mentions: bool, stream: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    from whimbrel.store.clusters import CanonicalEvent

    console = Console(file=stream, width=None if stream is sys.stdout else 160)
    table = Table(header_style="bold")
    columns = ["date", "type", "source", "target", "factuality"]
    columns += ["cluster", "publisher"] if mentions else ["mentions", "sources"]
    for col in [*columns, "evidence"]:
        table.add_column(col, overflow="fold")
    for r in rows:
        e = r.event
        base = [
            e.date or "?",
            e.event_type + (f"/{e.mode}" if e.mode else ""),
            _dyad(e.source),
            _dyad(e.target) or "—",
            e.factuality,
        ]
        if isinstance(r, CanonicalEvent):
            extra = [str(r.mentions), str(r.sources)]
        else:
            extra = [r.canonical_id or "", r.citation.publisher or ""]
        table.add_row(*base, *extra, e.sentence if len(e.sentence) < 160 else e.sentence[:157] + "…")  # fmt: skip
    console.print(table)
    console.print(f"{len(rows)} {'mentions' if mentions else 'events'}")


@app.command("events")
def events_command(
    db: DbOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    actor: ActorOption = None,
    event_type: TypeOption = None,
    quad: QuadOption = None,
    factuality: FactualityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    limit: LimitOption = None,
    mentions: MentionsOption = False,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="table, jsonl or csv (default: table on a terminal)."),
    ] = None,
    output: OutputOption = None,
) -> None:
    """List stored events: one row per real-world event (deduplicated) with its mention and source counts, or every mention with --mentions.

    Exit status: 0 success, 2 usage error, 3 the store cannot be opened.
    """
    from whimbrel.analysis.exports import write_export

    fmt = fmt or ("table" if output is None and sys.stdout.isatty() else "jsonl")
    if fmt not in EVENT_FORMATS:
        raise _fail("events", f"unknown format {fmt!r}; choose from table, jsonl, csv", EXIT_USAGE)
    filters = _filters(
        source=source, target=target, actor=actor, event_type=event_type, quad=quad,
        factuality=factuality, since=since, until=until, search=search,
    )  # fmt: skip
    with _read_store("events", db) as store:
        try:
            if fmt == "table":
                query = store.mentions if mentions else store.canonical_events
                rows = query(limit=limit, text=False, **filters)
                if output:
                    with open(output, "w", encoding="utf-8") as out:
                        _print_table(rows, mentions, out)
                else:
                    _print_table(rows, mentions, sys.stdout)
                return
            write_export(
                store, fmt, output or sys.stdout, mentions=mentions, text=False, limit=limit,
                **filters,
            )  # fmt: skip
        except (InputError, ValueError) as exc:
            raise _fail("events", str(exc), EXIT_USAGE) from None
        except WhimbrelError as exc:
            raise _fail("events", f"fatal: {exc}", EXIT_FATAL) from None


@app.command("export")
def export_command(
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl, csv, parquet, gdelt or polecat."),
    ] = "jsonl",
    output: OutputOption = None,
    no_text: Annotated[
        bool,
        typer.Option(
            "--no-text", help="Leave article texts and evidence sentences out (for sharing)."
        ),
    ] = False,
    db: DbOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    actor: ActorOption = None,
    event_type: TypeOption = None,
    quad: QuadOption = None,
    factuality: FactualityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    limit: LimitOption = None,
    mentions: MentionsOption = False,
) -> None:
    """Export events with their citations: PLOVER JSON Lines, flat CSV, Parquet, or the columns of the GDELT 2.0 event table or of POLECAT (docs/exports.md).

    Standard output unless -o is given; parquet needs -o.

    Exit status: 0 success, 2 usage error, 3 the store cannot be opened.
    """
    from whimbrel.analysis.exports import FORMATS, write_export

    if fmt not in FORMATS:
        raise _fail("export", f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}", EXIT_USAGE)  # fmt: skip
    if fmt == "parquet" and not output:
        raise _fail("export", "parquet is written to a file: give -o PATH", EXIT_USAGE)
    filters = _filters(
        source=source, target=target, actor=actor, event_type=event_type, quad=quad,
        factuality=factuality, since=since, until=until, search=search,
    )  # fmt: skip
    with _read_store("export", db) as store:
        try:
            count = write_export(
                store, fmt, output or sys.stdout, mentions=mentions, text=not no_text,
                limit=limit, **filters,
            )  # fmt: skip
        except (InputError, ValueError) as exc:
            raise _fail("export", str(exc), EXIT_USAGE) from None
        except WhimbrelError as exc:
            raise _fail("export", f"fatal: {exc}", EXIT_FATAL) from None
    if output:
        typer.echo(f"{count} {'mentions' if mentions else 'events'} written to {output}", err=True)


@app.command("dedup")
def dedup_command(
    db: DbOption = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Relink every article and recluster every event (after changing thresholds).",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Deduplicate the store's events into canonical events and link near-identical articles.

    ingest and recode do this by themselves; run it after an ingest with deduplication off, or with --full after changing the [store.dedup] settings.

    Exit status: 0 success, 2 bad configuration, 3 the store cannot be opened.
    """
    from whimbrel.analysis.dedup import load_dedup_settings
    from whimbrel.errors import ConfigError
    from whimbrel.store import Store

    try:
        settings = load_dedup_settings(config)
    except (ConfigError, ValueError) as exc:
        raise _fail("dedup", str(exc), EXIT_USAGE) from None
    try:
        with Store(db, dedup=settings) as store:
            summary = store.dedup(full=full)
            where = store.backend.label
    except StoreError as exc:
        raise _fail("dedup", f"fatal: {exc}", EXIT_FATAL) from None
    typer.echo(f"{summary} in {where}")
