"""Dependency-grammar helpers: where a trigger's source and target sit in the parse.

A *slot* names a grammatical position relative to the trigger: ``nsubj``, ``dobj``,
``dative``, ``agent``, ``poss``, ``amod``/``compound`` or ``prep:X`` (a preposition X on the
trigger, or on its object when the object is the event noun). Slots are read in *logical*
terms: in "the town was shelled by rebels" the ``nsubj`` slot is the agent ("rebels") and
``dobj`` the passive subject ("the town"); a verb with no subject of its own takes it from
the verb it depends on (coordination, control, relative clauses), so "agreed to send aid"
and "forces that attacked the town" find their source.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from whimbrel.errors import ConfigError
from whimbrel.events.cues import load_cues
from whimbrel.events.lexicon import load_object_readings
from whimbrel.events.plover import data_path

Token = Any  # spacy.tokens.Token; kept loose so the module is cheap to import

_SUBJ = ("nsubj", "csubj")
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
#: Verbs whose object, not subject, performs the embedded action ("urged Iran to release").
_OBJECT_CONTROL_DEPS = ("dobj",)


@dataclass(frozen=True)
class SlotWords:
    """The word lists of ``data/lexicon/slots.v1.toml`` (lowercase lemmas); the file says what
    each list does, with an example."""

    generic_heads: frozenset[str]
    intention_nouns: frozenset[str]
    purpose_control_verbs: frozenset[str]
    hazards: frozenset[str]
    light_verbs: frozenset[str]
    never_recipients: frozenset[str]
    summit_nouns: frozenset[str]
    durations: frozenset[str]
    #: nouns that measure an event noun: the durations and the file's ``measures``
    measure_heads: frozenset[str]
    quantity_heads: frozenset[str]
    naming_verbs: frozenset[str]
    brokers: frozenset[str]
    blaming_participles: frozenset[str]
    leading_participles: frozenset[str]
    organising_verbs: frozenset[str]
    armed_only_verbs: frozenset[str]
    phase_heads: frozenset[str]
    #: words an event noun hangs under that stand for the event itself (a stretch or a part)
    event_spans: frozenset[str]
    setting_prepositions: frozenset[str]
    #: prepositions by which a row's own object names the party it concerns, and those of
    #: them the parser may hang on the verb
    partner_prepositions: frozenset[str]
    verb_partner_prepositions: frozenset[str]
    being_verbs: frozenset[str]
    legal_acts: frozenset[str]
    travel_verbs: frozenset[str]
    after_prepositions: frozenset[str]
    ahead_adverbs: frozenset[str]
    yield_verbs: frozenset[str]
    reaction_verbs: frozenset[str]
    delivering_verbs: frozenset[str]
    agentless_of_modes: frozenset[str]
    #: modes of a measure laid on an area, and the prepositions that name the area
    area_modes: frozenset[str]
    area_prepositions: frozenset[str]
    #: types (lower-cased) whose place of arrival is their target, and its prepositions
    destination_types: frozenset[str]
    destination_prepositions: frozenset[str]
    relational_heads: frozenset[str]
    done_to_modes: frozenset[str]
    home_modes: frozenset[str]
    #: sectors (lower-cased) of doers who act mostly at home, whatever the type
    domestic_sectors: frozenset[str]
    #: participles by whose agent a weapon names who used it ("drones launched by X")
    launching_participles: frozenset[str]
    unfolding_verbs: frozenset[str]
    handling_verbs: frozenset[str]
    unfolding_prepositions: frozenset[str]
    interview_verbs: frozenset[str]
    anonymity_verbs: frozenset[str]
    gerund_verbs: frozenset[str]
    #: (preposition, verb) pairs whose object did what the prepositional object names
    author_of_object: frozenset[tuple[str, str]]


_DERIVED = ("measure_heads", "event_spans", "author_of_object")


@lru_cache(maxsize=2)
def load_slot_words(name: str = "slots.v1") -> SlotWords:
    """Read the slot word lists once per process; a missing list is a ConfigError."""
    path = data_path("lexicon", name, ".toml")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    words = raw.get("words", {})
    wanted = [f.name for f in fields(SlotWords) if f.name not in _DERIVED] + ["measures"]
    if missing := [w for w in wanted if w not in words]:
        raise ConfigError(f"{path}: no word list {', '.join(missing)} in [words]")
    lists = {w: frozenset(x.lower() for x in words[w]) for w in wanted}
    measures = lists.pop("measures") | lists["durations"]
    authors = frozenset(
        (prep, verb) for prep, verbs in raw.get("author_of_object", {}).items() for verb in verbs
    )
    return SlotWords(
        **lists,
        measure_heads=measures,
        event_spans=measures | lists["phase_heads"],
        author_of_object=authors,
    )


def slot_words() -> SlotWords:
    """The default slot word lists (read once, cached): the short name callers use."""
    return load_slot_words()


def is_amount(tok: Token) -> bool:
    """A word that counts or orders what its "of" object names: "*hundreds of* drones", "the
    *first of* ten patrol vessels", "*300,000 of* the shells"."""
    forms = {tok.lemma_.lower(), tok.lower_}
    return bool(forms & slot_words().quantity_heads) or tok.like_num or tok.ent_type_ == "ORDINAL"


#: Dependencies of a noun's pre-modifiers that can name its owner ("*French* troops").
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


@lru_cache(maxsize=1)
def _issued() -> frozenset[str]:
    """Nouns for what someone issues or sends (the ``documents`` and ``messages`` readings)."""
    readings = load_object_readings()
    return readings["documents"] | readings["messages"]


