"""Properties of clean_text that offsets and re-runs depend on, over generated input."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from whimbrel.ingest.text import clean_text

# Realistic pieces: junk lines, headings, prose, wrapped fragments, bios.
PIECES = [
    "ARTICLE AD BOX",
    "Advertisement",
    "By Jane Doe and John Roe, Reuters",
    "Share this article",
    "Published 12 March 2024",
    "(Getty Images)",
    "Why the reef matters",
    "The ministry condemned the strike on Tuesday.",
    "“We will respond,” the minister said.",
    "The foreign ministry of Estmark on Tuesday accused the Valdorian",
    "coastguard of ramming one of its patrol boats near Halvard Reef.",
    "- Jane Doe is a fellow at the Institute for Maritime Security.",
    "Jane Doe is a senior correspondent.",
    "© 2024 The Northern Ledger",
    "Read more: the talks",
]
SEPARATORS = ["\n", "\n\n", "\r\n", " \n \n", "\u2028", "\t\n"]

lines = st.one_of(
    st.sampled_from(PIECES),
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from("ab .,!?:\u200b\u00a0\ufeff“”—\x00é"), max_size=40),
)
documents = st.builds(
    lambda parts, seps: "".join(p + s for p, s in zip(parts, seps, strict=False)),
    st.lists(lines, max_size=12),
    st.lists(st.sampled_from(SEPARATORS), min_size=12, max_size=12),
)


def normalise(text: str) -> str:
    """The contract: invisible characters go, whitespace runs become one space; nothing else."""
    kept = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in ("Cf", "Cs")
        and not (unicodedata.category(ch) == "Cc" and not ch.isspace())
    )
    return " ".join(kept.split())


@settings(max_examples=400, deadline=None)
@given(st.one_of(documents, st.text(max_size=300)))
def test_clean_text_is_idempotent_and_faithful(raw: str) -> None:
    cleaned = clean_text(raw)
    assert clean_text(cleaned) == cleaned
    flat = normalise(raw)
    for paragraph in cleaned.split("\n\n") if cleaned else []:
        assert paragraph
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph and "\n" not in paragraph
        assert paragraph in flat


@settings(max_examples=200, deadline=None)
@given(documents)
def test_lone_headline_mode_is_idempotent(raw: str) -> None:
    cleaned = clean_text(raw, keep_lone_headline=True)
    assert clean_text(cleaned, keep_lone_headline=True) == cleaned
