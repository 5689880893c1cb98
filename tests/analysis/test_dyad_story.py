"""The dyad analysis tells the story written into ``examples/dyad-story/corpus.jsonl``.

Seventeen invented wire stories about Ethiopia and Eritrea, October 2017 to January 2019:
eight months of conflict (shelling, expulsions, arrests, threats, accusations), a turning
point in June 2018 (Ethiopia accepts the border ruling, an Eritrean delegation visits Addis
Ababa), then eight months of cooperation (a peace declaration, embassies, an open border,
aid, a trade agreement, prisoners released). The corpus is ingested with the real pipeline
into a DuckDB store, and ``dyad_series`` and ``whimbrel plot dyad`` must show that arc
(examples/dyad-story/README.md has the table).
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise

import pytest
from typer.testing import CliRunner

from whimbrel.analysis.dyads import dyad_series
from whimbrel.serve.cli import app
from whimbrel.store import Store

TURNING_POINT = "2018-06"
FIRST, LAST = "2017-10", "2019-01"
CONFLICT_TYPES = {"ACCUSE", "THREATEN", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
COOPERATION_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT"}


@pytest.fixture(scope="module")
def story(examples_dir, pipeline, tmp_path_factory):
    """The corpus ingested into a fresh DuckDB file: (store path, monthly series, corpus)."""
    corpus = examples_dir / "dyad-story" / "corpus.jsonl"
    articles = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    db = str(tmp_path_factory.mktemp("dyad-story") / "story.duckdb")
    with Store(db) as store:
        summary = store.ingest([corpus], pipeline=pipeline)
        series = dyad_series(store, "ETH", "ERI", by="month")
    assert summary.failed == 0 and summary.ingested == len(articles), summary.failures
    return db, series, articles


def _phases(series):
    before = [row for row in series if row["period"] < TURNING_POINT]
    after = [row for row in series if row["period"] >= TURNING_POINT]
    return before, after


def _conflict_quads(row) -> int:
    return row["by_quad"]["3"] + row["by_quad"]["4"]


def _cooperation_quads(row) -> int:
    return row["by_quad"]["1"] + row["by_quad"]["2"]


def test_the_corpus_is_one_dyad_over_sixteen_months(story):
    _, series, articles = story
    assert 14 <= len(articles) <= 18
    assert len({a["id"] for a in articles}) == len(articles)
    assert all(120 <= len(a["text"].split()) <= 250 for a in articles)
    periods = [row["period"] for row in series]
    assert periods[0] == FIRST and periods[-1] == LAST
    assert len(periods) == 16  # every month from October 2017 to January 2019
    assert all(row["events"] > 0 for row in series)  # every month has a story in it


def test_conflict_dominates_the_months_before_the_turning_point(story):
    _, series, _ = story
    before, _ = _phases(series)
    assert len(before) == 8
    negative = [row["period"] for row in before if row["net_cooperation"] < 0]
    assert len(negative) >= 7, f"net cooperation < 0 only in {negative}"
    dominated = [row["period"] for row in before if _conflict_quads(row) > _cooperation_quads(row)]
    assert len(dominated) >= 7, f"quads 3+4 outnumber quads 1+2 only in {dominated}"
    assert sum(_conflict_quads(r) for r in before) >= 4 * max(
        1, sum(_cooperation_quads(r) for r in before)
    )
    assert all(row["mean_score"] < 0 for row in before)
    # both sides are hostile, not just one
    assert sum(r["a_to_b"] for r in before) >= 5 and sum(r["b_to_a"] for r in before) >= 5
    types = Counter()
    for row in before:
        types.update(row["by_type"])
    assert types["ASSAULT"] >= 2 and types["ACCUSE"] >= 5
    assert sum(types[t] for t in CONFLICT_TYPES) > 3 * sum(types[t] for t in COOPERATION_TYPES)


def test_cooperation_dominates_the_months_from_the_turning_point(story):
    _, series, _ = story
    _, after = _phases(series)
    assert len(after) == 8
    positive = [row["period"] for row in after if row["net_cooperation"] > 0]
    assert len(positive) >= 7, f"net cooperation > 0 only in {positive}"
    dominated = [row["period"] for row in after if _cooperation_quads(row) > _conflict_quads(row)]
    assert len(dominated) >= 7, f"quads 1+2 outnumber quads 3+4 only in {dominated}"
    assert sum(_cooperation_quads(r) for r in after) >= 4 * max(
        1, sum(_conflict_quads(r) for r in after)
    )
    assert all(row["mean_score"] > 0 for row in after)
    types = Counter()
    for row in after:
        types.update(row["by_type"])
    assert types["ASSAULT"] == 0  # the shooting stops
    for kind in ("AGREE", "CONSULT", "SUPPORT", "AID", "RETREAT"):
        assert types[kind] >= 1, f"no {kind} after the turning point: {dict(types)}"


def test_the_turning_point_is_june_2018(story):
    _, series, _ = story
    by_period = {row["period"]: row for row in series}
    first_positive = next(row["period"] for row in series if row["net_cooperation"] > 0)
    assert first_positive == TURNING_POINT
    assert by_period["2018-05"]["net_cooperation"] < 0 < by_period[TURNING_POINT]["net_cooperation"]
    assert by_period[TURNING_POINT]["by_type"].get("CONSULT", 0) >= 1  # talks begin
    # the largest swing of the whole series happens at the turning point
    swings = {
        cur["period"]: cur["net_cooperation"] - prev["net_cooperation"]
        for prev, cur in pairwise(series)
    }
    assert max(swings, key=swings.get) == TURNING_POINT


def test_whimbrel_dyad_and_plot_on_the_story_store(story, tmp_path):
    db, series, _ = story
    runner = CliRunner()
    result = runner.invoke(app, ["dyad", "ETH", "ERI", "--by", "month", "--format", "jsonl",
                                 "--db", db])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(r["period"], r["net_cooperation"]) for r in rows] == [
        (r["period"], r["net_cooperation"]) for r in series
    ]
    png = tmp_path / "story.png"
    result = runner.invoke(app, ["plot", "dyad", "ETH", "ERI", "-o", str(png), "--by", "month",
                                 "--db", db])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000


def test_store_dyad_is_the_analysis_series(story):
    db, series, _ = story
    with Store(db, read_only=True) as store:
        assert store.dyad("ETH", "ERI", by="month") == series