def issuers(document: Token, depth: int = 0) -> list[Token]:
    """Who issued a document: its possessor ("the ministry's statement"), else the subject of
    the verb it is the object of ("Paris released a statement") or the setting of ("said in
    a letter")."""
    poss = [c for c in document.children if c.dep_ == "poss"]
    if poss:
        return poss
    head = document.head
    if document.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if document.dep_ in ("dobj", "pobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return logical_subjects(head, depth + 1)[0]
    return [document]


def small_clauses(verb: Token) -> list[Token]:
    """The predicates of a verb's small-clause complements: "found [the activists *guilty*]",
    which the parser hangs as an adjectival ccomp whose subject is the verb's real object, and
    "called [Bush *the devil*]" (an object predicate, ``oprd``), with their conjuncts
    ("called the government *Nazi remnants and fascists*"). After a verb of naming the parser
    often hangs the predicate on the object as an apposition: "called [the inauguration *"a
    farce"*]", "called [Justice de Moraes *a dictator*]", or as the object's own object:
    "calling [the British move *a provocation*]", or as an adjective after it: "called [the
    move *'deeply regrettable'*]"."""
    preds = [c for c in verb.children if c.dep_ == "oprd" or _verbless_clause(c)]
    if verb.lemma_.lower() in slot_words().naming_verbs:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
        preds += [a for o in objs for a in o.children if a.dep_ in ("appos", "dobj")]
        # an adjective after its noun is the predicate: "called the move *'regrettable'*"
        preds += [a for o in objs for a in o.children if a.dep_ == "amod" and a.i > o.i]
    return expand_conj(preds)


def predicate_words(preds: list[Token]) -> list[Token]:
    """A naming verb's predicates with the words that say what kind they are: "called the
    talks a *positive* step", "a *terror* council", "*politically* motivated", "an attempt
    *at intimidation*", "an act *of aggression*". A bare "step" or "act" says nothing of
    approval; its modifiers and its "of" or "at" complement do."""
    words = [c for p in preds for c in p.children if c.dep_ in MODIFIER_DEPS or c.dep_ == "advmod"]
    complements = [o for p in preds for o in prep_objects(p, "of") + prep_objects(p, "at")]
    return preds + words + expand_conj(complements)


def _verbless_clause(c: Token) -> bool:
    """A complement with a subject and no verb: "found [the activists *guilty*]", "declared
    [the ambassador *persona* non grata]" (the parser makes the noun a ccomp)."""
    if c.dep_ != "ccomp":
        return False
    return c.pos_ == "ADJ" or (
        c.pos_ in ("NOUN", "PROPN") and any(s.dep_ == "nsubj" for s in c.children)
    )


def with_compounds(nouns: list[Token]) -> list[Token]:
    """Object nouns plus the event nouns compounded on generic heads ("ended *mediation*
    efforts"), which are what a lexicon object constraint should see."""
    return nouns + [
        c
        for n in nouns
        if n.lemma_.lower() in slot_words().generic_heads
        for c in n.children
        if c.dep_ == "compound" and c.pos_ == "NOUN"
    ]


def is_passive(verb: Token) -> bool:
    """Passive voice, including a participle coordinated with a passive verb ("was applauded by
    X and denounced by Y": the second verb has a by-agent of its own but no auxiliary)."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children):
        return True
    if bare_participle(verb):
        return True
    # "had been fired and *accused the crew*": a participle with an object of its own is active
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and is_passive(verb.head)
        and not any(c.dep_ == "dobj" for c in verb.children)
    )


def bare_participle(verb: Token) -> bool:
    """A past participle the parser made a clause of its own, with a subject but no
    auxiliary: "freed 14 fishermen *detained* for illegal fishing" is a participle on the
    fishermen, who were detained, not a clause in which they detained."""
    if verb.tag_ != "VBN" or verb.dep_ != "ccomp" or verb.head.lemma_.lower() in _speech_verbs():
        return False  # "said soldiers *executed* ...": the tagger's VBN on a reported clause
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return (
        len(subjects) == 1
        and subjects[0].left_edge.i == verb.head.i + 1  # the governor's object, misparsed
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
    )


def tree_path(a: Token, b: Token) -> tuple[Token, list[Token], list[Token]] | None:
    """Where two tokens meet in the parse: (lowest common ancestor, the climb from ``a`` to
    it, the climb from ``b`` to it). Each climb starts at its token and stops below the
    meeting point, so it is empty when that token is the meeting point itself."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = [t.i for t in up_b]
    lca = next((t for t in up_a if t.i in ids_b), None)
    if lca is None:
        return None
    ids_a = [t.i for t in up_a]
    return lca, up_a[: ids_a.index(lca.i)], up_b[: ids_b.index(lca.i)]


def coordination(tok: Token) -> list[Token]:
    """The whole coordination a word stands in, from its first conjunct ("Egypt and *Jordan*"
    → Egypt, Jordan), or the word alone."""
    first = tok
    while first.dep_ == "conj":
        first = first.head
    return expand_conj([first])


def expand_conj(tokens: list[Token]) -> list[Token]:
    """Add coordinated tokens: "Russia and China" fill one slot with two actors."""
    out: list[Token] = []
    seen: set[int] = set()
    stack = list(tokens)
    while stack:
        tok = stack.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ == "conj")
    return out


def subjects_of(verb: Token) -> list[Token]:
    """Every conjunct of a verb's logical subject: "Saudi Arabia, Egypt and the UAE cut ties"
    acts as three; the one reading of "who did it" that slots, passes and coref share."""
    return expand_conj(logical_subjects(verb)[0])


