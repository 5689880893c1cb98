"""Demands a condition makes: "would strike Kenyan cities *unless* Nairobi pulled its troops
out", "would keep protesting *until* the interior minister resigned".

Whoever sets the condition asks the other side for what it names, whether or not the rest of
the sentence is an event: the annotation guidelines code it as a REQUEST on the marker word
("unless", "until"), its source the subject of the clause the condition qualifies (the
threatening state, not the spokesman who spoke for it, s50-0015), its target the subject of
the condition ("Nairobi"; none for a threat's "unless the detainees were freed", a-175, and
no demand where no one is asked and nothing is threatened), hypothetical for
"unless" (part 52) and as its frame says for "until" (reported inside "said", part 63). The
mode follows what is asked: a release, a withdrawal or a resignation is yielding, a meeting is
meeting, other changes of conduct are changes. The word lists are ``[demands]`` in
``passes.v1.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whimbrel.errors import ConfigError
from whimbrel.events.draft import EventDraft
from whimbrel.events.lexicon import Entry, Lexicon
from whimbrel.events.plover import data_path
from whimbrel.events.slots import actors_at, is_passive, subjects_of
from whimbrel.events.triggers import match_trigger

#: The part of speech a demand's lexicon entry carries: its trigger is a condition marker,
#: which no lexicon row codes, and the factuality stage reads such drafts by it.
DEMAND_POS = "SCONJ"


@dataclass(frozen=True)
class DemandWords:
    """The ``[demands]`` table of ``passes.v1.toml`` (lowercase lemmas)."""

    #: condition markers that always make a demand ("unless")
    markers: frozenset[str]
    #: markers that make one only where the clause they qualify is still open: a future, a
    #: modal, a refusal or a vow to keep on ("would not return *until* ...", "vowed to stay
    #: put *until* ..."), not past narrative ("fought *until* dawn")
    open_markers: frozenset[str]
    #: verbs of keeping on whose complement or own clause an "until" holds open
    keeping_verbs: frozenset[str]
    #: auxiliaries that leave a clause open
    open_auxiliaries: frozenset[str]
    #: verbs of saying, above which the one who sets a condition is not sought
    speech_verbs: frozenset[str]
    #: the mode of the demand by the event type the condition's verb would code
    modes_by_type: dict[str, str]
    #: the mode of a condition that names no act of a known type
    default_mode: str
    #: the lexicon weight the demand carries into its confidence
    weight: float


@lru_cache(maxsize=2)
def load_demand_words(name: str = "passes.v1") -> DemandWords:
    """Read ``[demands]`` once per process; a missing key is a ConfigError."""
    path = data_path("lexicon", name, ".toml")
    raw = tomllib.loads(path.read_text(encoding="utf-8")).get("demands")
    keys = ("markers", "open_markers", "keeping_verbs", "open_auxiliaries", "speech_verbs",
            "modes_by_type", "default_mode", "weight")  # fmt: skip
    if raw is None or (missing := [k for k in keys if k not in raw]):
        raise ConfigError(f"{path}: [demands] lacks {', '.join(missing) if raw else 'the table'}")
    lists = {k: frozenset(str(w).lower() for w in raw[k]) for k in keys[:5]}
    return DemandWords(
        **lists,
        modes_by_type=dict(raw["modes_by_type"]),
        default_mode=str(raw["default_mode"]),
        weight=float(raw["weight"]),
    )


def condition_demands(
    drafts: list[EventDraft],
    doc: Any,
    at: dict[int, int],
    lexicon: Lexicon,
    sentence_of: Callable[[int], int],
    start: int = 0,
) -> list[EventDraft]:
    """The drafts with a REQUEST added for each condition that demands something of a party
    (module docstring). ``sentence_of`` maps a token index to its sentence index; conditions
    before character ``start`` (a headline the text still carries) are not read."""
    words = load_demand_words()
    taken = {d.trigger for d in drafts if d.event_type == "REQUEST"}
    added: list[EventDraft] = []
    for tok in doc:
        marker = tok.lower_
        if tok.dep_ != "mark" or marker not in words.markers | words.open_markers:
            continue
        if tok.idx < start:
            continue
        clause, main = tok.head, tok.head.head
        if clause.dep_ != "advcl" or main.pos_ not in ("VERB", "AUX") or clause.i in taken:
            continue
        if marker in words.open_markers and not _held_open(main, words):
            continue
        setter = _setter(main, words)
        source = actors_at(subjects_of(setter), at, ())
        if not source:
            continue
        target = [] if is_passive(clause) else actors_at(subjects_of(clause), at, source)
        if not target and (marker in words.open_markers or not _threat_in(setter, drafts)):
            # "would remain prime minister *until* a successor is chosen", "expect Azerbaijan
            # to launch an offensive *unless* a peace deal is reached": no one is asked; an
            # agentless "unless" asks only where the clause threatens ("would widen sanctions
            # unless political prisoners were freed")
            continue
        mode = _mode(clause, lexicon, words)
        entry = Entry(
            lemma=marker, pos=DEMAND_POS, particle="", prep="", objects=frozenset(),
            event_type="REQUEST", mode=mode, contexts=(), source_slots=("condition_setter",),
            target_slots=("condition_subject",), weight=words.weight, line=0,
            note="a condition's demand (events/demands.py)",
        )  # fmt: skip
        added.append(
            EventDraft(
                sentence=sentence_of(tok.i),
                trigger=tok.i,
                entry=entry,
                source=source,
                target=target,
                source_slot="condition_setter",
                target_slot="condition_subject" if target else None,
                factors={"lexicon_weight": words.weight},
                clause=main.i,  # made, dated and placed where the qualified clause is
            )
        )
    return drafts + added


def _threat_in(verb: Any, drafts: list[EventDraft]) -> bool:
    """Whether a THREATEN draft sits on the verb or on a word of its clause."""
    return any(
        d.event_type == "THREATEN"
        and (d.trigger == verb.i or verb.is_ancestor(verb.doc[d.trigger]))
        for d in drafts
    )


def _setter(verb: Any, words: DemandWords) -> Any:
    """The verb whose subject sets the condition: the clause it qualifies, or the verb that
    clause completes ("would not *allow* Ukrainian grain to transit ... until", "*vowing* to
    stay put until"), short of a verb of saying ("said it would strike ... unless": the
    striker sets it)."""
    while (
        verb.dep_ in ("xcomp", "ccomp")
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.head.lemma_.lower() not in words.speech_verbs
    ):
        verb = verb.head
    return verb


def _held_open(verb: Any, words: DemandWords) -> bool:
    """Whether a clause is still open: an open auxiliary or a negation on it, or it (or the
    verb whose complement it is) keeps on ("would keep fighting", "vowed to stay put")."""
    for word in (verb, verb.head):
        if word.lemma_.lower() in words.keeping_verbs:
            return True
        if any(
            c.dep_ in ("aux", "neg") and (c.dep_ == "neg" or c.lower_ in words.open_auxiliaries)
            for c in word.children
        ):
            return True
        if verb.dep_ not in ("xcomp", "ccomp"):
            break
    return False


def _mode(clause: Any, lexicon: Lexicon, words: DemandWords) -> str | None:
    """The mode of what the condition asks, by the type its verb would code."""
    found = match_trigger(lexicon, clause, "VERB") if clause.pos_ in ("VERB", "AUX") else []
    if found:
        return words.modes_by_type.get(found[0].event_type, words.default_mode)
    return words.default_mode
