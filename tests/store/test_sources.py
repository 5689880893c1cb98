"""Ingest sources: CSV corpora with a column map, RSS and Atom feeds, directories and globs,
and the safe URL fetcher (httpx.MockTransport and a fake resolver: no network)."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from whimbrel.errors import InputError
from whimbrel.ingest.identity import article_id
from whimbrel.records import Article
from whimbrel.store.csv_corpus import parse_csv_map, read_csv
from whimbrel.store.feeds import AlreadyStored, html_to_text, read_feed
from whimbrel.store.fetch import Fetcher, is_public
from whimbrel.store.sources import read_sources

PUBLIC = {"news.example": ["93.184.216.34"], "feeds.example": ["93.184.216.35"]}
PRIVATE = {
    "intranet.example": ["10.1.2.3"],
    "rebind.example": ["93.184.216.36", "127.0.0.1"],
    "metadata.example": ["169.254.169.254"],
}
PAGE = (
    "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
    "<p>Armenia and Azerbaijan resumed peace talks in Washington on Monday, the State "
    "Department said, after months of deadlock over the border.</p>"
    "<p>Both delegations agreed to meet again next month to discuss the remaining issues "
    "of the peace treaty, officials said.</p></article></body></html>"
)


def resolver(host: str) -> list[str]:
    table = {**PUBLIC, **PRIVATE}
    if host in table:
        return table[host]
    if host.replace(".", "").isdigit() or ":" in host:
        return [host]
    raise OSError("unknown host")


class Web:
    """A fake web behind httpx.MockTransport; it records the requests it saw."""

    def __init__(self, routes: dict[str, httpx.Response]) -> None:
        self.routes = routes
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        key = f"{request.headers['host']}{request.url.path}"
        return self.routes.get(key, httpx.Response(404))

    def fetcher(self) -> Fetcher:
        return Fetcher(httpx.MockTransport(self), resolver=resolver)


# -- fetch ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/admin",
        "http://localhost.localdomain.test/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/",
        "http://10.0.0.8:8080/",
        "http://0.0.0.0/",
        "http://intranet.example/",
        "http://rebind.example/",
        "https://metadata.example/",
    ],
)
def test_fetch_refuses_private_loopback_and_link_local_targets(url):
    web = Web({})

    def local_resolver(host):
        return ["127.0.0.1"] if host.endswith(".test") else resolver(host)

    fetcher = Fetcher(httpx.MockTransport(web), resolver=local_resolver)
    with pytest.raises(InputError, match="refused"):
        fetcher.get(url)
    assert web.seen == []  # nothing was sent


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/x", "gopher://a/"])
def test_fetch_refuses_other_schemes(url):
    with pytest.raises(InputError, match="only http and https"):
        Web({}).fetcher().get(url)


def test_fetch_refuses_a_redirect_to_a_private_address():
    web = Web(
        {
            "news.example/a": httpx.Response(302, headers={"Location": "http://169.254.169.254/"}),
            "news.example/b": httpx.Response(
                301, headers={"Location": "http://intranet.example/x"}
            ),
        }
    )
    fetcher = web.fetcher()
    for path in ("/a", "/b"):
        with pytest.raises(InputError, match="refused"):
            fetcher.get(f"http://news.example{path}")
    assert [r.headers["host"] for r in web.seen] == ["news.example", "news.example"]


def test_fetch_follows_public_redirects_and_pins_the_checked_address():
    web = Web(
        {
            "news.example/old": httpx.Response(301, headers={"Location": "/new"}),
            "news.example/new": httpx.Response(
                200, text=PAGE, headers={"content-type": "text/html"}
            ),
        }
    )
    page = web.fetcher().get("https://news.example/old")
    assert page.url == "https://news.example/new" and b"Talks resume" in page.content
    last = web.seen[-1]
    assert last.url.host == "93.184.216.34" and last.headers["host"] == "news.example"
    assert last.extensions["sni_hostname"] == "news.example"


def test_fetch_limits_size_and_reports_http_errors():
    web = Web(
        {
            "news.example/big": httpx.Response(200, content=b"x" * 2000),
            "news.example/gone": httpx.Response(410),
        }
    )
    fetcher = Fetcher(httpx.MockTransport(web), resolver=resolver, max_bytes=1000)
    with pytest.raises(InputError, match="larger than"):
        fetcher.get("http://news.example/big")
    with pytest.raises(InputError, match="HTTP status 410"):
        fetcher.get("http://news.example/gone")


def test_fetch_public_address_check():
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1:248:1893:25c8:1946")
    for address in ("127.0.0.1", "10.0.0.1", "172.16.0.1", "169.254.1.1", "::1", "fe80::1",
                    "::ffff:10.0.0.1", "100.64.0.1", "224.0.0.1", "0.0.0.0"):  # fmt: skip
        assert not is_public(address), address


# -- feeds ------------------------------------------------------------------------------------

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://news.example/</link>
<item>
  <title>Russia and China hold naval drills</title>
  <link>https://news.example/drills?utm_source=rss</link>
  <pubDate>Tue, 12 Mar 2024 08:00:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>Russia and China began joint naval exercises in the Sea of
  Japan on Tuesday, the Russian defence ministry said.</p><p>Japan protested against the
  drills.</p>]]></content:encoded>
</item>
<item>
  <title>Talks resume</title>
  <link>https://news.example/talks</link>
  <pubDate>Mon, 11 Mar 2024 18:30:00 GMT</pubDate>
  <description>Armenia and Azerbaijan resumed talks.</description>
</item>
<item>
  <title>Nothing at all</title>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <entry>
    <title>Sanctions on Iran</title>
    <link href="https://feeds.example/iran"/>
    <id>urn:uuid:1</id>
    <updated>2024-02-01T10:00:00Z</updated>
    <published>2024-01-31T23:30:00-05:00</published>
    <content type="html">&lt;p&gt;The European Union imposed new sanctions on Iran on
      Wednesday over its drone exports to Russia.&lt;/p&gt;</content>
  </entry>
</feed>"""