def phrasal_lemma(verb: Token) -> str:
    """A verb's lemma with its particle, if it has one: "call off", "cancel"."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.lemma_.lower(), *particles[:1]])


def is_infinitive(verb: Token) -> bool:
    """Whether a verb stands in a "to" infinitive ("sent troops *to help*"); a "to" that is
    a preposition ("flew *to* Paris") does not count."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_time(tok: Token) -> bool:
    """A date or time word ("in *March*", "on *Friday*"): neither an event nor a party."""
    return tok.ent_type_ in ("DATE", "TIME")


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def logical_subjects(verb: Token, depth: int = 0) -> tuple[list[Token], str]:
    """The logical subject(s) of a verb and how they were found ('direct' or 'inherited')."""
    if depth > 4:
        return [], "none"
    if is_passive(verb):
        agents = [p for c in verb.children if c.dep_ == "agent" for p in _pobjs(c)]
        if agents:
            return agents, "direct"
    else:
        subj = [c for c in verb.children if c.dep_ in _SUBJ]
        if subj:
            if subj[0].tag_ in _RELATIVE and verb.dep_ == "relcl":
                return [verb.head], "inherited"
            return subj, "direct"
    dep, head = verb.dep_, verb.head
    if head.i == verb.i:
        return [], "none"
    if (noun := gerund_object(verb)) is not None:
        if noun.dep_ == "dobj":
            return logical_subjects(noun.head, depth + 1)[0], "inherited"  # "denied *moving*"
        dep, head = "pcomp", noun.head  # "accused Caracas of *massing* troops"
    if dep == "relcl" and not is_passive(verb):
        return [head], "inherited"
    if dep == "acl" and verb.tag_ in ("VBD", "VBN") and head.dep_ == "ROOT" and head.pos_ != "VERB":
        # "The last RENAMO guerrillas handed over their weapons ...", "Several hundred
        # Vietnamese protested outside the embassy": the parser made the subject the root
        # and the finite verb its modifier (a passive with a by-agent was taken above)
        return [head], "direct"
    if dep == "acl" and verb.tag_ == "VBG":
        if head.lemma_.lower() in _issued():
            return issuers(head, depth), "inherited"  # "released a statement criticising X"
        return [head], "inherited"  # "troops attacking the city"
    if dep == "acl" and verb.tag_ == "VB" and head.lemma_.lower() in slot_words().intention_nouns:
        return intenders(head, depth), "inherited"  # "*Israel's* plan to deport them"
    if dep == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp", "oprd"):
        return logical_subjects(head.head, depth + 1)[0], "inherited"  # "is willing to withdraw"
    if dep == "xcomp" and is_passive(verb):
        return [], "none"  # "detainees described being beaten": the controller is the patient
    if dep in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        objs = [c for c in head.children if c.dep_ in _OBJECT_CONTROL_DEPS
                and c.lemma_.lower() not in slot_words().measure_heads]  # fmt: skip
        # "spent eight *hours* talking": a stretch of time controls nothing; "telephoned
        # Erdogan to congratulate him": a call or visit is made for the caller's own purpose
        if (
            dep == "xcomp"
            and objs
            and head.lemma_.lower() not in slot_words().purpose_control_verbs
        ):
            return objs, "inherited"
        if dep == "xcomp" and is_passive(head) and not logical_subjects(head, depth + 1)[0]:
            # "Myanmar's government is expected to sign", "X was forced to sign": the
            # passive's subject does the complement's act
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            return raised, "inherited"
        if dep == "xcomp":
            return logical_subjects(head, depth + 1)[0], "inherited"
    if dep == "pcomp" and head.dep_ == "prep" and _accused_of(head):
        return [head.head], "inherited"  # "accused [Russian troops] of executing"
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        gov = head.head
        objs = [c for c in gov.children if c.dep_ == "dobj"]
        if objs and (
            head.lower_ == "of"  # "accused Russia of attacking"
            or (head.lower_, gov.lemma_.lower()) in slot_words().author_of_object
        ):  # "praised Moldova for taking in refugees"
            return objs, "inherited"
        return logical_subjects(gov, depth + 1)[0], "inherited"
    if dep == "conj" and reporter_conjunct(verb, head):
        return logical_subjects(head.head, depth + 1)[0], "inherited"
    if (main := participle_governor(verb)) is not None:
        return logical_subjects(main, depth + 1)[0], "inherited"
    if dep == "advcl" and speaks_for_main_clause(verb, head):
        # "Iran's police chief denied that officers had fired, *blaming* separatists",
        # "Poland sent troops after migrants tried to cross, *accusing* Minsk": a participle
        # of speech after a comma speaks for the reporter, not for the reported clause
        return logical_subjects(head.head, depth + 1)[0], "inherited"
    if dep in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return logical_subjects(head, depth + 1)[0], "inherited"
    return [], "none"


def intenders(noun: Token, depth: int = 0) -> list[Token]:
    """Whose plan or decision a noun of intent is: its possessor ("*Israel's* plan") or the
    body its "of" or "by" names ("the decision *of the Government* of Cabo Verde"), else the
    subject of the verb it is the object of ("*Pakistan* has plans") or that its preposition
    hangs on ("*lawmakers* will vote on a motion to oust him")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners = owners or prep_objects(noun, "of") or prep_objects(noun, "by")
    if owners:
        return owners
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in ("dobj", "pobj") and governor.pos_ in ("VERB", "AUX"):
        return logical_subjects(governor, depth + 1)[0]
    return []


def speaks_for_main_clause(verb: Token, head: Token) -> bool:
    """A trailing participle of speech ("..., accusing", "..., rejecting", "..., saying") that
    the parser hung on a reported ("said *that* ...") or adverbial ("*after* ...") clause: its
    speaker is that clause's governor's subject, which comes before it. Acts of other kinds
    ("said troops shelled the town, *killing* five") stay with the clause they follow."""
    if not trailing_participle(verb) or head.dep_ not in ("ccomp", "advcl"):
        return False
    if head.head.pos_ not in ("VERB", "AUX") or head.head.i == head.i:
        return False
    if head.head.i > verb.i:
        # "Bolivia expelled the US ambassador, *accusing* him ...; Washington responded":
        # a governor the parser found after the participle is no reporter it trails
        return False
    return verb.lemma_.lower() in _speech_verbs()


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """The cue file's verbs of saying, accusing, denying, disputing, refusing and asking."""
    cues = load_cues()
    return (
        cues.reporting_verbs | cues.accusation_verbs | cues.denial_verbs | cues.claim_verbs
        | cues.rejecting_verbs | cues.request_verbs
    )  # fmt: skip


def participle_governor(verb: Token) -> Token | None:
    """The main clause's verb, for a participle after a comma that the parser hung on a clause
    inside it: "told US forces to leave Mindanao, *complaining* that ...", "scrapped a decree
    that would have shielded officials, *bowing* to protests", "denied Baku's claim that
    Armenian units had shelled a village, *calling* it a provocation". The participle speaks
    of the main clause's subject, not of the one told to leave or of the embedded clause's."""
    head = verb.head
    if verb.dep_ != "advcl" or not trailing_participle(verb):
        return None
    content = head.dep_ == "acl" and any(c.dep_ == "mark" for c in head.children)
    return clause_above(head) if head.dep_ in ("xcomp", "relcl") or content else None


def clause_above(head: Token) -> Token | None:
    """The verb of the clause a complement or relative clause belongs to: the verb an
    ``xcomp`` hangs on, the verb above the noun a ``relcl`` modifies."""
    if head.dep_ == "xcomp":
        return head.head
    return next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)


def _accused_of(prep: Token) -> bool:
    """A preposition the parser hung on the object of a verb whose object did what the
    preposition's object names ("accused *Russian troops* of executing civilians")."""
    obj = prep.head
    return (
        obj.dep_ == "dobj"
        and (prep.lower_, obj.head.lemma_.lower()) in slot_words().author_of_object
    )


