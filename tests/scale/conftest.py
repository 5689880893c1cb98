"""Fixtures of the scale-out tests: one two-worker LocalCluster for the whole run, a corpus of
320 short articles cut from the example articles (plus a malformed line and a French
article), and that corpus coded once in this process as the reference.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the scale tests need whimbrel[scale] (Dask)")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = 320
FRENCH = (
    "Le gouvernement a annoncé mardi de nouvelles sanctions contre plusieurs entreprises "
    "accusées de contourner l'embargo, a indiqué le ministère des Affaires étrangères dans "
    "un communiqué publié à Paris après une réunion du conseil des ministres."
)


def paragraphs() -> list[str]:
    """Paragraphs of the example articles with some substance, in a fixed order."""
    found = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = " ".join(block.split())
            if len(block.split()) >= 25:
                found.append(block)
    return found


def corpus_records(count: int = ARTICLES) -> list[dict]:
    """``count`` articles: the paragraphs in turn, under their own ids and dates.

    Dates run over six months of 2024; every 40th article has none (``month=unknown``).
    """
    texts = paragraphs()
    records = []
    for i in range(count):
        record = {"id": f"s-{i:04d}", "text": texts[i % len(texts)], "title": f"Item {i}"}
        if i % 40 != 39:
            record["date"] = dt.date(2024, 1 + i % 6, 1 + (i * 7) % 28).isoformat()
        records.append(record)
    return records


def write_corpus(path: Path, count: int = ARTICLES, *, broken: bool = True) -> Path:
    """The corpus as JSONL; ``broken`` adds a malformed line and a French article."""
    lines = [json.dumps(r) for r in corpus_records(count)]
    if broken:
        lines.insert(count // 3, "{not json")
        lines.insert(
            2 * count // 3, json.dumps({"id": "fr-1", "text": FRENCH, "date": "2024-02-03"})
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scale") / "corpus.jsonl")


@pytest.fixture(scope="session")
def corpus_articles(corpus):
    """The corpus read as articles (the malformed line dropped)."""
    from whimbrel.ingest.readers import read_input
    from whimbrel.records import Article

    return [a for a in read_input(str(corpus)) if isinstance(a, Article)]


@pytest.fixture(scope="session")
def config():
    from whimbrel.config import load_config

    return load_config()


@pytest.fixture(scope="session")
def reference(pipeline, corpus_articles):
    """The corpus coded by one process: ``{article id: Article}`` and the failure messages."""
    coded, failed = {}, []
    for item in pipeline.pipe([a.model_copy(deep=True) for a in corpus_articles]):
        if isinstance(item, Exception):
            failed.append(str(item))
        else:
            coded[item.id] = item
    return coded, failed


@pytest.fixture(scope="session")
def client():
    """One two-worker LocalCluster (127.0.0.1, no dashboard) shared by every scale test."""
    from whimbrel.scale import dask_client

    with dask_client(workers=2) as found:
        yield found


@pytest.fixture(scope="session")
def scheduler(client) -> str:
    return client.scheduler.address


def event_key(event) -> dict:
    """An event without its coding time: what two equal runs must both produce."""
    return event.model_dump(mode="json", exclude={"coded_at"})


def events_of(articles) -> dict[str, dict]:
    return {e.id: event_key(e) for a in articles for e in a.events}
