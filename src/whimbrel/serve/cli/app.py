"""The one typer application every command module registers on (see docs/cli.md)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="whimbrel",
    help="Turn news into PLOVER political event data: who did what to whom, when, where, how certain.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Exit statuses shared by every command (docs/cli.md).
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_FATAL = 3