def trailing_participle(verb: Token) -> bool:
    """A present participle opening a clause after a comma (", accusing ...", ", saying ..."):
    whose subject and statement are the main clause's when the parser hangs it on a
    complement ("told US forces to leave, *complaining* ...")."""
    return verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.left_edge.i - 1].text == ","


#: Auxiliaries a plain past tense cannot share: "would continue ... and *called*" (not
#: "had": the tagger often reads "had invaded and *killed*" as a plain past).
_TENSE_AUX = frozenset({"would", "will", "could", "can", "may", "might", "should", "must"})


def reporter_conjunct(verb: Token, head: Token) -> bool:
    """A plain past verb the parser joined to a reported clause it cannot belong to: "Mr Hu
    said China *would* continue on a peaceful path and *called on* Washington to ...": the
    speaker called, as the tense shows (the reported verb has an auxiliary the conjunct
    lacks), or a verb of speech the speaker would utter ("... and *urged* Washington"). A
    denied clause is reported too: "denied that any shots had been fired and *accused* the
    crew" (session 43)."""
    reporter = head.head
    # "had been fired and *accused* the crew": a participle with an object of its own cannot
    # share the passive's auxiliaries, whatever tag the parser gave it
    finite = verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and is_passive(head) and not is_passive(verb)
    )
    if not (
        finite
        and head.dep_ == "ccomp"
        and reporter.tag_ == "VBD"
        and reporter.lemma_.lower() in load_cues().reporting_verbs | load_cues().denial_verbs
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        return False
    # session 37: a speech act with no subject of its own ("said the guards had fired and
    # *urged* Dushanbe to ...", "... and *accused* Kyiv") is the speaker's, whatever the tense
    return verb.lemma_.lower() in _speech_verbs() or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in _TENSE_AUX for c in head.children
    )


def relative_objects(verb: Token, objs: list[Token]) -> list[Token]:
    """In a clause that modifies a noun, the object is that noun: "a charge (that) the Kremlin
    dismissed" dismissed the *charge*, whether the parser gives the relative clause a pronoun
    as its object or, with no pronoun, no object at all; "the pact, signed in Shanghai by
    ..." signed the *pact*."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not objs:
        return [verb.head]
    if verb.dep_ != "relcl":
        return objs
    if not objs and not is_passive(verb) and any(c.dep_ in _SUBJ for c in verb.children):
        return [verb.head]
    return [verb.head if o.tag_ in _RELATIVE else o for o in objs]


def logical_objects(verb: Token) -> list[Token]:
    """Direct objects in logical terms: the passive subject of a passive verb."""
    if is_passive(verb):
        patient = ("nsubjpass", "nsubj") if bare_participle(verb) else ("nsubjpass",)
        objs = [c for c in verb.children if c.dep_ in patient]
        if not objs and verb.dep_ == "acl":
            objs = [verb.head]  # "the town shelled by rebels"
        if not objs and verb.dep_ == "conj":
            objs = logical_objects(verb.head)  # "... was applauded by X and denounced by Y"
        return objs
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs:
        objs = shared_object(verb)  # "soldiers *beat* and whipped protesters"
    if not objs and (noun := gerund_object(verb)) is not None:
        objs = [noun]  # "denied *moving* troops"
    if not objs and _reduced_relative(verb):
        objs = [verb.head]  # "30 people *detained* during the protests"
    if not objs:  # "found the activists guilty": the small clause's subject
        objs = [c for p in small_clauses(verb) for c in p.children if c.dep_ in _SUBJ]
    if not objs and verb.lemma_.lower() in slot_words().naming_verbs:
        # "called [Justice de Moraes] a dictator": the parser makes the name the predicate
        # and hangs the real one on it
        objs = [c for c in verb.children
                if c.dep_ == "oprd" and any(a.dep_ == "appos" for a in c.children)]  # fmt: skip
    if not objs and verb.lemma_.lower() == "let":
        # "let [UN inspectors back into the complex]": the parser makes the bare clause a
        # ccomp; whom the verb lets is its subject
        objs = complement_subjects(verb, _SUBJ)
    return objs


#: Dependencies that complete a verb: one with any of them has an object of its own.
_COMPLEMENTS = frozenset({"dobj", "dative", "prep", "ccomp", "xcomp", "oprd", "acomp", "attr"})


def shared_object(verb: Token) -> list[Token]:
    """The object a verb shares with the next verb of its coordination: "soldiers *beat* and
    whipped protesters", "police *arrested* and charged three activists". The parser hangs
    the object on the last verb only. Read so only where the verb has no complement of its
    own and the next one follows at once ("and", "or", an adverb between), shares the
    subject (has none of its own) and is active."""
    if any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return []
    nxt = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if nxt is None or nxt.i > verb.i + 3 or is_passive(nxt):
        return []
    between = verb.doc[verb.i + 1 : nxt.i]
    if not any(t.dep_ == "cc" for t in between) or any(
        t.dep_ not in ("cc", "advmod") for t in between
    ):
        return []
    if any(c.dep_ in _SUBJ for c in nxt.children):
        return []
    return [c for c in nxt.children if c.dep_ == "dobj"]


def gerund_object(verb: Token) -> Token | None:
    """The object of a gerund the parser read as an adjective on it: Minsk "denied *moving*
    troops", "accused Caracas of *massing* troops", "kept *raiding* villages" hang the gerund
    as an ``amod`` on the noun it governs. Read so only where the gerund opens the phrase and
    the phrase is the object of a verb that takes gerunds (``gerund_verbs``) or of a
    preposition that names what a verb's object did (``author_of_object``); "striking
    nurses", "a visiting prince", "blocked roads, burning tyres" are adjectives."""
    head = verb.head
    if verb.dep_ != "amod" or verb.tag_ != "VBG" or head.left_edge.i != verb.i:
        return None
    gov = head.head
    if head.dep_ == "dobj" and gov.lemma_.lower() in slot_words().gerund_verbs:
        return head
    if (
        head.dep_ == "pobj"
        and (gov.lower_, gov.head.lemma_.lower()) in slot_words().author_of_object
    ):
        return head
    return None


