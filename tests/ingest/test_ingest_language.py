"""detect_language / ensure_english: confident verdicts only, deterministic."""

from __future__ import annotations

import pytest

from whimbrel.errors import LanguageError
from whimbrel.ingest.language import SAMPLE_CHARS, detect_language, ensure_english

ENGLISH = (
    "The government of Estmark on Tuesday recalled its ambassador from Valdoria, a day after "
    "the two countries' coastguards collided near Halvard Reef. Officials said talks would go on."
)
FRENCH = (
    "Le gouvernement de l'Estmark a rappelé mardi son ambassadeur en Valdorie, au lendemain "
    "d'une collision entre les garde-côtes des deux pays près du récif de Halvard. Les "
    "négociations doivent reprendre la semaine prochaine à Genève."
)
GERMAN = (
    "Die Regierung von Estmark hat am Dienstag ihren Botschafter aus Valdorien zurückgerufen, "
    "einen Tag nachdem die Küstenwachen beider Länder nahe dem Halvard-Riff zusammengestoßen "
    "waren. Die Gespräche sollen nächste Woche in Genf weitergehen."
)


@pytest.mark.parametrize(("text", "lang"), [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de")])
def test_paragraphs_are_detected(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detection_is_deterministic() -> None:
    mixed = "The minister said: " + FRENCH[:90]
    assert len({detect_language(mixed) for _ in range(20)}) == 1


@pytest.mark.parametrize("text", ["", "   ", "12 345 678", "Kim Jong Un", "OK!"])
def test_too_little_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_short_headlines_are_english_only_when_confident() -> None:
    assert detect_language("Russia fires missiles at Kyiv") == "en"
    # langdetect says Dutch with p=0.99999 for this one; a headline never counts as foreign
    assert detect_language("Biden meets Xi in San Francisco") == "und"
    assert detect_language("Scholz trifft Macron in Berlin und Paris") == "und"


def test_only_the_start_is_sampled() -> None:
    assert len(ENGLISH * 12) > SAMPLE_CHARS
    assert detect_language(ENGLISH * 12 + GERMAN * 40) == "en"


def test_ensure_english_passes_english_and_undetermined() -> None:
    assert ensure_english(ENGLISH) == "en"
    assert ensure_english("Biden meets Xi in San Francisco") == "und"


def test_ensure_english_rejects_french_naming_the_input() -> None:
    with pytest.raises(LanguageError) as caught:
        ensure_english(FRENCH, source="corpus.jsonl", line=3)
    assert caught.value.language == "fr"
    assert str(caught.value).startswith("corpus.jsonl:3: not coded: the text is in language 'fr'")
