"""Most active actors and dyads, the actor network (GraphML/JSON) and the dyad plot."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _events import event

from whimbrel.analysis.actors import count_actors, count_dyads, pairs_of
from whimbrel.analysis.dyads import count_dyad
from whimbrel.analysis.network import build_graph, graph_json, write_graph
from whimbrel.analysis.plots import plot_dyad
from whimbrel.errors import InputError

EVENTS = [
    event(1, "CONSULT", ["RUS"], ["PRK"], "2024-01-01"),
    event(2, "AID", ["PRK"], ["RUS"], "2024-01-07"),
    event(3, "SANCTION", ["USA"], ["RUS"], "2024-01-08"),
    event(4, "CONSULT", ["RUS", "PRK"], [], "2024-02-15"),
    event(5, "ACCUSE", ["RUS"], ["USA", "UKR"], "2024-02-16"),
]


def test_pairs_of_source_target_and_reciprocal_events():
    assert pairs_of(EVENTS[0]) == {("PRK", "RUS")}
    assert pairs_of(EVENTS[3]) == {("PRK", "RUS")}
    assert pairs_of(EVENTS[4]) == {("RUS", "USA"), ("RUS", "UKR")}
    assert pairs_of(EVENTS[0], "actor") == {("Q-PRK", "Q-RUS")}


def test_count_actors_ranks_by_events_with_roles_and_quads():
    actors = count_actors(EVENTS)
    assert [a["actor"] for a in actors[:2]] == ["RUS", "PRK"]
    rus = actors[0]
    assert rus["events"] == 5 and rus["as_source"] == 3 and rus["as_target"] == 2
    assert rus["by_quad"] == {"1": 2, "2": 1, "3": 1, "4": 1}
    assert rus["net_cooperation"] == 1 and rus["sector"] == "GOV"
    assert count_actors(EVENTS, limit=1) == actors[:1]
    named = count_actors(EVENTS, level="actor")
    assert named[0]["actor"] == "Q-RUS" and named[0]["name"] == "Russia"


def test_count_dyads_ranks_unordered_pairs():
    dyads = count_dyads(EVENTS)
    top = dyads[0]
    assert (top["a"], top["b"], top["events"]) == ("PRK", "RUS", 3)
    assert top["cooperation"] == 3 and top["mean_score"] == pytest.approx(4.0)
    assert {(d["a"], d["b"]) for d in dyads} == {("PRK", "RUS"), ("RUS", "USA"), ("RUS", "UKR")}


def test_unknown_level_is_refused():
    with pytest.raises(InputError):
        count_actors(EVENTS, level="planet")


def test_build_graph_weights_edges_by_events_and_score():
    graph = build_graph(EVENTS)
    assert set(graph.nodes) == {"RUS", "PRK", "USA", "UKR"}
    edge = graph.edges["RUS", "PRK"]
    assert edge["weight"] == 3 and edge["net_cooperation"] == 3
    assert graph.nodes["RUS"]["events"] == 5
    data = graph_json(graph)
    assert {frozenset((e["source"], e["target"])) for e in data["edges"]} == {
        frozenset(p) for p in (("RUS", "PRK"), ("RUS", "USA"), ("RUS", "UKR"))
    }


def test_write_graph_graphml_and_json_round_trip(tmp_path):
    graph = build_graph(EVENTS)
    graph.nodes["UKR"]["sector"] = None  # GraphML has no null
    back = nx.read_graphml(write_graph(graph, tmp_path / "g.graphml"))
    assert back.number_of_edges() == graph.number_of_edges()
    assert int(back.edges["RUS", "PRK"]["weight"]) == 3
    data = json.loads(write_graph(graph, tmp_path / "g.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 4 and len(data["edges"]) == 3
    with pytest.raises(InputError):
        write_graph(graph, tmp_path / "g.txt")


def test_plot_dyad_png_and_self_contained_html(tmp_path):
    series = count_dyad(EVENTS, "RUS", "PRK", by="week")
    png = plot_dyad(series, tmp_path / "chart.png", title="RUS – PRK")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = plot_dyad(series, tmp_path / "chart.html").read_text(encoding="utf-8")
    assert "<svg" in page and "2024-W01" in page
    for fetches in ('src="http', 'href="http', "<link", "<script", "url(http"):
        assert fetches not in page  # nothing to fetch: the chart is inline SVG
    with pytest.raises(InputError):
        plot_dyad(series, tmp_path / "chart.gif")
    with pytest.raises(InputError):
        plot_dyad([], tmp_path / "empty.png")
