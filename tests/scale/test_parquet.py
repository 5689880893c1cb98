"""``whimbrel code --format parquet --out DIR``: hive layout by publication month, the same
events as one process, atomic files, and a rerun that skips the partitions already written."""

from __future__ import annotations

import json
import re
import sys

import duckdb
import pytest
from typer.testing import CliRunner

import whimbrel.serve.cli  # noqa: F401  (registers the commands)
from whimbrel import scale
from whimbrel.scale import parquet
from whimbrel.serve.cli.app import app

from .conftest import write_corpus

PART = re.compile(r"^part-\d{6}-[0-9a-f]{12}\.parquet$")


def read(out, columns="*"):
    con = duckdb.connect()
    try:
        rel = con.sql(
            f"SELECT {columns} FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true) "
            "ORDER BY id"
        )
        return rel.columns, rel.fetchall()
    finally:
        con.close()


def without_clock(out):
    names, found = read(out)
    keep = [i for i, n in enumerate(names) if n != "coded_at"]
    return [tuple(r[i] for i in keep) for r in found]


def test_parquet_by_month_holds_the_events_of_one_process(tmp_path, corpus, scheduler, reference):
    out = tmp_path / "events"
    result = CliRunner().invoke(
        app,
        ["code", str(corpus), "--format", "parquet", "--out", str(out), "--scheduler", scheduler],
    )
    assert result.exit_code == 1, result.output  # the malformed line and the French article
    assert f"{corpus}:{320 // 3 + 1}: malformed JSON" in result.stderr
    assert "language 'fr'" in result.stderr
    assert "320 articles coded" in result.stderr and "in 11 partitions" in result.stderr

    months = sorted(p.name for p in out.iterdir() if p.name.startswith("month="))
    assert months == [f"month=2024-{m:02d}" for m in range(1, 7)] + ["month=unknown"]
    files = [p for m in months for p in (out / m).iterdir()]
    assert files and all(PART.match(p.name) for p in files), files
    assert not [p for p in out.rglob(".*")], "no temporary file is left behind"
    assert len(parquet.manifests(out)) == 11

    coded, _ = reference
    expected = {e.id: (e, a) for a in coded.values() for e in a.events}
    _, found = read(
        out,
        "id, article_id, month, publication_date, event_type, source_actor_id, "
        "target_actor_id, trigger_text, sentence, sentence_start, sentence_end, date, quad, score, "
        "source",
    )
    assert [r[0] for r in found] == sorted(expected)
    for row in found:
        event, article = expected[row[0]]
        month = article.date.strftime("%Y-%m") if article.date else "unknown"
        assert row[1:] == (
            event.article_id, month, article.date, event.event_type,
            event.source[0].id if event.source else None,
            event.target[0].id if event.target else None,
            event.trigger.text, event.sentence, event.sentence_start, event.sentence_end,
            event.date, event.quad, event.score, row[-1],
        )  # fmt: skip
        assert json.loads(row[-1]) == event.model_dump(mode="json")["source"]


def test_the_columns_follow_the_store_events_table():
    from whimbrel.store import rows

    assert list(parquet.COLUMNS) == [*rows.EVENT_COLUMNS, "publication_date"]
    text = set(rows.EVENT_COLUMNS) - set(parquet.TYPES)
    assert text == {  # a new non-text column in the store needs its type in parquet.TYPES
        "id", "article_id", "coder", "kb_version", "event_type", "mode", "contexts", "source",
        "target", "source_name", "source_actor_id", "source_country", "source_sector",
        "target_name", "target_actor_id", "target_country", "target_sector", "factuality",
        "attributed_to", "date", "date_precision", "location", "location_name",
        "location_country", "sentence", "trigger", "trigger_text", "cameo_root", "explain",
        "extra",
    }  # fmt: skip


def test_a_rerun_skips_finished_partitions_and_redoes_the_rest(tmp_path, scheduler):
    small = write_corpus(tmp_path / "small.jsonl", 96, broken=False)
    out = tmp_path / "events"
    args = ["code", str(small), "--format", "parquet", "--out", str(out), "--scheduler", scheduler]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "96 articles coded" in first.stderr and "in 3 partitions" in first.stderr
    before = without_clock(out)

    # A run killed half-way: one partition lost its manifest and a file, a temp file is left.
    key = parquet.manifests(out)[1]
    manifest = parquet.read_manifest(out, key)
    assert manifest is not None and manifest.articles == 32 and manifest.files
    parquet.manifest_path(out, key).unlink()
    (out / manifest.files[0]).unlink()
    (out / manifest.files[-1]).with_name(".half-written.parquet.123.tmp").write_bytes(b"PAR1")

    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "32 articles coded" in again.stderr and "in 1 partitions" in again.stderr
    assert "2 partitions (64 articles" in again.stderr
    assert without_clock(out) == before

    done = runner.invoke(app, args)
    assert "0 articles coded" in done.stderr and "3 partitions (96 articles" in done.stderr


def test_a_rerun_with_other_partitions_is_refused(tmp_path, client):
    small = write_corpus(tmp_path / "small.jsonl", 20, broken=False)
    out = tmp_path / "events"
    from whimbrel.ingest.readers import read_input

    def articles():
        return (a for a in read_input(str(small)))

    assert scale.code(articles(), [], fmt="parquet", out=out, client=client) == 20
    with pytest.raises(scale.UsageError, match="partition_size was 32, now 10"):
        scale.code(articles(), [], fmt="parquet", out=out, client=client, partition_size=10)


def test_parquet_in_one_process_writes_the_same_files(tmp_path, scheduler):
    small = write_corpus(tmp_path / "small.jsonl", 40, broken=False)
    runner = CliRunner()
    one, two = tmp_path / "one", tmp_path / "two"
    local = runner.invoke(app, ["code", str(small), "--format", "parquet", "--out", str(one)])
    assert local.exit_code == 0, local.output
    dask = runner.invoke(
        app, ["code", str(small), "-f", "parquet", "-o", str(two), "--scheduler", scheduler]
    )
    assert dask.exit_code == 0, dask.output
    listing = sorted(str(p.relative_to(one)) for p in one.rglob("*.parquet"))
    assert listing == sorted(str(p.relative_to(two)) for p in two.rglob("*.parquet"))
    assert without_clock(one) == without_clock(two)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["code", "x.txt", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["code", "x.txt", "--format", "parquet"], "give --out DIR"),
        (["ingest", "x.txt", "--workers", "1", "--scheduler", "tcp://h:1"], "not both"),
    ],
)
def test_options_that_do_not_go_together_are_usage_errors(tmp_path, args, message):
    if args[0] == "ingest":
        args = [*args, "--db", str(tmp_path / "s.duckdb")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_without_dask_the_cli_says_how_to_install_it(tmp_path, monkeypatch, command):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    args = [command, str(tmp_path / "x.txt"), "--workers", "2"]
    if command == "ingest":
        args += ["--db", str(tmp_path / "s.duckdb")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3, result.output
    assert "pip install 'whimbrel[scale]'" in result.stderr
