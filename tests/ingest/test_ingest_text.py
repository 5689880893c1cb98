"""clean_text and split_title: exactly which lines survive, and why."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from whimbrel.errors import ConfigError
from whimbrel.ingest.boilerplate import load_boilerplate
from whimbrel.ingest.text import clean_text, split_title, strip_invisible

FIXTURES = Path(__file__).parent / "fixtures"
PASTED = (FIXTURES / "pasted_article.txt").read_text(encoding="utf-8")

PASTED_PROSE = [
    "The government of Estmark on Tuesday recalled its ambassador from Valdoria, a day after the "
    "two countries' coastguards collided near Halvard Reef.",
    'Foreign Minister Ilse Varga told parliament that Valdoria had "crossed a line" and that '
    "Estmark would seek a ruling from the international maritime tribunal.",
    "Valdoria's government said it regretted the decision but insisted its coastguard had acted "
    "lawfully.",
    "The waters around the reef hold some of the richest cod stocks in the region, and both "
    "governments have issued rival fishing licences there since 2019.",
    "Officials in both capitals said a planned meeting of fisheries ministers in Geneva next week "
    "would still go ahead.",
]


def test_pasted_article_keeps_exactly_the_prose_paragraphs() -> None:
    assert clean_text(PASTED) == "\n\n".join(PASTED_PROSE)


def test_pasted_article_title_is_split_off() -> None:
    title, rest = split_title(PASTED)
    assert title == "Estmark recalls envoy as fishing row with Valdoria deepens"
    assert "Estmark recalls envoy" not in rest
    assert clean_text(rest) == "\n\n".join(PASTED_PROSE)


@pytest.mark.parametrize(
    "line",
    [
        "ARTICLE AD BOX",
        "ADVERTISEMENT",
        "Advertisement",
        "Skip Advertisement",
        "Story continues below advertisement",
        "Advertisement - Scroll to continue",
        "By Jane Doe",
        "By Jane Doe and John Roe, Reuters",
        "BY JANE DOE",
        "By Jane Doe | BBC News, Kyiv",
        "Published 12 March 2024",
        "Updated: March 12, 2024 10:32 a.m. ET",
        "Tue 12 Mar 2024 10.32 GMT",
        "2024-03-12",
        "5 hours ago",
        "KYIV, Ukraine —",
        "WASHINGTON (Reuters) -",
        "Photo: Estmark patrol boat in port/Reuters",
        "(Getty Images)",
        "Image caption, Protesters gathered outside parliament",
        "Image source, Getty Images",
        "Jane Doe/AFP via Getty Images",
        "Demonstrators march on Sunday. (Photo by Jane Doe/Reuters)",
        "Share this article",
        "Share on Facebook",
        "Sign up for our newsletter",
        "Sign up to our morning briefing and get the news in your inbox",
        "Follow us on Twitter",
        "Follow Jane Doe on X",
        "Read more: Valdoria's navy steps up patrols",
        "Related: Fishing quota talks stall again",
        "Related stories",
        "Click here to subscribe.",
        "© 2024 The Northern Ledger. All rights reserved.",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "(Reporting by Jane Doe in Kyiv; Editing by John Roe)",
        "This article was originally published on March 12.",
        "We use cookies to improve your experience.",
        "Background:",
        "***",
        "12:45",
    ],
)
def test_boilerplate_line_is_dropped(line: str) -> None:
    prose = "The minister said the talks had failed."
    assert clean_text(f"{prose}\n\n{line}\n\n{prose}") == f"{prose}\n\n{prose}"


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, the army had withdrawn from the town.",
        "Reuters could not independently verify the footage.",
        "Copyright law was not part of the agreement, officials said.",
        "He said:",
        "Share prices in Estmark fell sharply after the announcement.",
        "Follow-up talks are planned for April, the ministry said.",
        "Advertising bans were among the measures the regulator proposed last week.",
        "KYIV, Ukraine — Russian forces struck the city overnight, officials said.",
        "He declined to comment.",
        "Why now?",
    ],
)
def test_prose_that_resembles_boilerplate_is_kept(line: str) -> None:
    assert clean_text(line) == line


def test_headings_are_dropped_but_short_sentences_kept() -> None:
    raw = "A dispute that keeps flaring\nThe talks collapsed on Monday.\nNo comment.\nWhat next"
    assert clean_text(raw) == "The talks collapsed on Monday.\n\nNo comment."


def test_author_bio_dropped_only_at_the_end() -> None:
    bio = "Jane Doe is a senior correspondent for The Northern Ledger."
    raw = f"The army withdrew on Monday.\n\n{bio}\n\nThe talks resumed on Tuesday.\n\n{bio}"
    assert (
        clean_text(raw) == f"The army withdrew on Monday.\n\n{bio}\n\nThe talks resumed on Tuesday."
    )


@pytest.mark.parametrize(
    "bio",
    [
        "- Jane Doe is a fellow at the Institute for Maritime Security.",
        "Jane Doe is a senior correspondent covering the Nordic states.",
        "*The author is a former ambassador to Valdoria.",
        "John Roe reported from Geneva.",
        "Additional reporting by John Roe in Geneva.",
    ],
)
def test_closing_bio_and_credit_lines_are_dropped(bio: str) -> None:
    prose = "The talks resumed on Tuesday."
    assert clean_text(f"{prose}\n\n{bio}") == prose
    assert clean_text(f"{prose}\n{bio}\n- John Roe is an editor at the Ledger.") == prose


def test_final_prose_that_mentions_a_role_is_kept() -> None:
    raw = "The talks resumed.\n\nAntónio Guterres is the secretary-general of the United Nations."
    assert clean_text(raw) == raw


def test_whitespace_is_normalised_but_characters_are_not() -> None:
    raw = "  \ufeffThe  minister\u00a0said\t“we will\u200b respond” — in Zürich…  \r\n"
    assert clean_text(raw) == "The minister said “we will respond” — in Zürich…"


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    raw = (
        "The foreign ministry of Estmark on Tuesday accused the Valdorian\n"
        "coastguard of ramming one of its patrol boats near Halvard Reef, the\n"
        "latest clash in a long dispute.\n"
        "Valdoria denied it.\n"
    )
    assert clean_text(raw) == (
        "The foreign ministry of Estmark on Tuesday accused the Valdorian coastguard of ramming "
        "one of its patrol boats near Halvard Reef, the latest clash in a long dispute."
        "\n\nValdoria denied it."
    )


def test_heading_followed_by_single_newline_is_not_glued_to_prose() -> None:
    raw = "Why the reef matters\nThe waters hold rich cod stocks."
    assert clean_text(raw) == "The waters hold rich cod stocks."


def test_lines_are_not_glued_across_a_dropped_line() -> None:
    raw = (
        "Officials in both capitals said that a planned meeting of fisheries ministers\n"
        "ADVERTISEMENT\n"
        "would still go ahead."
    )
    # Gluing would create text the source never had; both halves stay, as separate paragraphs.
    assert clean_text(raw) == (
        "Officials in both capitals said that a planned meeting of fisheries ministers"
        "\n\nwould still go ahead."
    )


def test_empty_and_junk_only_inputs_give_empty_text() -> None:
    assert clean_text("") == ""
    assert clean_text("\n\n  \u200b \n") == ""
    assert clean_text("ADVERTISEMENT\nShare this article\nBy Jane Doe") == ""


def test_lone_headline_kept_only_when_asked() -> None:
    assert clean_text("Russia fires missiles at Kyiv") == ""
    assert clean_text("Russia fires missiles at Kyiv", keep_lone_headline=True) == (
        "Russia fires missiles at Kyiv"
    )
    assert clean_text("Share this article", keep_lone_headline=True) == ""


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Headline here\n\nThe ministry condemned the strike.", "Headline here"),
        ("Skip to content\n\nIs Europe ready?\n\nThe ministry said it was.", "Is Europe ready?"),
        ("  Spaced   headline \n \nBody text follows here.", "Spaced headline"),
    ],
)
def test_split_title_takes_a_leading_headline(raw: str, title: str) -> None:
    found, rest = split_title(raw)
    assert found == title
    assert title not in clean_text(rest)


@pytest.mark.parametrize(
    "raw",
    [
        "Headline with no blank line\nThe ministry condemned the strike.",
        "The ministry condemned the strike.\n\nIt said more would follow.",
        "Headline alone",
        "Headline then nothing\n\n   \n",
        "By Jane Doe\n\nThe ministry condemned the strike.",
        " ".join(["word"] * 30) + "\n\nThe ministry condemned the strike.",
    ],
)
def test_split_title_leaves_text_without_a_headline_alone(raw: str) -> None:
    assert split_title(raw) == (None, raw)


def test_strip_invisible_removes_format_and_control_characters_only() -> None:
    assert strip_invisible("a\u200bb\u00adc\ufeffd\x07e\u202ef\tg\nh") == "abcdef\tg\nh"


def test_rules_can_be_extended_from_a_user_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(
        json.dumps({"drop": {"house": ["(?i)^this story continues in the print edition\\b"]}}),
        encoding="utf-8",
    )
    junk = "This story continues in the print edition of the Northern Ledger, on sale today."
    raw = f"The talks failed.\n{junk}\nTalks resume soon."
    assert clean_text(raw) == f"The talks failed.\n\n{junk}\n\nTalks resume soon."
    assert clean_text(raw, rules=load_boilerplate([extra])) == (
        "The talks failed.\n\nTalks resume soon."
    )


@pytest.mark.parametrize(
    "content",
    ['{"drop": {"bad": ["(unclosed"]}}', '{"drop": {"bad": "not a list"}}', "{not json", "[]"],
)
def test_bad_user_rules_fail_loudly(tmp_path: Path, content: str) -> None:
    extra = tmp_path / "bad.json"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_boilerplate([extra])


@pytest.mark.parametrize(
    "last",
    [
        "Reuters reported that the talks would resume in April.",
        "- Estmark has recalled its ambassador.",
        "Research by the institute found that catches had halved.",
        "Media, including state television, reported the strike.",
        "(c) the withdrawal of all forces from the reef.",
    ],
)
def test_closing_prose_that_resembles_a_credit_is_kept(last: str) -> None:
    raw = f"The talks resumed on Tuesday.\n\n{last}"
    assert clean_text(raw) == raw


def test_no_pattern_backtracks_catastrophically() -> None:
    """Lines built to make nested quantifiers explode must still be cleaned at once."""
    nasty = [
        "By " + "A-" * 25 + "!",  # exponential: seconds at 25, forever at 200
        "By " + "Cand" * 200 + "!",
        "By " + "A. " * 200 + "!",
        "By " + "A and " * 200 + "!",
        "KYIV" + " -" * 200 + "x",
        "(" + "photo: " * 300,
        "- " + "Jane " * 300 + "is a " + "x " * 300,
        "Published " + "12 March 2024 " * 100 + "x",
    ]
    started = time.perf_counter()
    clean_text("\n".join(nasty))
    assert time.perf_counter() - started < 1.0
