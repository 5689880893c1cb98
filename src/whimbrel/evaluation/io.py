"""Reading gold and prediction files (JSON Lines), naming every bad line and skipping it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: A check of one parsed line: returns a problem description, or ``None`` when it is fine.
Check = Callable[[Any], "str | None"]


def _span_problem(span: Any, where: str) -> str | None:
    if not isinstance(span, dict):
        return f"{where} is not an object"
    for key in ("start", "end"):
        if not isinstance(span.get(key), int):
            return f"{where} lacks an integer {key!r}"
    return None


def check_gold_pair(obj: Any) -> str | None:
    """A gold pair: id, text, source and target spans, event_type and/or candidates."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    for key in ("id", "text", "source", "target"):
        if key not in obj:
            return f"missing {key!r}"
    for role in ("source", "target"):
        if problem := _span_problem(obj[role], role):
            return problem
    if "event_type" not in obj and "event_type_candidates" not in obj:
        return "missing 'event_type' and 'event_type_candidates'"
    cands = obj.get("event_type_candidates")
    if cands is not None and not (
        isinstance(cands, list) and all(isinstance(c, str) for c in cands)
    ):
        return "'event_type_candidates' is not a list of types"
    return None


def _actors_problem(actors: Any, where: str) -> str | None:
    if not isinstance(actors, list):
        return f"{where} is not a list"
    for i, actor in enumerate(actors):
        if problem := _span_problem(actor, f"{where}[{i}]"):
            return problem
    return None


def check_event(event: Any, where: str) -> str | None:
    """An event (gold or predicted): event_type, and source/target lists of spans."""
    if not isinstance(event, dict):
        return f"{where} is not an object"
    if not isinstance(event.get("event_type"), str):
        return f"{where} lacks an 'event_type'"
    for role in ("source", "target"):
        if problem := _actors_problem(event.get(role, []), f"{where}.{role}"):
            return problem
    return None


def check_gold_record(obj: Any) -> str | None:
    """A gold corpus record: id, text, events (each with type and actor spans)."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    for key in ("id", "text", "events"):
        if key not in obj:
            return f"missing {key!r}"
    if not isinstance(obj["events"], list):
        return "'events' is not a list"
    for i, event in enumerate(obj["events"]):
        if problem := check_event(event, f"events[{i}]"):
            return problem
    return None


def check_pair_prediction(obj: Any) -> str | None:
    """A pair prediction (classify output): id, event_type (or null)."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    if "id" not in obj:
        return "missing 'id'"
    if obj.get("event_type") is not None and not isinstance(obj["event_type"], str):
        return "'event_type' is not a string or null"
    conf = obj.get("confidence")
    if conf is not None and not isinstance(conf, int | float):
        return "'confidence' is not a number"
    return None


def check_e2e_prediction(obj: Any) -> str | None:
    """An end-to-end prediction line: ``{"id": gold id, "events": [Event JSON, ...]}``."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    if "id" not in obj:
        return "missing 'id'"
    if not isinstance(obj.get("events"), list):
        return "'events' missing or not a list"
    for i, event in enumerate(obj["events"]):
        if problem := check_event(event, f"events[{i}]"):
            return problem
    return None


def read_jsonl(
    path: str | Path, check: Check, *, unique_ids: bool = False
) -> tuple[list[dict[str, Any]], list[str]]:
    """Parse and check every line; returns the good records and ``path:line: problem`` messages.

    Blank lines are skipped silently. With ``unique_ids``, a repeated ``id`` is a problem too
    (the first record with that id is kept).
    """
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path}:{n}: not JSON ({exc.msg})")
                continue
            if problem := check(obj):
                problems.append(f"{path}:{n}: {problem}")
                continue
            if unique_ids:
                if str(obj["id"]) in seen:
                    problems.append(f"{path}:{n}: repeated id {obj['id']!r}")
                    continue
                seen.add(str(obj["id"]))
            records.append(obj)
    return records, problems
