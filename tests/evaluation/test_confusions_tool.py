"""tools/confusions.py: the two tables it prints, on hand-made gold and predictions."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from confusions import READABLE, false_events, type_confusions, wrong_countries  # noqa: E402


def span(text, start, country, sector=None):
    return {"text": text, "start": start, "end": start + len(text), "country": country,
            "sector": sector}  # fmt: skip


TEXT = "Lithuania barred 12 Belarusian judges, and police detained donors."
LTU = span("Lithuania", 0, "LTU")
JUDGES = span("12 Belarusian judges", 17, "BLR")
POLICE = span("police", 43, "LTU")
DONORS = span("donors", 59, None)


def event(event_type, trigger, source, target, **extra):
    start = TEXT.index(trigger)
    return {"event_type": event_type, "trigger": {"text": trigger, "start": start,
            "end": start + len(trigger)}, "source": source, "target": target,
            "confidence": 0.9, **extra}  # fmt: skip


GOLD = [{"id": "r1", "text": TEXT, "events": [
    event("SANCTION", "barred", [LTU], [JUDGES]),
    event("COERCE", "detained", [POLICE], [DONORS]),
]}]  # fmt: skip
PRED = {"r1": [
    # the type is wrong, the actors right
    event("COERCE", "barred", [LTU], [JUDGES], explain={"actors_resolved_by": {}}),
    # the type is right, the target given a country gold does not give it
    event("COERCE", "detained", [POLICE], [{**DONORS, "country": "LTU"}],
          explain={"actors_resolved_by": {"police": "description", "donors": "implicit"}}),
]}  # fmt: skip


def test_type_confusions_count_matched_events_typed_otherwise():
    assert type_confusions(GOLD, PRED) == {("SANCTION", "COERCE"): {"barred": 1}}


def test_wrong_countries_name_role_resolution_and_gold():
    assert wrong_countries(GOLD, PRED) == {("target", "implicit", "gold none"): [
        ("donors", "LTU", "r1")]}  # fmt: skip


def test_false_events_are_those_at_no_gold_trigger_matching_nothing():
    """A spurious event in an event record and one in a record gold gives no event; the
    matched events and one that only types a gold event wrongly are not false events."""
    calm = "Shares retreated in Vilnius as investors pulled out."
    retreat = {"text": "retreated", "start": 7, "end": 16}
    gold = [*GOLD, {"id": "r2", "text": calm, "events": []}]
    pred = {
        "r1": [
            *PRED["r1"],
            event("ASSAULT", "police", [LTU], [], explain={}),  # at no gold trigger
        ],
        "r2": [{"event_type": "RETREAT", "trigger": retreat, "source": [], "target": [],
                "confidence": 0.4}],
    }  # fmt: skip
    assert false_events(gold, pred) == {
        ("event record", "ASSAULT"): {"police": 1},
        ("non-event record", "RETREAT"): {"retreated": 1},
    }


def test_only_train_and_dev_can_be_read(monkeypatch):
    import confusions

    assert READABLE == ("train", "dev")
    monkeypatch.setattr(sys, "argv", ["confusions.py", "--split", "test"])
    with pytest.raises(SystemExit):
        confusions.main()  # argparse refuses the choice before anything is coded
