"""Shared fixtures. One conftest for the whole suite (as spaCy's tests explain: fixtures in one place)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
#: PostgreSQL tests use the server named here (``.ci/run`` starts one). Unset, they are
#: skipped locally; under CI (``CI`` set) they fail: CI must test both store backends.
PG_ENV = "WHIMBREL_TEST_PG"


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


@pytest.fixture(scope="session")
def nlp():
    """The spaCy model the pipeline uses, loaded once."""
    from whimbrel.nlp.parse import load_spacy

    return load_spacy("auto")


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, built once for the whole run (tests/events overrides it)."""
    import whimbrel

    return whimbrel.load_pipeline()


@pytest.fixture(scope="session")
def explain_pipeline():
    import whimbrel

    return whimbrel.load_pipeline(**{"events.finalize.explain": True})


@pytest.fixture(scope="session")
def kb():
    from whimbrel.actors.mentions import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
