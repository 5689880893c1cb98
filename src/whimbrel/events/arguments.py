"""Argument models: who an event was done to (or by), when the slot rules find no one.

The slot rules (``events/slots.py``) read a recipient from the trigger's own arguments: its
object, its dative, a preposition the lexicon row names. News often puts the recipient one
step further out: the author of the thing acted on ("rejected *Donald Trump's* claim",
"dismissed a *Russian* proposal", "criticised the raid by *US commandos*"), the subject of a
complement ("warned that *Saudi Arabia* would face revenge"), the people an accusation is
about ("accused world leaders at the UN of betraying *young people*"). Rules for each of
these helped one part of the gold corpus and hurt another (docs/ACCURACY.md), because
whether such a word is the recipient depends on the words around it.

So this model ranks the words of the sentence as the recipient of an event that has a
source but no target: a binary logistic regression over the dependency path from the
trigger to the candidate, the event type, and what the candidate is (a named actor, a
pronoun, a plural noun). The best candidate is taken when the model finds it more likely
right than wrong. It is trained by ``tools/train_arguments.py`` on the gold train split,
deterministically, and shipped as JSON weights (``data/models/recipient.v1.json``).

The same features and candidates serve an agent model that picks the source of an event
whose slots hold none (``--agent``); it is off by default, because on the dev split it
traded source-country and factuality accuracy for little recall (docs/ACCURACY.md).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whimbrel.events.plover import model_json
from whimbrel.events.slots import tree_path

#: Words that head a phrase naming who or what an event was done to.
_CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
#: Entity types that never name a recipient ("for *three days*", "fined *$5 million*").
_NOT_RECIPIENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})
#: Dependency relations of words inside a name or a compound, whose head stands for them.
_INSIDE_NAME = frozenset({"compound", "flat", "det", "case", "punct"})
#: Longest path (in arcs) along which a recipient is looked for.
MAX_PATH = 6


def candidates(trigger: Any, exclude: Collection[int], actor_at: Mapping[int, Any]) -> list[Any]:
    """Words of the trigger's sentence that may head its recipient.

    The heads of named actors (``actor_at`` maps token index to mention), and nouns and
    pronouns heading their own phrase; not the trigger, the source's words (``exclude``),
    numbers and dates, or words too far from the trigger in the parse.
    """
    found = []
    for tok in trigger.sent:
        if tok.i == trigger.i or tok.i in exclude or tok.ent_type_ in _NOT_RECIPIENTS:
            continue
        if tok.i not in actor_at and (tok.pos_ not in _CANDIDATE_POS or tok.dep_ in _INSIDE_NAME):
            continue
        path = tree_path(trigger, tok)
        if path is None or len(path[1]) + len(path[2]) > MAX_PATH:
            continue
        found.append(tok)
    return found


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def argument_features(
    trigger: Any, candidate: Any, event_type: str, quad: str, actor: str, is_event_noun: bool
) -> dict[str, float]:
    """Sparse features of one (trigger, candidate) pair; the names are the model's vocabulary.

    ``actor`` says what the candidate is: ``kb`` (a named actor), ``referred`` (resolved
    through the article), or ``none``; ``is_event_noun`` whether the candidate's own head is
    a word of the trigger lexicon ("the *claim* of X", "the *raid* by X").
    """
    found = tree_path(trigger, candidate)
    if found is None:
        return {"bias": 1.0}
    lca, up, down = found
    up_deps = "^".join(t.dep_ for t in up)
    down_deps = "v".join(t.dep_ for t in reversed(down))
    path = f"{up_deps}|{down_deps}"
    feats: dict[str, float] = {"bias": 1.0}
    for name in (
        f"path={path}",
        f"up={up_deps}",
        f"down={down_deps}",
        f"last={candidate.dep_}",
        f"last2={candidate.dep_}<{candidate.head.dep_}",
        f"type={event_type}",
        f"type={event_type}|down={down_deps}",
        f"quad={quad}|path={path}",
        f"quad={quad}|last={candidate.dep_}",
        f"actor={actor}",
        f"actor={actor}|last={candidate.dep_}",
        f"ent={candidate.ent_type_ or '-'}",
        f"tag={candidate.tag_}",
        f"len={_bucket(len(up) + len(down), (1, 2, 3, 4))}",
        f"side={'after' if candidate.i > trigger.i else 'before'}",
        f"gap={_bucket(abs(candidate.i - trigger.i), (2, 5, 10))}",
        f"lca_pos={lca.pos_}",
        f"trigger_pos={trigger.pos_}",
    ):
        feats[name] = 1.0
    if candidate.head.i != trigger.i and candidate.dep_ != "ROOT":
        feats[f"head={candidate.head.lemma_.lower()}|last={candidate.dep_}"] = 1.0
    if candidate.pos_ == "PRON":
        feats[f"pron={candidate.lower_}"] = 1.0
    feats[f"trigger={trigger.lemma_.lower()}"] = 1.0
    if is_event_noun:
        feats["head_is_event_noun"] = 1.0
        feats[f"head_is_event_noun|last={candidate.dep_}"] = 1.0
    verbs = sum(1 for t in down[1:] if t.pos_ in ("VERB", "AUX"))
    feats[f"verbs_between={min(verbs, 2)}"] = 1.0
    for tok in down[1:]:
        if tok.pos_ == "ADP":
            feats[f"prep={tok.lower_}"] = 1.0
            feats[f"quad={quad}|prep={tok.lower_}"] = 1.0
    return feats


@dataclass(frozen=True)
class ArgumentModel:
    """Binary logistic regression weights over :func:`argument_features`, for one role;
    ``threshold`` is the probability a candidate needs to be taken."""

    version: str
    weights: dict[str, float]
    threshold: float = 0.5

    def probability(self, feats: Mapping[str, float]) -> float:
        """The probability that the candidate is the event's recipient."""
        z = sum(self.weights.get(f, 0.0) * v for f, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=2)
def load_argument_model(name: str = "recipient.v1") -> ArgumentModel | None:
    """The shipped model, or None when it has not been trained."""
    raw = model_json(name)
    if raw is None:
        return None
    return ArgumentModel(
        version=raw["version"], weights=raw["weights"], threshold=float(raw["threshold"])
    )
