"""Charts of a dyad over time (``whimbrel plot dyad``): cooperation above the axis, conflict below.

``plot_dyad(series, "chart.png")`` draws the buckets of
:func:`whimbrel.analysis.dyads.count_dyad` with matplotlib's Agg backend: stacked bars of
quad 1 (verbal cooperation) and quad 2 (material cooperation) going up, quad 3 and quad 4
(verbal and material conflict) going down, and net cooperation as a line. ``.html`` writes a
self-contained page with the same chart as inline SVG: no script, nothing fetched.
"""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Any

from whimbrel.errors import InputError

#: Quad colours, shared with the web page (serve/web/app.css).
QUAD_COLOURS = {1: "#7fb3d5", 2: "#1f618d", 3: "#f0a35e", 4: "#b03a2e"}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
FORMATS = ("png", "svg", "html")


def _figure(series: list[dict[str, Any]], title: str | None) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    labels = [row["period"] for row in series]
    xs = list(range(len(series)))
    q = {k: [row["by_quad"][str(k)] for row in series] for k in QUAD_COLOURS}
    fig, ax = plt.subplots(figsize=(max(6.0, min(18.0, 0.35 * len(xs) + 3)), 4.2), dpi=110)
    ax.bar(xs, q[1], color=QUAD_COLOURS[1], label=QUAD_NAMES[1])
    ax.bar(xs, q[2], bottom=q[1], color=QUAD_COLOURS[2], label=QUAD_NAMES[2])
    ax.bar(xs, [-v for v in q[3]], color=QUAD_COLOURS[3], label=QUAD_NAMES[3])
    ax.bar(
        xs,
        [-v for v in q[4]],
        bottom=[-v for v in q[3]],
        color=QUAD_COLOURS[4],
        label=QUAD_NAMES[4],
    )
    ax.plot(
        xs,
        [row["net_cooperation"] for row in series],
        color="#222222",
        marker="o",
        markersize=3,
        linewidth=1.2,
        label="net cooperation",
    )
    ax.axhline(0, color="#444444", linewidth=0.8)
    step = max(1, len(xs) // 16)
    ax.set_xticks(xs[::step], labels[::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("events (conflict below zero)")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title or "dyad over time", fontsize=11)
    ax.legend(fontsize=7, loc="upper left", frameon=False, ncols=3)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def _render(series: list[dict[str, Any]], title: str | None, fmt: str) -> bytes:
    import matplotlib.pyplot as plt

    fig = _figure(series, title)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    finally:
        plt.close(fig)
    return buffer.getvalue()


def _html_page(svg: str, series: list[dict[str, Any]], title: str) -> str:
    rows = "\n".join(
        f"<tr><td>{html.escape(r['period'])}</td><td>{r['events']}</td>"
        f"<td>{r['cooperation']}</td><td>{r['conflict']}</td><td>{r['net_cooperation']}</td>"
        f"<td>{'' if r['mean_score'] is None else r['mean_score']}</td></tr>"
        for r in series
    )
    svg_body = svg[svg.index("<svg") :]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}}
svg{{max-width:100%;height:auto}}table{{border-collapse:collapse;margin-top:1rem}}
td,th{{border-bottom:1px solid #ddd;padding:2px 10px;text-align:right}}</style></head>
<body><h1>{html.escape(title)}</h1>
<figure>{svg_body}<figcaption>Cooperation (quads 1–2) above the axis, conflict (quads 3–4)
below; the line is net cooperation.</figcaption></figure>
<table><thead><tr><th>period</th><th>events</th><th>cooperation</th><th>conflict</th>
<th>net</th><th>mean score</th></tr></thead><tbody>
{rows}
</tbody></table></body></html>
"""


def plot_dyad(series: list[dict[str, Any]], path: str | Path, *, title: str | None = None) -> Path:
    """Write the dyad chart to ``path``: ``.png``, ``.svg`` or a self-contained ``.html``."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"cannot plot to {path}: name the file .png, .svg or .html")
    if not series:
        raise InputError("nothing to plot: the dyad has no dated events")
    label = title or "dyad over time"
    if fmt == "html":
        svg = _render(series, label, "svg").decode("utf-8")
        path.write_text(_html_page(svg, series, label), encoding="utf-8")
    else:
        path.write_bytes(_render(series, label, fmt))
    return path
