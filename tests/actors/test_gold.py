"""The hand-written gold set (kb_gold.jsonl): resolution must pass on at least 95% of it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from whimbrel.actors.knowledge_base import KnowledgeBase

GOLD = Path(__file__).with_name("kb_gold.jsonl")


def _check(kb: KnowledgeBase, case: dict) -> str | None:
    """None when *case* passes, else a one-line description of the failure."""
    day = dt.date.fromisoformat(case["date"]) if case.get("date") else None
    actor = kb.resolve(case["text"], day, case.get("context", ()))
    want = case["expect"]
    got = actor and {"country": actor.country, "sector": actor.sector, "name": actor.name}
    if want is None:
        return None if actor is None else f"{case['text']!r}: expected None, got {got}"
    if actor is None:
        return f"{case['text']!r} ({case.get('date')}): expected {want}, got None"
    for key, value in want.items():
        if got[key] != value:
            return f"{case['text']!r} ({case.get('date')}): {key} {got[key]!r} != {value!r}"
    return None


def test_gold_file_is_large_and_varied() -> None:
    cases = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 160
    assert sum(c["expect"] is None for c in cases) >= 10
    assert sum("date" in c for c in cases) >= 40
    assert sum("context" in c for c in cases) >= 5


def test_gold_pass_rate(kb: KnowledgeBase) -> None:
    cases = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    failures = [f for f in (_check(kb, c) for c in cases) if f]
    rate = 1 - len(failures) / len(cases)
    print(f"gold: {len(cases) - len(failures)}/{len(cases)} pass ({rate:.1%})")
    for f in failures:
        print("  FAIL", f)
    assert rate >= 0.95, "\n".join(failures)


def test_checker_can_fail(kb: KnowledgeBase) -> None:
    """The checker itself must report a wrong expectation (guards against a tautology)."""
    assert _check(kb, {"text": "Russia", "expect": {"country": "USA"}})
    assert _check(kb, {"text": "Russia", "expect": None})
    assert _check(kb, {"text": "the weather", "expect": {"country": "RUS"}})
