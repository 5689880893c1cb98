"""Stage ``events.factuality``: is the event claimed, reported, denied, negated or only imagined?

The cue words live in ``data/lexicon/cues.v1.toml``. From the trigger, the stage climbs the
dependency tree to the root of the sentence, noting each cue it passes: a negation on the
trigger (or on a verb it is the complement of: "did not agree to send"), a denial verb above
it ("X denied supplying shells"), a modal or "if" (hypothetical), "will" or a planning verb
(future), a habitual adverb, a reporting verb or "according to" (reported, with the
speaker as ``attributed_to``). The winner is the first in the order denied, negated,
hypothetical, future, habitual, reported, asserted. See docs/lexicon.md.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whimbrel.events.draft import EventDraft, drafts_of
from whimbrel.events.plover import data_path
from whimbrel.events.slots import logical_subjects
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import FACTUALITY_PRECEDENCE, Article

#: How far up the tree a cue may sit; deeper nesting is rare and usually a parse error.
MAX_CLIMB = 8
#: Dependencies that carry a cue's scope down to the trigger.
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "conj", "acl", "relcl", "dobj", "pobj",
                      "prep", "nsubj", "nsubjpass", "attr", "oprd", "appos", "npadvmod"})  # fmt: skip


@dataclass(frozen=True)
class Cues:
    """The cue word sets, as lowercase lemmas or short phrases."""

    negation: frozenset[str]
    negating_verbs: frozenset[str]
    denial: frozenset[str]
    claim_nouns: frozenset[str]
    hypothetical: frozenset[str]
    future: frozenset[str]
    habitual: frozenset[str]
    reporting: frozenset[str]
    hedges: frozenset[str]


def _words(value: Any) -> set[str]:
    """Every string inside a TOML value, however the section nests its lists."""
    if isinstance(value, str):
        return {value.lower().strip()}
    if isinstance(value, list):
        return {w for v in value for w in _words(v)}
    if isinstance(value, dict):
        return {w for v in value.values() for w in _words(v)}
    return set()


@lru_cache(maxsize=4)
def load_cues(name: str = "cues.v1") -> Cues:
    raw = tomllib.loads(data_path("lexicon", name, ".toml").read_text(encoding="utf-8"))

    def section(*keys: str) -> frozenset[str]:
        return frozenset(w for k in keys for w in _words(raw.get(k, [])))

    return Cues(
        negation=section("negation"),
        negating_verbs=section("negating_verbs"),
        denial=section("denial"),
        claim_nouns=section("claim_nouns")
        or frozenset({"claim", "allegation", "accusation", "report", "charge", "suggestion"}),
        hypothetical=section("hypothetical"),
        future=section("future"),
        habitual=section("habitual"),
        reporting=section("reporting"),
        hedges=section("hedges"),
    )


class FactualitySettings(StageSettings):
    cues: str = "cues.v1"


@stage(
    "events.factuality",
    requires=["doc._.wb_drafts"],
    assigns=["doc._.wb_drafts.factuality"],
    settings=FactualitySettings,
)
class AssessFactuality:
    """Give every draft event its factuality and, for reported or denied ones, who said so."""

    def __init__(self, settings: FactualitySettings) -> None:
        self.cues = load_cues(settings.cues)

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        at = {m.head: i for i, m in enumerate(article.mentions) if m.actor is not None}
        for draft in drafts_of(doc):
            self.assess(doc, draft, at)
        return article

    def assess(self, doc: Any, draft: EventDraft, at: dict[int, int]) -> None:
        found: dict[str, tuple[str, Any]] = {}  # factuality → (cue, speaker token or None)
        trigger = doc[draft.trigger]
        self._local(trigger, found)
        node, climbed, via_xcomp = trigger, 0, True
        while node.head.i != node.i and climbed < MAX_CLIMB and node.dep_ in _CLAUSAL:
            dep, node = node.dep_, node.head
            climbed += 1
            via_xcomp = via_xcomp and dep in ("xcomp", "dobj", "conj", "prep", "pobj")
            lemma = node.lemma_.lower()
            if via_xcomp and lemma in self.cues.negating_verbs:
                found.setdefault("negated", (lemma, None))
            if via_xcomp and _has_neg(node, self.cues):
                found.setdefault("negated", ("not " + lemma, None))
            if lemma in self.cues.denial and node.pos_ == "VERB":
                found.setdefault("denied", (lemma, _speaker(node)))
            if lemma in self.cues.claim_nouns and node.head.lemma_.lower() in self.cues.denial:
                found.setdefault("denied", (node.head.lemma_, _speaker(node.head)))
            if node.pos_ in ("VERB", "AUX"):
                self._modal(node, found)
                if lemma in self.cues.hypothetical:
                    found.setdefault("hypothetical", (lemma, None))
                if lemma in self.cues.future:
                    found.setdefault("future", (lemma, None))
                if lemma in self.cues.reporting:
                    found.setdefault("reported", (lemma, _speaker(node)))
            if node.pos_ == "ADJ" and lemma in self.cues.future | self.cues.hypothetical:
                kind = "future" if lemma in self.cues.future else "hypothetical"
                found.setdefault(kind, (lemma, None))
        self._according_to(trigger, found)
        kind = next(k for k in FACTUALITY_PRECEDENCE if k in found or k == "asserted")
        draft.factuality = kind
        draft.factuality_cue = found[kind][0] if kind in found else None
        # Whoever denies or reports the event is its source of attribution, even when a
        # stronger cue ("will", "could") decides the factuality: "He said Russia will send aid".
        for cue_kind in ("denied", "reported"):
            speaker = found.get(cue_kind, (None, None))[1]
            if speaker is not None:
                draft.attributed_to = _mention_of(speaker, at)
                break

    def _local(self, trigger: Any, found: dict[str, tuple[str, Any]]) -> None:
        """Cues on the trigger itself: not/never/no, modals, will, habitual adverbs, hedges, if."""
        if _has_neg(trigger, self.cues):
            found.setdefault("negated", ("not", None))
        if any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children):
            found.setdefault("negated", ("no", None))
        self._modal(trigger, found)
        for c in trigger.children:
            low = c.lower_
            if c.dep_ == "advmod" and low in self.cues.habitual:
                found.setdefault("habitual", (low, None))
            if c.dep_ == "advmod" and low in self.cues.hedges:
                found.setdefault("reported", (low, None))
            if c.dep_ == "advcl":
                continue
            if c.dep_ == "mark" and low in ("if", "unless", "whether"):
                found.setdefault("hypothetical", (low, None))
        sent = trigger.sent
        text = sent.text.lower()
        for phrase in self.cues.habitual:
            if " " in phrase and phrase in text and sent.text.lower().find(phrase) < (
                trigger.idx - sent.start_char
            ):
                found.setdefault("habitual", (phrase, None))

    def _modal(self, verb: Any, found: dict[str, tuple[str, Any]]) -> None:
        for c in verb.children:
            if c.dep_ not in ("aux", "auxpass"):
                continue
            low = c.lower_.replace("’", "'")
            if low in ("will", "shall", "'ll", "wo") or c.lemma_.lower() in self.cues.future & {
                "will",
                "shall",
            }:
                found.setdefault("future", (low, None))
            elif c.lemma_.lower() in self.cues.hypothetical or low in self.cues.hypothetical:
                found.setdefault("hypothetical", (low, None))
        if verb.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        ) and verb.head.lemma_ == "go" and any(c.dep_ == "aux" for c in verb.head.children):
            found.setdefault("future", ("going to", None))

    def _according_to(self, trigger: Any, found: dict[str, tuple[str, Any]]) -> None:
        for tok in trigger.sent:
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
                objs = [c for c in tok.nbor().children if c.dep_ == "pobj"] or [
                    c for c in tok.children if c.dep_ == "pobj"
                ]
                found.setdefault("reported", ("according to", objs[0] if objs else None))


def _has_neg(token: Any, cues: Cues) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in cues.negation) for c in token.children)


def _speaker(verb: Any) -> Any:
    subj = logical_subjects(verb)[0]
    return subj[0] if subj else None


def _mention_of(token: Any, at: dict[int, int]) -> int | None:
    if token.i in at:
        return at[token.i]
    for t in token.subtree:
        if t.i in at:
            return at[t.i]
    return None
