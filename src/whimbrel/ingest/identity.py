"""Stable article ids, so that re-running a corpus updates its events instead of duplicating them.

An id must not change when the same article is read twice. URLs of one article vary (tracking
parameters, ``#comments`` fragments, ``http`` vs ``https``, ``www.``, a trailing slash, parameter
order), so the id hashes a normalised URL. Without a URL the id hashes the cleaned text with
whitespace and invisible characters normalised, so a re-paste with different line breaks or a
stray BOM gets the same id while any change to the words gives a new one.

Format: ``"a-"`` + the first 16 hex digits (64 bits) of a SHA-256. Short enough to read in a
table, long enough that two of ten million articles collide with a chance of about 3 in a
million. The URL and text keys are hashed with different prefixes so they can never collide.
"""

from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from whimbrel.ingest.text import normalise_space, strip_invisible

ID_PREFIX = "a-"
_HEX_DIGITS = 16

#: Query parameters that only track the click and never select content.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
        "mc_eid", "ocid", "cmpid", "smid", "smtyp", "_ga", "_gl", "ito", "at_medium",
        "at_campaign", "taid", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname",
    }
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def normalise_url(url: str) -> str:
    """The form of ``url`` used as the id key (also a readable, canonical-ish URL).

    Lower-cases scheme and host, drops ``www.``, default ports, the fragment, tracking
    parameters and a trailing slash, and sorts the remaining parameters. The scheme is kept in
    the result but ignored by :func:`article_id`. A string that is not a URL comes back stripped.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def _url_key(url: str) -> str:
    normal = normalise_url(url)
    scheme, _, rest = normal.partition("://")
    return rest if scheme in _DEFAULT_PORTS and rest else normal


def _text_key(text: str) -> str:
    return normalise_space(strip_invisible(unicodedata.normalize("NFC", text)))


def article_id(*, url: str | None, text: str) -> str:
    """The stable id of an article: from its normalised URL if it has one, else its text.

    >>> article_id(url="https://www.example.org/a/?utm_source=x#top", text="") == article_id(
    ...     url="http://example.org/a", text="other")
    True
    """
    key = "url:" + _url_key(url) if url and url.strip() else "text:" + _text_key(text)
    return ID_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:_HEX_DIGITS]
