"""Which kinds of actor a pronoun or a description can stand for (``data/lexicon/references.v1.json``).

Shared by ``actors.mentions`` (which noun phrases are descriptions to resolve later) and
``actors.coref`` (how to resolve them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whimbrel.events.plover import data_path


@dataclass(frozen=True)
class References:
    pronouns: dict[str, tuple[str, ...]]
    descriptions: dict[str, dict[str, Any]]
    speech_verbs: frozenset[str] = frozenset()
    #: Upper-case headings that open a statement or press release, whose "we" is its issuer.
    statement_headings: tuple[str, ...] = ()


@lru_cache(maxsize=2)
def load_references(name: str = "references.v1") -> References:
    raw = json.loads(data_path("lexicon", name, ".json").read_text(encoding="utf-8"))
    return References(
        pronouns={k: tuple(v) for k, v in raw["pronouns"].items()},
        descriptions=dict(raw["descriptions"]),
        speech_verbs=frozenset(raw.get("speech_verbs", ())),
        statement_headings=tuple(raw.get("statement_headings", ())),
    )


def description_heads() -> frozenset[str]:
    """Head nouns that make a definite noun phrase a description to resolve in context."""
    return frozenset(load_references().descriptions)
