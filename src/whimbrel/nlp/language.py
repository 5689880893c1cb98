"""Stage ``nlp.language``: keep non-English articles from being mis-coded as English."""

from __future__ import annotations

import re

from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Article


class LanguageSettings(StageSettings):
    enabled: bool = True
    #: Below this many letters language guesses are noise, so the text is taken as English.
    min_letters: int = 40


_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@stage("nlp.language", requires=["text"], assigns=["language"], settings=LanguageSettings)
class DetectLanguage:
    """Detect the article's language and refuse anything but English with a LanguageError."""

    def __init__(self, settings: LanguageSettings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        if not self.settings.enabled:
            article.language = article.language or "en"
            return article
        if len(_LETTER.findall(article.text[:4000])) < self.settings.min_letters:
            article.language = "en"
            return article
        from whimbrel.ingest.language import ensure_english

        # "und" (too short or too unsure to tell) passes: refusing it would drop English headlines.
        article.language = ensure_english(article.text, source=article.origin or article.id)
        return article
