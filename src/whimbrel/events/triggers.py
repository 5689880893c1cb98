"""Which lexicon row a word matches: the trigger test shared by extraction and classification.

A row fits a token when its lemma and part of speech agree and the token meets the row's
particle, preposition and object constraints (docs/lexicon.md, "How a row is matched").
The object position is read in logical terms: a passive's subject, the "of" object of an
amount ("sent *any of* its vehicles"), a small clause's predicate. Object lists may name
the word as written or lemmatised, or a class of named actor (``@gpe``, ``@org``,
``@person``).
"""

from __future__ import annotations

from typing import Any

from whimbrel.events.lexicon import Entry, Lexicon, load_object_readings
from whimbrel.events.slots import (
    MODIFIER_DEPS,
    complement_preps,
    complement_subjects,
    gerund_object,
    is_amount,
    is_passive,
    is_time,
    predicate_words,
    prep_objects,
    relative_objects,
    slot_words,
    small_clauses,
    with_compounds,
)
from whimbrel.records import Article

#: Where the parser may hang a verb particle: "stepped down" often comes out as advmod.
_PARTICLE_DEPS = frozenset({"prt", "advmod", "prep"})


def _particle(verb: Any, word: Any) -> bool:
    """Whether a verb's particle-like child is its particle: a "prt", an adverb, or a
    preposition that follows the verb at once or takes no object of its own ("handed *over*
    the suspects", "gave *in* to the protesters"), not one whose phrase only sits after the
    verb's object ("gave militiamen *in Basra* 72 hours")."""
    if word.dep_ != "prep" or word.i == verb.i + 1:
        return True
    return not any(c.dep_ == "pobj" for c in word.children)


def with_conj(tokens: list[Any]) -> list[Any]:
    """Objects and their coordinated siblings: "shipping oil, grain and flour"."""
    return tokens + [c for t in tokens for c in t.children if c.dep_ == "conj"]


def trigger_objects(tok: Any, pos: str, prep: str) -> list[Any]:
    """The nouns a row's ``object`` constraint is checked against.

    With a preposition in the row, the noun after it ("withdrew from *the treaty*", "went
    on *strike*"); for a verb, its object in logical terms; for a noun, its modifiers and
    an "of" complement ("the release *of hostages*").
    """
    if prep:
        preps = [c for c in complement_preps(tok, ("prep", "agent", "dative")) if c.lower_ == prep]
        objs = with_conj([g for p in preps for g in p.children if g.dep_ == "pobj"])
        if prep == "as":  # "described the talks as *a positive* step"
            objs = predicate_words(objs)
        return with_compounds(objs + _quantified(objs))
    if pos == "VERB":
        # a passive's subject, then its retained object ("were given *tents*")
        deps = ("nsubjpass", "dobj") if is_passive(tok) else ("dobj",)
        objs = relative_objects(tok, with_conj([c for c in tok.children if c.dep_ in deps]))
        # "allowed [Colombian navy *ships* to refuel]": the parser made the object the
        # subject of the infinitive
        objs = objs or with_conj(complement_subjects(tok, ("nsubj",), infinitive=True))
        # "denied *moving* troops": a gerund the parser made an adjective on its object
        gerund = gerund_object(tok)
        objs = objs or with_conj([gerund] if gerund is not None else [])
        objs = [m for o in objs for m in _members(o)]
        # a bare noun of measure the parser keeps apart: "gave Seoul *48 hours* to dismantle"
        spans = [
            c
            for c in tok.children
            if c.dep_ == "npadvmod" and c.lemma_.lower() in slot_words().durations
        ]
        objs = objs + _quantified(objs)
        objs = with_compounds(objs)
        preds = small_clauses(tok)
        if tok.lemma_.lower() in slot_words().naming_verbs:
            preds = predicate_words(preds)
        return _contents(objs) + objs + _cargo(objs) + _states(objs) + preds + spans
    found = [c for c in tok.children if c.dep_ in MODIFIER_DEPS]
    # "a taxi *drivers'* strike", "the *teachers'* walkout": a plural owner says whose kind
    # of act it is, as a compound would ("a teacher strike"); "Russia's strike" does not
    owners = [c for c in tok.children if c.dep_ == "poss" and c.tag_ == "NNS"]
    return found + owners + prep_objects(tok, "of")


