"""Slot logic on hand-built parses (no model): passives, control, relative clauses, coordination."""

import spacy
from spacy.tokens import Doc

from whimbrel.events.slots import (
    expand_conj,
    fill_noun_slot,
    fill_verb_slot,
    governing_subject,
    logical_objects,
    logical_subjects,
)

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_) without a model


def make(words, heads, deps, pos=None, tags=None, lemmas=None):
    """A Doc from words, absolute head indices and dependency labels."""
    n = len(words)
    return Doc(
        VOCAB,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos or ["X"] * n,
        tags=tags or ["XX"] * n,
        lemmas=lemmas or [w.lower() for w in words],
    )


def texts(tokens):
    return [t.text for t in tokens]


def test_slots_passive_agent_is_logical_subject():
    # The town was shelled by rebels
    doc = make(
        ["The", "town", "was", "shelled", "by", "rebels"],
        [1, 3, 3, 3, 3, 4],
        ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
        pos=["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN"],
    )
    verb = doc[3]
    assert texts(logical_subjects(verb)[0]) == ["rebels"]
    assert texts(logical_objects(verb)) == ["town"]
    assert texts(fill_verb_slot(verb, "dobj", None)[0]) == ["town"]


def test_slots_subject_control_inherits_subject():
    # Russia agreed to send aid
    doc = make(
        ["Russia", "agreed", "to", "send", "aid"],
        [1, 1, 3, 1, 3],
        ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
        pos=["PROPN", "VERB", "PART", "VERB", "NOUN"],
    )
    subj, how = logical_subjects(doc[3])
    assert texts(subj) == ["Russia"] and how == "inherited"


def test_slots_object_control_takes_the_object():
    # France urged Iran to release prisoners
    doc = make(
        ["France", "urged", "Iran", "to", "release", "prisoners"],
        [1, 1, 1, 4, 1, 4],
        ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj"],
        pos=["PROPN", "VERB", "PROPN", "PART", "VERB", "NOUN"],
    )
    assert texts(logical_subjects(doc[4])[0]) == ["Iran"]


def test_slots_relative_clause_subject_is_the_modified_noun():
    # forces that attacked the town
    doc = make(
        ["forces", "that", "attacked", "the", "town"],
        [0, 2, 0, 4, 2],
        ["ROOT", "nsubj", "relcl", "det", "dobj"],
        pos=["NOUN", "PRON", "VERB", "DET", "NOUN"],
        tags=["NNS", "WDT", "VBD", "DT", "NN"],
    )
    assert texts(logical_subjects(doc[2])[0]) == ["forces"]


def test_slots_accused_of_gerund_takes_the_accused():
    # Britain accused Russia of attacking ships
    doc = make(
        ["Britain", "accused", "Russia", "of", "attacking", "ships"],
        [1, 1, 1, 1, 3, 4],
        ["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj"],
        pos=["PROPN", "VERB", "PROPN", "ADP", "VERB", "NOUN"],
    )
    assert texts(logical_subjects(doc[4])[0]) == ["Russia"]


def test_slots_coordination_fills_one_slot_with_both():
    # Russia and China vetoed
    doc = make(
        ["Russia", "and", "China", "vetoed"],
        [3, 0, 0, 3],
        ["nsubj", "cc", "conj", "ROOT"],
        pos=["PROPN", "CCONJ", "PROPN", "VERB"],
    )
    assert texts(expand_conj(logical_subjects(doc[3])[0])) == ["Russia", "China"]


def test_slots_event_noun_preposition_on_the_object():
    # The EU imposed sanctions on Iran
    doc = make(
        ["The", "EU", "imposed", "sanctions", "on", "Iran"],
        [1, 2, 2, 2, 3, 4],
        ["det", "nsubj", "ROOT", "dobj", "prep", "pobj"],
        pos=["DET", "PROPN", "VERB", "NOUN", "ADP", "PROPN"],
    )
    verb, noun = doc[2], doc[3]
    assert texts(fill_verb_slot(verb, "prep:on", noun)[0]) == ["Iran"]
    assert texts(fill_verb_slot(verb, "dobj", noun)[0]) == []  # the event noun is not a target


def test_slots_noun_trigger_possessor_and_blamed_on():
    # Macron 's visit to Beijing
    doc = make(
        ["Macron", "'s", "visit", "to", "Beijing"],
        [2, 0, 2, 2, 3],
        ["poss", "case", "ROOT", "prep", "pobj"],
        pos=["PROPN", "PART", "NOUN", "ADP", "PROPN"],
    )
    assert texts(fill_noun_slot(doc[2], "poss")[0]) == ["Macron"]
    assert texts(fill_noun_slot(doc[2], "prep:to")[0]) == ["Beijing"]
    # an attack blamed on Moscow
    doc = make(
        ["an", "attack", "blamed", "on", "Moscow"],
        [1, 1, 1, 2, 3],
        ["det", "ROOT", "acl", "prep", "pobj"],
        pos=["DET", "NOUN", "VERB", "ADP", "PROPN"],
        lemmas=["an", "attack", "blame", "on", "moscow"],
    )
    assert texts(fill_noun_slot(doc[1], "prep:by")[0]) == ["Moscow"]


def test_slots_governing_subject_of_support_verb():
    # Russia stepped up its shelling
    doc = make(
        ["Russia", "stepped", "up", "its", "shelling"],
        [1, 1, 1, 4, 1],
        ["nsubj", "ROOT", "prt", "poss", "dobj"],
        pos=["PROPN", "VERB", "ADP", "PRON", "NOUN"],
    )
    assert texts(governing_subject(doc[4])) == ["Russia"]


def test_slots_governing_subject_through_a_measure_noun():
    # Kenya held two days of talks: "days" measures the event noun, whose actor is the holder
    doc = make(
        ["Kenya", "held", "two", "days", "of", "talks"],
        [1, 1, 3, 1, 3, 4],
        ["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj"],
        pos=["PROPN", "VERB", "NUM", "NOUN", "ADP", "NOUN"],
        lemmas=["Kenya", "hold", "two", "day", "of", "talk"],
    )
    assert texts(governing_subject(doc[5])) == ["Kenya"]


def test_slots_passive_complement_does_not_inherit_its_patient():
    # detainees described being beaten: the detainees were beaten, they did not beat
    doc = make(
        ["detainees", "described", "being", "beaten"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "auxpass", "xcomp"],
        pos=["NOUN", "VERB", "AUX", "VERB"],
        tags=["NNS", "VBD", "VBG", "VBN"],
    )
    assert logical_subjects(doc[3]) == ([], "none")
