"""``whimbrel serve``: the REST API and web page over a store (docs/api.md, docs/web.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from whimbrel.errors import StoreError
from whimbrel.serve.cli.app import EXIT_FATAL, EXIT_OK, EXIT_USAGE, app
from whimbrel.serve.cli.options import DbOption

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; loopback unless you mean otherwise."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="WHIMBREL_TOKEN",
            help="Bearer token that POST /api/articles requires (without one, writes answer 403).",
            show_default=False,
        ),
    ] = None,
    lock_timeout: Annotated[
        float,
        typer.Option("--lock-timeout", help="Seconds a request waits for a busy DuckDB store."),
    ] = 5.0,
) -> None:
    """Serve the REST API (/api, OpenAPI at /docs) and the web page (/) over a store.

    Reads open the store read-only for one request at a time; POST /api/articles takes the
    write lock only while it commits (docs/api.md). Stop with Ctrl-C.
    """
    import uvicorn

    from whimbrel.serve.api import create_app

    if not 0 < port < 65536:
        typer.echo(f"whimbrel serve: bad --port {port}", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        application = create_app(db, token=token or None, lock_timeout=lock_timeout)
    except StoreError as exc:
        typer.echo(f"whimbrel serve: fatal: {exc}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    if host not in _LOOPBACK:
        typer.echo(
            f"whimbrel serve: listening on {host}, beyond this machine: put it behind TLS",
            err=True,
        )
    typer.echo(f"whimbrel serve: http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="info", server_header=False)
    raise typer.Exit(EXIT_OK)
