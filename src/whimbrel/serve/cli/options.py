"""Options shared by several commands, defined once (the way sqlite-utils shares its output options)."""

from __future__ import annotations

from typing import Annotated

import typer

#: The shared ``--db`` option of every command that reads or writes the store.
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="WHIMBREL_DB",
        help="The store: a DuckDB file (default whimbrel.duckdb) or postgresql://user@host/db.",
        show_default=False,
    ),
]
ConfigOption = Annotated[str | None, typer.Option("--config", help="A whimbrel.toml to use.")]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Code on a local Dask cluster of N worker processes (needs whimbrel[scale]).",
        show_default=False,
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Code on the running Dask cluster at tcp://HOST:PORT (needs whimbrel[scale]).",
        show_default=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
]