def test_feed_rss_uses_content_fetches_links_and_keeps_entry_dates():
    web = Web({"news.example/talks": httpx.Response(200, text=PAGE)})
    items = list(read_feed(RSS.encode(), source="wire.rss", fetcher=web.fetcher()))
    drills, talks, empty = items
    assert isinstance(drills, Article) and isinstance(talks, Article)
    assert drills.title == "Russia and China hold naval drills"
    assert drills.text.startswith("Russia and China began joint naval exercises")
    assert "\n" in drills.text and "Japan protested" in drills.text  # paragraphs kept apart
    assert drills.date == dt.date(2024, 3, 12) and drills.publisher == "Example Wire"
    assert drills.id == article_id(url="https://news.example/drills", text="")
    assert drills.origin == "wire.rss:1"
    assert "peace talks in Washington" in talks.text  # fetched, not the short description
    assert talks.date == dt.date(2024, 3, 11)
    assert isinstance(empty, InputError) and empty.line == 3 and empty.source == "wire.rss"


def test_feed_entry_falls_back_to_its_summary_when_the_link_fails():
    web = Web({})  # every link 404s
    items = list(read_feed(RSS.encode(), source="wire.rss", fetcher=web.fetcher()))
    assert items[1].text == "Armenia and Azerbaijan resumed talks."


def test_feed_atom_entry_date_is_its_published_date():
    (entry,) = read_feed(ATOM.encode(), source="desk.atom")
    assert entry.title == "Sanctions on Iran" and entry.publisher == "Atom Desk"
    assert entry.date == dt.date(2024, 2, 1)  # 2024-01-31T23:30-05:00 is 1 February UTC
    assert entry.text.startswith("The European Union imposed new sanctions on Iran")


def test_feed_skips_known_entries_before_fetching():
    web = Web({"news.example/talks": httpx.Response(200, text=PAGE)})
    known_id = article_id(url="https://news.example/talks", text="")
    items = list(
        read_feed(
            RSS.encode(), source="w.rss", fetcher=web.fetcher(), known=lambda i: i == known_id
        )
    )
    assert items[1] == AlreadyStored(known_id, "w.rss:2") and web.seen == []


def test_feed_that_is_not_a_feed_is_one_error():
    (error,) = read_feed(b"<html><p>hello</p></html>", source="page.xml")
    assert isinstance(error, InputError) and error.source == "page.xml"


