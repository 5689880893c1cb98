"""The relation model: a linear classifier over dependency and lexicon features of an actor pair.

The rule coder (trigger lexicon + slots) is precise but misses relations expressed in ways
its rows do not cover. For a given source/target pair, this model reads the words on the
dependency path between them, the word where the paths meet, the lexicon's types for those
words, the rule coder's own answer, and the sentence's content words, and scores the 16
types. It is trained by ``tools/train_relation.py`` on the train split of the project's own
gold corpus (deterministically; no dev-set data) and shipped as plain JSON weights
(``data/models/relation.v1.json``), so inference needs numpy only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from whimbrel.events.lexicon import Lexicon
from whimbrel.events.plover import model_json
from whimbrel.events.slots import tree_path

#: Parts of speech whose lemmas count as the sentence's content words.
_CONTENT = frozenset({"VERB", "NOUN", "ADJ"})


def pair_features(
    doc: Any,
    src: tuple[int, int],
    tgt: tuple[int, int],
    lexicon: Lexicon,
    rule: tuple[str | None, float],
) -> dict[str, float]:
    """Sparse features of one actor pair in a parsed sentence (names are stable: the model uses them)."""
    feats: dict[str, float] = {"bias": 1.0}
    rule_type, fit = rule
    feats[f"rule={rule_type}"] = 1.0
    if rule_type:
        feats[f"rule={rule_type}|fit={fit:.2f}"] = 1.0
    a = doc.char_span(*src, alignment_mode="expand")
    b = doc.char_span(*tgt, alignment_mode="expand")
    if a is None or b is None:
        return feats
    found = tree_path(a.root, b.root)
    path_tokens: list[Any] = []
    if found is not None:
        lca, up, down = found
        path_tokens = up[1:] + down[1:]  # the words between the two actors' heads
        feats[f"lca={lca.lemma_.lower()}"] = 1.0
        feats[f"lca_dep={a.root.dep_}>{b.root.dep_}"] = 1.0
        _lexicon_votes(feats, "lex_lca", [lca], lexicon, 1.0)
        if any(c.dep_ == "neg" for c in lca.children):
            feats["lca_negated"] = 1.0
    for tok in path_tokens:
        feats[f"path={tok.lemma_.lower()}"] = 1.0
    _lexicon_votes(feats, "lex_path", path_tokens, lexicon, 0.5)
    _lexicon_votes(feats, "lex_tgt", [b.root], lexicon, 0.5)
    sent = a.root.sent
    for tok in sent:
        if tok.pos_ in _CONTENT and not (a.start <= tok.i < a.end or b.start <= tok.i < b.end):
            feats[f"w={tok.lemma_.lower()}"] = 0.3
    _lexicon_votes(feats, "lex_sent", [t for t in sent if t.pos_ in ("VERB", "NOUN")], lexicon, 0.2)
    if a.root.i > b.root.i:
        feats["source_after_target"] = 1.0
    return feats


def _lexicon_votes(
    feats: dict[str, float], prefix: str, tokens: Iterable[Any], lexicon: Lexicon, scale: float
) -> None:
    """Two votes per word: the type of the row it matches, constraints and all, and every
    type any of its rows names (a weaker hint the model weighs on its own)."""
    from whimbrel.events.triggers import match_trigger

    for tok in tokens:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
        match = match_trigger(lexicon, tok, pos)
        if match is not None:
            key = f"{prefix}_match={match[0].event_type}"
            feats[key] = max(feats.get(key, 0.0), scale * match[0].weight)
        for entry in lexicon.lookup(tok.lemma_.lower(), pos):
            key = f"{prefix}={entry.event_type}"
            feats[key] = max(feats.get(key, 0.0), scale * entry.weight)


@dataclass(frozen=True)
class RelationModel:
    """Multinomial logistic regression weights: class → feature → weight.

    ``calibration`` maps each answer route of ``whimbrel classify`` ("event", "vote",
    "model") to ``(a, b)``: the probability that an answer with raw score ``c`` is right is
    ``1 / (1 + exp(-(a * c + b)))``, fitted on the train split by tools/train_relation.py.
    """

    version: str
    classes: tuple[str, ...]
    weights: dict[str, dict[str, float]]
    calibration: dict[str, tuple[float, float]] = field(default_factory=dict)

    def calibrated(self, route: str, score: float) -> float:
        """The calibrated probability that an answer from ``route`` with ``score`` is right."""
        if route not in self.calibration:
            return score
        a, b = self.calibration[route]
        return 1.0 / (1.0 + math.exp(-(a * score + b)))

    def predict(self, feats: dict[str, float]) -> tuple[str, float]:
        """The best class and its probability."""
        scores = [
            sum(w.get(f, 0.0) * v for f, v in feats.items())
            for w in (self.weights[c] for c in self.classes)
        ]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        best = max(range(len(scores)), key=lambda i: scores[i])
        return self.classes[best], exps[best] / total


@lru_cache(maxsize=2)
def load_relation_model(name: str = "relation.v1") -> RelationModel | None:
    """The shipped model, or None when it has not been trained."""
    raw = model_json(name)
    if raw is None:
        return None
    calibration = {k: (float(v[0]), float(v[1])) for k, v in raw.get("calibration", {}).items()}
    return RelationModel(
        version=raw["version"],
        classes=tuple(raw["classes"]),
        weights=raw["weights"],
        calibration=calibration,
    )
