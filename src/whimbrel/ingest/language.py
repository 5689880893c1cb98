"""Which language an article is in, so non-English text is reported instead of mis-coded.

whimbrel's lexicons and parser are English; a French article run through them yields no events
or wrong ones, silently. So the pipeline asks :func:`ensure_english` first, and a confident
non-English verdict becomes a :class:`~whimbrel.errors.LanguageError` the user sees.

The detector is langdetect with a fixed seed (langdetect samples n-grams at random; unseeded, the
same text can get different answers on different runs). It reads only the first
:data:`SAMPLE_CHARS` characters: the language of an article is settled long before its end, and
this bounds the cost of very long inputs.

langdetect is unreliable on headline-length text: it calls "Biden meets Xi in San Francisco"
Dutch with probability 0.99999. So below :data:`SHORT_LETTERS` letters we answer only "en"
(when langdetect is confident) or "und" (undetermined), never another language: wrongly refusing
an English headline loses data, while coding a short foreign headline merely finds nothing.
"""

from __future__ import annotations

import functools

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from whimbrel.errors import LanguageError

#: ISO 639-2 code for "undetermined": too little text, or no confident answer.
UNDETERMINED = "und"
#: How much of the text is sampled.
SAMPLE_CHARS = 1000
#: Below this many letters there is nothing to detect.
MIN_LETTERS = 20
#: Below this many letters (about a headline) only a confident "en" is believed.
SHORT_LETTERS = 80
#: The probability langdetect must give its top language to be believed...
MIN_PROBABILITY = 0.80
#: ...and the (higher) probability it must give "en" on short text.
MIN_PROBABILITY_SHORT = 0.95


@functools.cache
def _factory() -> DetectorFactory:
    """A private seeded factory: loads the profiles once (about 0.2 s) and leaves langdetect's
    module-level factory and class-level seed alone for other users of the library."""
    factory = DetectorFactory()
    factory.seed = 0
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    return text[: cut if cut > SAMPLE_CHARS // 2 else SAMPLE_CHARS]


def _iso639_1(code: str) -> str:
    return code.split("-")[0]  # langdetect says zh-cn / zh-tw


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language of ``text`` ("en", "fr", ...) or "und".

    "und" means undetermined: fewer than :data:`MIN_LETTERS` letters, a low-confidence guess,
    or a short text that is not confidently English. Deterministic for a given text.
    """
    sample = _sample(text)
    letters = sum(ch.isalpha() for ch in sample)
    if letters < MIN_LETTERS:
        return UNDETERMINED
    detector = _factory().create()
    detector.append(sample)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:  # no usable features (digits, symbols only)
        return UNDETERMINED
    if not ranked:
        return UNDETERMINED
    best = ranked[0]
    lang = _iso639_1(best.lang)
    if letters < SHORT_LETTERS:
        return "en" if lang == "en" and best.prob >= MIN_PROBABILITY_SHORT else UNDETERMINED
    return lang if best.prob >= MIN_PROBABILITY else UNDETERMINED


def ensure_english(text: str, *, source: str | None = None, line: int | None = None) -> str:
    """Return the detected language ("en" or "und") or raise for confidently non-English text.

    "und" passes: refusing text we cannot place would drop headlines and fragments that are
    English; coding them costs little. Raises :class:`~whimbrel.errors.LanguageError` naming
    ``source`` (and ``line`` for corpora) otherwise.
    """
    lang = detect_language(text)
    if lang not in ("en", UNDETERMINED):
        raise LanguageError(lang, source=source, line=line)
    return lang
