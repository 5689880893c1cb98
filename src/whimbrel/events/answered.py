"""Passes that read an act as the answer to another act of its sentence.

A blamed attack is done by whom the sentence blames ("a roadside bomb struck a police
vehicle, and Petro *blamed* dissidents"), and a build-up with no target, or only the place it
goes to, is aimed at the actors of the act it answers ("rushed reinforcements to Makalondi
*after* Islamic State fighters attacked") or at the state across the border it stands at.
Stage ``events.extract`` runs them with the other passes (events/passes.py), whose helpers
they share.
"""

from __future__ import annotations

from typing import Any

from whimbrel.events.draft import EventDraft
from whimbrel.events.lexicon import Lexicon
from whimbrel.events.passes import actor_key, branch, countries, load_pass_words
from whimbrel.events.plover import load_ontology
from whimbrel.events.slots import (
    actors_at,
    clause_above,
    expand_conj,
    is_passive,
    prep_objects,
    slot_words,
    thing_authors,
)
from whimbrel.records import Mention


def blamed_acts(drafts: list[EventDraft], doc: Any, agentless: frozenset[str]) -> list[EventDraft]:
    """An act told with no agent is done by whoever its sentence blames, in the blamer's
    words: "A roadside bomb struck a police vehicle, killing four officers, and Petro
    *blamed* dissidents" is the dissidents' attack, reported by Petro, as the annotation
    guidelines code a blamed attack (s12-0104, s12-0002, s3-0172). The act the blame names
    ("blaming CODECO militiamen *for the attack*", "blamed *the attack* on X") then only
    restates those acts and is dropped; with none it is the one blamed act. A blame in a
    relative clause ("the bombing, *which* Ankara blamed on the PKK") names its act and
    nothing else. Returns the drafts kept."""
    restating: set[int] = set()
    for blame in drafts:
        verb = doc[blame.trigger]
        if (
            blame.event_type != "ACCUSE"
            or verb.lemma_.lower() not in load_pass_words().blame_verbs
            or not blame.target
        ):
            continue
        named = _blamed_words(verb)
        same = [
            d
            for d in drafts
            if d.sentence == blame.sentence and d is not blame and d.event_type in agentless
        ]
        nouns = [d for d in same if d.trigger in named and set(d.source) <= set(blame.target)]
        for noun in nouns:  # "blamed the attack on X": X did it, not suffered it
            noun.target = [i for i in noun.target if i not in blame.target]
        acts = [] if verb.dep_ == "relcl" else [d for d in same if not d.source and d not in nouns]
        if acts:
            restating.update(id(d) for d in nouns if not d.target)
        else:
            acts = nouns
        for act in acts:
            act.source, act.source_slot = list(blame.target), "blamed"
            act.blamed_by = blame.source[0] if blame.source else None
            act.factors.pop("agentless", None)
    return [d for d in drafts if id(d) not in restating]


def claimed_acts(
    drafts: list[EventDraft], doc: Any, at: dict[int, int], agentless: frozenset[str]
) -> None:
    """An act told with no agent is done by whoever claims it, in the claimant's words:
    "JNIM claimed responsibility for Tuesday's attack on a gendarmerie school that killed
    dozens of gendarmes", "two policemen were killed in an attack later claimed by Islamic
    State's Sinai affiliate", "blasts killed 250 people, and the Islamic State claimed
    responsibility" (passes.v1 ``claim_verbs``, ``claim_objects``; s19-0005, s12-0012,
    s2-0019). A claim that names its act ("for the attack", "an attack claimed by") gives
    that act and those told inside it or in it; one that names none, every such act of its
    sentence."""
    words = load_pass_words()
    for verb in (t for t in doc if t.lemma_.lower() in words.claim_verbs and t.pos_ == "VERB"):
        if verb.dep_ == "acl" and is_passive(verb):
            claimants = [p for c in verb.children if c.dep_ == "agent" for p in c.children]
            named = [verb.head]  # "an attack *claimed by* X"
            while named[-1].dep_ == "pobj" and named[-1].head.head.pos_ == "NOUN":
                # "an attack on a checkpoint *claimed by* X": the parser's nearest noun
                named.append(named[-1].head.head)
        elif any(
            c.dep_ == "dobj" and c.lemma_.lower() in words.claim_objects for c in verb.children
        ):
            claimants = [c for c in verb.children if c.dep_ == "nsubj"]
            named = [
                o
                for head in (verb, *(c for c in verb.children if c.dep_ == "dobj"))
                for o in prep_objects(head, "for")
            ]
        else:
            continue
        source = actors_at(expand_conj(claimants), at, ())
        if not source:
            continue
        sent = verb.sent
        acts = [
            d
            for d in drafts
            if not d.source
            and d.event_type in agentless
            and sent.start <= d.trigger < sent.end
            and (not named or _told_in(doc[d.trigger], named))
        ]
        for act in acts:
            act.source, act.source_slot = list(source), "claimed"
            act.blamed_by = source[0]
            act.factors.pop("agentless", None)


