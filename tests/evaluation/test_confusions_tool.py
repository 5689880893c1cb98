"""tools/confusions.py: the two tables it prints, on hand-made gold and predictions."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from confusions import READABLE, type_confusions, wrong_countries  # noqa: E402


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


def test_only_train_and_dev_can_be_read(monkeypatch):
    import confusions

    assert READABLE == ("train", "dev")
    monkeypatch.setattr(sys, "argv", ["confusions.py", "--split", "test"])
    with pytest.raises(SystemExit):
        confusions.main()  # argparse refuses the choice before anything is coded
