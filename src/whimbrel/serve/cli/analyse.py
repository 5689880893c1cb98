"""``whimbrel dyad``, ``actors``, ``network`` and ``plot dyad``: questions asked of the store.

Thin shells over :mod:`whimbrel.analysis` (docs/api.md shares the definitions). The store is
opened read-only, so these commands run beside ``whimbrel serve`` (docs/store.md). Exit
status: 0 answered, 2 usage error, 3 fatal (the store cannot open or is locked).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from whimbrel.errors import InputError, StoreError, WhimbrelError
from whimbrel.records import REALISED
from whimbrel.serve.cli.app import EXIT_FATAL, EXIT_OK, EXIT_USAGE, app
from whimbrel.serve.cli.options import DbOption

TABLE_FORMATS = ("table", "jsonl", "csv")
REALISED_CSV = ",".join(REALISED)

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="table, jsonl or csv (default: table on a terminal, else jsonl)."
    ),
]
FactualityOption = Annotated[
    str,
    typer.Option(
        "--factuality",
        help="Comma-separated factualities to count, or all (default: the realised ones, "
        "asserted,reported,habitual).",
    ),
]
LevelOption = Annotated[
    str,
    typer.Option("--level", help="country: one node per country code; actor: one per actor id."),
]

plot_app = typer.Typer(help="Draw charts of the store's events.", no_args_is_help=True)
app.add_typer(plot_app, name="plot")


def _fail(command: str, message: str, status: int) -> typer.Exit:
    typer.echo(f"whimbrel {command}: {message}", err=True)
    return typer.Exit(status)


def _store(command: str, db: str | None) -> Any:
    from whimbrel.store import Store

    try:
        return Store(db, read_only=True, lock_timeout=5)
    except StoreError as exc:
        raise _fail(command, f"fatal: {exc}", EXIT_FATAL) from None


def _factuality(value: str) -> str | list[str]:
    return "all" if value.strip() == "all" else [v.strip() for v in value.split(",") if v.strip()]


def _format(command: str, fmt: str | None) -> str:
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in TABLE_FORMATS:
        raise _fail(command, f"unknown format {fmt!r}; choose table, jsonl or csv", EXIT_USAGE)
    return fmt


def write_rows(rows: list[dict[str, Any]], fmt: str, stream: TextIO, title: str = "") -> None:
    """Rows as JSON Lines, CSV or a rich table."""
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    flat = [_flat(row) for row in rows]
    columns = list(flat[0]) if flat else []
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, title=title or None, header_style="bold")
    for row in flat:
        table.add_row(*["" if row[c] is None else str(row[c]) for c in columns])
    Console(file=stream, width=None if stream is sys.stdout else 160).print(table)


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row for CSV and tables: quad counts as columns, other nested values as JSON."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key == "by_quad":
            out.update({f"quad_{q}": n for q, n in value.items()})
        elif isinstance(value, dict | list):
            out[key] = json.dumps(value, ensure_ascii=False)
        else:
            out[key] = value
    return out


def _table_row(bucket: dict[str, Any]) -> dict[str, Any]:
    """A dyad bucket narrow enough for a terminal."""
    q = bucket["by_quad"]
    return {
        "period": bucket["period"],
        "events": bucket["events"],
        "q1": q["1"], "q2": q["2"], "q3": q["3"], "q4": q["4"],
        "net": bucket["net_cooperation"],
        "mean score": bucket["mean_score"],
        "types": ", ".join(f"{t} {n}" for t, n in bucket["by_type"].items()),
    }  # fmt: skip


def _short(row: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """An actor or dyad row narrow enough for a terminal."""
    names = {"as_source": "src", "as_target": "tgt"}
    out = {names.get(k, k): row[k] for k in keys}
    q = row["by_quad"]
    out.update({"events": row["events"], "q1": q["1"], "q2": q["2"], "q3": q["3"], "q4": q["4"]})
    out.update({"net": row["net_cooperation"], "mean score": row["mean_score"]})
    return out


def _run(command: str, work: Any) -> Any:
    try:
        return work()
    except InputError as exc:
        raise _fail(command, str(exc), EXIT_USAGE) from None
    except WhimbrelError as exc:
        raise _fail(command, f"fatal: {exc}", EXIT_FATAL) from None


@app.command("dyad")
def dyad_command(
    a: Annotated[str, typer.Argument(help="One party: a country code (RUS) or actor id.")],
    b: Annotated[str, typer.Argument(help="The other party.")],
    by: Annotated[str, typer.Option("--by", help="Bucket size: week (ISO), month or year.")] = (
        "week"
    ),
    directed: Annotated[
        bool, typer.Option("--directed", help="Only A's actions towards B (and reciprocal ones).")
    ] = False,
    factuality: FactualityOption = REALISED_CSV,
    db: DbOption = None,
    fmt: FormatOption = None,
) -> None:
    """The events between two parties per ISO week, month or year.

    Each row: counts by quad and type, mean score, and net cooperation = (quad 1 + quad 2) −
    (quad 3 + quad 4). Both directions by default; reciprocal events (both parties as sources,
    no target) count for the pair. Undated events, and events dated less precisely than the
    bucket, are left out (their number goes to standard error).
    """
    from whimbrel.analysis.dyads import check_by, dyad_report, flat_rows

    fmt = _format("dyad", fmt)
    _run("dyad", lambda: check_by(by))
    with _store("dyad", db) as store:
        report = _run(
            "dyad",
            lambda: dyad_report(
                store, a, b, by=by, directed=directed, factuality=_factuality(factuality)
            ),
        )
    if fmt == "jsonl":
        rows = report["series"]
    elif fmt == "csv":
        rows = flat_rows(report["series"])
    else:
        rows = [_table_row(r) for r in report["series"]]
    write_rows(rows, fmt, sys.stdout, title=f"{a} {'→' if directed else '–'} {b} by {by}")
    if report["left_out"]:
        typer.echo(
            f"whimbrel dyad: {report['left_out']} events left out: undated or dated less "
            f"precisely than a {by}",
            err=True,
        )
    if not report["events"]:
        typer.echo(f"whimbrel dyad: no events between {a} and {b}", err=True)
    raise typer.Exit(EXIT_OK)


@app.command("actors")
def actors_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many actors and dyads.")] = 20,
    level: LevelOption = "country",
    factuality: FactualityOption = REALISED_CSV,
    fmt: FormatOption = None,
) -> None:
    """The most active actors and dyads of the store (events, by quad, mean score).

    jsonl writes one line per actor ({"kind": "actor", ...}) then per dyad ({"kind": "dyad"}).
    """
    from whimbrel.analysis.actors import actor_report

    fmt = _format("actors", fmt)
    with _store("actors", db) as store:
        report = _run(
            "actors",
            lambda: actor_report(
                store, level=level, limit=limit, factuality=_factuality(factuality)
            ),
        )
    actors, dyads = report["actors"], report["dyads"]
    if fmt == "jsonl":
        rows = [{"kind": "actor", **r} for r in actors] + [{"kind": "dyad", **r} for r in dyads]
        write_rows(rows, fmt, sys.stdout)
    else:
        if fmt == "table":
            actors = [
                _short(r, ("actor", "name", "sector", "as_source", "as_target")) for r in actors
            ]
            dyads = [_short(r, ("a", "b")) for r in dyads]
        write_rows(actors, fmt, sys.stdout, title="most active actors")
        if fmt == "csv":
            sys.stdout.write("\n")
        write_rows(dyads, fmt, sys.stdout, title="most active dyads")
    raise typer.Exit(EXIT_OK)


@app.command("network")
def network_command(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Write the graph here: .graphml or .json."),
    ],
    db: DbOption = None,
    level: LevelOption = "country",
    factuality: FactualityOption = REALISED_CSV,
) -> None:
    """Export the actor network: nodes are actors, edges weighted by events and mean score."""
    from whimbrel.analysis.actors import store_events
    from whimbrel.analysis.network import build_graph, format_of, write_graph

    fmt = _run("network", lambda: format_of(out))
    with _store("network", db) as store:
        graph = _run(
            "network",
            lambda: build_graph(store_events(store, _factuality(factuality)), level=level),
        )
    write_graph(graph, out, fmt)
    typer.echo(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges written to {out}")
    raise typer.Exit(EXIT_OK)


@plot_app.command("dyad")
def plot_dyad_command(
    a: Annotated[str, typer.Argument(help="One party: a country code (RUS) or actor id.")],
    b: Annotated[str, typer.Argument(help="The other party.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The chart: .png, .svg or self-contained .html.")
    ],
    by: Annotated[str, typer.Option("--by", help="Bucket size: week (ISO), month or year.")] = (
        "month"
    ),
    directed: Annotated[
        bool, typer.Option("--directed", help="Only A's actions towards B (and reciprocal ones).")
    ] = False,
    factuality: FactualityOption = REALISED_CSV,
    db: DbOption = None,
) -> None:
    """Chart a dyad over time: cooperation above the axis, conflict below, net as a line."""
    from whimbrel.analysis.dyads import check_by, dyad_series
    from whimbrel.analysis.plots import plot_dyad

    _run("plot", lambda: check_by(by))
    if out.suffix.lower() not in (".png", ".svg", ".html"):
        raise _fail("plot", f"cannot plot to {out}: name the file .png, .svg or .html", EXIT_USAGE)
    with _store("plot", db) as store:
        series = _run(
            "plot",
            lambda: dyad_series(
                store, a, b, by=by, directed=directed, factuality=_factuality(factuality)
            ),
        )
    if not series:
        raise _fail("plot", f"nothing to plot: no dated events between {a} and {b}", 1)
    title = f"{a} {'→' if directed else '–'} {b}, events per {by}"
    _run("plot", lambda: plot_dyad(series, out, title=title))
    typer.echo(f"{len(series)} {by}s plotted to {out}")
    raise typer.Exit(EXIT_OK)
