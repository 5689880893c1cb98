"""``whimbrel eval``: score the coder (or a file of predictions) against gold data.

The scoring lives in :mod:`whimbrel.evaluation`; this module reads the files, runs the coder
when no predictions are given, and prints the report (docs/evaluation.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from whimbrel.serve.cli.app import EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app

MODES = ("pair", "e2e")
REPORT_FORMATS = ("table", "json")


def _fail(message: str, status: int) -> typer.Exit:
    typer.echo(f"whimbrel eval: {message}", err=True)
    return typer.Exit(status)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def run_eval(
    gold_path: Path,
    mode: str,
    predictions_path: Path | None,
    save_predictions: Path | None,
    config: Path | None,
    encoder: bool = True,
) -> tuple[dict[str, Any], list[str]]:
    """Read, predict (unless given predictions) and score; returns the report and problems."""
    from whimbrel.evaluation import io

    problems: list[str] = []
    check = io.check_gold_pair if mode == "pair" else io.check_gold_record
    gold, bad = io.read_jsonl(gold_path, check, unique_ids=True)
    problems += bad

    if mode == "pair":
        from whimbrel.evaluation.pairs import evaluate_pairs, predict_pairs
        from whimbrel.events.finalize import EVERY_EVENT

        if predictions_path is not None:
            preds, bad = io.read_jsonl(predictions_path, io.check_pair_prediction)
            problems += bad
        else:
            # classify_pairs builds its own pipeline by default; a --config one keeps every event.
            overrides = dict(EVERY_EVENT)
            pipeline = _pipeline(config, overrides) if config else None
            preds, failures = predict_pairs(gold, pipeline, encoder=encoder)
            problems += failures
            if save_predictions:
                _write_jsonl(save_predictions, preds)
        return evaluate_pairs(gold, preds), problems

    from whimbrel.evaluation.e2e import evaluate_e2e, predict_e2e

    by_id: dict[str, list[dict[str, Any]]]
    if predictions_path is not None:
        rows, bad = io.read_jsonl(predictions_path, io.check_e2e_prediction)
        problems += bad
        by_id = {}
        for row in rows:
            by_id.setdefault(str(row["id"]), []).extend(row["events"])
    else:
        by_id, failures = predict_e2e(gold, _pipeline(config, {}))
        problems += failures
        if save_predictions:
            _write_jsonl(
                save_predictions,
                [{"id": str(r["id"]), "events": by_id.get(str(r["id"]), [])} for r in gold],
            )
    return evaluate_e2e(gold, by_id), problems


def _pipeline(config: Path | None, overrides: dict[str, Any]) -> Any:
    from whimbrel.pipeline import load_pipeline

    return load_pipeline(str(config) if config else None, **overrides)


@app.command("eval")
def eval_command(
    gold: Annotated[
        Path,
        typer.Argument(
            help="Gold JSONL: pairs (pair mode) or corpus records (e2e mode).", show_default=False
        ),
    ],
    mode: Annotated[
        str | None,
        typer.Option(
            "--mode",
            "-m",
            help="pair: one source/target pair per line, scored by type; "
            "e2e: code whole texts and match events by actor spans.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the report to this file, not stdout.")
    ] = None,
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            "-p",
            help="Score this JSONL of predictions instead of running the coder (pair: classify "
            'output lines; e2e: lines of {"id": gold id, "events": list of event JSON}).',
        ),
    ] = None,
    save_predictions: Annotated[
        Path | None,
        typer.Option(
            "--save-predictions",
            help="Also write the coder's predictions here, in the --predictions format.",
        ),
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="A whimbrel.toml to use.")] = None,
    encoder: Annotated[
        bool,
        typer.Option(
            "--encoder/--no-encoder",
            help="Pair mode: let the pair encoder answer where installed (whimbrel[encoder]).",
        ),
    ] = True,
) -> None:
    """Score whimbrel against gold data: per-type P/R/F1, macro-F1, quads, calibration.

    Exit status: 0 scored, 1 bad gold or prediction lines (named on stderr, skipped), 2 usage error, 3 fatal.
    """
    from whimbrel.errors import ConfigError, WhimbrelError
    from whimbrel.evaluation.report import render_table, to_json

    if mode is None:
        raise _fail("--mode is required: pair or e2e", EXIT_USAGE)
    if mode not in MODES:
        raise _fail(f"unknown mode {mode!r}; choose pair or e2e", EXIT_USAGE)
    if fmt not in REPORT_FORMATS:
        raise _fail(f"unknown format {fmt!r}; choose table or json", EXIT_USAGE)
    for path in (gold, predictions):
        if path is not None and not path.is_file():
            raise _fail(f"{path}: no such file", EXIT_USAGE)
    try:
        report, problems = run_eval(gold, mode, predictions, save_predictions, config, encoder)
    except ConfigError as exc:
        raise _fail(str(exc), EXIT_USAGE) from None
    except ImportError as exc:
        raise _fail(
            f"fatal: the coder is not available ({exc}); score a file with --predictions",
            EXIT_FATAL,
        ) from None
    except (WhimbrelError, OSError) as exc:
        raise _fail(f"fatal: {exc}", EXIT_FATAL) from None
    report = {"gold": str(gold), "predictions": str(predictions) if predictions else None} | report

    stream = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == "json":
            stream.write(to_json(report))
        else:
            render_table(report, stream, width=None if stream.isatty() else 160)
    finally:
        if out:
            stream.close()
    for message in problems:
        typer.echo(f"whimbrel eval: {message}", err=True)
    if problems:
        typer.echo(f"whimbrel eval: {len(problems)} problems (named above)", err=True)
    raise typer.Exit(EXIT_SOME_FAILED if problems else EXIT_OK)
