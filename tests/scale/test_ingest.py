"""``whimbrel ingest --workers 2`` leaves the store a single-process ingest leaves; failed
partitions are retried, then recorded with their inputs named, and a rerun completes them."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import whimbrel.serve.cli  # noqa: F401  (registers the commands)
from whimbrel import scale
from whimbrel.scale.runner import code_partition
from whimbrel.serve.cli.app import app
from whimbrel.store import Store

from .conftest import write_corpus


def snapshot(store) -> dict[str, list[tuple]]:
    """Every table of the store, rows sorted, without timestamps (``*_at`` columns)."""
    b = store.backend
    tables = [
        r[0]
        for r in b.query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY table_name"
        )
        if r[0] != "schema_version"
    ]
    out = {}
    for table in tables:
        names, found = b.columns(f"SELECT * FROM {table}")
        keep = [i for i, n in enumerate(names) if not n.endswith("_at")]
        out[table] = sorted(tuple(_plain(r[i]) for i in keep) for r in found)
    return out


def _plain(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    return "" if value is None else value


def test_ingest_with_two_workers_equals_a_single_process_ingest(tmp_path, corpus, pipeline):
    one, two = str(tmp_path / "one.duckdb"), str(tmp_path / "two.duckdb")
    with Store(one) as store:
        single = store.ingest([str(corpus)], pipeline=pipeline)
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", two, "--workers", "2"])
    assert result.exit_code == 1, result.output  # the malformed line and the French article
    assert single.failed == 2 and single.ingested == 320
    head = str(single).split(" (")[0]  # "320 ingested, 0 skipped ..., 2 failed, N events"
    assert head in result.stdout
    assert f"{corpus}:{320 // 3 + 1}: malformed JSON" in result.stderr
    assert "not coded: the text is in language 'fr'" in result.stderr
    with Store(one, read_only=True) as a, Store(two, read_only=True) as b:
        first, second = snapshot(a), snapshot(b)
        assert a.counts()["events"] > 300
    assert first.keys() == second.keys()
    for table in first:
        assert first[table] == second[table], table


def test_ingest_again_on_the_cluster_skips_what_is_stored(tmp_path, scheduler):
    small = write_corpus(tmp_path / "small.jsonl", 40, broken=False)
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(small), "--db", db, "--scheduler", scheduler])
    assert first.exit_code == 0, first.output
    assert "40 ingested, 0 skipped as already present, 0 failed" in first.stdout
    again = runner.invoke(app, ["ingest", str(small), "--db", db, "--scheduler", scheduler])
    assert again.exit_code == 0, again.output
    assert "0 ingested, 40 skipped as already present, 0 failed, 0 events" in again.stdout


def flaky_task(markers):
    """A task that fails the first attempt at every partition, then codes it."""

    def task(key, articles, config):
        marker = markers / key
        if not marker.exists():
            marker.touch()
            raise RuntimeError(f"worker lost its way on {key}")
        return code_partition(key, articles, config)

    return task


def failing_task(bad_id):
    """A task that always fails on the partition holding article ``bad_id``."""

    def task(key, articles, config):
        if any(a.id == bad_id for a in articles):
            raise RuntimeError("this partition always fails")
        return code_partition(key, articles, config)

    return task


def test_a_failing_partition_is_retried(tmp_path, client):
    small = write_corpus(tmp_path / "small.jsonl", 48, broken=False)
    markers = tmp_path / "markers"
    markers.mkdir()
    with Store(str(tmp_path / "s.duckdb")) as store:
        summary = scale.ingest(
            store, [str(small)], client=client, partition_size=16, task=flaky_task(markers)
        )
        assert (summary.ingested, summary.failed) == (48, 0), summary.failures
        assert len(list(markers.iterdir())) == 3  # every partition failed once, then passed


def test_a_partition_that_keeps_failing_is_recorded_and_a_rerun_codes_it(tmp_path, client):
    small = write_corpus(tmp_path / "small.jsonl", 48, broken=False)
    with Store(str(tmp_path / "s.duckdb")) as store:
        summary = scale.ingest(
            store,
            [str(small)],
            client=client,
            partition_size=16,
            retries=1,
            task=failing_task("s-0020"),
        )
        assert (summary.ingested, summary.failed) == (32, 16)
        errors = store.errors()
        assert len(errors) == 16
        assert {e.kind for e in errors} == {"PartitionError"}
        assert {e.source for e in errors} == {f"{small}:{i}" for i in range(17, 33)}
        assert all("this partition always fails" in e.reason for e in errors)
        assert f"{small}:17: not coded: its partition" in summary.failures[0]

        again = scale.ingest(store, [str(small)], client=client, partition_size=16)
        assert (again.ingested, again.skipped, again.failed) == (16, 32, 0)
        assert store.counts()["articles"] == 48
