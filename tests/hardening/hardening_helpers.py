"""Helpers of the hardening tests: run ``whimbrel code`` (in-process or as a process), read its
failure lines, and check that an emitted event is a valid published record.

Records: the JSON form of every event must validate against ``docs/event.schema.json`` (with
``jsonschema`` when it is installed, else by a pydantic round trip of the JSON), and its offsets
must index the article text it came from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

import whimbrel.serve.cli  # noqa: F401  (registers the commands)
from whimbrel.records import Article, Event
from whimbrel.serve.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "docs" / "event.schema.json"
GOOD = (
    "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, officials said.\n\n"
    "The European Union imposed new sanctions on Russia last year."
)


def code(runner: CliRunner, *args: str, stdin: str | None = None):
    """``whimbrel code ARGS --format jsonl`` in-process; returns the result and its events."""
    result = runner.invoke(app, ["code", *args, "--format", "jsonl"], input=stdin)
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, events


def code_process(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``whimbrel code ARGS`` as a real process (the installed entry point's ``main``)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-c", "from whimbrel.serve.cli import main; main()", "code"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def failure_lines(stderr: str) -> list[str]:
    """The per-input failure lines of ``whimbrel code`` (not the summary line)."""
    return [
        line
        for line in stderr.splitlines()
        if line.startswith("whimbrel code: ") and " coded, " not in line
    ]


@cache
def _validator() -> Any:
    try:
        import jsonschema
    except ImportError:
        return None
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def record_problems(event: Event | dict[str, Any], text: str | None = None) -> list[str]:
    """Why an event (model or its JSON) is not a valid record; ``[]`` when it is.

    With ``text`` (the cleaned article text), the sentence, trigger and actor offsets are
    checked against it too.
    """
    data = event if isinstance(event, dict) else event.model_dump(mode="json")
    data = json.loads(json.dumps(data, ensure_ascii=False))  # what a reader of the JSON sees
    problems: list[str] = []
    validator = _validator()
    if validator is not None:
        problems += [f"schema: {e.message}" for e in validator.iter_errors(data)]
    try:
        Event.model_validate(data)
    except ValueError as exc:
        problems.append(f"model: {exc}")
    if text is not None:
        start, end = data["sentence_start"], data["sentence_end"]
        if not (0 <= start <= end <= len(text)) or text[start:end] != data["sentence"]:
            problems.append(f"sentence offsets {start}:{end} do not index the text")
        trig = data["trigger"]
        if text[trig["start"] : trig["end"]] != trig["text"]:
            problems.append(f"trigger offsets {trig['start']}:{trig['end']} do not index the text")
        for actor in [*data["source"], *data["target"]]:
            if text[actor["start"] : actor["end"]] != actor["text"]:
                problems.append(f"actor {actor['text']!r} offsets do not index the text")
    return problems


def article_problems(article: Article) -> list[str]:
    """Every record problem of a coded article's events, plus sentence offset problems."""
    problems = []
    for s in article.sentences:
        if article.text[s.start : s.end] != s.text:
            problems.append(f"sentence {s.start}:{s.end} does not index the text")
    for e in article.events:
        problems += [f"{e.id}: {p}" for p in record_problems(e, article.text)]
    return problems
