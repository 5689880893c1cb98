"""Property-based tests (hypothesis) over generated text: cleaning, sentence splitting, actor
resolution and the record schema. Example counts are kept modest so the suite stays fast;
benchmarks/fuzz.py runs the same checks at scale."""

from __future__ import annotations

from hardening_helpers import GOOD, article_problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import whimbrel
from whimbrel.errors import InputError
from whimbrel.ingest.text import clean_text
from whimbrel.nlp.parse import cap_sentences

WORDS = [
    "Russia", "Ukraine", "the", "minister", "said", "troops", "attacked", "Kyiv", "on",
    "Tuesday", "sanctions", "against", "China", "met", "President", "Biden", "he", "protesters",
    "police", "arrested", "in", "Paris", "denied", "will", "not", "visit", ",", ".", "“", "”",
    "(", ")", "–", "\n", "\n\n", "[/b]", "<p>", "&amp;", "\u200b", "é", "東京", "🙂", "2024-06-18",
]  # fmt: skip
prose = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)
anything = st.one_of(prose, st.text(max_size=400), st.text(alphabet=st.characters(), max_size=60))
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(anything)
def test_clean_text_never_raises_and_is_idempotent(raw):
    cleaned = clean_text(raw, keep_lone_headline=True)
    assert clean_text(cleaned, keep_lone_headline=True) == cleaned


@SETTINGS
@given(anything)
def test_resolve_never_raises(text):
    actor = whimbrel.resolve(text, date="2020-01-01")
    assert actor is None or actor.name


@SETTINGS
@given(st.lists(st.sampled_from(WORDS[:30]), min_size=1, max_size=400), st.integers(100, 400))
def test_cap_sentences_bounds_every_stretch(nlp, words, max_chars):
    doc = nlp.make_doc(" ".join(words))
    cap_sentences(doc, max_chars)
    doc = nlp(doc)
    for sent in doc.sents:
        longest_token = max(len(t.text) for t in sent)
        assert len(sent.text) <= max_chars + longest_token + 1 or any(t.text in ".!?" for t in sent)


@SETTINGS
@given(st.one_of(prose, st.text(max_size=300)).map(lambda t: t + "\n\n" + GOOD))
def test_every_event_is_a_valid_record_and_offsets_index_the_text(pipeline, text):
    try:
        article = pipeline(text, date="2024-06-18")
    except InputError:  # not English, or nothing left: a clear error is a valid outcome
        return
    assert not article_problems(article)
    for s, nxt in zip(article.sentences, article.sentences[1:], strict=False):
        assert s.start <= s.end <= nxt.start
