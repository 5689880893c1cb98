"""Fixtures of the store tests: a store on every backend, small corpora, store snapshots.

PostgreSQL tests use the server named by ``WHIMBREL_TEST_PG`` (``.ci/run`` starts one). When
it is unset they are skipped locally, but under CI (``CI`` set) they fail: CI must test both
backends. Each PostgreSQL test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

PG_ENV = "WHIMBREL_TEST_PG"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL server URL, checked once per run."""
    url = os.environ.get(PG_ENV)
    if not url:
        if _ci():
            pytest.fail(f"CI is set but {PG_ENV} is not: .ci/run must start PostgreSQL")
        pytest.skip(f"{PG_ENV} is not set: PostgreSQL store tests skipped")
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.fail(f"{PG_ENV}={url} is unreachable: {exc}")
    return url


@pytest.fixture
def pg_url(pg_server):
    """A URL whose connections work in a fresh schema of their own."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_server else "?"
    yield f"{pg_server}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request, tmp_path):
    """A store URL on each backend that survives reopening (a DuckDB file, a PG schema)."""
    if request.param == "duckdb":
        return str(tmp_path / "store.duckdb")
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=["duckdb-memory", "duckdb-file", "postgresql"])
def store(request, tmp_path):
    """An open, empty store on each backend."""
    from whimbrel.store import Store

    if request.param == "duckdb-memory":
        url = ":memory:"
    elif request.param == "duckdb-file":
        url = str(tmp_path / "store.duckdb")
    else:
        url = request.getfixturevalue("pg_url")
    with Store(url) as opened:
        yield opened


def paragraphs(limit: int) -> list[str]:
    """Paragraphs of the example articles with some substance, in a fixed order."""
    found = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = " ".join(block.split())
            if len(block.split()) >= 25:
                found.append(block)
    assert len(found) >= limit, f"only {len(found)} paragraphs in examples/"
    return found[:limit]


def write_corpus(path: Path, count: int) -> Path:
    """A JSONL corpus of ``count`` one-paragraph articles."""
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(paragraphs(count)):
            record = {"id": f"k-{i:03d}", "text": text, "date": "2024-03-12", "title": f"Item {i}"}
            out.write(json.dumps(record) + "\n")
    return path


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """Six short articles as JSONL."""
    return write_corpus(tmp_path / "small.jsonl", 6)


def snapshot(store) -> dict[str, list[tuple]]:
    """The store's content without the clock: what two equal runs must both produce."""
    b = store.backend
    volatile = {"ingested_at", "coded_at", "first_at", "last_at"}
    out = {}
    for table, order in (
        ("articles", "id"),
        ("events", "id"),
        ("event_actors", "event_id, role, position"),
        ("ingest_errors", "id"),
    ):
        names, found = b.columns(f"SELECT * FROM {table} ORDER BY {order}")
        keep = [i for i, n in enumerate(names) if n not in volatile]
        out[table] = [tuple(_plain(r[i]) for i in keep) for r in found]
    return out


def _plain(value):
    """JSON columns compare as data (DuckDB gives text, PostgreSQL parsed values)."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


@pytest.fixture
def take_snapshot():
    return snapshot


@pytest.fixture
def corpus_writer():
    return write_corpus