def _members(obj: Any) -> list[Any]:
    """A collective object read as its members ("a brigade *of doctors*" is doctors sent, not
    a military brigade), any other object as itself."""
    if obj.lemma_.lower() in load_object_readings()["collectives"]:
        members = with_conj(prep_objects(obj, "of"))
        if members:
            return members
    return [obj]


def _quantified(objs: list[Any]) -> list[Any]:
    """What amounts name: "sent *any of* its vehicles", "delivered the first *batch of*
    missiles", "opened its border to *thousands of* refugees", "suspended $900 million *in*
    security assistance", and a count or an ordinal: "handed over *the first of* ten patrol
    vessels", "delivered *300,000 of* the shells"."""
    return with_conj([g for o in objs if is_amount(o)
                      for g in prep_objects(o, "of") + prep_objects(o, "in")])  # fmt: skip


def _cargo(objs: list[Any]) -> list[Any]:
    """What the objects carry: "sent two planes *loaded with tents*", "a convoy *carrying
    flour*". The cargo, not the vehicle, says whether sending it is aid."""
    carrying = load_object_readings()["carrying"]
    return with_conj([g for o in objs for acl in o.children
                      if acl.dep_ == "acl" and acl.lemma_.lower() in carrying
                      for g in [c for c in acl.children if c.dep_ == "dobj"]
                      + prep_objects(acl, "with")])  # fmt: skip


def _states(objs: list[Any]) -> list[Any]:
    """Participles that say what state the object is in ("treated 37 *wounded* soldiers") and
    adjectives that make it shared ("set up a *joint* task force"); not any adjective: the
    "*resident* coordinator" is no resident, "*supplying* helicopters" no supply."""
    shared = load_object_readings()["shared"]
    return [a for o in objs for a in o.children
            if a.dep_ == "amod" and (a.tag_ == "VBN" or a.lower_ in shared)]  # fmt: skip


def _contents(objs: list[Any]) -> list[Any]:
    """What a message says, before the message itself: "sent *a letter of protest*", "a
    *protest* note", "a telegram *of condolence*". Listed first, it decides the row."""
    messages = load_object_readings()["messages"]
    return with_conj([c for o in objs if o.lemma_.lower() in messages
                      for c in prep_objects(o, "of")
                      + [m for m in o.children if m.dep_ == "compound" and m.pos_ == "NOUN"]])  # fmt: skip


def _on_object(verb: Any, prep: str) -> list[Any]:
    """The objects of a preposition the parser hung on the verb's direct object rather than
    on the verb ("placed [its defences *on alert*]")."""
    preps = [
        p for o in verb.children if o.dep_ == "dobj" for p in o.children
        if p.dep_ == "prep" and p.lower_ == prep and not _temporal(p)
    ]  # fmt: skip
    return with_conj([g for p in preps for g in p.children if g.dep_ == "pobj"])


def _temporal(prep: Any) -> bool:
    """ "on Saturday", "in March": a time, which satisfies no preposition constraint ("call on").
    "until" is never anything else, so a row that asks for it asks for the time ("gave X
    *until Sunday* to leave")."""
    return prep.lower_ != "until" and any(c.dep_ == "pobj" and is_time(c) for c in prep.children)


