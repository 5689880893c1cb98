"""The Store API on DuckDB (file and in-memory) and PostgreSQL: schema, atomic writes,
idempotent ingest, queries, errors and recode."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from whimbrel.errors import NotFound, StoreError
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article
from whimbrel.store import SCHEMA_VERSION, Store
from whimbrel.store.rows import date_start


@pytest.fixture(scope="module")
def coded(pipeline) -> list[Article]:
    """Three example articles coded once for the module."""
    texts = [
        (
            "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, officials said. "
            "The European Union imposed new sanctions on Russia last year."
        ),
        (
            "North Korea fired two ballistic missiles into the sea on Monday, Japan said. "
            "South Korea condemned the launch and urged Pyongyang to return to talks."
        ),
        "Vladimir Putin met Kim Jong Un in Pyongyang on Wednesday and promised aid.",
    ]
    return [pipeline(t, date="2024-06-18") for t in texts]


def test_store_migrates_a_new_store_to_the_current_version(store):
    assert store.backend.query("SELECT MAX(version) FROM schema_version")[0][0] == SCHEMA_VERSION
    assert store.counts() == {"articles": 0, "events": 0, "ingest_errors": 0}


def test_store_reopen_keeps_data_and_applies_no_migration_twice(store_url, coded):
    with Store(store_url) as store:
        assert store.add_article(coded[0])
    with Store(store_url) as store:
        assert store.has_article(coded[0].id)
        assert store.backend.query("SELECT COUNT(*) FROM schema_version")[0][0] == SCHEMA_VERSION


def test_store_refuses_a_store_from_a_newer_whimbrel(store_url):
    with Store(store_url) as store:
        store.backend.execute(
            "INSERT INTO schema_version VALUES (?, 'future', CURRENT_TIMESTAMP)",
            [SCHEMA_VERSION + 1],
        )
    with pytest.raises(StoreError, match="newer than this whimbrel knows"):
        Store(store_url)


def test_store_add_article_round_trips_article_and_events(store, coded):
    article = coded[0]
    assert article.events, "the example should code events"
    assert store.add_article(article) is True
    back = store.article(article.id)
    assert back.text == article.text and back.date == article.date and back.title == article.title

    def by_id(events):
        return sorted((e.model_dump() for e in events), key=lambda d: d["id"])

    assert by_id(back.events) == by_id(article.events)


def test_store_add_article_twice_adds_nothing(store, coded):
    assert store.add_article(coded[1]) is True
    before = store.counts()
    assert store.add_article(coded[1]) is False
    assert store.counts() == before


def test_store_article_whose_events_fail_leaves_nothing_behind(store, coded):
    """Atomicity: two events with one id break the primary key; the article must not stay."""
    article = coded[0].model_copy(deep=True)
    article.events = [article.events[0], article.events[0]]
    with pytest.raises(StoreError):
        store.add_article(article)
    assert not store.has_article(article.id)
    assert store.counts() == {"articles": 0, "events": 0, "ingest_errors": 0}
    assert store.add_article(coded[0]) is True  # the store is still usable


def test_store_article_not_found(store):
    with pytest.raises(NotFound):
        store.article("a-missing")


def test_store_event_filters_match_every_party(store, coded):
    for article in coded:
        store.add_article(article)
    everything = store.events()
    assert len(everything) == sum(len(a.events) for a in coded)

    def expect(pred):
        return sorted(e.id for e in everything if pred(e))

    def got(**filters):
        return sorted(e.id for e in store.events(**filters))

    assert got(source="RUS") == expect(lambda e: any(a.country == "RUS" for a in e.source))
    assert got(target="PRK") == expect(lambda e: any(a.country == "PRK" for a in e.target))
    assert got(actor="PRK") == expect(
        lambda e: any(a.country == "PRK" or a.id == "PRK" for a in e.source + e.target)
    )
    assert got(event_type="assault") == expect(lambda e: e.event_type == "ASSAULT")
    assert got(quad=[3, 4]) == expect(lambda e: e.quad in (3, 4))
    assert got(factuality="asserted,reported") == expect(
        lambda e: e.factuality in ("asserted", "reported")
    )
    assert got(since="2024-06-18", until="2024-06-18") == expect(
        lambda e: date_start(e.date) is not None and str(date_start(e.date)) == "2024-06-18"
    )
    assert got(search="MISSILES sea") == expect(
        lambda e: "missiles" in e.sentence.lower() and "sea" in e.sentence.lower()
    )
    assert got(source="RUS") and got(search="missiles")
    assert [e.id for e in store.events(limit=2, offset=1)] == [e.id for e in everything[1:3]]
    assert store.count_events(source="RUS") == len(got(source="RUS"))


def test_store_errors_are_recorded_once_and_listed(store):
    store.record_error("feed.xml", 3, "no title", "InputError")
    store.record_error("feed.xml", 3, "no title", "InputError")
    store.record_error("other.jsonl", None, "cannot read file", "InputError")
    found = store.errors()
    assert [(e.source, e.line, e.reason) for e in found] == [
        ("feed.xml", 3, "no title"),
        ("other.jsonl", None, "cannot read file"),
    ]
    assert str(found[0]) == "feed.xml:3: no title"


def test_store_ingest_twice_adds_nothing(store, pipeline, small_corpus, take_snapshot):
    first = store.ingest([str(small_corpus)], pipeline=pipeline)
    assert (first.ingested, first.failed, first.skipped) == (6, 0, 0)
    assert first.events == store.counts()["events"] > 0
    before = take_snapshot(store)
    second = store.ingest(small_corpus, pipeline=pipeline)  # one path, not a list
    assert (second.ingested, second.skipped, second.events) == (0, 6, 0)
    assert take_snapshot(store) == before


def test_store_ingest_records_bad_inputs_and_carries_on(store, pipeline, tmp_path, small_corpus):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "The talks ended."}\n{not json\n{"title": "no text"}\n')
    summary = store.ingest(
        [str(bad), str(tmp_path / "missing.txt"), str(small_corpus)], pipeline=pipeline
    )
    assert summary.ingested == 7 and summary.failed == 3
    reasons = {(e.source, e.line): e.reason for e in store.errors()}
    assert reasons[(str(bad), 2)].startswith("malformed JSON")
    assert reasons[(str(bad), 3)] == "missing 'text' or 'html'"
    assert reasons[(str(tmp_path / "missing.txt"), None)] == "no such file or directory"


def test_store_recode_replaces_old_codings_once(store, pipeline, coded):
    old = coded[1].model_copy(deep=True)
    old.events = [e.model_copy(update={"coder": "whimbrel/0.0.1"}) for e in old.events]
    store.add_article(old, coder="whimbrel/0.0.1", kb_version="1999.1")
    store.add_article(coded[2])  # already current
    summary = store.recode(pipeline)
    assert (summary.recoded, summary.failed) == (1, 0)
    events = store.article(old.id).events
    assert events and {e.coder for e in events} == {coded[1].events[0].coder}
    assert store.recode(pipeline).recoded == 0  # idempotent


class _Broken:
    name = "test.broken"

    def __call__(self, article):
        raise ValueError("broken on purpose")


def test_store_recode_keeps_the_old_coding_when_the_new_one_fails(store, pipeline, coded):
    old = coded[1].model_copy(deep=True)
    store.add_article(old, coder="whimbrel/0.0.1", kb_version="1999.1")
    broken = Pipeline(config=pipeline.config, stages=[*pipeline.stages, _Broken()])
    summary = store.recode(broken)
    assert (summary.recoded, summary.failed) == (0, 1)
    assert len(store.article(old.id).events) == len(old.events)
    assert store.stale_articles(*_versions(pipeline)) == [old.id]


def _versions(pipeline):
    from whimbrel.store.ingest import pipeline_versions

    return pipeline_versions(pipeline)


def test_store_read_only_duckdb_reads_and_refuses_writes(tmp_path, coded):
    path = str(tmp_path / "ro.duckdb")
    with Store(path) as store:
        store.add_article(coded[2])
    with Store(path, read_only=True) as reader:
        assert reader.has_article(coded[2].id)
        with pytest.raises(StoreError):
            reader.add_article(coded[0])


def test_store_read_only_on_a_missing_file_says_so(tmp_path):
    with pytest.raises(StoreError, match="nothing has been ingested there yet"):
        Store(str(tmp_path / "none.duckdb"), read_only=True)


def test_store_locked_duckdb_names_the_file_and_suggests_postgresql(tmp_path):
    path = str(tmp_path / "locked.duckdb")
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({path!r}); print(1, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"1"
        started = time.monotonic()
        with pytest.raises(StoreError) as caught:
            Store(path, read_only=True, lock_timeout=0.3)
        assert time.monotonic() - started >= 0.3
        message = str(caught.value)
        assert path in message and f"process {holder.pid}" in message and "PostgreSQL" in message
    finally:
        holder.kill()
        holder.wait()


def test_store_unknown_url_scheme_is_refused():
    with pytest.raises(StoreError, match="unknown store URL"):
        Store("mysql://localhost/db")


def test_store_url_defaults_to_env_then_file(monkeypatch):
    from whimbrel.store import resolve_url

    monkeypatch.delenv("WHIMBREL_DB", raising=False)
    assert resolve_url(None) == "whimbrel.duckdb"
    monkeypatch.setenv("WHIMBREL_DB", "postgresql://x@y/z")
    assert resolve_url(None) == "postgresql://x@y/z"
    assert resolve_url("mine.duckdb") == "mine.duckdb"


def test_store_date_start_of_each_precision():
    assert str(date_start("2024-06-18")) == "2024-06-18"
    assert str(date_start("2024-06")) == "2024-06-01"
    assert str(date_start("2024")) == "2024-01-01"
    assert date_start(None) is None and date_start("June") is None