def _reduced_relative(verb: Token) -> bool:
    """A past participle on a noun with no subject or auxiliary of its own: "30 people
    *detained* during the protests" (the noun is what was done to), not a clause the parser
    hung on a noun ("reports that Russia *had agreed*")."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "mark") for c in verb.children)
    )


def complement_subjects(
    verb: Token, deps: tuple[str, ...], infinitive: bool = False
) -> list[Token]:
    """The subjects (of dependencies ``deps``) of a verb's clausal complements, which are the
    verb's real objects where the parser made the object the complement's subject: "let [UN
    *inspectors* back in]", "allowed [navy *ships* to refuel]" (``infinitive``: only "to"
    clauses)."""
    return [c for p in verb.children
            if p.dep_ == "ccomp" and (not infinitive or is_infinitive(p))
            for c in p.children if c.dep_ in deps]  # fmt: skip


def complement_preps(token: Token, deps: tuple[str, ...] = ("prep", "dative")) -> list[Token]:
    """The prepositions that complete ``token``: those after it. A fronted phrase is an
    adjunct of the clause, not the verb's complement: "*On* the anniversary, workers marched"
    marched on nothing, and "*Against* that backdrop, Seoul protested" protested against no
    one. A phrase the parser hangs on the verb's particle completes the verb: "walked *away*
    from the agreement". Shared by trigger matching and slot filling, so a row and its slots
    read alike."""
    particles = [c for c in token.children if c.dep_ in ("prt", "advmod") and c.i == token.i + 1]
    return [c for c in token.children if c.dep_ in deps and c.i > token.i] + [
        g for p in particles for g in p.children if g.dep_ in deps and g.i > p.i
    ]


def prep_objects(token: Token, prep: str) -> list[Token]:
    """Objects of preposition ``prep`` that completes ``token`` ("sanctions *on* Iran")."""
    return [p for c in complement_preps(token) if c.lower_ == prep for p in _pobjs(c)]


def stranded_prep_objects(verb: Token, prep: str) -> list[Token]:
    """Objects of a "to" the parser hung on the verb's object or inside a participle that
    modifies it:
    "extradited two citizens *wanted* over a fraud in Yerevan *to Armenia*", "handed two men
    *suspected* of planning attacks *to Romanian prosecutors*". The verb names no "to" itself,
    so the last one in the participle's own clause (not in a verb beneath it) completes it."""
    if prep != "to":
        return []
    for obj in logical_objects(verb):
        # "refused to extradite a dissident *to Russia*", the "to" hung on the object itself
        own = [o for c in obj.children if c.dep_ == "prep" and c.lower_ == prep for o in _pobjs(c)]
        if own:
            return own
        for clause in obj.children:
            if clause.dep_ != "acl" or clause.pos_ != "VERB" or clause.tag_ not in ("VBN", "VBD"):
                continue
            preps = [t for t in clause.subtree if t.dep_ == "prep" and t.lower_ == prep]
            preps = [t for t in preps if _in_clause(t, clause)]
            objects = [o for o in _pobjs(preps[-1]) if not is_amount(o)] if preps else []
            if objects:  # not "men aged up *to 60*"
                return objects
    return []


def _in_clause(word: Token, clause: Token) -> bool:
    """Whether a word sits in a participle's own clause, or in the gerund of its "of" that
    sends nothing anywhere ("two men *suspected of planning* arson attacks *to* Romanian
    prosecutors": the parser's "to" is the handing's; not "accused of *sending* drones to")."""
    above = clause_above(word)
    if above == clause:
        return True
    words = slot_words()
    return (
        above.tag_ == "VBG"
        and above.dep_ == "pcomp"
        and above.head.head == clause
        and above.lemma_.lower() not in words.delivering_verbs | words.travel_verbs
    )


def event_nouns(noun: Token | None) -> list[Token]:
    """A verb's event noun and the generic head it is compounded on ("ended its *mediation*
    *efforts* with Colombo"): neither is a target, and both carry the event's prepositions."""
    if noun is None:
        return []
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in slot_words().generic_heads:
        return [noun, noun.head]
    return [noun]


def fill_verb_slot(verb: Token, slot: str, event_noun: Token | None) -> tuple[list[Token], str]:
    """Tokens in one slot of a verb trigger, and 'direct' or 'inherited'."""
    if slot in ("nsubj", "agent"):
        return logical_subjects(verb)
    nouns = event_nouns(event_noun)
    if slot in ("dobj", "nsubjpass"):
        objs = [o for o in logical_objects(verb) if o not in nouns]
        return across_borders(named_thing_authors(verb, objs)), "direct"
    if slot == "passive_subject":  # "Venezuelan troops were deployed": who was sent went
        if not is_passive(verb) or any(c.dep_ == "agent" for c in verb.children):
            return [], "none"
        return [c for c in verb.children if c.dep_ == "nsubjpass"], "direct"
    if slot in ("dative", "iobj"):
        return datives(verb), "direct"
    if slot == "owner":  # "commuted *Manning's* sentence": whose thing the act is on
        return [c for noun in nouns for c in noun.children if c.dep_ == "poss"], "direct"
    if slot == "prep:by" and not is_passive(verb) and any(c.dep_ in _SUBJ for c in verb.children):
        return [], "none"  # "the junta ignored appeals by the AU": the parser's "by" is not who
    if slot.startswith("prep:"):
        prep = slot[5:]
        found = prep_objects(verb, prep)
        for noun in nouns:
            found += prep_objects(noun, prep)
        if not found:
            found = stranded_prep_objects(verb, prep)
        return across_borders(found), "direct"
    return [], "none"


def named_thing_authors(verb: Token, objs: list[Token]) -> list[Token]:
    """Whose the thing is that a naming verb's pronoun stands for, where the main clause
    acts on a thing its author is named with: Minsk "denied *Kyiv's* claim ..., calling *it*
    a provocation", Caracas "rejected an offer by *Brazil* and *Colombia* ..., calling *it*
    meddling" are aimed at the author, as the corpus codes them. A thing with no author named
    keeps the pronoun: "rejected calls for talks with the protesters, calling *them*
    bandits"."""
    if (
        verb.lemma_.lower() not in slot_words().naming_verbs
        or verb.dep_ not in ("advcl", "conj")
        or len(objs) != 1
        or objs[0].lower_ not in ("it", "them")
    ):
        return objs
    main = participle_governor(verb) or verb.head
    things = [o for o in logical_objects(main) if o.pos_ == "NOUN"]
    return expand_conj([a for thing in things for a in thing_authors(thing)]) or objs


