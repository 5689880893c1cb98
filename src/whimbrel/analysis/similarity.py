"""Text similarity for deduplication: token and shingle sets and their Jaccard overlap.

No model and no download: evidence sentences are compared by the overlap of their content
words and of their character 4-grams (which forgives inflection: "shelled"/"shelling"), and
whole articles by the overlap of their word 5-grams, which is high only for copies of one
text (a wire story republished with light edits). See docs/dedup.md.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

#: Words that carry no event: function words, reporting verbs and time words.
_STOP_TEXT = """a about after against all also an and any are as at be been before being but by can
    could did do does during each earlier for from had has have he her his if in into is it
    its last late later may more most new not of on one or other our over said says she so
    some than that the their them then there these they this those through to told two under
    up was we were when which while who will with would year years week weeks day days
    monday tuesday wednesday thursday friday saturday sunday today yesterday according
    officials official reported reports report statement spokesman spokeswoman"""
STOPWORDS = frozenset(_STOP_TEXT.split())


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (accents kept, punctuation dropped)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _WORD.findall(text)


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that are not stop words."""
    return frozenset(w for w in words(text) if w not in STOPWORDS and not w.isdigit())


def char_shingles(text: str, k: int = 4) -> frozenset[str]:
    """Character k-grams of the content words, each word padded so short words count."""
    out: set[str] = set()
    for w in content_words(text):
        padded = f" {w} "
        out.update(padded[i : i + k] for i in range(max(1, len(padded) - k + 1)))
    return frozenset(out)


def word_shingles(text: str, k: int = 5) -> frozenset[tuple[str, ...]]:
    """Runs of ``k`` consecutive words: the fingerprint of a text's wording."""
    ws = words(text)
    if len(ws) < k:
        return frozenset([tuple(ws)]) if ws else frozenset()
    return frozenset(tuple(ws[i : i + k]) for i in range(len(ws) - k + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / |a ∪ b|, 0 when both are empty."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def evidence_similarity(
    a_words: frozenset[str],
    b_words: frozenset[str],
    a_chars: frozenset[str],
    b_chars: frozenset[str],
) -> float:
    """How alike two evidence sentences read: the larger of word and 4-gram Jaccard."""
    return max(jaccard(a_words, b_words), jaccard(a_chars, b_chars))
