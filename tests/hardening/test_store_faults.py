"""Store faults (issue 7): a full disk and a PostgreSQL server that goes away mid-batch.

Each fault is made at the driver boundary, not inside whimbrel: the DuckDB connection is
wrapped so that its writes raise DuckDB's own ``IOException`` ("No space left on device")
once the "disk" fills, and the PostgreSQL server terminates the ingesting process's backend
connection (``pg_terminate_backend`` from a second connection) while an article's
transaction is open. Each test asserts a clear ``StoreError`` (or exit 3 and one line on
standard error) naming the store, no partial article, and that a rerun once the fault is gone
ends with exactly the store a clean run gives (timestamps aside).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import pytest

from whimbrel.errors import StoreError
from whimbrel.store import Store
from whimbrel.store.base import MARK_ENV, PAUSE_ENV

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ENOSPC = 'IO Error: Could not write to file "{}.wal": No space left on device'
_WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")


# -- helpers -----------------------------------------------------------------------------------


def _paragraphs(limit: int) -> list[str]:
    found = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = " ".join(block.split())
            if len(block.split()) >= 25:
                found.append(block)
    return found[:limit]


def _corpus(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(_paragraphs(count)):
            record = {"id": f"f-{i:03d}", "text": text, "date": "2024-03-12", "title": f"Item {i}"}
            out.write(json.dumps(record) + "\n")
    return path


def _plain(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def snapshot(store: Store, tables: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """The store's content without the clock (as tests/store/conftest.py takes it)."""
    volatile = {"ingested_at", "coded_at", "first_at", "last_at"}
    orders = {
        "articles": "id",
        "events": "id",
        "event_actors": "event_id, role, position",
        "ingest_errors": "id",
    }
    out = {}
    for table in tables or tuple(orders):
        names, found = store.backend.columns(f"SELECT * FROM {table} ORDER BY {orders[table]}")
        keep = [i for i, n in enumerate(names) if n not in volatile]
        out[table] = [tuple(_plain(r[i]) for i in keep) for r in found]
    return out


def consistent(store: Store) -> None:
    """No half article: each stored article has exactly its events and their actor rows."""
    found = store.backend.query(
        "SELECT a.id, a.event_count, COUNT(e.id) FROM articles a "
        "LEFT JOIN events e ON e.article_id = a.id GROUP BY a.id, a.event_count"
    )
    assert all(expected == got for _, expected, got in found), found
    for table in ("events", "event_actors"):
        orphans = store.backend.query(
            f"SELECT COUNT(*) FROM {table} x WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.id = x.article_id)"
        )
        assert orphans[0][0] == 0, f"{table} rows without their article"


class FullDisk:
    """A DuckDB connection whose disk fills after ``room`` more writes.

    Reads keep working (a full disk can still be read). Once full, every write statement
    and every commit raises DuckDB's ``IOException`` as a real ENOSPC does; a failed commit
    rolls back, as DuckDB's does. ``free()`` empties the disk; ``hiccup=True`` fails only the
    one write that hits the limit (space freed by another process right after).
    """

    def __init__(self, conn: Any, path: str, *, room: int, hiccup: bool = False) -> None:
        self._conn = conn
        self._path = path
        self.room: int | None = room
        self.hiccup = hiccup
        self.failures = 0

    def free(self) -> None:
        self.room = None

    def _write(self) -> None:
        if self.room is None:
            return
        if self.room <= 0:
            self.failures += 1
            if self.hiccup:
                self.room = None
            raise duckdb.IOException(ENOSPC.format(self._path))
        self.room -= 1

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.lstrip().upper().startswith(_WRITES):
            self._write()
        return self._conn.execute(sql, *args)

    def commit(self) -> Any:
        try:
            self._write()
        except duckdb.IOException:
            self._conn.rollback()
            raise
        return self._conn.commit()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _ingest(store: Store, corpus: Path, pipeline: Any):
    return store.ingest([str(corpus)], pipeline=pipeline, dedup=False)


# -- full disk (DuckDB) ------------------------------------------------------------------------

ARTICLES = 6


@pytest.fixture(scope="module")
def disk_corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("disk") / "corpus.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def clean_disk(disk_corpus, pipeline, tmp_path_factory):
    """The clean store's snapshot and how many writes each article took."""
    path = str(tmp_path_factory.mktemp("clean") / "clean.duckdb")
    with Store(path) as store:
        counter = FullDisk(store.backend.conn, path, room=1 << 30)
        store.backend.conn = counter
        summary = _ingest(store, disk_corpus, pipeline)
        assert summary.ingested == ARTICLES and summary.failed == 0
        assert summary.events > ARTICLES
        return snapshot(store), (1 << 30) - counter.room


