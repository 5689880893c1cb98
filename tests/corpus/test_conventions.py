"""The convention counts of tools/conventions.py, on records written for these tests."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from conventions import group_of, threat_targets, threat_triggers, tolls  # noqa: E402


def _event(event_type, text, word, target=None):
    start = text.index(word)
    event = {"event_type": event_type, "trigger": {"text": word, "start": start,
             "end": start + len(word)}, "source": [], "target": []}  # fmt: skip
    if target is not None:
        t = text.index(target)
        event["target"] = [{"text": target, "start": t, "end": t + len(target)}]
    return event


def test_records_fall_in_the_part_group_the_conventions_changed_at():
    assert [group_of(i) for i in ("s3-0001", "s28-0010", "s57-0100", "a-099", "a-171")] == [
        "sentences 1-27",
        "sentences 28-52",
        "sentences 53-",
        "articles -100",
        "articles 101-",
    ]


def test_a_toll_is_counted_as_found_and_as_coded_only_when_an_event_is_on_it():
    text = "Rebels shelled the town, killing 11 people. Gunmen raided a village, wounding two."
    coded = {"id": "s4-0001", "text": text, "events": [_event("ASSAULT", text, "killing")]}
    counts = tolls([coded])["sentences 1-27"]
    assert (counts["coded"], counts["found"]) == (1, 2)


def test_a_conditional_threat_is_told_by_where_its_target_starts():
    text = "Ankara warned it would close the border with Iraq if Erbil held the vote. Others met."
    on_act = _event("THREATEN", text, "warned", target="Iraq")
    on_condition = _event("THREATEN", text, "warned", target="Erbil")
    unconditional = _event("THREATEN", "Ankara warned Erbil.", "warned", target="Erbil")
    records = [
        {"id": "s60-0001", "text": text, "events": [on_act, on_condition]},
        {"id": "s60-0002", "text": "Ankara warned Erbil.", "events": [unconditional]},
    ]
    counts = threat_targets(records)["sentences 53-"]
    assert dict(counts) == {"act": 1, "condition": 1}


def test_a_warned_act_is_told_by_where_its_threat_sits():
    on_warned = "Algeria warned that it would terminate the gas contract with Spain."
    on_act = "Kigali warned that its army would cross the border."
    agentless = "Police warned that marchers would be arrested."
    records = [
        {"id": "s9-0001", "text": on_warned, "events": [_event("THREATEN", on_warned, "warned")]},
        {"id": "s9-0002", "text": on_act, "events": [_event("THREATEN", on_act, "cross")]},
        {"id": "s9-0003", "text": agentless, "events": [_event("THREATEN", agentless, "warned")]},
        {"id": "s9-0004", "text": "Economists warned that prices would rise.", "events": []},
    ]
    counts = threat_triggers(records)["sentences 1-27"]
    assert dict(counts) == {"warned": 1, "act": 1, "none": 1}