def thing_authors(noun: Token) -> list[Token]:
    """Who a thing is said to come from: its possessor ("*Kyiv's* claim"), a name or demonym
    before it ("*Croatian* claims"), or the object of its "by" or "from" ("an offer *by
    Brazil*", "a request *from* Volker Türk")."""
    found = [c for c in noun.children if c.dep_ == "poss"]
    found += [c for c in noun.lefts if c.dep_ in MODIFIER_DEPS and c.is_title]
    return found + prep_objects(noun, "by") + prep_objects(noun, "from")


def datives(verb: Token) -> list[Token]:
    """A verb's indirect objects, bare or through the parser's dative "to" ("handed *the
    ambassador* a protest", "gave aid *to Gaza*")."""
    bare = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    return bare + [
        p for c in verb.children if c.dep_ == "dative" and c.pos_ == "ADP" for p in _pobjs(c)
    ]


def across_borders(tokens: list[Token]) -> list[Token]:
    """A border named by whom it is shared with stands for them ("sent troops to its border
    *with Belarus*", "closed its border *with Qatar*"): the act is aimed across it, as the
    corpus codes it (``borders`` in object_classes.v1.json)."""
    borders = load_object_readings()["borders"]
    out: list[Token] = []
    for tok in tokens:
        partners = prep_objects(tok, "with") if tok.lemma_.lower() in borders else []
        out += partners or [tok]
    return out


def fill_noun_slot(noun: Token, slot: str) -> tuple[list[Token], str]:
    """Tokens in one slot of a noun trigger ("Macron's *visit* to Beijing")."""
    if slot == "poss":
        return [c for c in noun.children if c.dep_ == "poss"], "direct"
    if slot in ("amod", "compound"):
        return [c for c in noun.children if c.dep_ in MODIFIER_DEPS], "direct"
    if slot in ("prep:by", "agent"):
        found = prep_objects(noun, "by")
        for acl in (
            c for c in noun.children if c.dep_ == "acl" and c.lemma_ not in slot_words().brokers
        ):
            # "an attack carried out by X", "an attack blamed on X", "attributed to X"; not
            # "a deal *brokered* by China": the broker is no party to the deal
            found += [p for c in acl.children if c.dep_ == "agent" for p in _pobjs(c)]
            if acl.lemma_ in slot_words().blaming_participles:
                found += prep_objects(acl, "on") + prep_objects(acl, "to")
        if not found and (span := through_amounts(noun)) is not noun:
            # "a week of road blockades *by truckers*": the parser hangs the "by" on the
            # stretch of time, or on the verb the stretch follows, right after its phrase
            found = prep_objects(span, "by") or _following_by(span)
        if not found:
            # "a visit to N'Djamena *by Benjamin Netanyahu*": the parser hangs the "by" on
            # the place the noun's "to" names
            found = [b for place in prep_objects(noun, "to") for b in prep_objects(place, "by")]
        return found + hyphened_leaders(noun), "direct"
    if slot.startswith("prep:"):
        return prep_objects(noun, slot[5:]), "direct"
    return [], "none"


def _following_by(span: Token) -> list[Token]:
    """The objects of a "by" the parser hung on the verb above a stretch-of-time phrase,
    where it directly follows the phrase: "bowing to a week of sit-ins *by their
    relatives*". A passive verb's "by" is its own agent and is not read."""
    prep = span.head
    verb = prep.head if prep.dep_ == "prep" else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or is_passive(verb):
        return []
    return [
        o
        for c in verb.children
        if c.dep_ in ("prep", "agent") and c.lower_ == "by" and c.i == span.right_edge.i + 1
        for o in _pobjs(c)
    ]


def hyphened_leaders(noun: Token) -> list[Token]:
    """Who a hyphened participle on an event noun says led it: "*student*-led protests", "a
    *Saudi*-led air strike"."""
    return [
        c
        for mod in noun.children
        if mod.dep_ == "amod" and mod.lemma_.lower() in slot_words().leading_participles
        for c in mod.children
        if c.dep_ in ("npadvmod", "compound", "nmod") and c.i + 2 == mod.i and c.nbor(1).text == "-"
    ]


def organisers(noun: Token) -> list[Token]:
    """Who a relative clause on an event noun says organised it: "a march *that the opposition
    coalition* has called", "the strike *the unions* planned"; not one that names it ("an
    accusation the Kremlin *called* groundless")."""
    clauses = [c for c in noun.children
               if c.dep_ == "relcl" and c.lemma_.lower() in slot_words().organising_verbs
               and not any(p.dep_ in ("oprd", "attr", "xcomp", "ccomp")
                           or (p.dep_ == "dobj" and p.tag_ not in _RELATIVE
                               and p.lower_ != "that") for p in c.children)]  # fmt: skip
    return [s for c in clauses for s in c.children if s.dep_ == "nsubj" and s.tag_ not in _RELATIVE]


def through_amounts(noun: Token) -> Token:
    """An event noun, or the stretch of time or the amount it is counted in ("two *hours* of
    talks", "quelled *weeks* of protests", "announced *$800 million* in aid"): the word whose
    verb the event hangs on. A later conjunct counts in its first one's stretch ("two weeks
    of strikes and *marches*")."""
    first = noun
    while first.dep_ == "conj" and first.head.pos_ == "NOUN":
        first = first.head
    if first is not noun and through_amounts(first) is not first:
        noun = first
    while noun.dep_ == "pobj" and (
        (noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in slot_words().event_spans)
        or (noun.head.lower_ in ("of", "in") and is_amount(noun.head.head))
    ):
        noun = noun.head.head
    return noun


def unfolding(noun: Token) -> bool:
    """Whether the sentence tells an event noun as happening though it names no one behind
    it: the subject of a verb of spreading ("as *protests* spread to 40 cities", "*protests*
    broke out") or the object of a verb that meets or sets it off ("to stifle *protests*",
    "a deal that set off weeks of *protests*"), or of "since" ("arrested since the *protests*")."""
    if noun.pos_ != "NOUN":
        return False
    noun = through_amounts(noun)
    verb = noun.head
    words = slot_words()
    if noun.dep_ == "pobj" and verb.lower_ in words.unfolding_prepositions:
        return True  # "arrested *since* the protests"
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if noun.dep_ == "nsubj":
        return verb.lemma_.lower() in words.unfolding_verbs
    return noun.dep_ == "dobj" and verb.lemma_.lower() in words.handling_verbs


