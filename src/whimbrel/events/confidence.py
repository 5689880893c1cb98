"""Calibrated confidence: the probability that an event is right, not just a product of factors.

Each draft carries factors for how it was found (the lexicon row's weight, an inherited
source, a noun trigger, an implicit target, ...). A logistic model over those factors, the
event type and factuality, trained by ``tools/train_confidence.py`` on the train split of
the gold corpus (an event counts as right when it matches a gold event of the same type),
maps them to a probability, so that of the events given 0.7, about 70 % are right. It is
shipped as JSON weights (``data/models/confidence.v1.json``); without it the raw product
of the factors is used.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from whimbrel.events.plover import model_json

#: (country, sector) of each actor of a role, as the published event gives them.
Actors = tuple[tuple[str | None, str | None], ...]


@dataclass(frozen=True)
class Finding:
    """How one event was found: everything the calibration reads about it."""

    event_type: str
    factors: Mapping[str, float]
    factuality: str
    source: Actors = ()
    target: Actors = ()
    lemma: str | None = None


def confidence_features(finding: Finding) -> dict[str, float]:
    """The calibration model's inputs (names are stable: the shipped weights use them).

    Besides how the event was found, the sectors of its actors: "Wales conceded two late
    tries" and "shareholders rejected the bid" are found the way political events are, but
    no actor in them holds an office, a force or a party (the corpus codes neither). And the
    trigger word read as this type (``lemma``): some rows are right nearly every time
    ("shelled" as ASSAULT), others seldom ("called" as ACCUSE), which no factor says. A
    word the training saw too rarely has no weight, so it adds nothing."""
    f = finding
    weight = f.factors.get("lexicon_weight", 0.8)
    feats = {"bias": 1.0, "log_weight": math.log(max(weight, 1e-3)), f"type={f.event_type}": 1.0}
    for name in f.factors:
        if name != "lexicon_weight":
            feats[f"factor={name}"] = 1.0
    feats["has_target"] = 1.0 if f.target else 0.0
    feats[f"factuality={f.factuality}"] = 1.0
    for role, actors in (("source", f.source), ("target", f.target)):
        for country, sector in actors:
            feats[f"{role}_sector={sector or '-'}"] = 1.0
            if country is None:
                feats[f"{role}_no_country"] = 1.0
    if f.lemma:
        feats[f"trigger={f.event_type}|{f.lemma}"] = 1.0
    return feats


def raw_confidence(factors: Mapping[str, float]) -> float:
    """The product of the factors, kept inside (0.01, 0.99)."""
    value = 1.0
    for f in factors.values():
        value *= f
    return min(0.99, max(0.01, value))


@lru_cache(maxsize=2)
def load_confidence_model(name: str = "confidence.v1") -> dict[str, float] | None:
    raw = model_json(name)
    return None if raw is None else dict(raw["weights"])


def calibrated_confidence(finding: Finding, model: str = "confidence.v1") -> float:
    """P(event right | how it was found); the raw product when no model is shipped."""
    weights = load_confidence_model(model)
    if weights is None:
        return round(raw_confidence(finding.factors), 3)
    z = sum(weights.get(k, 0.0) * v for k, v in confidence_features(finding).items())
    return round(min(0.99, max(0.01, 1.0 / (1.0 + math.exp(-z)))), 3)
