"""The kill test (issue 4): a ``whimbrel ingest`` killed with SIGKILL at random moments,
mid-transaction included, then rerun, ends with exactly the store a clean run gives.

The clean store is built in-process. Each killed run is the real CLI in a subprocess, with a
test hook that pauses inside every article's transaction and leaves a mark file while the
transaction is open, so a kill inside a transaction is common and can be told apart. The
first run of each backend is killed the moment a transaction opens; the others at random.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from whimbrel.store import Store
from whimbrel.store.base import MARK_ENV, PAUSE_ENV

SRC = Path(__file__).resolve().parents[2] / "src"
ARTICLES = 40
PAUSE = 0.03  # seconds inside each transaction


def _start(corpus: Path, url: str, mark: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        PAUSE_ENV: str(PAUSE),
        MARK_ENV: str(mark),
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("WHIMBREL_DB", None)
    return subprocess.Popen(
        [sys.executable, "-c", "from whimbrel.serve.cli import main; main()",
         "ingest", str(corpus), "--db", url],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def _wait_for(mark: Path, proc: subprocess.Popen, timeout: float = 30) -> bool:
    """Wait until the first transaction opens (the mark appears); False if the run ended."""
    deadline = time.monotonic() + timeout
    while not mark.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    return True


def _consistent(store) -> None:
    """No half article: each stored article has exactly the events it was stored with."""
    found = store.backend.query(
        "SELECT a.id, a.event_count, COUNT(e.id) FROM articles a "
        "LEFT JOIN events e ON e.article_id = a.id GROUP BY a.id, a.event_count"
    )
    assert all(expected == got for _, expected, got in found), found
    orphans = store.backend.query(
        "SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.id = e.article_id)"
    )
    assert orphans[0][0] == 0


def _kill_runs(make_url, corpus: Path, tmp_path: Path, clean, pipeline, take_snapshot, runs: int):
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    mid_transaction = 0
    for run in range(runs):
        url = make_url(run)
        mark = tmp_path / f"mark-{run}"
        proc = _start(corpus, url, mark)
        started = _wait_for(mark, proc)
        assert started, proc.stderr.read().decode() if proc.stderr else "no output"
        if run > 0:
            time.sleep(rng.uniform(0, ARTICLES * PAUSE))
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_in_tx = alive and mark.exists()
        mid_transaction += killed_in_tx
        with Store(url) as store:
            partial = store.counts()["articles"]
            _consistent(store)
            summary = store.ingest([str(corpus)], pipeline=pipeline)
            assert summary.failed == 0, summary.failures
            assert summary.skipped == partial
            got = take_snapshot(store)
            differs = {t: sorted({r[0] for r in set(got[t]) ^ set(clean[t])}) for t in got}
            assert got == clean, f"run {run} (seed {seed}) differs: {differs}"
    assert mid_transaction >= 1, f"no run was killed inside a transaction (seed {seed})"


@pytest.fixture
def corpus(tmp_path, corpus_writer) -> Path:
    return corpus_writer(tmp_path / "kill.jsonl", ARTICLES)


def _clean(url, corpus, pipeline, take_snapshot):
    with Store(url) as store:
        summary = store.ingest([str(corpus)], pipeline=pipeline)
        assert summary.ingested == ARTICLES and summary.failed == 0
        assert summary.events > ARTICLES  # a corpus with real events in it
        return take_snapshot(store)


def test_kill_duckdb_ingest_resumes_to_the_clean_store(tmp_path, corpus, pipeline, take_snapshot):
    clean = _clean(str(tmp_path / "clean.duckdb"), corpus, pipeline, take_snapshot)
    _kill_runs(
        lambda run: str(tmp_path / f"killed-{run}.duckdb"),
        corpus, tmp_path, clean, pipeline, take_snapshot, runs=5,
    )  # fmt: skip


def test_kill_postgresql_ingest_resumes_to_the_clean_store(
    tmp_path, corpus, pipeline, take_snapshot, pg_server, request
):
    clean = _clean(request.getfixturevalue("pg_url"), corpus, pipeline, take_snapshot)

    def fresh(run: int) -> str:
        # One schema per run: a new fixture value needs a new name, so build it by hand.
        import uuid

        import psycopg

        schema = "k_" + uuid.uuid4().hex[:12]
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        request.addfinalizer(lambda: _drop(pg_server, schema))
        sep = "&" if "?" in pg_server else "?"
        return f"{pg_server}{sep}options=-csearch_path%3D{schema}"

    _kill_runs(fresh, corpus, tmp_path, clean, pipeline, take_snapshot, runs=3)


def _drop(server: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
