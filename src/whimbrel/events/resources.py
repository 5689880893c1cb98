"""The data files ``events.extract`` reads besides the lexicon: who acts can retype an event
(``retype.v1.json``), which objects are an event's means (``instruments.v1.json``), and which
scenes are not politics (``domains.v1.json``). Each is read once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, NamedTuple

from whimbrel.events.plover import data_path, load_ontology


@lru_cache(maxsize=2)
def load_retype_rules(name: str = "retype.v1") -> list[dict[str, Any]]:
    """Rules that change a type by who acts (``data/lexicon/retype.v1.json``), with sector
    groups ("@armed") spelt out from the ontology."""
    raw = json.loads(data_path("lexicon", name, ".json").read_text(encoding="utf-8"))
    ontology = load_ontology()
    return [
        {
            k: sorted(ontology.expand_sectors(v)) if k.endswith("_sectors") else v
            for k, v in rule.items()
        }
        for rule in raw["rules"]
    ]


class Instruments(NamedTuple):
    """Objects that are an event's means or goods, never its recipient."""

    #: Event types whose matched object is always a means ("sent aid", "deployed troops").
    types: frozenset[str]
    #: Object nouns that are means ("fired *missiles*").
    nouns: frozenset[str]
    #: Object nouns that are means for one type only ("protesters blocked *roads*").
    by_type: dict[str, frozenset[str]]


@lru_cache(maxsize=2)
def load_instruments(name: str = "instruments.v1") -> Instruments:
    raw = json.loads(data_path("lexicon", name, ".json").read_text(encoding="utf-8"))
    by_type = {t: frozenset(v) for t, v in raw.get("by_type", {}).items()}
    return Instruments(frozenset(raw["types"]), frozenset(raw["nouns"]), by_type)


class Domains(NamedTuple):
    """Non-political scenes: (context lemmas, triggers they disable) per domain, the sectors
    whose actors keep a sentence political whatever its scene, and the scenes that stay
    non-political even so (``"even_armed": true``: "in the drama, a *general* seizes the
    palace" is fiction)."""

    scenes: list[tuple[frozenset[str], frozenset[str]]]
    armed: frozenset[str]
    even_armed: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()


@lru_cache(maxsize=2)
def load_domains(name: str = "domains.v1") -> Domains:
    raw = json.loads(data_path("lexicon", name, ".json").read_text(encoding="utf-8"))
    domains = list(raw["domains"].values())
    scenes = [(frozenset(d["context"]), frozenset(d["triggers"])) for d in domains]
    fiction = tuple(scene for scene, d in zip(scenes, domains, strict=True) if d.get("even_armed"))
    return Domains(scenes, load_ontology().expand_sectors(["@armed"]), fiction)