def _told_in(trigger: Any, nouns: list[Any]) -> bool:
    """Whether an act is the one a noun names, is told inside its phrase ("the attack *that
    killed* ..."), or happened in it ("were *killed* in an attack ...")."""
    for noun in nouns:
        if trigger.i == noun.i or noun in trigger.ancestors:
            return True
        if noun.dep_ == "pobj" and noun.head.head.i == trigger.i:
            return True
    return False


def _blamed_words(verb: Any) -> set[int]:
    """The words naming the act a blaming verb blames: its object or the object of its
    "for" or "on" ("blamed X *for* the attack", "blamed the attack *on* X"), or for a
    relative clause the noun it describes ("the bombing, which Ankara blamed on the PKK")."""
    words = {c.i for c in verb.children if c.dep_ == "dobj"}
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on")):
        words.update(c.i for c in prep.children if c.dep_ == "pobj")
    if verb.dep_ == "relcl":
        words.add(verb.head.i)
    return words


def answered_build_ups(
    drafts: list[EventDraft], doc: Any, at: dict[int, int], mentions: list[Mention]
) -> None:
    """A build-up is aimed at whoever's act it answers, not at the place it goes to: "Niger's
    army rushed reinforcements to the Makalondi area *after Islamic State fighters attacked*
    a post", "sent armoured vehicles into Garoua *ahead of a march* called by Tchiroma", as
    the guidelines code deployments (s37-0054, s41-0065, s62-0002). The act must sit in an
    "after", "amid", "following" or "ahead of" adjunct of the build-up and be done by other
    actors than the build-up's, an act of force first ("after local leaders appealed for
    protection following *al-Shabaab attacks*"); a build-up aimed at a named actor keeps it."""
    types = load_ontology().types
    for draft in drafts:
        if draft.event_type != "MOBILIZE":
            continue
        home = countries(draft.source, mentions)
        if not _placed(draft, mentions, home):
            continue
        tok = doc[draft.trigger]
        own = {actor_key(mentions[i]) for i in draft.source}
        answered = [
            other
            for other in drafts
            if other is not draft
            and other.sentence == draft.sentence
            and other.source
            and tok in doc[other.trigger].ancestors
            and _answering(doc[other.trigger], tok)
            and not {actor_key(mentions[i]) for i in other.source} & own
        ]
        answered.sort(key=lambda other: -types[other.event_type].quad)  # force first
        if answered:
            draft.aim(list(answered[0].source), "answered_act")
            continue
        neighbour = _across_border(tok, at, mentions, home)
        if neighbour:
            draft.aim(neighbour, "border")


def _across_border(
    verb: Any, at: dict[int, int], mentions: list[Mention], own: set[str]
) -> list[int]:
    """The state across the border a build-up goes to or stands at: "deployed along *the
    border with Eritrea*", "massed along *the Ethiopian* border", "near *Armenia's*
    border" (a build-up at a border targets the neighbour, guidelines part 14). Not the
    build-up's own country ("to its southern border")."""
    words = load_pass_words().border_words
    # the verb's own phrases first, then those hung on its object ("moved rocket launchers
    # closer *to* its border with Thailand", "its units *along* the line with Kosovo"), not
    # those of another clause beneath it
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _TOWARDS]
    preps += [
        c
        for c in verb.subtree
        if c.dep_ == "prep"
        and c.lower_ in _TOWARDS
        and c.head.i != verb.i
        and (above := clause_above(c)) is not None
        and above.i == verb.i
    ]
    for prep in preps:
        for word in prep.subtree:
            if word.lemma_.lower() not in words:
                continue
            named = [c for c in word.children if c.dep_ in ("poss", "amod", "compound")]
            named += prep_objects(word, "with")
            after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else word
            if after.lower_ == "with" and after.dep_ == "prep":  # hung on the verb
                named += [c for c in after.children if c.dep_ == "pobj"]
            found = actors_at(expand_conj(named), at, ())
            found = [i for i in found if countries([i], mentions) - own]
            if found:
                return found
    return []


#: Prepositions of where a build-up goes or stands.
_TOWARDS = frozenset({"to", "toward", "towards", "near", "along", "at", "on", "across", "into"})


def _answering(act: Any, top: Any) -> bool:
    """Whether ``act`` sits in an "after", "amid", "following" or "ahead of" adjunct of
    ``top`` ("sent troops *after* gunmen attacked", "*ahead of* a march")."""
    tok = branch(act, top)
    if tok.lower_ in slot_words().ahead_adverbs:
        return True
    after = slot_words().after_prepositions
    if tok.dep_ == "prep":
        return tok.lower_ in after
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in after for c in tok.children)


def _placed(draft: EventDraft, mentions: list[Mention], own: set[str]) -> bool:
    """Whether a draft has no target, or only the places it goes to: a phrase of place that
    names no actor ("to *the Makalondi area*") or a town of its own country (``own``: "into
    *Garoua*")."""
    if not draft.target:
        return True
    return draft.target_slot in _PLACE_SLOTS and all(
        mentions[i].resolved_by == "implicit" or countries([i], mentions) <= own
        for i in draft.target
    )


