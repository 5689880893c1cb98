"""Fixtures of the store tests: a store on every backend, small corpora, store snapshots.

PostgreSQL tests use the ``pg_server`` and ``pg_url`` fixtures of tests/conftest.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


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
