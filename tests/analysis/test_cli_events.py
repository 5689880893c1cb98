"""``whimbrel events``, ``export`` and ``dedup`` through typer's CliRunner, on DuckDB and
PostgreSQL stores filled with hand-made events (no model)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from typer.testing import CliRunner

import whimbrel.serve.cli  # noqa: F401  (registers the commands)
from whimbrel.analysis.dedup import DedupSettings
from whimbrel.analysis.exports import GDELT_COLUMNS
from whimbrel.records import ActorMention, Article, Event, Span
from whimbrel.serve.cli.app import app
from whimbrel.store import Store

ACTORS = {
    "RUS": ("Russia", "Q159"), "UKR": ("Ukraine", "Q212"), "PRK": ("North Korea", "Q423"),
    "JPN": ("Japan", "Q17"),
}  # fmt: skip
#: (article, publisher, day, type, source, target, factuality, sentence)
REPORTS = [
    ("a1", "wire", "2024-06-03", "ASSAULT", "PRK", "JPN", "asserted", "North Korea fired missiles toward Japan."),
    ("a2", "daily", "2024-06-03", "ASSAULT", "PRK", "JPN", "reported", "North Korea launched missiles toward Japan, Tokyo said."),
    ("a3", "daily", "2024-06-05", "ASSAULT", "RUS", "UKR", "asserted", "Russia shelled Ukraine."),
    ("a4", "herald", "2024-06-06", "ACCUSE", "JPN", "PRK", "asserted", "Japan accused North Korea."),
    ("a5", "herald", "2024-06-07", "ASSAULT", "RUS", "UKR", "negated", "Russia did not shell Ukraine again."),
]  # fmt: skip


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request, tmp_path):
    """A store on each backend holding :data:`REPORTS`, deduplicated."""
    if request.param == "duckdb":
        url = str(tmp_path / "cli.duckdb")
    else:
        url = request.getfixturevalue("pg_url")
    with Store(url, dedup=DedupSettings()) as store:
        for report in REPORTS:
            store.add_article(_article(*report))
        store.dedup()
    return url


def _mention(code: str, sentence: str) -> ActorMention:
    name, qid = ACTORS[code]
    start = max(0, sentence.find(name))
    return ActorMention(
        text=name, start=start, end=start + len(name), name=name, id=qid, country=code,
        sector=None, kind="state",
    )  # fmt: skip


def _article(aid, publisher, day, kind, source, target, factuality, sentence) -> Article:
    quad, root, score = {"ASSAULT": (4, "19", -9.0), "ACCUSE": (3, "11", -2.0)}[kind]
    word = sentence.split()[2 if sentence.startswith("North") else 1]
    at = sentence.index(word)
    event = Event(
        id=f"{aid}-0", article_id=aid, coder="whimbrel/test", kb_version="kb-test",
        coded_at=dt.datetime(2024, 6, 8, tzinfo=dt.UTC), event_type=kind,
        source=[_mention(source, sentence)], target=[_mention(target, sentence)],
        factuality=factuality, date=day, date_precision="day", sentence=sentence,
        sentence_start=0, sentence_end=len(sentence),
        trigger=Span(text=word, start=at, end=at + len(word)), confidence=0.8, quad=quad,
        cameo_root=root, score=score,
    )  # fmt: skip
    return Article(
        id=aid, text=sentence, title=f"Story {aid}", url=f"https://{publisher}.example/{aid}",
        publisher=publisher, date=dt.date.fromisoformat(day), language="en", events=[event],
    )  # fmt: skip


@pytest.fixture
def runner():
    return CliRunner()


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_events_lists_canonical_events_with_counts(runner, store_url):
    result = runner.invoke(app, ["events", "--db", store_url, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    # The launch reported twice is one event; the negated shelling is left out by default.
    assert [(r["event_type"], r["mentions"], r["sources"]) for r in records] == [
        ("ASSAULT", 2, 2), ("ASSAULT", 1, 1), ("ACCUSE", 1, 1)
    ]  # fmt: skip
    assert records[0]["citation"]["url"] == "https://wire.example/a1"
    assert "sentence" not in records[0]  # events lists; export shares text


def test_cli_events_filters_and_mentions(runner, store_url):
    def run(*args: str) -> list[dict]:
        result = runner.invoke(app, ["events", "--db", store_url, "-f", "jsonl", *args])
        assert result.exit_code == 0, result.output
        return _jsonl(result.stdout)

    assert [r["id"] for r in run("--source", "PRK", "--target", "JPN")] == ["a1-0"]
    assert [r["id"] for r in run("--actor", "Q159")] == ["a3-0"]
    assert [r["id"] for r in run("--actor", "RUS", "--factuality", "all")] == ["a3-0", "a5-0"]
    assert [r["id"] for r in run("--type", "ACCUSE")] == ["a4-0"]
    assert [r["id"] for r in run("--quad", "4", "--since", "2024-06-04")] == ["a3-0"]
    assert [r["id"] for r in run("--until", "2024-06-03")] == ["a1-0"]
    assert [r["id"] for r in run("--search", "launched tokyo")] == ["a1-0"]
    assert len(run("--limit", "2")) == 2
    mentions = run("--mentions", "--source", "PRK")
    assert [(m["id"], m["canonical_id"]) for m in mentions] == [("a1-0", "a1-0"), ("a2-0", "a1-0")]


def test_cli_events_table_csv_and_output_file(runner, store_url, tmp_path):
    table = runner.invoke(app, ["events", "--db", store_url, "-f", "table"])
    assert table.exit_code == 0 and "3 events" in table.stdout and "ASSAULT" in table.stdout
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["events", "--db", store_url, "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert [r["mentions"] for r in rows] == ["2", "1", "1"]


def test_cli_events_usage_errors(runner, store_url):
    bad_format = runner.invoke(app, ["events", "--db", store_url, "-f", "xml"])
    assert bad_format.exit_code == 2 and "unknown format" in bad_format.stderr
    bad_fact = runner.invoke(app, ["events", "--db", store_url, "--factuality", "maybe"])
    assert bad_fact.exit_code == 2 and "unknown factuality" in bad_fact.stderr
    bad_date = runner.invoke(app, ["events", "--db", store_url, "--since", "June"])
    assert bad_date.exit_code == 2 and "bad date" in bad_date.stderr


def test_cli_export_formats(runner, store_url, tmp_path):
    gdelt = runner.invoke(app, ["export", "--db", store_url, "--format", "gdelt"])
    assert gdelt.exit_code == 0, gdelt.output
    lines = gdelt.stdout.splitlines()
    assert lines[0].split("\t")[:61] == GDELT_COLUMNS and len(lines) == 4
    jsonl = _jsonl(runner.invoke(app, ["export", "--db", store_url]).stdout)
    assert jsonl[0]["citation"]["text"] == REPORTS[0][-1]
    shared = runner.invoke(app, ["export", "--db", store_url, "-f", "polecat", "--no-text"])
    assert shared.exit_code == 0 and "fired missiles" not in shared.stdout
    assert "https://wire.example/a1" in shared.stdout
    rows = list(csv.DictReader(io.StringIO(shared.stdout), delimiter="\t"))
    assert rows[0]["Event Type"] == "assault" and rows[0]["mentions"] == "2"
    path = tmp_path / "e.parquet"
    parquet = runner.invoke(app, ["export", "--db", store_url, "-f", "parquet", "-o", str(path)])
    assert parquet.exit_code == 0 and "3 events written" in parquet.stderr
    import duckdb

    assert duckdb.connect().execute(f"SELECT COUNT(*) FROM '{path}'").fetchall() == [(3,)]
    refused = runner.invoke(app, ["export", "--db", store_url, "-f", "parquet"])
    assert refused.exit_code == 2 and "-o PATH" in refused.stderr


def test_cli_dedup_full_keeps_the_clusters(runner, store_url):
    with Store(store_url) as store:
        before = store.backend.query("SELECT id, canonical_id FROM events ORDER BY id")
    result = runner.invoke(app, ["dedup", "--db", store_url, "--full"])
    assert result.exit_code == 0, result.output
    assert "5 events in 4 canonical events" in result.stdout
    with Store(store_url) as store:
        assert store.backend.query("SELECT id, canonical_id FROM events ORDER BY id") == before


def test_cli_events_on_a_missing_store_is_fatal(runner, tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3 and "no store" in result.stderr
