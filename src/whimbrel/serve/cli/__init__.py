"""The ``whimbrel`` command. One module per command group registers on :data:`app`."""

from __future__ import annotations

import sys

from whimbrel.errors import ModelError, WhimbrelError
from whimbrel.serve.cli import analyse as _analyse  # noqa: F401  (registers the commands)
from whimbrel.serve.cli import classify as _classify  # noqa: F401  (registers the command)
from whimbrel.serve.cli import code as _code  # noqa: F401
from whimbrel.serve.cli import evaluate as _evaluate  # noqa: F401
from whimbrel.serve.cli import events as _events  # noqa: F401
from whimbrel.serve.cli import ingest as _ingest  # noqa: F401
from whimbrel.serve.cli import resolve as _resolve  # noqa: F401
from whimbrel.serve.cli import serve as _serve  # noqa: F401
from whimbrel.serve.cli.app import EXIT_FATAL, EXIT_SOME_FAILED, app

__all__ = ["app", "main"]


def main() -> None:
    """Run the CLI, turning library errors into one line on stderr and an exit status."""
    try:
        app(standalone_mode=True)
    except ModelError as exc:
        print(f"whimbrel: fatal: {exc}", file=sys.stderr)
        sys.exit(EXIT_FATAL)
    except WhimbrelError as exc:
        print(f"whimbrel: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(EXIT_SOME_FAILED)
