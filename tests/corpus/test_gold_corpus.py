"""The hand-written gold corpus (corpus/*.jsonl) passes tools/validate_gold.py.

The validator is imported by path so the test needs neither an installed ``tools`` package nor
any particular corpus file: every ``corpus/*.jsonl`` that exists is checked, and the test is
skipped when there is none.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = ROOT / "tools" / "validate_gold.py"
CORPUS_FILES = sorted((ROOT / "corpus").glob("*.jsonl"))


def _load_validator():
    spec = importlib.util.spec_from_file_location("validate_gold", VALIDATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


validate_gold = _load_validator()


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_corpus_file_is_valid(path: Path) -> None:
    report = validate_gold.check_files([path])
    assert not report.errors, "\n".join(report.errors[:50])


def test_ids_unique_across_files() -> None:
    if not CORPUS_FILES:
        pytest.skip("no corpus files yet")
    report = validate_gold.check_files(CORPUS_FILES)
    assert not [e for e in report.errors if "duplicate id" in e]


def test_validator_catches_bad_offsets(tmp_path: Path) -> None:
    record = {
        "id": "x-1",
        "text": "Japan and the Philippines signed a deal.",
        "date": "2024-07-09",
        "events": [
            {
                "event_type": "AGREE",
                "mode": "visit",
                "trigger": {"text": "signed", "start": 0, "end": 6},
                "source": [
                    {"text": "Japan", "start": 0, "end": 5, "country": "jp", "sector": "XXX"}
                ],
                "target": [],
                "factuality": "maybe",
                "attributed_to": None,
                "date": "2024-13",
            }
        ],
    }
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record) + "\n{not json\n", encoding="utf-8")
    report = validate_gold.check_files([path])
    text = "\n".join(report.errors)
    for needle in (
        "text[0:6]",
        "mode 'visit'",
        "country code",
        "unknown sector",
        "factuality",
        "event date",
        "invalid JSON",
    ):
        assert needle in text, needle


def test_validator_catches_a_span_inside_a_word(tmp_path: Path) -> None:
    text = "The Security Council said it rejected the plan."
    at = text.index("it")  # inside "Security", where a careless str.find lands
    record = {"id": "x-2", "text": text, "date": "2024-07-09", "events": [
        {"event_type": "REJECT", "mode": None,
         "trigger": {"text": "rejected", "start": 29, "end": 37},
         "source": [{"text": "it", "start": at, "end": at + 2, "country": "UNO", "sector": None}],
         "target": [], "factuality": "asserted", "attributed_to": None, "date": None}]}  # fmt: skip
    path = tmp_path / "inside.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert any("cut through a word" in e for e in validate_gold.check_files([path]).errors)
    record["events"][0]["source"][0].update(start=26, end=28)
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert validate_gold.check_files([path]).errors == []


def test_summary_runs_on_valid_record(tmp_path: Path) -> None:
    record = {
        "id": "x-2",
        "text": "Storms battered the coast on Monday.",
        "date": "2020-01-01",
        "events": [],
        "tags": ["non_event"],
        "note": None,
    }
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = validate_gold.check_files([path])
    assert not report.errors
    assert "non-event records: 1" in validate_gold.summarise(report.records)
