"""``whimbrel code`` through the real CLI (typer's CliRunner), every output format and exit status."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import whimbrel.serve.cli  # noqa: F401  (registers the commands)
from whimbrel.serve.cli.app import app
from whimbrel.serve.cli.output import CSV_COLUMNS

ARTICLE = (
    "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, officials said.\n\n"
    "The European Union imposed new sanctions on Russia last year."
)


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def run(runner, args, stdin=None):
    return runner.invoke(app, args, input=stdin)


def test_cli_code_jsonl_from_stdin(runner):
    result = run(runner, ["code", "-", "--date", "2024-06-18", "--format", "jsonl"], ARTICLE)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    types = {(e["event_type"], e["source"][0]["country"]) for e in events}
    assert ("ASSAULT", "RUS") in types and ("SANCTION", "EUR") in types
    shelling = next(e for e in events if e["event_type"] == "ASSAULT")
    assert shelling["date"] == "2024-06-18" and shelling["factuality"] == "reported"
    assert "explain" not in shelling


def test_cli_code_json_carries_cleaned_text_that_offsets_index(runner):
    result = run(runner, ["code", "-", "--date", "2024-06-18", "--format", "json"], ARTICLE)
    assert result.exit_code == 0
    (doc,) = json.loads(result.stdout)
    text = doc["article"]["text"]
    assert doc["article"]["date"] == "2024-06-18"
    for e in doc["events"]:
        for actor in e["source"] + e["target"]:
            assert text[actor["start"] : actor["end"]] == actor["text"]


def test_cli_code_csv_has_flat_columns(runner):
    result = run(runner, ["code", "-", "--date", "2024-06-18", "--format", "csv"], ARTICLE)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == CSV_COLUMNS
    assert {r["source_country"] for r in rows} >= {"RUS"}


def test_cli_code_table_lists_events(runner):
    result = run(runner, ["code", "-", "--date", "2024-06-18", "--format", "table"], ARTICLE)
    assert result.exit_code == 0
    assert "ASSAULT" in result.stdout and "events" in result.stdout


def test_cli_code_explain_names_the_lexicon_row(runner):
    args = ["code", "-", "--date", "2024-06-18", "--format", "jsonl", "--explain"]
    result = run(runner, args, ARTICLE)
    event = json.loads(result.stdout.splitlines()[0])
    assert event["explain"]["lexicon_entry"]["line"] > 0
    assert event["explain"]["source_slot"]


def test_cli_code_writes_to_file(runner, tmp_path):
    out = tmp_path / "events.jsonl"
    result = run(runner, ["code", "-", "--date", "2024-06-18", "-o", str(out)], ARTICLE)
    assert result.exit_code == 0 and result.stdout == ""
    assert all(json.loads(line)["id"] for line in out.read_text().splitlines())


def test_cli_code_corpus_keeps_ids_and_reports_bad_lines(runner, examples_dir):
    good = run(runner, ["code", str(examples_dir / "corpus.jsonl"), "--format", "jsonl"])
    assert good.exit_code == 0
    lines = (examples_dir / "corpus.jsonl").read_text().splitlines()
    ids = {json.loads(line)["id"] for line in lines}
    assert {json.loads(line)["article_id"] for line in good.stdout.splitlines()} <= ids
    bad = run(runner, ["code", str(examples_dir / "corpus-with-errors.jsonl"), "--format", "jsonl"])
    assert bad.exit_code == 1
    assert "corpus-with-errors.jsonl:" in bad.stderr
    assert bad.stdout.strip(), "the good lines are still coded"


def test_cli_code_missing_file_is_named_and_others_still_coded(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    result = run(runner, ["code", str(tmp_path / "nope.txt"), str(article), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    assert result.stdout.strip()


def test_cli_code_non_english_is_reported_not_coded(runner):
    french = (
        "Le gouvernement français a annoncé mardi de nouvelles sanctions contre la Russie, "
        "après des semaines de négociations difficiles avec ses partenaires européens."
    )
    result = run(runner, ["code", "-", "--format", "jsonl"], french)
    assert result.exit_code == 1
    assert "language 'fr'" in result.stderr and result.stdout == ""


def test_cli_code_usage_errors_exit_2(runner):
    assert run(runner, ["code", "-", "--date", "yesterday"], ARTICLE).exit_code == 2
    assert run(runner, ["code", "-", "--format", "xml"], ARTICLE).exit_code == 2


def test_cli_code_without_date_leaves_relative_dates_unresolved(runner):
    result = run(runner, ["code", "-", "--format", "jsonl"], ARTICLE)
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["date"] is None for e in events)
    assert all(e["date_precision"] == "unknown" for e in events)


def test_cli_every_command_has_help(runner):
    for command in ("code", "resolve"):
        result = run(runner, [command, "--help"])
        assert result.exit_code == 0 and len(result.stdout) > 100