# An article takes four writes (its row, its events, their actor rows, the commit): the disk
# fills at each of them, in the first article and in the middle of the batch.
@pytest.mark.parametrize("room", [0, 1, 2, 3, 9, 14])
def test_full_disk_stops_cleanly_and_a_rerun_recovers(
    room, disk_corpus, clean_disk, pipeline, tmp_path
):
    clean, writes = clean_disk
    assert room < writes
    path = str(tmp_path / "store.duckdb")
    with Store(path) as store:
        disk = FullDisk(store.backend.conn, path, room=room)
        store.backend.conn = disk
        with pytest.raises(StoreError) as caught:
            _ingest(store, disk_corpus, pipeline)
        message = str(caught.value)
        # Names the article, the store and the cause, on one line.
        assert re.match(rf".*corpus\.jsonl:[1-6]: not stored, and the run stops: {path}: ", message)
        assert "No space left on device" in message
        assert "\n" not in message
        assert disk.failures >= 1
        consistent(store)
        stored = store.counts()
        assert stored["articles"] < ARTICLES
        # Articles committed before the disk filled are whole; the failed one left nothing.
        partial = snapshot(store)
        for table in ("articles", "events", "event_actors"):
            assert set(partial[table]) <= set(clean[table])
        disk.free()
        summary = _ingest(store, disk_corpus, pipeline)
        assert summary.failed == 0, summary.failures
        assert summary.skipped == stored["articles"]
        assert snapshot(store) == clean
    with Store(path) as reopened:  # and it is the same on disk
        assert snapshot(reopened) == clean


@pytest.mark.parametrize("room", [0, 3])
def test_a_moment_of_full_disk_is_recorded_and_the_batch_carries_on(
    room, disk_corpus, clean_disk, pipeline, tmp_path
):
    clean, _ = clean_disk
    path = str(tmp_path / "store.duckdb")
    with Store(path) as store:
        store.backend.conn = disk = FullDisk(store.backend.conn, path, room=room, hiccup=True)
        summary = _ingest(store, disk_corpus, pipeline)
        assert disk.failures == 1
        assert summary.failed == 1 and summary.ingested == ARTICLES - 1
        (failure,) = summary.failures
        assert "not stored" in failure and path in failure and "No space left" in failure
        (error,) = store.errors()
        assert error.kind == "StoreError"
        assert re.fullmatch(r".*corpus\.jsonl:[1-6]", error.source or ""), error.source  # the line
        consistent(store)
        lost = set(clean["articles"]) - set(snapshot(store, ("articles",))["articles"])
        assert len(lost) == 1
        rerun = _ingest(store, disk_corpus, pipeline)
        assert rerun.ingested == 1 and rerun.failed == 0
        got = snapshot(store)
        for table in ("articles", "events", "event_actors"):
            assert got[table] == clean[table], table
        # The recorded failure stays listed (whimbrel errors) until cleared.
        assert len(got["ingest_errors"]) == 1


# -- PostgreSQL goes away mid-batch ----------------------------------------------------------


@pytest.fixture
def pg_schema(pg_server):
    """Make fresh schemas; each URL carries an application name of its own."""
    import psycopg

    made = []

    def make(app: str) -> str:
        schema = "h_" + uuid.uuid4().hex[:12]
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        made.append(schema)
        sep = "&" if "?" in pg_server else "?"
        options = quote(f"-csearch_path={schema}")
        return f"{pg_server}{sep}options={options}&application_name={app}"

    yield make
    with psycopg.connect(pg_server, autocommit=True) as conn:
        for schema in made:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _terminate(server: str, app: str) -> int:
    """Terminate the ingesting process's connections, as a server going away does."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        found = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND application_name = %s",
            [app],
        ).fetchall()
    return sum(1 for (done,) in found if done)


PG_ARTICLES = 10


def test_postgresql_going_away_mid_batch_fails_clearly_and_a_rerun_recovers(
    pg_server, pg_schema, pipeline, tmp_path
):
    corpus = _corpus(tmp_path / "pg.jsonl", PG_ARTICLES)
    with Store(pg_schema("whimbrel-clean")) as store:
        summary = _ingest(store, corpus, pipeline)
        assert summary.ingested == PG_ARTICLES and summary.failed == 0
        clean = snapshot(store)

    app = "whimbrel-fault-" + uuid.uuid4().hex[:8]
    url = pg_schema(app)
    mark = tmp_path / "mark"
    env = {
        **os.environ,
        PAUSE_ENV: "0.05",
        MARK_ENV: str(mark),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("WHIMBREL_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from whimbrel.serve.cli import main; main()",
         "ingest", str(corpus), "--db", url],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        # Let two articles commit, then cut the connection inside the third's transaction.
        seen: set[str] = set()
        while len(seen) < 3 and proc.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(OSError):  # not there, or being rewritten
                seen.add(mark.read_text(encoding="utf-8"))
            time.sleep(0.002)
        assert proc.poll() is None, proc.communicate()
        assert _terminate(pg_server, app) >= 1
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 3, (proc.returncode, out, err)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.match(
        r"whimbrel ingest: fatal: .*pg\.jsonl:\d+: not stored, and the run stops: postgresql://",
        lines[0],
    ), err
    assert "terminat" in lines[0] or "closed" in lines[0], err

    with Store(url) as store:
        consistent(store)
        committed = store.counts()["articles"]
        assert 2 <= committed < PG_ARTICLES
        partial = snapshot(store)
        for table in ("articles", "events", "event_actors"):
            assert set(partial[table]) <= set(clean[table])
        summary = _ingest(store, corpus, pipeline)
        assert summary.failed == 0, summary.failures
        assert summary.skipped == committed
        assert snapshot(store) == clean
