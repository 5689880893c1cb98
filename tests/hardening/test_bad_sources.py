"""Bad sources for `whimbrel ingest`: a feed that is not a feed, a URL that times out."""

from __future__ import annotations

import datetime as dt

import httpx

from whimbrel.store import Store
from whimbrel.store.fetch import Fetcher

ARTICLE = "Chile recalled its ambassador from Caracas on Monday after a row over the election.\n"


def public(host: str) -> list[str]:
    return ["93.184.216.34"]  # a public address; nothing is contacted: the transport is fake


def test_feed_that_is_not_a_feed_is_named_and_the_batch_carries_on(tmp_path, pipeline):
    bad = tmp_path / "news.xml"
    bad.write_text("<?xml version='1.0'?><memo><to>desk</to><body>no feed here</body></memo>")
    good = tmp_path / "story.txt"
    good.write_text(ARTICLE)
    with Store(str(tmp_path / "s.duckdb")) as store:
        summary = store.ingest([str(bad), str(good)], pipeline=pipeline, date=dt.date(2024, 3, 4))
        errors = store.errors()
    assert summary.ingested == 1 and summary.failed == 1
    (message,) = summary.failures
    assert "news.xml" in message and "feed" in message
    assert [e.source for e in errors] == [str(bad)]


def test_url_that_times_out_is_recorded_and_the_batch_carries_on(tmp_path, pipeline):
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    fetcher = Fetcher(httpx.MockTransport(slow), resolver=public)
    good = tmp_path / "story.txt"
    good.write_text(ARTICLE)
    url = "https://news.example/slow-story"
    with Store(str(tmp_path / "s.duckdb")) as store:
        summary = store.ingest(
            [url, str(good)], pipeline=pipeline, fetcher=fetcher, date=dt.date(2024, 3, 4)
        )
    assert summary.ingested == 1 and summary.failed == 1
    (message,) = summary.failures
    assert url in message and "timed out" in message