def governing_subject(noun: Token) -> list[Token]:
    """The subject of the verb an event noun depends on: its object ("Russia stepped up its
    shelling") or the setting of its act ("Japan's prime minister spoke in a call with Kyiv")."""
    noun = through_amounts(noun)  # "the two men held two hours *of talks*"
    if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "AUX"):
        return logical_subjects(noun.head)[0]
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in slot_words().generic_heads:
        return governing_subject(noun.head)  # "Egypt launched a mediation effort"
    prep = noun.head
    gov = prep.head
    if (
        noun.dep_ == "pobj"
        and (prep.lower_, gov.lemma_.lower()) in slot_words().author_of_object
        and gov.pos_ == "VERB"
    ):
        # "accused the RSF of summary executions", "was charged with the murder": the
        # accused did it
        if is_passive(gov):
            return [c for c in gov.children if c.dep_ == "nsubjpass"]
        return [c for c in gov.children if c.dep_ == "dobj"]
    if noun.dep_ == "pobj" and _accused_of(prep):
        return [gov]  # the parser hangs the phrase on the object: "accused [the Kremlin of ...]"
    if noun.dep_ == "pobj" and gov.dep_ == "dobj" and prep.lower_ == "during":
        gov = gov.head  # the parser hangs it on the object: "announced his split *during* a visit"
    if noun.dep_ == "pobj" and prep.lower_ in ("over", "for") and _legal_act(gov):
        return []  # "sentenced Camara *over* the massacre": its grounds; the court did not act
    in_setting = noun.dep_ == "pobj" and (
        prep.lower_ in slot_words().setting_prepositions
        or travel_verb(noun) is not None  # "flew to Colombo for talks"
        or (prep.lower_ == "on" and noun.lemma_.lower() in slot_words().event_spans)
        # "have been *on hunger strike*", "remained on alert": a state the subject is in
        or (prep.lower_ == "on" and gov.lemma_.lower() in slot_words().being_verbs)
    )  # "on the first day of a state visit"
    if in_setting and gov.pos_ in ("VERB", "AUX") and not is_passive(gov):
        return logical_subjects(gov)[0]
    return []


def _legal_act(verb: Token) -> bool:
    """A verb of a legal act, or one whose object names one ("sentenced", "ordered a
    *retrial*")."""
    legal = slot_words().legal_acts
    return verb.lemma_.lower() in legal or any(
        c.dep_ == "dobj" and c.lemma_.lower() in legal for c in verb.children
    )


def condition_subjects(verb: Token, markers: frozenset[str]) -> list[Token]:
    """The subject of the condition a threat is made on: "warned that it would send troops
    *if Congolese militias* kept raiding", "threatened to march on the capital *unless
    Aristide* resigned". The condition may hang on the verb itself or on the clause it
    governs (its complement, and that one's). A passive condition names no one who must
    act ("if Lebanon's claims were ignored")."""
    clauses, frontier = [verb], [verb]
    for _ in range(3):
        frontier = [c for v in frontier for c in v.children if c.dep_ in ("ccomp", "xcomp")]
        clauses += frontier
    for clause in clauses:
        found = condition_clauses(clause, markers)
        if found:
            return expand_conj([s for s in found[0].children if s.dep_ == "nsubj"])
    return []


#: Modals a condition's consequence is told with ("*would* recall ... and freeze ... if").
_CONDITIONAL_MODALS = frozenset({"would", "will", "could", "might", "may", "'ll", "wo", "can"})


def condition_clauses(verb: Token, markers: frozenset[str]) -> list[Token]:
    """The condition clauses on a verb: "will ban imports *if Pyongyang tests*", "would free
    the hostages only *if Israel ends the war*" (an adverbial clause a marker opens). One the
    parser hangs on the last of coordinated verbs that share the verb's subject and modal is
    the first one's too: "would recall its ambassador and freeze work *if* ..."."""
    found = [
        c
        for c in verb.children
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in markers for m in c.children)
    ]
    if found or not any(c.dep_ == "aux" and c.lower_ in _CONDITIONAL_MODALS for c in verb.children):
        return found
    shared = [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)
    ]
    return condition_clauses(shared[0], markers) if shared else []


def adjunct_subject(noun: Token) -> list[Token]:
    """The subject of the clause an event noun's phrase modifies: "sent troops *under a deal*
    with X", "said *after talks* with X", and the subject of a clause the noun opens
    ("resumed attacks after *talks* with the junta collapsed"). Who else took part in a
    joint act is named by its "with"; the clause's subject is the other party."""
    noun = through_amounts(noun)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return logical_subjects(head.head)[0]
    if noun.dep_ == "nsubj" and head.dep_ == "advcl" and head.head.pos_ in ("VERB", "AUX"):
        return logical_subjects(head.head)[0]
    return []


def drawn_reaction(noun: Token) -> tuple[list[Token], list[Token]] | None:
    """Who reacted, and to whom, where an act draws a reaction "from" them: "Medvedev
    recognised South Ossetia, *drawing condemnation from Tbilisi*" (Tbilisi at Medvedev),
    "*Orban's* visit drew a rebuke from EU leaders" (at Orban), "the seizure of a boat *by
    Russian border guards* drew a protest from Tokyo" (at the guards). None where the noun is
    no object of a reaction verb or names no one "from"."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in slot_words().reaction_verbs:
        return None
    reactors = prep_objects(noun, "from") or prep_objects(verb, "from")
    if not reactors:
        return None
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        return reactors, logical_subjects(verb.head)[0]  # "..., drawing condemnation from X"
    doers: list[Token] = []
    for subject in logical_subjects(verb)[0]:
        # an act drew it: its doer, by possessor or "by" ("*Washington's* sale", "the seizure
        # ... *by* Russian border guards"), else the act's own subject words
        owners = [c for c in subject.children if c.dep_ == "poss"] + prep_objects(subject, "by")
        doers += owners or [subject]
    return reactors, doers


def delivered_to(noun: Token) -> list[Token]:
    """Whom a message event noun was delivered to, when a delivering verb takes it as its
    object: "handed *the Chinese ambassador* a formal protest", "sent a note of protest *to
    Manila*"."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in slot_words().delivering_verbs:
        return []
    return datives(verb) or prep_objects(verb, "to")


