"""The factuality cue sets of ``data/lexicon/cues.v1.toml``, read once per process.

Shared by stage ``events.factuality`` and by ``whimbrel classify``, which reads the
factuality of a lexicon word on the path between two actors. The file's sections and what
each cue does are documented in docs/lexicon.md ("Factuality cues").
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whimbrel.events.plover import data_path


def _set(raw: dict[str, Any], section: str, *keys: str) -> frozenset[str]:
    table = raw.get(section, {})
    return frozenset(w.lower() for k in keys for w in table.get(k, []))


@dataclass(frozen=True)
class Cues:
    """The cue sets of ``cues.v1.toml``, by the role they play."""

    negation: frozenset[str]
    negation_phrases: frozenset[str]
    #: triggers that name their act as not done ("acquitted": not convicted)
    negating_triggers: frozenset[str]
    #: verbs, with their particle, whose object event will not happen ("called off the talks")
    cancelling: frozenset[str]
    negating_verbs: frozenset[str]
    #: nouns whose "to" infinitive did not happen ("refusal to side with")
    negating_nouns: frozenset[str]
    rejecting_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    denial_particle_verbs: frozenset[str]
    #: words that judge a claim false: "called it *baseless*", "called it *propaganda*"
    denial_words: frozenset[str]
    modals: frozenset[str]
    conditional_markers: frozenset[str]
    conditions: frozenset[str]
    #: the only verbs under which conditional harm is the source's threat
    threat_speech: frozenset[str]
    hypothetical_determiners: frozenset[str]
    whoever_pronouns: frozenset[str]
    caught_participles: frozenset[str]
    hypothetical_words: frozenset[str]  # verbs, adjectives, adverbs and nouns of possibility
    future_aux: frozenset[str]
    future_phrases: frozenset[str]
    future_verbs: frozenset[str]
    future_adjectives: frozenset[str]
    #: nouns of intention whose "to" infinitive lies ahead ("a bid to join")
    future_nouns: frozenset[str]
    would_as_future_after: frozenset[str]
    habitual_adverbs: frozenset[str]
    habitual_phrases: frozenset[str]
    frequency_determiners: frozenset[str]
    habitual_adjectives: frozenset[str]
    habitual_clause_phrases: frozenset[str]
    reporting_verbs: frozenset[str]
    hedges_reported: frozenset[str]
    hedges_hypothetical: frozenset[str]
    refusal_modes: dict[str, str]
    accusation_verbs: frozenset[str]
    request_verbs: frozenset[str]
    presupposing_markers: frozenset[str]
    presupposing_preps: frozenset[str]
    presupposing_for_verbs: frozenset[str]

    def whoever(self, word: Any) -> bool:
        """A phrase of whoever will have done something: "*any* vessel *that entered* the
        area", "*anyone who joined*", "any aid worker *found* to be arming rebels"; not a kind
        of thing ("any vessel *bound for* Israel" is a ban's scope)."""
        anyone = word.lower_ in self.whoever_pronouns or any(
            c.dep_ == "det" and c.lower_ in self.hypothetical_determiners for c in word.children
        )
        return anyone and any(
            c.dep_ == "relcl" or (c.dep_ == "acl" and c.lemma_.lower() in self.caught_participles)
            for c in word.children
        )

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Cues:
        return cls(
            negation=_set(raw, "negation", "lemmas"),
            negation_phrases=_set(raw, "negation", "phrases"),
            negating_triggers=_set(raw, "negation", "triggers"),
            cancelling=_set(raw, "negation", "cancelling"),
            negating_verbs=_set(raw, "negating_verbs", "lemmas"),
            negating_nouns=_set(raw, "negating_verbs", "nouns"),
            rejecting_verbs=_set(raw, "rejecting_verbs", "lemmas"),
            denial_verbs=_set(raw, "denial", "verbs"),
            claim_verbs=_set(raw, "denial", "claim_verbs"),
            claim_nouns=_set(raw, "denial", "claim_nouns"),
            denial_particle_verbs=_set(raw, "denial", "particle_verbs"),
            denial_words=_set(raw, "denial", "adjectives", "nouns"),
            modals=_set(raw, "hypothetical", "modals"),
            conditional_markers=_set(raw, "hypothetical", "markers"),
            conditions=_set(raw, "hypothetical", "conditions"),
            threat_speech=_set(raw, "hypothetical", "threat_speech"),
            hypothetical_determiners=_set(raw, "hypothetical", "determiners"),
            whoever_pronouns=_set(raw, "hypothetical", "whoever_pronouns"),
            caught_participles=_set(raw, "hypothetical", "caught_participles"),
            hypothetical_words=_set(raw, "hypothetical", "verbs", "adjectives", "adverbs", "nouns"),
            future_aux=_set(raw, "future", "auxiliaries"),
            future_phrases=_set(raw, "future", "phrases", "time_phrases"),
            future_verbs=_set(raw, "future", "verbs"),
            future_adjectives=_set(raw, "future", "adjectives"),
            future_nouns=_set(raw, "future", "nouns"),
            would_as_future_after=_set(raw, "future", "would_as_future_after"),
            habitual_adverbs=_set(raw, "habitual", "adverbs"),
            habitual_phrases=_set(raw, "habitual", "phrases"),
            frequency_determiners=_set(raw, "habitual", "frequency_determiners"),
            habitual_adjectives=_set(raw, "habitual", "adjectives"),
            habitual_clause_phrases=_set(raw, "habitual", "clause_phrases"),
            reporting_verbs=_set(raw, "reporting", "verbs"),
            hedges_reported=_set(raw, "hedges", "as_reported"),
            hedges_hypothetical=_set(raw, "hedges", "as_hypothetical"),
            refusal_modes=dict(raw.get("rejecting_verbs", {}).get("mode_by_complement", {})),
            accusation_verbs=_set(raw, "reporting", "accusation_verbs"),
            request_verbs=_set(raw, "hypothetical", "request_verbs"),
            presupposing_markers=_set(raw, "presupposition", "clause_markers"),
            presupposing_preps=_set(raw, "presupposition", "prepositions"),
            presupposing_for_verbs=_set(raw, "presupposition", "for_verbs"),
        )


@lru_cache(maxsize=4)
def load_cues(name: str = "cues.v1") -> Cues:
    raw = tomllib.loads(data_path("lexicon", name, ".toml").read_text(encoding="utf-8"))
    return Cues.from_toml(raw)
