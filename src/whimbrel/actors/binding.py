"""Where a pronoun sits in the parse says whom it most likely stands for.

The reference stage (``actors.coref``) ranks a pronoun's antecedents by salience: recency,
being a subject. Salience prefers the main clause's subject, and the grammar often says
otherwise: "praised *Jordan* for its handling" (a reason is the object's), "ordered *China*
to close its consulate" (object control), "would expel *the French ambassador* unless he
left" (a condition is on whom the act is done to), "cut ties with *Sudan*, accusing it" (a
participle acts on what its verb acted on). :func:`binders` names those words; the ranker
gives a candidate standing on one of them a gain. Which prepositions and condition words
count is data (``references.v1.json``: ``reason_prepositions``, ``object_prepositions``,
``owner_prepositions``, ``condition_marks``).
"""

from __future__ import annotations

from typing import Any

from whimbrel.actors.references import References
from whimbrel.events.slots import expand_conj, is_passive, subjects_of

_VERBS = ("VERB", "AUX")


def binders(tok: Any, refs: References) -> set[int]:
    """Token indices of the words a pronoun most likely stands for, by its place in the parse.

    A possessive in a reason phrase ("for", "over") is the object's of the verb the phrase
    hangs on: "praised *Egypt* for its mediation", "warned *Pyongyang* of a price for its
    test", "imposed sanctions on *Iran* over its tests". In a verb's direct object it is the
    verb's logical subject's, which control makes an object of the verb above: "ordered
    *China* to close its consulate". A subject pronoun of a condition and an object pronoun of
    a participle: :func:`_conditioned` and :func:`_continued`. Elsewhere none: salience
    decides.
    """
    if tok.tag_ != "PRP$":
        return _conditioned(tok, refs) or _continued(tok, refs) or _reported(tok, refs)
    noun = tok.head
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in refs.reason_prepositions:
        verb = prep.head
        for _ in range(3):  # "warned X of a price for its test": up to the verb
            if verb.pos_ in _VERBS or verb.dep_ != "pobj":
                break
            verb = verb.head.head
        return _acted_on(verb, refs, exclude=(noun.i, tok.i))
    if noun.dep_ != "dobj" or noun.head.pos_ not in _VERBS:
        return set()  # "accused Seoul of firing into *its* waters": the accuser's
    return {t.i for t in subjects_of(noun.head)}


def _conditioned(tok: Any, refs: References) -> set[int]:
    """The party a subject pronoun of a condition stands for: whom the conditioned act is
    done to ("would expel *the German ambassador* unless he apologised", "would launch an
    offensive against *Kurdish militias* unless they withdrew", "*Iran* would be bombed if it
    refused"). None where the act names no such party: salience decides."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    clause = tok.head
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if clause.dep_ != "advcl" or not marks & refs.condition_marks:
        return set()
    verb = clause.head
    if verb.pos_ not in _VERBS:
        return set()
    return _acted_on(verb, refs, exclude=(tok.i,))


def _reported(tok: Any, refs: References) -> set[int]:
    """The party a subject pronoun of a reported clause stands for: the speaker ("*the
    Israeli military* said Hezbollah was smuggling arms, and warned that it would hit any
    lorry"), as news tells what a party says it will do; a clause of its own between them
    does not make its subject the pronoun's."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lower_ not in ("it", "they"):
        return set()
    clause = tok.head
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.pos_ not in _VERBS:
        return set()
    if verb.lemma_.lower() not in refs.speech_verbs:
        return set()
    return {t.i for t in subjects_of(verb)}


def _continued(tok: Any, refs: References) -> set[int]:
    """The party an object pronoun of a participle or conjunct stands for: whom the verb it
    hangs on acted on, since the two acts share their subject ("detained *a British aid
    worker*, accusing her", "froze the assets of *seven officials* and barred them")."""
    second = tok.head
    if tok.dep_ != "dobj" or second.dep_ not in ("advcl", "conj"):
        return set()
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children):
        return set()  # a clause of its own: its subject is another actor
    first = second.head
    if first.pos_ not in _VERBS:
        return set()
    return _acted_on(first, refs, exclude=(tok.i,))


def _acted_on(verb: Any, refs: References, exclude: tuple[int, ...]) -> set[int]:
    """Words naming whom a verb (or a noun standing for one) acts on: its objects, or its
    passive subject, their possessors and what an "on" or "against" on them or on the verb
    names ("imposed bans *on* Belarus", "an offensive *against* Kurdish militias"), or an
    "of" or "with" on an object ("the assets *of* seven officials", "ties *with* Qatar")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [verb] if verb.dep_ == "dobj" else []
    if verb.pos_ in _VERBS and is_passive(verb):
        objects += [c for c in verb.children if c.dep_ == "nsubjpass"]
    found = [o for o in objects if o.i not in exclude]
    for holder in [verb, *objects]:
        found += [c for c in holder.children if c.dep_ == "poss" and c.i not in exclude]
        preps = refs.object_prepositions
        if holder is not verb:
            preps = preps | refs.owner_prepositions
        found += [p for c in holder.children
                  if (c.dep_ == "prep" and c.lower_ in preps)
                  or (c.dep_ == "dative" and c.pos_ == "ADP")  # "offered asylum *to* X"
                  for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    return {t.i for t in expand_conj(found)}
