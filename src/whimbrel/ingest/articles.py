"""Build an :class:`~whimbrel.records.Article` from text or HTML plus whatever metadata is known.

This is the one place where an input becomes an Article, so the rules hold for every reader
(files, stdin, corpus lines, the pipeline's ``Pipeline(text)`` call): the text is cleaned, the
id is stable (:mod:`whimbrel.ingest.identity`), metadata found in the document beats metadata
guessed by the caller only where the caller had nothing (``date`` fills a missing date; it does
not override the page's own). ``language`` is left for the pipeline to detect.
"""

from __future__ import annotations

import datetime as dt

from whimbrel.errors import InputError
from whimbrel.ingest.html import read_html
from whimbrel.ingest.identity import article_id
from whimbrel.ingest.text import clean_text, normalise_space, split_title, strip_invisible
from whimbrel.records import Article

EMPTY = "empty: no prose left after cleaning"


def too_long(chars: int, limit: int) -> str:
    """The message for a text over ``--max-article-chars`` (the pipeline's check says the same)."""
    return (
        f"too long: {chars:,} characters, the limit is {limit:,} "
        "(max_article_chars; whimbrel code --max-article-chars)"
    )


def _field(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalise_space(strip_invisible(value))  # lone surrogates cannot even be written
    return value or None


def _day(value: dt.date | None) -> dt.date | None:
    """A datetime is a date too; keep only its calendar day (as written, no time-zone shift)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def article_from_text(
    text: str,
    *,
    date: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    id: str | None = None,
    origin: str | None = None,
) -> Article:
    """An Article from plain text: a leading headline becomes the title (unless ``title`` is
    given), the rest is cleaned with :func:`~whimbrel.ingest.text.clean_text`.

    A text that is one headline on its own is kept as the text, so headline data sets can be
    coded. Raises :class:`~whimbrel.errors.InputError` (naming ``origin``) when no prose is left.
    """
    body = text
    if title is None:
        title, body = split_title(text)
    cleaned = clean_text(body, keep_lone_headline=True)
    if not cleaned:
        raise InputError(EMPTY, source=origin)
    url = _field(url)
    return Article(
        id=_field(id) or article_id(url=url, text=cleaned),
        text=cleaned,
        title=_field(title),
        url=url,
        publisher=_field(publisher),
        author=_field(author),
        date=_day(date),
        origin=origin,
    )


def article_from_html(
    html: str,
    *,
    date: dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    id: str | None = None,
    origin: str | None = None,
) -> Article:
    """An Article from one HTML page (see :func:`~whimbrel.ingest.html.read_html`).

    The page's own date and canonical URL win over ``date`` and ``url``, which only fill gaps;
    ``title``, ``publisher`` and ``author`` given explicitly (say, by a corpus line) win over
    the page's, since a curated corpus is more trustworthy than scraped markup.
    """
    page = read_html(html, url=_field(url), source=origin)
    return Article(
        id=_field(id) or article_id(url=page["url"], text=page["text"]),
        text=page["text"],
        title=_field(title) or page["title"],
        url=page["url"],
        publisher=_field(publisher) or page["publisher"],
        author=_field(author) or page["author"],
        date=page["date"] or _day(date),
        origin=origin,
    )
