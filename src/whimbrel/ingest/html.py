"""Read a news web page: the article's main text and its metadata, without the page furniture.

trafilatura finds the main text (dropping navigation, cookie banners, related-link lists,
comments and footers) and the metadata (title, author, site name, canonical URL). Tables are
left out: in news pages they are mostly link lists or data grids whose cells do not parse as
sentences. The text then goes through :func:`~whimbrel.ingest.text.clean_text`, because
extractors keep in-body junk such as "Share this article" or "ADVERTISEMENT" lines.

The publication date comes from htmldate with ``original_date=True`` (the first publication, not
the last update: relative dates in the text, "on Tuesday", are relative to when it was written)
and without its extensive search, which guesses from any date-like string on the page. A wrong
publication date silently shifts every event date, so no date (the caller can supply one) is
better than a guessed one.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

import htmldate
import trafilatura

from whimbrel.errors import InputError
from whimbrel.ingest.text import clean_text, normalise_space

NO_TEXT = "no article text found in the HTML"


class PageFields(TypedDict):
    """What :func:`read_html` found on a page (a plain dict at run time)."""

    title: str | None
    text: str
    date: dt.date | None
    author: str | None
    url: str | None
    publisher: str | None


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = normalise_space(value)
    return value or None


def publication_date(html: str, *, url: str | None = None) -> dt.date | None:
    """The page's first publication date from its markup, or ``None`` if it does not say."""
    try:
        found = htmldate.find_date(
            html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except (ValueError, TypeError):  # htmldate rejects some malformed documents outright
        return None
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found)
    except ValueError:
        return None


def read_html(html: str, *, url: str | None = None, source: str | None = None) -> PageFields:
    """Extract the article from one HTML page.

    ``url`` is where the page came from (helps date and link resolution; used when the page
    names no canonical URL). ``source`` names the input in error messages (defaults to ``url``).
    Raises :class:`~whimbrel.errors.InputError` when the page has no article text, including
    when all trafilatura found was boilerplate that cleaning removed.
    """
    where = source or url
    if not html.strip():
        raise InputError(NO_TEXT, source=where)
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_links=False,
        include_images=False,
        include_formatting=False,
    )
    raw_text = getattr(document, "text", None) if document is not None else None
    if not isinstance(raw_text, str) or not raw_text.strip():
        raise InputError(NO_TEXT, source=where)
    text = clean_text(raw_text)
    if not text:  # only navigation, prompts or headings: still no article
        raise InputError(NO_TEXT, source=where)
    return PageFields(
        title=_clean_field(getattr(document, "title", None)),
        text=text,
        date=publication_date(html, url=url),
        author=_clean_field(getattr(document, "author", None)),
        url=_clean_field(getattr(document, "url", None)) or url,
        publisher=_clean_field(getattr(document, "sitename", None)),
    )
