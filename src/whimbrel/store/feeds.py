"""Read an RSS or Atom feed (with feedparser) as articles, one per entry.

An entry's full ``content`` is used when the feed carries it; otherwise its link is fetched
(with the safe :class:`~whimbrel.store.fetch.Fetcher`) and read as an HTML page; when the
link cannot be fetched, or there is none, the ``summary`` is used. The entry's published
(else updated) date is the publication date. An entry is identified by its link, so polling
a feed again skips the entries already stored before fetching anything.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import feedparser
import lxml.html

from whimbrel.errors import InputError
from whimbrel.ingest.articles import article_from_html, article_from_text
from whimbrel.ingest.identity import article_id
from whimbrel.ingest.readers import decode_bytes
from whimbrel.records import Article
from whimbrel.store.fetch import Fetcher

FEED_SUFFIXES = (".xml", ".rss", ".atom")
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}


@dataclass(frozen=True)
class AlreadyStored:
    """A feed entry skipped because the store already holds its article."""

    article_id: str
    origin: str


def is_feed(data: bytes) -> bool:
    """Whether a document looks like RSS, Atom or RDF (checked on its first kilobytes)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (feed content or summary), paragraphs kept apart."""
    text = fragment
    if "<" in fragment:
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except Exception:  # lxml raises several types for junk; the text is what matters
            root = None
        if root is not None:
            for element in root.iter():
                if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
                    element.tail = "\n\n" + (element.tail or "")
            text = root.text_content()
    # Line breaks inside a paragraph are the feed's markup layout, not the writer's.
    blocks = (" ".join(block.split()) for block in text.split("\n\n"))
    return "\n\n".join(b for b in blocks if b)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def read_feed(
    data: bytes,
    *,
    source: str,
    fetcher: Fetcher | None = None,
    date: dt.date | None = None,
    known: Callable[[str], bool] | None = None,
) -> Iterator[Article | InputError | AlreadyStored]:
    """The articles of a feed document; ``known(article_id)`` says which to skip unfetched."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable feed: {problem}" if problem else "the feed has no entries"
        yield InputError(reason, source=source)
        return
    publisher = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{source}:{number}"
        link = entry.get("link") or None
        ident = article_id(url=link, text="") if link else None
        if ident and known is not None and known(ident):
            yield AlreadyStored(ident, origin)
            continue
        try:
            yield _entry_article(entry, ident, origin, publisher, fetcher, date)
        except InputError as exc:
            yield InputError(exc.reason, source=source, line=number)


def _entry_article(
    entry: Any,
    ident: str | None,
    origin: str,
    publisher: str | None,
    fetcher: Fetcher | None,
    default_date: dt.date | None,
) -> Article:
    link = entry.get("link") or None
    meta: dict[str, Any] = {
        "title": entry.get("title"),
        "url": link,
        "publisher": publisher,
        "author": entry.get("author"),
        "id": ident,
        "origin": origin,
    }
    date = _entry_date(entry) or default_date
    contents = entry.get("content") or []
    full = next((c.get("value") for c in contents if c.get("value")), None)
    if full:
        return article_from_text(html_to_text(full), date=date, **meta)
    summary = entry.get("summary")
    if link and fetcher is not None:
        try:
            page = fetcher.get(link)
            article = article_from_html(decode_bytes(page.content), date=date, **meta)
        except InputError:
            if not summary:
                raise
        else:
            if date is not None:
                article.date = date  # the feed's structured date beats one scraped from the page
            return article
    if summary:
        return article_from_text(html_to_text(summary), date=date, **meta)
    raise InputError("the entry has no content, summary or fetchable link")