def test_feed_html_to_text_keeps_paragraphs():
    assert html_to_text("<p>One.</p><p>Two &amp; three.</p>").split() == [
        "One.",
        "Two",
        "&",
        "three.",
    ]
    assert html_to_text("plain") == "plain"


def test_store_ingests_a_feed_once_then_skips_it(store, pipeline, tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    web = Web({"news.example/talks": httpx.Response(200, text=PAGE)})
    first = store.ingest([str(feed)], pipeline=pipeline, fetcher=web.fetcher())
    assert (first.ingested, first.failed) == (2, 1)
    fetched = len(web.seen)
    second = store.ingest([str(feed)], pipeline=pipeline, fetcher=web.fetcher())
    assert (second.ingested, second.skipped) == (0, 2)
    assert len(web.seen) == fetched  # known entries are not fetched again


def test_store_ingests_a_feed_url_and_a_page_url(store, pipeline):
    web = Web(
        {
            "feeds.example/desk.atom": httpx.Response(
                200, text=ATOM, headers={"content-type": "application/atom+xml"}
            ),
            "news.example/talks": httpx.Response(
                200, text=PAGE, headers={"content-type": "text/html"}
            ),
        }
    )
    summary = store.ingest(
        ["https://feeds.example/desk.atom", "https://news.example/talks", "http://127.0.0.1/x"],
        pipeline=pipeline,
        fetcher=web.fetcher(),
    )
    assert (summary.ingested, summary.failed) == (2, 1)
    assert "refused" in store.errors()[0].reason


# -- CSV --------------------------------------------------------------------------------------


def test_csv_map_parses_and_rejects_unknown_fields():
    assert parse_csv_map("text=body, date=published,url=link") == {
        "text": "body", "date": "published", "url": "link"
    }  # fmt: skip
    assert parse_csv_map(None) == {}
    for bad in ("body", "colour=red", "text="):
        with pytest.raises(ValueError):
            parse_csv_map(bad)


def test_csv_rows_become_articles_and_bad_rows_name_their_line(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(
        "link,published,body,headline\n"
        'https://news.example/1,2024-03-12,"Iran and Iraq signed a trade deal on Tuesday.",Deal\n'
        'https://news.example/2,"Tue, 12 Mar 2024 08:00:00 GMT","A two-line\nbody about talks.",Talks\n'
        "https://news.example/3,2024-03-12,,Empty\n"
        'https://news.example/4,sometime,"Text with a bad date.",Bad\n',
        encoding="utf-8",
    )
    mapping = parse_csv_map("text=body,date=published,url=link,title=headline")
    items = list(read_csv(str(path), mapping=mapping))
    first, second, empty, bad = items
    assert first.title == "Deal" and first.url == "https://news.example/1"
    assert first.date == dt.date(2024, 3, 12) and first.origin == f"{path}:2"
    assert second.date == dt.date(2024, 3, 12) and second.origin == f"{path}:3"
    assert isinstance(empty, InputError) and empty.line == 5 and "empty" in empty.reason
    assert isinstance(bad, InputError) and bad.line == 6 and "bad date" in bad.reason


def test_csv_without_a_text_column_is_one_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (error,) = read_csv(str(path), mapping={})
    assert "no text column" in error.reason
    (error,) = read_csv(str(path), mapping={"text": "body"})
    assert "no column 'body'" in error.reason


# -- files, directories, globs ----------------------------------------------------------------


def test_sources_walk_directories_and_globs_in_name_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Iran criticised Israel on Monday over the strike.")
    (tmp_path / "sub" / "a.html").write_text(PAGE)
    (tmp_path / "sub" / "c.csv").write_text("text\nChina warned Taiwan on Friday.\n")
    (tmp_path / "notes.md").write_text("not read")
    from_dir = [i.origin for i in read_sources([str(tmp_path)])]
    assert from_dir == [
        str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.html"), f"{tmp_path / 'sub' / 'c.csv'}:2"
    ]  # fmt: skip
    from_glob = [i.origin for i in read_sources([str(tmp_path / "**" / "*.html")])]
    assert from_glob == [str(tmp_path / "sub" / "a.html")]
    (missing,) = read_sources([str(tmp_path / "*.nothing")])
    assert isinstance(missing, InputError) and "no files match" in missing.reason
