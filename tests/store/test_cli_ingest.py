"""``whimbrel ingest``, ``errors``, ``recode`` and ``watch`` through the real CLI (CliRunner)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import whimbrel.serve.cli  # noqa: F401  (registers the commands)
from whimbrel.serve.cli.app import app
from whimbrel.serve.cli.ingest import parse_interval
from whimbrel.store import Store

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Drills</title><link>https://news.example/drills</link>
<pubDate>Tue, 12 Mar 2024 08:00:00 GMT</pubDate>
<description>Russia and China began joint naval exercises on Tuesday.</description></item>
</channel></rss>"""


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_ingest_then_again_skips_everything(runner, tmp_path, small_corpus, store_url):
    result = runner.invoke(app, ["ingest", str(small_corpus), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "6 ingested, 0 skipped as already present, 0 failed" in result.stdout
    again = runner.invoke(app, ["ingest", str(small_corpus), "--db", store_url])
    assert again.exit_code == 0
    assert "0 ingested, 6 skipped as already present, 0 failed, 0 events" in again.stdout


def test_cli_ingest_reports_failed_inputs_and_errors_lists_them(runner, tmp_path, small_corpus):
    db = str(tmp_path / "s.duckdb")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Iran criticised Israel on Monday."}\n{broken\n')
    result = runner.invoke(
        app, ["ingest", str(bad), str(tmp_path / "nope.txt"), str(small_corpus), "--db", db]
    )
    assert result.exit_code == 1
    assert f"{bad}:2: malformed JSON" in result.stderr
    assert f"{tmp_path / 'nope.txt'}: no such file or directory" in result.stderr
    assert "7 ingested" in result.stdout and "2 failed" in result.stdout
    listed = runner.invoke(app, ["errors", "--db", db, "--format", "jsonl"])
    assert listed.exit_code == 0
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {(r["source"], r["line"]) for r in records} == {
        (str(bad), 2), (str(tmp_path / "nope.txt"), None)
    }  # fmt: skip
    table = runner.invoke(app, ["errors", "--db", db, "--format", "table"])
    assert table.exit_code == 0 and "malformed JSON" in table.stdout


def test_cli_ingest_csv_with_a_column_map(runner, tmp_path):
    db = str(tmp_path / "s.duckdb")
    corpus = tmp_path / "c.csv"
    corpus.write_text(
        "body,published,link\n"
        '"Iran criticised Israel on Monday over the strike.",2024-03-11,https://n.example/1\n'
        ",2024-03-11,https://n.example/2\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", db, "--csv-map", "text=body,date=published,url=link"]
    )
    assert result.exit_code == 1 and f"{corpus}:3: empty text" in result.stderr
    with Store(db) as store:
        (article_id,) = store.article_ids()
        article = store.article(article_id)
    assert article.url == "https://n.example/1" and str(article.date) == "2024-03-11"


@pytest.mark.parametrize(
    "args",
    [["--csv-map", "colour=red"], ["--date", "yesterday"]],
)
def test_cli_ingest_usage_errors_exit_2(runner, tmp_path, small_corpus, args):
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(app, ["ingest", str(small_corpus), "--db", db, *args])
    assert result.exit_code == 2, result.output


def test_cli_ingest_store_that_cannot_open_is_fatal(runner, tmp_path, small_corpus):
    result = runner.invoke(
        app, ["ingest", str(small_corpus), "--db", str(tmp_path / "no" / "dir" / "s.duckdb")]
    )
    assert result.exit_code == 3 and "fatal" in result.stderr


def test_cli_ingest_into_a_locked_duckdb_is_fatal_and_says_why(runner, tmp_path, small_corpus):
    db = str(tmp_path / "s.duckdb")
    Store(db).close()
    code = f"import duckdb,time; c=duckdb.connect({db!r}); print(1, flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"1"
        result = runner.invoke(app, ["ingest", str(small_corpus), "--db", db])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 3
    assert db in result.stderr and "PostgreSQL" in result.stderr


def test_cli_db_comes_from_the_environment(runner, tmp_path, small_corpus):
    db = str(tmp_path / "env.duckdb")
    result = runner.invoke(app, ["ingest", str(small_corpus)], env={"WHIMBREL_DB": db})
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.counts()["articles"] == 6


def test_cli_recode_is_idempotent(runner, tmp_path, small_corpus):
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(small_corpus), "--db", db]).exit_code == 0
    with Store(db) as store:
        store.backend.execute("UPDATE articles SET kb_version = 'old' WHERE id = 'k-001'")
    first = runner.invoke(app, ["recode", "--db", db])
    assert first.exit_code == 0 and first.stdout.startswith("1 recoded, 0 failed")
    second = runner.invoke(app, ["recode", "--db", db])
    assert second.exit_code == 0 and second.stdout.startswith("0 recoded")


def test_cli_watch_polls_and_skips_what_it_has(runner, tmp_path):
    db = str(tmp_path / "s.duckdb")
    feed = tmp_path / "desk.rss"
    feed.write_text(RSS, encoding="utf-8")
    result = runner.invoke(
        app, ["watch", str(feed), "--every", "0.05s", "--max-polls", "2", "--db", db]
    )
    assert result.exit_code == 0, result.output
    polls = result.stdout.splitlines()
    assert "poll 1: 1 ingested" in polls[0] and "poll 2: 0 ingested, 1 skipped" in polls[1]


def test_cli_watch_interval_parsing():
    assert parse_interval("15m") == 900 and parse_interval("30s") == 30
    assert parse_interval("2h") == 7200 and parse_interval("90") == 90
    for bad in ("soon", "-5m", "0s", "5w"):
        with pytest.raises(ValueError):
            parse_interval(bad)