#: The slots of a phrase of place: where a build-up goes or stands (``place_target``: the
#: place ``extract._place_target`` took when no slot held a target).
_PLACE_SLOTS = frozenset(
    f"prep:{p}" for p in ("to", "into", "toward", "towards", "near", "along", "in", "around")
) | {"place_target"}


def dismissed_accounts(
    drafts: list[EventDraft], doc: Any, at: dict[int, int], mentions: list[Mention]
) -> list[EventDraft]:
    """A denial that goes on to name the account it denies answers whoever gave it: Kigali
    "denied that its drones had struck a Burundian border post, calling *Gitega's* account
    pure invention", Eritrea "denied that it had trained Sudanese recruits, calling a report
    *by a Kenyan newspaper* a fabrication" are REJECTs aimed at Gitega and the newspaper, as
    the corpus codes them, not at whom the denied act would have hit. The naming is the
    denial told again ("calling the report a fantasy"), so a REJECT on it is not coded
    twice."""
    naming = slot_words().naming_verbs
    by_trigger = {d.trigger: d for d in drafts}
    dropped: set[int] = set()
    for verb in doc:
        if verb.lemma_.lower() not in naming or verb.tag_ != "VBG":
            continue
        if verb.dep_ not in ("advcl", "conj", "xcomp"):
            continue
        # "denied that its troops had shelled the posts, *calling* ...": the parser may hang
        # the participle on the denied clause
        head = verb.head.head if verb.head.dep_ == "ccomp" else verb.head
        denial = by_trigger.get(head.i)
        if denial is None or denial.event_type != "REJECT" or head.pos_ != "VERB":
            continue
        retold = by_trigger.get(verb.i)
        if retold is not None and retold.event_type == "REJECT":
            dropped.add(id(retold))
        things = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
        authors = actors_at(
            expand_conj([a for t in things for a in thing_authors(t)]), at, denial.source
        )
        if not authors and retold is not None:
            # "calling *a report in the daily Clarín* false": the account named as its
            # teller, where it is another country's
            own = countries(denial.source, mentions)
            authors = retold.target if countries(retold.target, mentions) - own else []
        if authors and _stand_in(denial, mentions):
            denial.aim(authors, "named_account")
    return [d for d in drafts if id(d) not in dropped]


def _stand_in(denial: EventDraft, mentions: list[Mention]) -> bool:
    """Whether a denial's target only stands in for whoever made the claim: none, the denied
    act's own target ("denied that its troops had shelled *Afghan* posts"), or a thing with
    no sector ("rejected *the note*")."""
    if not denial.target or (denial.target_slot or "").startswith("complement"):
        return True
    return all(
        mentions[i].resolved_by == "implicit"
        and (mentions[i].actor is None or mentions[i].actor.sector is None)
        for i in denial.target
    )


def named_grounds(
    drafts: list[EventDraft], doc: Any, at: dict[int, int], lexicon: Lexicon
) -> list[EventDraft]:
    """A punishment's grounds, named by someone, are their accusation against the punished:
    Slovakia "expelled three Russian diplomats *over what Bratislava called* activities
    incompatible with their status", Algeria ordered French staff out "*over what Algiers
    called* interference" are ACCUSEs by Bratislava and Algiers aimed at the expelled, as the
    corpus codes them (s47-0017, s50-0011), whatever the words they chose. The naming verb's
    object is "what", in a ``grounds_prepositions`` phrase of a ``grounds_types`` act; an
    accusation already on the verb is aimed at the punished instead."""
    words = load_pass_words()
    by_trigger = {d.trigger: d for d in drafts}
    added: list[EventDraft] = []
    for verb in doc:
        if (
            verb.lemma_.lower() not in slot_words().naming_verbs
            or verb.dep_ != "pcomp"
            or verb.head.lower_ not in words.grounds_prepositions
            or not any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children)
        ):
            continue
        punished = _punishment(verb.head, by_trigger, words.grounds_types)
        if punished is None:
            continue
        source = actors_at(expand_conj([c for c in verb.children if c.dep_ == "nsubj"]), at, ())
        target = [i for i in punished.target if i not in source]
        if not source or not target:
            continue
        existing = by_trigger.get(verb.i)
        if existing is not None:
            if existing.event_type == "ACCUSE":
                existing.aim(target, "grounds")
            continue
        rows = [e for e in lexicon.lookup(verb.lemma_.lower(), "VERB")
                if e.event_type == "ACCUSE" and not e.particle and not e.prep]  # fmt: skip
        if rows:
            added.append(EventDraft(
                sentence=punished.sentence, trigger=verb.i, entry=rows[0], source=source,
                target=target, source_slot="nsubj", target_slot="grounds",
                factors={"lexicon_weight": rows[0].weight},
            ))  # fmt: skip
    return drafts + added


def _punishment(
    prep: Any, by_trigger: dict[int, EventDraft], types: frozenset[str]
) -> EventDraft | None:
    """The act of a type in ``types`` that a grounds phrase hangs on, or on a word at most
    two steps below it ("ordered the staff *to leave* ... over")."""
    word = prep.head
    for _ in range(3):
        draft = by_trigger.get(word.i)
        if draft is not None and draft.event_type.lower() in types:
            return draft
        if word.head.i == word.i:
            return None
        word = word.head
    return None
