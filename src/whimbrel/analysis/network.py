"""The actor network of a set of events, as a networkx graph, GraphML or JSON (``whimbrel network``).

Nodes are parties at the ``country`` or ``actor`` level (:mod:`whimbrel.analysis.actors`),
with their label, most frequent sector and event count. Edges are undirected and join two
parties that meet in an event (source and target, or co-sources of a reciprocal event); an
edge carries ``weight`` (events), ``mean_score``, counts by quad, ``cooperation``,
``conflict`` and ``net_cooperation``. Nothing here needs scipy (networkx's pagerank does,
so it is not used).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from whimbrel.analysis.actors import check_level, count_actors, count_dyads
from whimbrel.errors import InputError
from whimbrel.records import Event

FORMATS = ("graphml", "json")


def build_graph(events: Iterable[Event], *, level: str = "country") -> nx.Graph:
    """The undirected actor graph of ``events``."""
    check_level(level)
    events = list(events)
    graph = nx.Graph(level=level)
    for actor in count_actors(events, level=level, limit=None):
        graph.add_node(
            actor["actor"],
            label=actor["name"],
            sector=actor["sector"],
            events=actor["events"],
            as_source=actor["as_source"],
            as_target=actor["as_target"],
        )
    for dyad in count_dyads(events, level=level, limit=None):
        quads = dyad["by_quad"]
        graph.add_edge(
            dyad["a"],
            dyad["b"],
            weight=dyad["events"],
            mean_score=dyad["mean_score"],
            quad_1=quads["1"],
            quad_2=quads["2"],
            quad_3=quads["3"],
            quad_4=quads["4"],
            cooperation=dyad["cooperation"],
            conflict=dyad["conflict"],
            net_cooperation=dyad["net_cooperation"],
        )
    return graph


def graph_json(graph: nx.Graph) -> dict[str, Any]:
    """``{"level", "nodes": [{"id", ...}], "edges": [{"source", "target", ...}]}``."""
    return {
        "level": graph.graph.get("level"),
        "nodes": [{"id": n, **attrs} for n, attrs in graph.nodes(data=True)],
        "edges": [{"source": a, "target": b, **attrs} for a, b, attrs in graph.edges(data=True)],
    }


def _graphml_safe(graph: nx.Graph) -> nx.Graph:
    """GraphML has no null: missing values become empty strings (sector) or are dropped."""
    out = graph.copy()
    for _, attrs in out.nodes(data=True):
        for key in [k for k, v in attrs.items() if v is None]:
            attrs[key] = ""
    for _, _, attrs in out.edges(data=True):
        for key in [k for k, v in attrs.items() if v is None]:
            del attrs[key]
    return out


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("graphml", "xml"):
        return "graphml"
    if suffix == "json":
        return "json"
    raise InputError(f"cannot tell the graph format of {path}: name it .graphml or .json")


def write_graph(graph: nx.Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write the graph as GraphML or JSON (by ``fmt``, else by the file's suffix)."""
    path = Path(path)
    fmt = fmt or format_of(path)
    if fmt == "graphml":
        nx.write_graphml(_graphml_safe(graph), path)
    elif fmt == "json":
        path.write_text(
            json.dumps(graph_json(graph), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    else:
        raise InputError(f"unknown graph format {fmt!r}: choose graphml or json")
    return path
