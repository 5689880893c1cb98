"""``whimbrel classify``: the PLOVER relation between two given actors in a sentence."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from whimbrel.errors import InputError
from whimbrel.serve.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app


def read_pairs(path: str, failures: list[str]) -> Iterator[dict[str, Any]]:
    """Pair records from a JSONL file or standard input; bad lines are noted and skipped."""
    source = "<stdin>" if path == "-" else path
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=source) from None
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                failures.append(str(InputError(f"not JSON: {exc.msg}", source=source, line=n)))
                continue
            if not isinstance(record, dict):
                failures.append(str(InputError("expected a JSON object", source=source, line=n)))
                continue
            record.setdefault("_line", n)
            yield record


@app.command("classify")
def classify_command(
    input: Annotated[
        str, typer.Argument(help="JSONL of pairs {id, text, source, target}, or - for stdin.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file, not stdout.")
    ] = None,
    encoder: Annotated[
        bool,
        typer.Option(
            "--encoder/--no-encoder",
            help="Let the pair encoder answer pairs no coded event links, where it is installed "
            "(pip install 'whimbrel[encoder]').",
        ),
    ] = True,
) -> None:
    """Classify the relation between two marked actors in each sentence.

    Input lines: {"id", "text", "source": {"text","start","end"}, "target": {...}}.
    Output lines: {"id", "event_type" (or null: no event between them), "mode", "quad",
    "factuality", "confidence"}.
    """
    from whimbrel.classify import classify_pair, default_classifier

    failures: list[str] = []
    try:
        pipeline = default_classifier()
        stream = out.open("w", encoding="utf-8") if out else sys.stdout
        with stream if out else _nullcontext(stream) as sink:
            for record in read_pairs(input, failures):
                line = record.pop("_line")
                try:
                    result = classify_pair(pipeline, record, line=line, encoder=encoder)
                except InputError as exc:
                    failures.append(f"{'<stdin>' if input == '-' else input}:{line}: {exc.reason}")
                    continue
                sink.write(json.dumps(result, ensure_ascii=False) + "\n")
    except InputError as exc:
        typer.echo(f"whimbrel classify: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    for message in failures:
        typer.echo(f"whimbrel classify: {message}", err=True)
    raise typer.Exit(EXIT_SOME_FAILED if failures else EXIT_OK)


class _nullcontext:
    """Standard output is not ours to close."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> Any:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.stream.flush()