def answering_subject(noun: Token) -> list[Token]:
    """Who the sentence says answered a stretch of unrest: the subject of the verb its
    "after", "amid" or "yielding to" phrase hangs on ("Bouteflika resigned after six weeks of
    *protests*", "Serbia revoked the licences, yielding to *protests*")."""
    noun = through_amounts(noun)
    if noun.dep_ not in ("pobj", "dobj"):
        return []
    gov = noun.head
    if noun.dep_ == "pobj":
        if (
            gov.lower_ not in slot_words().after_prepositions
            and gov.head.lemma_.lower() not in slot_words().yield_verbs
        ):
            return []
        gov = gov.head  # "resigned *after* ...", "yielding *to* ..."
    elif gov.lemma_.lower() not in slot_words().yield_verbs:
        return []
    if gov.pos_ not in ("VERB", "AUX") or gov.dep_ in ("acl", "relcl"):
        return []  # "protesters detained after a rally": no one answered
    return logical_subjects(gov)[0]


def when_clause(verb: Token, deps: tuple[str, ...] = ("mark", "advmod")) -> Token | None:
    """The verb of a "when" or "as" clause that says how a passive came about: "were killed
    when armed men *stormed* the consulate", "died as police *opened* fire". ``deps`` are the
    relations the "when" or "as" may hold: an "as" the parser marks as a subordinator says
    "while" as often as "when" ("shut down the internet *as* troops launched an offensive")."""
    for clause in (c for c in verb.children if c.dep_ == "advcl" and not is_passive(c)):
        if any(m.dep_ in deps and m.lower_ in ("when", "as") for m in clause.children):
            return clause
    return None


def travel_verb(noun: Token) -> Token | None:
    """The verb of going whose "for" the event noun is in: "*flew* to Colombo for talks"."""
    noun = through_amounts(noun)
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ == "for"
        and prep.head.lemma_.lower() in slot_words().travel_verbs
    ):
        return prep.head
    return None


def travel_destination(noun: Token) -> list[Token]:
    """Where the traveller went for the event: "flew *to Colombo* for talks", "arrived *in
    Mongolia* for a state visit"."""
    verb = travel_verb(noun)
    if verb is None:
        return []
    return prep_objects(verb, "to") or prep_objects(verb, "in")


def addressed_subject(noun: Token) -> list[Token]:
    """Whom a plea, offer or rebuke *from* someone was addressed to: the subject of the verb
    that takes it ("the junta refused a request from the UN mission", "drawing condemnation
    from Tbilisi") or that acts after or despite it ("despite appeals from Kyiv, Israel has
    not supplied ...")."""
    noun = through_amounts(noun)
    gov = noun.head
    if noun.dep_ == "pobj" and gov.lower_ in slot_words().after_prepositions | {"despite"}:
        gov = gov.head
    elif noun.dep_ != "dobj":
        return []
    return logical_subjects(gov)[0] if gov.pos_ in ("VERB", "AUX") else []


def behest(noun: Token) -> tuple[list[Token], list[Token]]:
    """Who asked and who acted on it, for an act done "at the *request* of X" or "at X's
    *request*" ("Rwanda sent troops at the request of Maputo", "Tanzania flew soldiers to
    Congo at Kinshasa's request", "attended at the invitation of the Indian government"):
    X, and the subject of the verb the phrase hangs on; nothing for any other phrase."""
    gov = noun.head
    if noun.dep_ != "pobj" or gov.lower_ not in ("at", "on", "upon") or gov.head.pos_ != "VERB":
        return [], []
    askers = prep_objects(noun, "of") or [c for c in noun.children if c.dep_ == "poss"]
    return (askers, logical_subjects(gov.head)[0]) if askers else ([], [])


def actor_at(tok: Any, at: dict[int, int], mentions: list[Any]) -> Any | None:
    """The resolved actor of the mention covering a word, if one does."""
    return mentions[at[tok.i]].actor if tok.i in at else None


def relational(tok: Token) -> bool:
    """Whether a noun names another party through its possessor's own ("*his* counterpart",
    "*its* allies": ``relational_heads``), not a thing of the possessor's."""
    return bool({tok.lemma_.lower(), tok.lower_} & slot_words().relational_heads)


def actors_at(tokens: list[Any], at: dict[int, int], exclude: Any) -> list[int]:
    """Mentions at the slot tokens.

    "members of X" and "officials from X" fall through to X; "Oslo's choice", "Ukraine's
    sovereignty" to their possessor; "a US drone strike" (an event noun acting as subject)
    to the actor that carried it out.
    """
    found: list[int] = []
    for tok in tokens:
        idx = at.get(tok.i)
        # "rubber bullets *fired by* riot police wounded 30", "drones *launched by* the RSF
        # hit a fuel depot": who sent what acted
        users = [at[g.i] for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                 and c.lemma_.lower() in slot_words().launching_participles
                 for a in c.children if a.dep_ == "agent"
                 for g in a.children if g.dep_ == "pobj" and g.i in at]  # fmt: skip
        idx = users[0] if users else idx
        if idx is None:
            inner_tokens = prep_objects(tok, "of") + prep_objects(tok, "from")
            if not relational(tok):
                # not "*its* allies": another party named through the possessor's own
                inner_tokens += [c for c in tok.children if c.dep_ == "poss"]
            if tok.pos_ == "NOUN":
                inner_tokens += [c for c in tok.children if c.dep_ in MODIFIER_DEPS]
            for inner in inner_tokens:
                idx = at.get(inner.i)
                if idx is not None:
                    break
        owners = [at.get(t.i) for t in coordinated_modifiers(tok)] if idx is not None else []
        for i in [*owners, idx]:
            if i is not None and i not in found and i not in exclude:
                found.append(i)
    return found


def coordinated_modifiers(tok: Any) -> list[Any]:
    """The coordinated owners of a noun shared by several ("*French* and *Mauritanian*
    troops"): its first pre-modifier with coordinated words, and those words. A common noun
    just before the head is part of it even where the parser made it one more conjunct
    ("Norwegian and Russian *coast* guards")."""
    for child in tok.children:
        if child.dep_ in MODIFIER_DEPS and child.i < tok.i:
            chain = [t for t in child.subtree if t.dep_ == "conj" and t.i < tok.i]
            if chain and _compound_word(chain[-1], tok):
                chain.pop()
            if chain:
                return [child, *chain]
    return []


def _compound_word(word: Any, head: Any) -> bool:
    """A lower-case common noun right before *head*: a compound of it, not an owner."""
    return word.i == head.i - 1 and word.pos_ == "NOUN" and word.is_lower
