"""read_html on a realistic page: main text only, metadata, and pages with no article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from whimbrel.errors import InputError
from whimbrel.ingest.html import publication_date, read_html

PAGE = (Path(__file__).parent / "fixtures" / "page.html").read_text(encoding="utf-8")


def test_page_text_is_the_article_prose_only() -> None:
    text = read_html(PAGE)["text"]
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The foreign ministry of Estmark on Tuesday accused")
    assert paragraphs[2].endswith('protect Valdorian ships "by all necessary means".')
    assert paragraphs[3].startswith("Diplomats from both countries are due to meet in Geneva")
    for junk in (
        "cookies",
        "Home",
        "ADVERTISEMENT",
        "A dispute that keeps flaring",  # section heading
        "Share",
        "Related stories",
        "Fishing quota talks stall again",
        "newsletter",
        "All rights reserved",
        "Privacy",
        "Coastguards trade blame",  # the headline is the title, not the text
    ):
        assert junk not in text


def test_page_metadata() -> None:
    page = read_html(PAGE, url="https://news.example.org/x?utm_source=feed")
    assert page["title"] == "Coastguards trade blame after standoff near Halvard Reef"
    assert page["date"] == dt.date(2024, 3, 12)
    assert page["author"] == "Mara Lindqvist"
    assert page["publisher"] == "The Northern Ledger"
    # the page's canonical URL wins over the one it was fetched from
    assert page["url"] == "https://news.example.org/world/2024/03/12/halvard-reef-standoff"


def test_url_falls_back_to_the_given_one_without_a_canonical() -> None:
    html = PAGE.replace('rel="canonical"', 'rel="alternate"').replace("og:url", "og:nothing")
    assert read_html(html, url="https://example.com/a")["url"] == "https://example.com/a"


def test_date_from_a_time_element_alone() -> None:
    html = PAGE.replace("article:published_time", "article:nothing")
    assert publication_date(html) == dt.date(2024, 3, 12)


def test_no_date_on_the_page_gives_none() -> None:
    html = (
        "<html><body><article><p>The council voted on the budget after a long debate, and "
        "the opposition walked out in protest before the final vote.</p></article></body></html>"
    )
    page = read_html(html)
    assert page["date"] is None
    assert page["title"] is None
    assert page["text"].startswith("The council voted on the budget")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><body><nav><a href='/'>Home</a><a href='/world'>World</a></nav></body></html>",
        "<html><body><p>Share this article</p><p>Sign up for our newsletter</p></body></html>",
    ],
)
def test_page_without_article_text_is_an_input_error(html: str) -> None:
    with pytest.raises(InputError) as caught:
        read_html(html, source="saved/page.html")
    assert str(caught.value) == "saved/page.html: no article text found in the HTML"
    assert caught.value.source == "saved/page.html"


def test_first_publication_wins_over_the_last_update() -> None:
    html = (
        '<html><head><meta property="article:modified_time" content="2024-03-15T10:00:00Z">'
        '<meta property="article:published_time" content="2024-03-12T08:15:00Z"></head>'
        "<body><p>Text of the article.</p></body></html>"
    )
    assert publication_date(html) == dt.date(2024, 3, 12)


def test_a_date_mentioned_in_the_prose_is_not_taken_for_the_publication_date() -> None:
    html = (
        "<html><body><article><p>The council voted on 3 May 2023 after a long debate, and the "
        "opposition walked out in protest before the final vote in the chamber.</p></article>"
        "<footer>Copyright 2019-2023</footer></body></html>"
    )
    assert publication_date(html) is None
