"""Rendering an evaluation report: a readable rich table, or JSON with every figure."""

from __future__ import annotations

import json
from typing import IO, Any

#: Short column heads for the confusion matrix (four letters tell the 16 types apart).
SHORT = {"CONCEDE/RETREAT": "C/R", "NONE": "NONE"}


def rounded(value: Any, digits: int = 4) -> Any:
    """``value`` with every float rounded (for JSON output that diffs cleanly)."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v, digits) for v in value]
    return value


def to_json(report: dict[str, Any]) -> str:
    """The report as indented JSON, floats rounded to 4 places."""
    return json.dumps(rounded(report), indent=2, ensure_ascii=False) + "\n"


def _f(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _acc(block: dict[str, Any] | None) -> str:
    if not block or block.get("accuracy") is None:
        return "—"
    return f"{block['accuracy']:.3f} (n={block['n']})"


def summary_rows(report: dict[str, Any]) -> list[tuple[str, str]]:
    """The headline figures as (label, value) rows."""
    cal = report["calibration"]
    rows = [
        (f"macro-F1 ({len(report['classes'])} types)", _f(report["macro_f1"])),
        (
            "macro precision / recall",
            f"{_f(report['macro_precision'])} / {_f(report['macro_recall'])}",
        ),
        (f"quad macro-F1 ({len(report['quad']['classes'])} quads)", _f(report["quad"]["macro_f1"])),
        ("cooperation vs conflict accuracy", _acc(report["coop_conflict"])),
    ]
    if report["mode"] == "pair":
        rows.insert(0, ("accuracy (prediction among candidates)", _f(report["accuracy"])))
        rows.append(("factuality accuracy", _acc(report["factuality"])))
    else:
        micro, det = report["micro"], report["detection"]
        rows += [
            (
                "typed events P / R / F1",
                f"{_f(micro['precision'])} / {_f(micro['recall'])} / {_f(micro['f1'])}",
            ),
            (
                "matched events P / R / F1 (any type)",
                f"{_f(det['precision'])} / {_f(det['recall'])} / {_f(det['f1'])}",
            ),
            ("source country accuracy", _acc(report["country"]["source"])),
            ("target country accuracy", _acc(report["country"]["target"])),
            ("source sector accuracy", _acc(report["sector"]["source"])),
            ("target sector accuracy", _acc(report["sector"]["target"])),
            ("factuality accuracy (matched)", _acc(report["factuality"])),
            ("mode accuracy (matched, same type)", _acc(report["mode_accuracy"])),
        ]
    interval = cal.get("interval")
    spread = f" (bootstrap 95%: {_f(interval[0])}–{_f(interval[1])})" if interval else ""
    rows.append((f"ECE, 10 bins (n={cal['n']})", _f(cal["ece"]) + spread))
    if report.get("merged_classes"):
        rows.append(
            (
                "merged",
                ", ".join(f"{k} = {' + '.join(v)}" for k, v in report["merged_classes"].items()),
            )
        )
    return rows  # fmt: skip


def render_table(report: dict[str, Any], stream: IO[str], *, width: int | None = None) -> None:
    """Print the report as rich tables: summary, per type, per quad, confusion, calibration."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, width=width, highlight=False)
    title = "pair mode" if report["mode"] == "pair" else "end to end"

    summary = Table(title=f"whimbrel eval — {title}", show_header=False, title_justify="left")
    summary.add_column("metric", style="bold")
    summary.add_column("value", overflow="fold")
    for label, value in summary_rows(report):
        summary.add_row(label, value)
    console.print(summary)

    counts = Table(title="counts", show_header=False, title_justify="left")
    counts.add_column("count")
    counts.add_column("n", justify="right")
    for key, value in report["counts"].items():
        counts.add_row(key.replace("_", " "), str(value))
    console.print(counts)

    def prf_table(name: str, rows: dict[str, dict[str, Any]]) -> Table:
        table = Table(title=name, title_justify="left", header_style="bold")
        for col in (name.split()[0], "precision", "recall", "F1", "support", "predicted"):
            table.add_column(col, justify="left" if col == name.split()[0] else "right")
        for label, r in rows.items():
            table.add_row(
                str(label),
                _f(r["precision"]),
                _f(r["recall"]),
                _f(r["f1"]),
                str(r["support"]),
                str(r["predicted"]),
            )
        return table

    console.print(prf_table("type scores", report["per_class"]))
    console.print(prf_table("quad scores", report["quad"]["per_class"]))

    conf = report["confusion"]
    if conf["labels"]:
        matrix = Table(
            title="confusion (rows gold, columns predicted)",
            title_justify="left",
            header_style="bold",
        )
        matrix.add_column("gold \\ pred")
        for label in conf["labels"]:
            matrix.add_column(SHORT.get(label, label[:4]), justify="right")
        for label, row in zip(conf["labels"], conf["matrix"], strict=True):
            matrix.add_row(label, *(str(n) if n else "·" for n in row))
        console.print(matrix)

    cal = report["calibration"]
    if cal["bins"]:
        bins = Table(title="calibration", title_justify="left", header_style="bold")
        for col in ("confidence bin", "n", "mean confidence", "accuracy"):
            bins.add_column(col, justify="right")
        for b in cal["bins"]:
            bins.add_row(
                f"[{b['lower']:.1f}, {b['upper']:.1f}" + ("]" if b["upper"] >= 1 else ")"),
                str(b["n"]),
                _f(b["confidence"]),
                _f(b["accuracy"]),
            )
        console.print(bins)
