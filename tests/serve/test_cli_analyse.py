"""``whimbrel dyad``, ``actors``, ``network`` and ``plot dyad`` on a small DuckDB store in tmp."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))

from _events import event

from whimbrel.records import Article
from whimbrel.serve.cli import app
from whimbrel.store import Store

runner = CliRunner()
EVENTS = [
    event(1, "CONSULT", ["RUS"], ["PRK"], "2024-01-01"),
    event(2, "AID", ["PRK"], ["RUS"], "2024-01-09"),
    event(3, "ACCUSE", ["RUS"], ["PRK"], "2024-02-08"),
    event(4, "CONSULT", ["RUS", "PRK"], [], "2024-02-15"),
    event(5, "SANCTION", ["USA"], ["RUS"], "2024-01-02"),
    event(6, "ASSAULT", ["RUS"], ["PRK"], "2024-03-01", factuality="future"),
]


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "store.duckdb")
    with Store(path) as store:
        store.add_article(Article(id="art-1", text="A sentence.", events=EVENTS))
    return path


def test_dyad_jsonl_by_month(db):
    result = runner.invoke(app, ["dyad", "RUS", "PRK", "--by", "month", "--db", db, "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["period"], r["events"], r["net_cooperation"]) for r in rows] == [
        ("2024-01", 2, 2),
        ("2024-02", 2, 0),
    ]


def test_dyad_directed_csv_by_week(db):
    result = runner.invoke(
        app, ["dyad", "RUS", "PRK", "--by", "week", "--directed", "--db", db, "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sum(int(r["events"]) for r in rows) == 3  # 1, 3 and the reciprocal 4
    assert rows[0]["period"] == "2024-W01" and rows[0]["quad_1"] == "1"


def test_dyad_table_and_all_factualities(db):
    result = runner.invoke(
        app, ["dyad", "RUS", "PRK", "--by", "year", "--db", db, "-f", "table",
              "--factuality", "all"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2024" in result.stdout and "5" in result.stdout


def test_dyad_usage_errors_exit_2(db):
    assert runner.invoke(app, ["dyad", "RUS", "PRK", "--by", "decade", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["dyad", "RUS", "PRK", "--db", db, "-f", "xml"]).exit_code == 2
    bad = runner.invoke(app, ["dyad", "RUS", "PRK", "--db", db, "--factuality", "maybe"])
    assert bad.exit_code == 2


def test_dyad_on_a_missing_store_is_fatal(tmp_path):
    result = runner.invoke(app, ["dyad", "RUS", "PRK", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3
    assert "no store" in result.output


def test_actors_jsonl_lists_actors_then_dyads(db):
    result = runner.invoke(app, ["actors", "--db", db, "--limit", "2", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["actor", "actor", "dyad", "dyad"]
    assert rows[0]["actor"] == "RUS" and rows[0]["events"] == 5
    assert (rows[2]["a"], rows[2]["b"], rows[2]["events"]) == ("PRK", "RUS", 4)


def test_actors_csv_flattens_quads(db):
    result = runner.invoke(app, ["actors", "--db", db, "-f", "csv"])
    assert result.exit_code == 0
    assert "quad_1" in result.stdout.splitlines()[0]


def test_network_graphml_and_json(db, tmp_path):
    import networkx as nx

    out = tmp_path / "g.graphml"
    result = runner.invoke(app, ["network", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() == 3
    out = tmp_path / "g.json"
    assert (
        runner.invoke(app, ["network", "--db", db, "-o", str(out), "--level", "actor"]).exit_code
        == 0
    )
    assert {n["id"] for n in json.loads(out.read_text())["nodes"]} == {"Q-RUS", "Q-PRK", "Q-USA"}
    assert runner.invoke(app, ["network", "--db", db, "-o", str(tmp_path / "g.png")]).exit_code == 2


def test_plot_dyad_png_and_html(db, tmp_path):
    png = tmp_path / "chart.png"
    result = runner.invoke(app, ["plot", "dyad", "RUS", "PRK", "-o", str(png), "--db", db])
    assert result.exit_code == 0, result.output
    assert png.read_bytes().startswith(b"\x89PNG")
    page = tmp_path / "chart.html"
    result = runner.invoke(
        app, ["plot", "dyad", "RUS", "PRK", "-o", str(page), "--by", "week", "--db", db]
    )
    assert result.exit_code == 0 and "<svg" in page.read_text(encoding="utf-8")
    assert runner.invoke(app, ["plot", "dyad", "RUS", "PRK", "-o", str(tmp_path / "c.gif"),
                               "--db", db]).exit_code == 2  # fmt: skip
    empty = runner.invoke(app, ["plot", "dyad", "JPN", "KOR", "-o", str(png), "--db", db])
    assert empty.exit_code == 1 and "nothing to plot" in empty.output


def test_serve_usage_and_fatal_errors_exit_before_listening():
    assert runner.invoke(app, ["serve", "--db", ":memory:"]).exit_code == 3
    assert runner.invoke(app, ["serve", "--port", "70000"]).exit_code == 2
