"""``whimbrel resolve`` through typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import whimbrel.serve.cli.resolve  # noqa: F401  (registers the command)
from whimbrel.serve.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app

runner = CliRunner()


def test_names_as_jsonl() -> None:
    result = runner.invoke(app, ["resolve", "the Russian president", "an American destroyer",
                                 "--date", "2005-06-01", "--format", "jsonl"])  # fmt: skip
    assert result.exit_code == EXIT_OK, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["actor"]["name"] == "Vladimir Putin"
    assert rows[1]["actor"]["country"] == "USA" and rows[1]["actor"]["sector"] == "MIL"


def test_table_and_json_formats() -> None:
    result = runner.invoke(app, ["resolve", "Moscow", "--format", "table"])
    assert result.exit_code == EXIT_OK and "RUS" in result.stdout
    result = runner.invoke(app, ["resolve", "the weather", "--format", "json"])
    assert json.loads(result.stdout)[0]["actor"] is None


def test_context_option() -> None:
    result = runner.invoke(app, ["resolve", "the president", "-d", "2024-06-18", "-c", "RUS",
                                 "--format", "jsonl"])  # fmt: skip
    assert json.loads(result.stdout)["actor"]["name"] == "Vladimir Putin"


def test_file_with_bad_line(tmp_path) -> None:
    src = tmp_path / "names.jsonl"
    src.write_text(
        '{"id": "a", "text": "the Russian president", "date": "2009-06-01"}\n'
        "not json\n"
        '{"id": "b", "text": "the president", "context": "PRK", "date": "2020-01-01"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["resolve", "--file", str(src), "--format", "jsonl", "-o", str(out)]
    )
    assert result.exit_code == EXIT_SOME_FAILED
    assert f"{src}:2" in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["actor"]["name"] == "Dmitry Medvedev"
    assert rows[1]["actor"]["name"] == "Kim Jong Un"


def test_bad_date_is_usage_error() -> None:
    result = runner.invoke(app, ["resolve", "Russia", "--date", "2024-02-30"])
    assert result.exit_code == EXIT_USAGE
    assert "--date" in result.stderr


def test_nothing_to_resolve_is_usage_error() -> None:
    assert runner.invoke(app, ["resolve"]).exit_code == EXIT_USAGE


def test_help_texts() -> None:
    result = runner.invoke(app, ["resolve", "--help"])
    assert result.exit_code == 0
    for opt in ("--date", "--context", "--file", "--format", "--out"):
        assert opt in result.stdout
