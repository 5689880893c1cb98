"""Dyad series from hand-built events: buckets, directions, reciprocal events, net cooperation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _events import event

from whimbrel.analysis.dyads import (
    count_dyad,
    direction,
    dyad_events,
    dyad_report,
    dyad_series,
    flat_rows,
    left_out,
)
from whimbrel.errors import InputError

EVENTS = [
    event(1, "CONSULT", ["RUS"], ["PRK"], "2024-01-01"),  # Monday of ISO week 2024-W01
    event(2, "AID", ["PRK"], ["RUS"], "2024-01-07"),  # Sunday, same week
    event(3, "ACCUSE", ["RUS"], ["PRK"], "2024-01-08"),  # next week
    event(4, "CONSULT", ["RUS", "PRK"], [], "2024-02-15"),  # reciprocal: both sources
    event(5, "SANCTION", ["USA"], ["RUS"], "2024-01-02"),  # another dyad
    event(6, "ASSAULT", ["RUS"], ["PRK"], "2024-03", precision="month"),  # month precision
    event(7, "THREATEN", ["RUS"], ["PRK"], None),  # undated
    event(8, "CONSULT", ["RUS", "USA"], [], "2024-01-03"),  # reciprocal of another pair
    event(9, "AGREE", ["RUS", "PRK"], ["USA"], "2024-01-04"),  # co-sources with a target
]


def test_direction_of_each_kind_of_event():
    assert direction(EVENTS[0], "RUS", "PRK") == "a_to_b"
    assert direction(EVENTS[1], "RUS", "PRK") == "b_to_a"
    assert direction(EVENTS[3], "RUS", "PRK") == "mutual"
    assert direction(EVENTS[4], "RUS", "PRK") is None
    assert direction(EVENTS[7], "RUS", "PRK") is None
    assert direction(EVENTS[8], "RUS", "PRK") is None  # co-sources acting on a third party


def test_dyad_events_both_directions_by_default_and_one_when_directed():
    both = {e.id for e in dyad_events(EVENTS, "RUS", "PRK")}
    assert both == {"ev-1", "ev-2", "ev-3", "ev-4", "ev-6", "ev-7"}
    directed = {e.id for e in dyad_events(EVENTS, "RUS", "PRK", directed=True)}
    assert directed == {"ev-1", "ev-3", "ev-4", "ev-6", "ev-7"}  # reciprocal counts too
    reverse = {e.id for e in dyad_events(EVENTS, "PRK", "RUS", directed=True)}
    assert reverse == {"ev-2", "ev-4"}


def test_dyad_parties_match_actor_ids_and_names_too():
    assert {e.id for e in dyad_events(EVENTS, "Q-RUS", "north korea")} == {
        e.id for e in dyad_events(EVENTS, "RUS", "PRK")
    }


def test_count_dyad_weekly_buckets_are_iso_weeks_with_gaps_filled():
    series = count_dyad(EVENTS, "RUS", "PRK", by="week")
    periods = [r["period"] for r in series]
    assert periods[0] == "2024-W01" and periods[1] == "2024-W02"
    assert periods[-1] == "2024-W07"  # 2024-02-15 (reciprocal)
    assert len(periods) == 7  # W01..W07 with empty weeks in between
    w1, w2 = series[0], series[1]
    assert w1["start"] == "2024-01-01" and w1["end"] == "2024-01-07"
    assert w1["events"] == 2 and w1["by_quad"] == {"1": 1, "2": 1, "3": 0, "4": 0}
    assert w1["by_type"] == {"CONSULT": 1, "AID": 1}
    assert w1["a_to_b"] == 1 and w1["b_to_a"] == 1
    assert w1["mean_score"] == pytest.approx(4.5)
    assert w1["net_cooperation"] == 2
    assert w2["events"] == 1 and w2["conflict"] == 1 and w2["net_cooperation"] == -1
    assert series[2]["events"] == 0 and series[2]["mean_score"] is None
    assert series[-1]["mutual"] == 1


def test_count_dyad_month_and_year_buckets_take_coarser_dates():
    months = count_dyad(EVENTS, "RUS", "PRK", by="month")
    assert [r["period"] for r in months] == ["2024-01", "2024-02", "2024-03"]
    assert [r["events"] for r in months] == [3, 1, 1]
    assert months[2]["by_quad"]["4"] == 1  # the month-precision assault
    assert months[0]["net_cooperation"] == 2 - 1
    years = count_dyad(EVENTS, "RUS", "PRK", by="year")
    assert [(r["period"], r["events"]) for r in years] == [("2024", 5)]
    assert years[0]["net_cooperation"] == 3 - 2  # coop: 1,2,4; conflict: 3,6


def test_left_out_counts_undated_and_too_coarse_events():
    assert left_out(EVENTS, "RUS", "PRK", by="week") == 2  # undated + month precision
    assert left_out(EVENTS, "RUS", "PRK", by="month") == 1
    assert left_out(EVENTS, "RUS", "PRK", by="year") == 1


def test_count_dyad_directed_keeps_one_direction():
    weeks = count_dyad(EVENTS, "RUS", "PRK", by="week", directed=True)
    assert weeks[0]["events"] == 1 and weeks[0]["b_to_a"] == 0


def test_count_dyad_refuses_unknown_buckets():
    with pytest.raises(InputError):
        count_dyad(EVENTS, "RUS", "PRK", by="decade")


def test_iso_week_across_the_new_year():
    e = event(1, "CONSULT", ["RUS"], ["PRK"], "2021-01-01")  # belongs to ISO week 2020-W53
    assert count_dyad([e], "RUS", "PRK")[0]["period"] == "2020-W53"


def test_flat_rows_have_a_column_per_quad_and_type():
    rows = flat_rows(count_dyad(EVENTS, "RUS", "PRK", by="month"))
    assert rows[0]["quad_1"] == 1 and rows[0]["CONSULT"] == 1 and rows[0]["ACCUSE"] == 1
    assert "by_quad" not in rows[0]


def test_dyad_series_reads_a_store_and_defaults_to_realised_events(tmp_path):
    from whimbrel.records import Article
    from whimbrel.store import Store

    events = [
        *EVENTS,
        event(10, "ASSAULT", ["RUS"], ["PRK"], "2024-01-02", factuality="hypothetical"),
    ]
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.add_article(Article(id="art-1", text="A sentence.", events=events))
        series = dyad_series(store, "RUS", "PRK", by="month")
        assert [r["events"] for r in series] == [3, 1, 1]
        everything = dyad_series(store, "RUS", "PRK", by="month", factuality="all")
        assert everything[0]["events"] == 4
        report = dyad_report(store, "RUS", "PRK", by="week", directed=True)
        assert report["events"] == 5 and report["left_out"] == 2
        assert report["series"][0]["events"] == 1