def match_trigger(
    lexicon: Lexicon, tok: Any, pos: str, classes: dict[int, str] | None = None
) -> tuple[Entry, Any] | None:
    """The most specific lexicon row whose constraints ``tok`` meets, and the object it matched.

    A hand-written row beats an induced fallback row (:attr:`Entry.fallback`); then
    specificity counts the constraints a row sets (particle, preposition, object); then the
    row matching the earlier of coordinated objects wins, then the row's weight. The
    matched object noun is returned so that the caller can
    keep it from being coded again as an event of its own ("imposed *sanctions*").
    ``classes`` gives the object classes of tokens the KB resolved (``actor_classes``);
    without it the parser's entity labels stand in.
    """
    entries = lexicon.lookup(tok.lemma_.lower(), pos)
    if not entries:
        return None
    particles = {c.lower_ for c in tok.children if c.dep_ in _PARTICLE_DEPS and _particle(tok, c)}
    preps = {
        c.lower_ for c in complement_preps(tok, ("prep", "agent", "dative")) if not _temporal(c)
    }
    best: tuple[Entry, Any] | None = None
    best_key: tuple[bool, int, int, float] = (False, -1, 0, 0.0)
    by_prep: dict[str, list[Any]] = {}  # a row's objects depend only on its preposition
    for entry in entries:
        if entry.particle and entry.particle not in particles:
            continue
        key_prep = entry.prep
        if entry.prep and entry.prep not in preps:
            if not (entry.objects and pos == "VERB"):
                continue
            # "placed its air defences *on* combat alert": the parser hangs the phrase on the
            # object; a row that names the phrase's object still knows it when it sees it
            key_prep = "@" + entry.prep
        noun, first = None, 0
        if (entry.not_objects or entry.objects) and key_prep not in by_prep:
            by_prep[key_prep] = (
                trigger_objects(tok, pos, entry.prep)
                if key_prep == entry.prep
                else _on_object(tok, entry.prep)
            )
        objects = by_prep.get(key_prep, [])
        if entry.not_objects and any(
            word_forms(o) & entry.not_objects or "*" in entry.not_objects for o in objects
        ):
            continue  # "!*": only without an object ("pulled out", not "pulled fragments out")
        if entry.objects:
            hits = [k for k, o in enumerate(objects) if object_forms(o, classes) & entry.objects]
            if not hits:
                continue
            noun, first = objects[hits[0]], -hits[0]
        # of two rows matching different coordinated objects, the first object's wins:
        # "sent *troops* and fighter jets" mobilises, "sent *aid* and troops" aids
        key = (not entry.fallback, entry.specificity, first, entry.weight)
        if key > best_key:
            best, best_key = (entry, noun), key
    return best


def word_forms(tok: Any) -> set[str]:
    """A word's lemma and its own form, either of which a lexicon row may list: spaCy reads
    "data" as "datum", "remains" as "remain" and "media" as "medium". A plural proper noun
    also reads as its singular ("the Abraham *Accords*", "the Minsk *Agreements*"): spaCy
    keeps a proper noun's own form as its lemma."""
    forms = {tok.lemma_.lower(), tok.lower_}
    if tok.pos_ == "PROPN" and tok.lower_.endswith("s") and not tok.lower_.endswith("ss"):
        forms.add(tok.lower_[:-1])
    return forms


def object_forms(tok: Any, classes: dict[int, str] | None = None) -> set[str]:
    """What a row's object list can name: the word's forms, and "@gpe", "@org" or "@person"
    for a named country, place, organisation or person ("recognised *South Sudan*", "joined
    *NATO*", "welcomed *Donald Trump*")."""
    forms = word_forms(tok)
    if tok.pos_ == "PROPN":
        # a name's title is part of the object: "called Ethiopian *President* Sahle-Work Zewde"
        forms |= {c.lemma_.lower() for c in tok.children if c.dep_ == "compound" and c.is_title}
    found = classes.get(tok.i) if classes is not None else _OBJECT_CLASSES.get(tok.ent_type_)
    if found:
        forms.add(found)
    return forms


#: Entity labels a lexicon row's object list can ask for, and the names it uses for them.
_OBJECT_CLASSES = {"GPE": "@gpe", "ORG": "@org", "PERSON": "@person"}


def actor_classes(article: Article) -> dict[int, str]:
    """Head token → "@gpe" (a state), "@org" (an organisation) or "@person" for the actors
    the KB named: the parser's entity labels miss too many ("suspended *Madagascar*"). A
    person the KB lacks is a person too ("handed over *Radovan Karadzic*"), and so are "him",
    "her" and a "them" whose referent is a group of people ("freed 14 fishermen and handed
    *them* to Indonesian officials"; not weapons, which name no actor)."""
    out: dict[int, str] = {}
    for m in article.mentions:
        if m.head < 0:
            continue
        if m.actor is not None and m.resolved_by == "kb":
            if m.actor.kind == "state":
                out[m.head] = "@gpe"
            elif m.actor.kind == "organisation":
                out[m.head] = "@org"
            elif m.actor.kind == "person":
                out[m.head] = "@person"
        elif m.resolved_by in ("title", "unresolved"):
            if article.doc is not None and article.doc[m.head].ent_type_ == "PERSON":
                out[m.head] = "@person"
        elif m.resolved_by == "pronoun" and (
            m.text.lower() in ("him", "her")
            or (m.text.lower() == "them" and m.actor is not None and m.actor.kind == "group")
        ):
            out[m.head] = "@person"
    return out
