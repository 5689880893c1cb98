"""Text normalisation shared by the knowledge base (for its aliases) and the resolver (for queries).

Both sides go through the same :func:`normalise`, so an alias matches a mention whenever the two
differ only in case, accents, punctuation, curly quotes, hyphenation or "-isation" spelling
("Kim Jong-un" and "kim jong un", "Élysée" and "Elysee", "Organisation" and "Organization").
Possessive "'s" survives as a separate token ``'s`` because the resolver needs it ("Russia's
defence ministry"). "US"/"U.S."/"USA" become "united states" *before* lower-casing, because
lower-case "us" is the pronoun and must not match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["POSSESSIVE", "normalise", "slugify"]

#: The token a possessive "'s" (or a plural possessive "s'") becomes.
POSSESSIVE = "'s"

# Letters that NFKD does not decompose into a base letter plus an accent.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ʻ": "'",
        "&": " and ",
    }
)
# Upper-case US / U.S. / USA / U.S.A. as a word (not "USB", not "us").
_US = re.compile(r"(?<![A-Za-z])U\.?S\.?(?:A\.?)?(?![A-Za-z])")
_POSS = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
# A model designation ("Su-35", "MiG-29", "F-16", "S-400") is one word: its letters name no
# one ("Su" is also Su Tseng-chang's surname).
_MODEL = re.compile(r"(?<![\w-])([A-Za-z]{1,4})-(?=\d)")
_NONWORD = re.compile(r"[^\w']+")
# British "-isation" is the same word as "-ization": "Collective Security Treaty *Organisation*".
_ISATION = re.compile(r"(?<=\w)isation")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Fold *text* to lower-case ASCII-ish words separated by single spaces.

    >>> normalise("North Korea’s Foreign-Ministry")
    "north korea 's foreign ministry"
    >>> normalise("the U.S. Navy")
    'the united states navy'
    """
    t = text.translate(_FOLD)
    t = _MODEL.sub(r"\1", t)
    t = _US.sub(" united states ", t)
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = _ISATION.sub("ization", t.lower())
    t = _POSS.sub(" qqpossqq ", t)  # mark possessives before punctuation is dropped
    t = _NONWORD.sub(" ", t)
    t = t.replace("'", "").replace("_", " ")  # elisions, transliteration: "sana'a" -> "sanaa"
    t = _SPACES.sub(" ", t).strip()
    return t.replace("qqpossqq", POSSESSIVE) if "qqpossqq" in t else t


def slugify(text: str) -> str:
    """An ASCII, hyphenated id fragment: ``slugify("Defence ministry") == "defence-ministry"``."""
    return "-".join(w for w in normalise(text).split() if w != POSSESSIVE)
