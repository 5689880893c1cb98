"""Passes over a sentence's drafts once every trigger has one: what one event says of another.

Extraction finds each event on its own; some are read in the light of the others, as the
annotation guidelines code them: a vowed or threatened act folds into the threat, an agreed
one into the agreement, a requested or ordered one into the request or order; a warning's
threat sits on the warner's own act, and a promised response is a threat; acts only meant,
asked for or brought about are dropped (an attack's toll among them), and so are warnings
that only forecast; a denial answers the claim of its sentence; a closing comment ("..., a
move Japan condemned") reacts to the main clause; an ultimatum's penalty ("or face arrest")
is a threat of its own; two actors doing a one-way act to each other, or fighting, make two
directed events.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from whimbrel.errors import ConfigError
from whimbrel.events.draft import EventDraft
from whimbrel.events.lexicon import Lexicon
from whimbrel.events.plover import data_path
from whimbrel.events.readings import PROMISABLE, as_threat
from whimbrel.events.slots import (
    actor_at,
    actors_at,
    condition_subjects,
    expand_conj,
    is_infinitive,
    slot_words,
    subjects_of,
)
from whimbrel.events.triggers import match_trigger
from whimbrel.records import Mention


@dataclass(frozen=True)
class PassWords:
    """The word lists of ``data/lexicon/passes.v1.toml`` (lowercase lemmas); the file says
    what each list does, with an example."""

    mutual_verbs: frozenset[str]
    mutual_fights: frozenset[str]
    vow_verbs: frozenset[str]
    #: the vow verbs and the other verbs of agreeing
    promise_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    directing_words: frozenset[str]
    asking_verbs: frozenset[str]
    purpose_verbs: frozenset[str]
    aid_purposes: frozenset[str]
    restating_words: frozenset[str]
    result_verbs: frozenset[str]
    toll_verbs: frozenset[str]
    pact_keeping: frozenset[str]
    response_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    addressing_verbs: frozenset[str]
    threat_modals: frozenset[str]
    undergone: frozenset[str]
    passive_harms: frozenset[str]
    not_tolerated: frozenset[str]
    retribution: frozenset[str]
    comment_nouns: frozenset[str]
    ending_verbs: frozenset[str]
    unrest_nouns: frozenset[str]
    blame_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    claim_objects: frozenset[str]
    grounds_prepositions: frozenset[str]
    #: PLOVER types, lower-cased like every list here
    grounds_types: frozenset[str]
    border_words: frozenset[str]


@lru_cache(maxsize=2)
def load_pass_words(name: str = "passes.v1") -> PassWords:
    """Read the pass word lists once per process; a missing list is a ConfigError."""
    path = data_path("lexicon", name, ".toml")
    words = tomllib.loads(path.read_text(encoding="utf-8")).get("words", {})
    missing = [f.name for f in fields(PassWords) if f.name not in words]
    if missing:
        raise ConfigError(f"{path}: no word list {', '.join(missing)} in [words]")
    lists = {f.name: frozenset(w.lower() for w in words[f.name]) for f in fields(PassWords)}
    lists["promise_verbs"] |= lists["vow_verbs"]
    return PassWords(**lists)


@dataclass(frozen=True)
class Answers:
    """The pass file's ``[answers]``: for a reply's type, the types of the object event it
    answers (``claims``: "rejected Moscow's *appeal*") or ends (``acts``: "ended their hunger
    *strike*"), and the claim types coded when no maker is named (``unnamed``)."""

    claims: dict[str, frozenset[str]]
    acts: dict[str, frozenset[str]]
    unnamed: frozenset[str]

    @property
    def claim_types(self) -> frozenset[str]:
        """Every type a refusal can answer as a claim."""
        return frozenset().union(*self.claims.values())


@lru_cache(maxsize=2)
def load_answers(name: str = "passes.v1") -> Answers:
    """Read the pass file's ``[answers]`` tables once per process."""
    path = data_path("lexicon", name, ".toml")
    tables = tomllib.loads(path.read_text(encoding="utf-8")).get("answers", {})
    claims, acts = ({reply: frozenset(types) for reply, types in tables.get(kind, {}).items()}
                    for kind in ("claims", "acts"))  # fmt: skip
    return Answers(claims, acts, frozenset(tables.get("unnamed", ())))


def _words() -> PassWords:
    """The pass word lists (read once, cached): the short name the passes below call."""
    return load_pass_words()


def fold_threats(
    drafts: list[EventDraft], doc: Any, lexicon: Lexicon, mentions: list[Mention]
) -> list[EventDraft]:
    """ "Vowed to retaliate", "threatened to expel the envoy": one THREATEN, as the annotation
    guidelines code it, not a promise (AGREE) or threat plus a future attack or expulsion.

    A vow whose complement is a conflictual act becomes THREATEN in that act's mode; the act
    itself is folded into the threat (its target kept when the threat had none). Likewise a
    cooperative act that is agreed, promised or offered ("agreed to resume joint patrols") is
    folded into the AGREE, which is how the guidelines code a pledge. A vow of something the
    lexicon reads as conflictual but that coded no event of its own ("vowed *harsh
    punishment*", "vowed that Tehran would *pay* for it") is a threat too (``_vowed_harm``).
    """
    by_trigger = {d.trigger: d for d in drafts}
    folded: set[int] = set()
    for draft in drafts:
        tok = doc[draft.trigger]
        vow = draft.event_type == "AGREE" and tok.lemma_.lower() in _words().vow_verbs
        promise = draft.event_type == "AGREE" and tok.lemma_.lower() in _words().promise_verbs
        directive = tok.lemma_.lower() in _words().directive_verbs
        if (draft.event_type == "REQUEST" or directive) and tok.pos_ in ("VERB", "AUX"):
            folded.update(id(act) for act in _asked_acts(draft, tok, by_trigger, mentions))
            continue
        if not (vow or promise or draft.event_type == "THREATEN"):
            continue
        # a vow's that-clause is what is vowed; a warning's is a statement of its own
        complements = _complements(tok, ("xcomp", "ccomp") if vow else ("xcomp",))
        if vow and not any(c.i in by_trigger for c in complements):
            harm = _vowed_harm(tok, lexicon)
            if harm is not None:
                draft.entry = replace(draft.entry, event_type=harm[0][0], mode=harm[0][1])
                # "vowed harsh punishment": the punishment is what is threatened, not whom
                draft.target = [i for i in draft.target if mentions[i].head != harm[1].i]
            continue
        for comp in complements:
            act = by_trigger.get(comp.i)
            if act is None:
                continue
            threat = as_threat(act.event_type, act.entry.mode)
            # "agreed to resume joint patrols": the agreement is the event, the act folds in
            if threat is None:
                if not (promise and act.event_type in PROMISABLE):
                    continue
            elif vow:
                draft.entry = replace(draft.entry, event_type=threat[0], mode=threat[1])
                vow = False
            elif draft.event_type != "THREATEN":
                continue  # "agreed to freeze the assets": the freeze is an event of its own
            if not draft.target and act.target:
                draft.target, draft.target_slot = act.target, f"complement:{act.target_slot}"
            folded.add(id(act))
    return [d for d in drafts if id(d) not in folded]


def drop_forecasts(
    drafts: list[EventDraft],
    doc: Any,
    lexicon: Lexicon,
    mentions: list[Mention],
    at: dict[int, int],
) -> list[EventDraft]:
    """A warning that something will happen is a threat only when the warner names harm it
    would bring about ("warned that Tehran would *pay*", "that sanctions would follow", "that
    *it* would respond"), as the guidelines code "warned": "aid agencies warned that fuel would
    run out in weeks", "economists warned that Reykjavik might accept IMF terms", "US
    officials warned that Moscow could launch an invasion" forecast, and code nothing.
    Warning someone ("warned Washington") or warning of or against something (the lexicon's
    rows) stays as the row reads it; "shoot *without warning*" gives none."""
    kept = []
    for draft in drafts:
        tok = doc[draft.trigger]
        if draft.event_type == "THREATEN" and tok.head.lower_ == "without":
            continue
        if draft.event_type == "THREATEN" and tok.lemma_.lower() in _words().warning_verbs:
            clauses = [c for c in tok.children if c.dep_ == "ccomp"]
            if (
                clauses
                and not any(c.dep_ in ("dobj", "prep", "dative") for c in tok.children)
                and not any(_menacing(c, lexicon, draft.source, mentions, at) for c in clauses)
            ):
                continue
        kept.append(draft)
    return kept


def threats_on_acts(
    drafts: list[EventDraft], doc: Any, at: dict[int, int], mentions: list[Mention]
) -> list[EventDraft]:
    """A warning that names what the warner's side would do is coded on that act: "the KIA
    warned that *it would shoot down* any junta aircraft", "warned Belarus that *it would
    widen sanctions*" are THREATEN on "shoot down" and "widen sanctions", with the act's
    agent as source (the pronoun, "Tehran" for its parliament speaker), as the guidelines
    code threats with a named agent since part 53 (older records were recoded to it in
    session 36). An act no row codes moves the threat all the same ("warned that Beijing
    would *take* resolute countermeasures"). The threat keeps the warning's mode and target
    (whom it warned, or the condition's actor) and is made, dated and placed where the
    warning is. Harm with no agent ("would be arrested", "could face sanctions") stays on
    "warned"."""
    by_trigger = {d.trigger: d for d in drafts}
    moved: set[int] = set()
    for warning in drafts:
        tok = doc[warning.trigger]
        if warning.event_type != "THREATEN" or tok.lemma_.lower() not in _words().warning_verbs:
            continue
        for clause in _warned_clauses(tok):
            if clause.lemma_.lower() in _words().undergone:
                break  # "officials could *face* visa restrictions": harm with no agent
            if _passive_harm(clause):
                # "that strikers who stayed away would be dismissed": at the strikers
                harmed = [c for c in clause.children if c.dep_ == "nsubjpass"]
                found = actors_at(expand_conj(harmed), at, warning.source)
                if found and not warning.target:
                    warning.aim(found, "harmed")
                harm = by_trigger.get(clause.i)
                if harm is not None and not harm.source:
                    _threatened_harm(warning, harm)
                break
            act = next(
                (
                    by_trigger[w.i]
                    for w in (clause, *(c for c in clause.children if c.dep_ == "dobj"))
                    if w.i in by_trigger and by_trigger[w.i].source
                ),
                None,
            )
            if act is not None:
                threat = as_threat(act.event_type, act.entry.mode)
                if threat is None or not _own_side(act.source, warning, mentions):
                    continue
                act.entry = replace(act.entry, event_type=threat[0], mode=threat[1])
                if warning.target:
                    act.target, act.target_slot = warning.target, warning.target_slot
                act.clause = warning.trigger
                moved.add(id(warning))
            else:
                doers = actors_at(
                    [s for s in clause.children if s.dep_ == "nsubj"], at, warning.source
                )
                if not doers or not _own_side(doers, warning, mentions):
                    continue
                warning.source, warning.source_slot = doers, "warned_act"
                warning.clause, warning.trigger = warning.trigger, clause.i
            break
    return [d for d in drafts if id(d) not in moved]


def promised_responses(
    drafts: list[EventDraft],
    doc: Any,
    at: dict[int, int],
    lexicon: Lexicon,
    markers: frozenset[str],
    speech: frozenset[str],
) -> list[EventDraft]:
    """A response promised is a threat: "Moscow's foreign ministry said *it would respond in
    kind*", "Tehran would *respond* proportionately if Oslo imposed the sanctions", "Russia
    *will retaliate*" are THREATEN with no mode, as the guidelines code "reserves the right to
    respond" and "vowed to retaliate". The verb (``response_verbs``) is under a modal
    (``threat_modals``), not negated, and its subject names an actor; the threat is aimed at
    the condition's actor, else at whoever the response answers ("respond *to Lithuania's*
    ban"), and is made where a verb of ``speech`` says it ("said *it would respond*" is said,
    not forecast).
    A word that already carries an event other than a retaliation row is left to it."""
    rows = [e for e in lexicon.lookup("threaten", "VERB") if not e.specificity]
    if not rows:
        return drafts
    by_trigger = {d.trigger: d for d in drafts}
    added: list[EventDraft] = []
    for tok in doc:
        if tok.lemma_.lower() not in _words().response_verbs or tok.pos_ != "VERB":
            continue
        kids = list(tok.children)
        if not _under_modal(tok) or any(c.dep_ == "neg" for c in kids):
            continue
        existing = by_trigger.get(tok.i)
        if existing is not None and existing.event_type != "ASSAULT":
            continue
        source = actors_at([s for s in kids if s.dep_ == "nsubj"], at, ())
        if not source:
            continue
        draft = EventDraft(
            sentence=existing.sentence if existing else _sentence_of(doc, tok),
            trigger=tok.i,
            entry=rows[0],
            source=source,
            target=[],
            source_slot="nsubj",
            target_slot=None,
            factors={"lexicon_weight": rows[0].weight, "promised_response": 0.9},
        )
        answered = [o for p in kids if p.dep_ == "prep" and p.lower_ == "to" for o in p.children]
        named = actors_at(condition_subjects(tok, markers), at, source) or actors_at(
            answered, at, source
        )
        if named:
            draft.target, draft.target_slot = named, "condition"
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in speech:
            draft.clause = tok.head.i
        if existing is not None:
            drafts = [d for d in drafts if d is not existing]
        added.append(draft)
    return drafts + added


def _threatened_harm(warning: EventDraft, harm: EventDraft) -> None:
    """A warned harm with no agent ("anyone who joined it *would be arrested*") is what the
    warning threatens: the guidelines code the THREATEN on "warned" in the harm's mode (arrest
    for an arrest), aimed at whoever would suffer it (a-165). The harm stays coded as a
    hypothetical act of its own, as most of the corpus codes it (s25-0067, s10-0110)."""
    threat = as_threat(harm.event_type, harm.entry.mode)
    if threat is not None and warning.entry.mode is None:
        warning.entry = replace(warning.entry, mode=threat[1])
    if not warning.target and harm.target:
        warning.aim(harm.target, "harmed")
    # the harm names what is threatened, which a bare warning does not
    warning.factors["lexicon_weight"] = max(
        warning.factors.get("lexicon_weight", 0.0), harm.entry.weight
    )


def _sentence_of(doc: Any, tok: Any) -> int:
    """The index of the sentence that holds a token."""
    return next(i for i, s in enumerate(doc.sents) if s.start <= tok.i < s.end)


def _passive_harm(clause: Any) -> bool:
    """Whether a warned clause is harm told in the passive under a modal ("strikers *would be
    dismissed*", "anyone who joined it *would be arrested*": ``passive_harms``)."""
    return (
        clause.lemma_.lower() in _words().passive_harms
        and _under_modal(clause)
        and any(c.dep_ == "nsubjpass" for c in clause.children)
    )


def _under_modal(verb: Any) -> bool:
    """Whether a verb has a modal of threat (``threat_modals``: "it *would* respond")."""
    return any(a.dep_ == "aux" and a.lower_ in _words().threat_modals for a in verb.children)


def _warned_clauses(warning: Any) -> list[Any]:
    """A warning's that-clauses whose verb is under a modal ("that it *would* respond")."""
    return [
        c
        for c in warning.children
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and _under_modal(c)
    ]


def _own_side(doers: list[int], warning: EventDraft, mentions: list[Mention]) -> bool:
    """Whether an act's doers are the warner's side: a pronoun that stands for it ("*it*
    would respond"), or an actor of the warner's country ("Iran's
    parliament speaker warned that *Tehran* ..."); not whom the warning is addressed to
    ("warned Cyprus that *it* could become a target")."""
    own = countries(warning.source, mentions)
    for i in doers:
        mention = mentions[i]
        if i in warning.target or mention.antecedent in warning.target:
            return False
        if mention.resolved_by == "pronoun" and mention.actor and mention.actor.country in own:
            return True
    return bool(countries(doers, mentions) & own)


def _menacing(
    clause: Any,
    lexicon: Lexicon,
    source: list[int],
    mentions: list[Mention],
    at: dict[int, int],
) -> bool:
    """Whether a warned-of clause reads as a threat (``source``: the warner's mentions): harm
    in retribution ("would *pay*"), a pronoun's act (read as the warner's own: "*it* would
    respond", "*he* could extend it", unless the story makes it someone else: "doctors warned
    that *he* could die"),
    harm the lexicon knows that no other named state is said to do ("sanctions", "*any*
    intervention would be met with force"), or a condition ("*if* Washington refused").
    Another state's act, named ("that *Moscow* could launch an invasion", said by US
    officials), is a forecast."""
    words = list(clause.subtree)
    if any(t.lemma_.lower() in _words().retribution for t in words) or _passive_harm(clause):
        return True
    warner = countries(source, mentions)
    warner_ids = {a.id for i in source if (a := mentions[i].actor) is not None}
    for s in clause.children:
        if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ == "PRON":
            # read as the warner's own, unless the story says whom it stands for: "doctors
            # warned that *he* could die" (Navalny) forecasts
            actor = actor_at(s, at, mentions)
            if actor is None or not actor.country or not warner or actor.id in warner_ids:
                return True
            if actor.kind != "person" and actor.country in warner:
                return True
    doers = [c for s in clause.children if s.dep_ == "nsubj" for c in (s, *s.conjuncts)]
    doer_countries = {
        actor.country if (actor := actor_at(d, at, mentions)) else None for d in doers
    }
    if warner and doer_countries and None not in doer_countries and not doer_countries & warner:
        return False  # another state's act, or a person's: a forecast
    if any(_conflictual(t, lexicon) for t in words):
        return True
    if any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in words):
        return True
    return any(t.lower_ == "any" and t.dep_ == "det" for t in words)


def condition_targets(
    drafts: list[EventDraft],
    doc: Any,
    at: dict[int, int],
    mentions: list[Mention],
    markers: frozenset[str],
) -> None:
    """A threat is aimed at whoever its condition names: "Ghana's energy minister warned that
    the power company would cut supplies to Togo *unless Lomé* settled its bills" threatens
    Lomé, as the annotation guidelines code it, not the one the threatened act would hit.
    Whoever is warned comes first ("warned *Belarus* that it would widen sanctions unless
    ..."), a pronoun only where nothing else was found (the corpus marks its antecedent),
    and a condition on the threatener itself ("if *it* were attacked") changes nothing. A
    condition on the country the act would hit aims the threat at it too: "will expel
    Russian diplomats if *Moscow* opens polling stations" (the guidelines since session 24;
    older records kept the diplomats, and train gains on the newer reading)."""
    for draft in drafts:
        if draft.event_type != "THREATEN" or _addressed(doc[draft.trigger], at):
            continue
        aim_at_condition(doc[draft.trigger], at, mentions, draft, markers)


def aim_at_condition(
    verb: Any,
    at: dict[int, int],
    mentions: list[Mention],
    draft: EventDraft,
    markers: frozenset[str],
) -> None:
    """Make the actors the condition on a threat names its target, with the exceptions
    ``condition_targets`` gives: a warning's threat and conditional harm said outright
    (``events.factuality``) share it."""
    subjects = condition_subjects(verb, markers)
    if draft.target and any(s.pos_ == "PRON" for s in subjects):
        return
    named = actors_at(subjects, at, draft.source)
    if named:
        draft.target, draft.target_slot = named, "condition"


def _addressed(verb: Any, at: dict[int, int]) -> bool:
    """Whether a warning names whom it is addressed to: "warned *Hungary* that ...",
    "threatened *Moscow* with sanctions"; the object of the threatened act itself is not
    ("would shut down *the country* unless the government ...", session 37)."""
    if verb.lemma_.lower() not in _words().addressing_verbs:
        return False
    return any(c.dep_ in ("dobj", "dative") and c.i in at for c in verb.children)


def drop_side_acts(drafts: list[EventDraft], doc: Any) -> list[EventDraft]:
    """Acts a sentence names but does not report as done, which the guidelines do not code:

    - what an act is done for: "sent troops *to help* their armies *fight* Boko Haram", "a
      mission *to help* the country" (the sending or the mission is the event);
    - what someone is only asked or ordered to do (``_only_asked``);
    - a retaliation that names its act (``_answered_by_act``);
    - what the main act brought about (``_consequence``), an attack's toll included
      (``_toll``);
    - an agreement another act keeps or breaks (``_existing_pact``).
    """
    by_trigger = {d.trigger: d for d in drafts}
    kept = []
    for draft in drafts:
        tok = doc[draft.trigger]
        main = _restated(tok, by_trigger)
        if main is not None:
            if not main.target and draft.target:  # "in protest at *the closure*"
                main.aim(draft.target, draft.target_slot)
            continue
        purpose = (
            tok.lemma_.lower() in _words().purpose_verbs
            and tok.dep_ in ("advcl", "xcomp", "acl", "ccomp")
            and is_infinitive(tok)
        )
        # "to help the police *fight* gangs": the fight is what the help is for (where
        # "Royal Marines helped *detain* a tanker" did detain it)
        helper = tok.head
        helped = (
            helper.lemma_.lower() == "help"
            and tok.dep_ in ("xcomp", "ccomp")
            and is_infinitive(helper)
        )
        if (
            _existing_pact(draft, tok)
            or (purpose and not _asked_for(tok.head))
            or helped
            or _answered_by_act(tok)
            or _only_asked(tok)
            or _consequence(tok)
            or _toll(tok, by_trigger)
        ):
            continue
        kept.append(draft)
    return kept


def aid_deployments(drafts: list[EventDraft], doc: Any, mentions: list[Mention]) -> None:
    """A deployment that helps the state it goes to is military assistance, AID, as the
    guidelines code it: "Rwanda sent 1,000 soldiers to Mozambique *to help* fight the
    insurgents", "Kenya will deploy police to Haiti *to lead* a UN-backed mission", "sent
    police *at the request of* Prime Minister Sogavare". A deployment with no such aim (to a
    border, as a show of force) stays MOBILIZE. Only deployments with a target qualify: who
    is helped must be named, and be another country than the one deploying ("ordered the
    army to guard ports" at home mobilises)."""
    aims = _words().aid_purposes
    for draft in drafts:
        if draft.event_type != "MOBILIZE" or not draft.target:
            continue
        if countries(draft.target, mentions) <= countries(draft.source, mentions):
            continue
        tok = doc[draft.trigger]
        if tok.pos_ != "VERB":
            continue
        purposes = [
            c for c in tok.children
            if c.dep_ in ("advcl", "xcomp") and is_infinitive(c) and c.lemma_.lower() in aims
        ]  # fmt: skip
        requested = [
            g
            for p in tok.children
            if p.dep_ == "prep" and p.lower_ == "at"
            for g in p.children
            if g.dep_ == "pobj" and g.lemma_.lower() in aims
        ]
        if purposes or requested:
            draft.entry = replace(draft.entry, event_type="AID", mode=None)


def _restated(tok: Any, by_trigger: dict[int, EventDraft]) -> EventDraft | None:
    """The coded act a word only says the purpose or the kind of: "summoned the ambassador *to
    protest* against the attack", "marched on the palace *to protest* against fuel prices",
    "blocked the highway *in protest* at the closure" (the summons, the march and the
    blockade are the events; the guidelines do not code the purpose again); None when the
    word is an event of its own."""
    if tok.lemma_.lower() not in _words().restating_words:
        return None
    if tok.pos_ in ("VERB", "AUX"):
        head = tok.head if tok.dep_ in ("advcl", "xcomp") and is_infinitive(tok) else None
    elif tok.head.dep_ == "prep" and tok.head.lower_ == "in":
        head = tok.head.head
    else:
        head = None
    return by_trigger.get(head.i) if head is not None and head.i != tok.i else None


def _existing_pact(draft: EventDraft, tok: Any) -> bool:
    """An agreement named as the thing another act keeps or breaks ("accused Uruguay of
    *breaching* a 1975 river *treaty*", "once Tehran has *met* its *commitments*", "*revoked*
    a military cooperation *accord*"): a pact that stands, not an agreeing reported here."""
    if draft.event_type != "AGREE" or tok.pos_ != "NOUN":
        return False
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    return tok.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in _words().pact_keeping


def _answered_by_act(tok: Any) -> bool:
    """A response that names its act is that act: "Moscow *retaliated* by banning food
    imports" is the ban, "..., *retaliating* for London's expulsions" the main clause's act."""
    if tok.lemma_.lower() not in _words().response_verbs or tok.pos_ not in ("VERB", "AUX"):
        return False
    by_act = any(
        c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pcomp" for g in c.children)
        for c in tok.children
    )
    return by_act or (tok.dep_ == "advcl" and tok.tag_ == "VBG")


def _only_asked(tok: Any) -> bool:
    """An act another party is asked or ordered to do, whether or not the asking coded an
    event ("the armed forces chief urged him *to step down*", "gave militiamen 72 hours *to
    surrender*", "ignored calls from ASEAN *to free* her"): the guidelines code the request."""
    head = tok.head
    # the parser also hangs the clause on the verb that takes the call ("ignored *calls* ...
    # to free her")
    askers = [head, *(c for c in head.children if c.dep_ == "dobj")]
    return (
        tok.dep_ in ("xcomp", "ccomp", "acl", "advcl")
        and any(w.lemma_.lower() in _words().directing_words for w in askers)
        # the "to" infinitive: "told reporters *that* troops had opened fire" is a report
        and is_infinitive(tok)
    )


def _consequence(tok: Any) -> bool:
    """A participle that says what the main act brought about ("the last flight left Kabul,
    *ending* America's longest war"): a result, not an act of its own."""
    return tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.lemma_.lower() in _words().result_verbs


def _toll(tok: Any, by_trigger: dict[int, EventDraft]) -> bool:
    """A killing participle after an attack ("shelled Hama, *killing* at least 24 people"):
    the toll is the attack's result, not a second ASSAULT (guidelines, "Death tolls are not
    events"). The attack is a draft on the verb the participle hangs on or on its subject
    (an event noun: "a Russian missile *strike* hit a block, *killing* 11"); a killing with
    no attack drafted beside it stays the attack."""
    if not (
        tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.lemma_.lower() in _words().toll_verbs
    ):
        return False
    head = tok.head
    near = [head, *(c for c in head.children if c.i < tok.i and c.dep_ in ("nsubj", "nsubjpass"))]
    return any(
        w.i in by_trigger and w.i != tok.i and by_trigger[w.i].event_type == "ASSAULT" for w in near
    )


def _asked_for(verb: Any) -> bool:
    """Whether a verb asks, agrees or decides that its complement be done ("urged Kenya *to
    help*", "agreed *to fight*"): then the complement is the request's or promise's act."""
    return verb.lemma_.lower() in _words().asking_verbs


def _complements(verb: Any, deps: tuple[str, ...]) -> list[Any]:
    """A verb's complement clauses of the given kinds and the verbs coordinated with them
    ("urged X to *stop* and *withdraw*")."""
    found = [c for c in verb.children if c.dep_ in deps]
    return found + [c for x in found for c in x.children if c.dep_ == "conj"]


def _vowed_harm(vow: Any, lexicon: Lexicon) -> tuple[tuple[str, str | None], Any] | None:
    """THREATEN and its mode when what is vowed reads as harm (the vow's object or complement
    verb matches a conflictual lexicon row, or is a word of retribution: "pay",
    "punishment"), with the word that says so."""
    words = [c for c in vow.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    # "vowed the *strikes* would continue": a clause about a conflictual act
    words += [s for c in words if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
    for word in words:
        if word.lemma_.lower() in _words().retribution:
            return ("THREATEN", None), word
        if (
            word.lemma_.lower() in _words().not_tolerated
            and any(c.dep_ == "neg" for c in word.children)
            and not any(_conflictual(t, lexicon) for t in word.subtree if t.i != word.i)
        ):
            # "vowed that Russia would never *allow* a colour revolution"; not allowing an
            # attack ("will not allow al-Qaeda to launch attacks") promises restraint
            return ("THREATEN", None), word
        threat = _threat_in(word, lexicon)
        if threat is not None:
            return threat, word
    return None


def _threat_in(tok: Any, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """The threat a word's conflictual lexicon row makes of a vow ("attacks", "seize")."""
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
    found = match_trigger(lexicon, tok, pos)
    return as_threat(found[0].event_type, found[0].mode) if found else None


def _conflictual(tok: Any, lexicon: Lexicon) -> bool:
    """Whether a verb or noun triggers a conflictual lexicon row."""
    return tok.pos_ in ("VERB", "AUX", "NOUN") and _threat_in(tok, lexicon) is not None


def _asked_acts(
    request: EventDraft, verb: Any, by_trigger: dict[int, EventDraft], mentions: list[Mention]
) -> list[EventDraft]:
    """The acts a request asks for ("urged the junta *to release* the prisoners", "demanded
    that the minister *resign*"): the guidelines code the request alone, its target the
    party asked (taken from the act's source when the request has none). Not what the one
    who speaks says it will do itself ("told Niamey *it would recall* its ambassador if
    ...": a warning, not a request)."""
    complements = _complements(verb, ("xcomp", "ccomp"))
    speakers = {actor_key(mentions[i]) for i in request.source if mentions[i].actor}

    def own(act: EventDraft) -> bool:
        doers = {actor_key(mentions[i]) for i in act.source if mentions[i].actor}
        return bool(doers) and doers <= speakers

    acts = [
        by_trigger[c.i]
        for c in complements
        if c.i in by_trigger and not (c.dep_ == "ccomp" and own(by_trigger[c.i]))
    ]
    for act in acts:
        if not request.target and act.source:
            request.aim(list(act.source), "asked")
    return acts


def answer_claims(drafts: list[EventDraft], doc: Any, mentions: list[Mention]) -> None:
    """A denial answers the claim made in its sentence: "Nepal accuses New Delhi of a
    blockade, a charge India denies", "India demanded that Pakistan hand over the suspects,
    as Islamabad denied ...". A refusal with no target takes the claimant as its target when
    the sentence holds one claim (accusation, demand or threat) by another actor; and a claim
    the refusal governs ("rejected *US calls*") takes the refuser as its target.
    """
    for reply in drafts:
        if reply.event_type != "REJECT" or not reply.source:
            continue
        # "asked Hungary to withdraw a law, but Orbán refused to scrap *it*": the refused
        # act's object is no target when the one asked refuses
        complement = (reply.target_slot or "").startswith("complement")
        if reply.target and not complement:
            continue
        own = {actor_key(mentions[i]) for i in reply.source}
        claims = [
            d
            for d in drafts
            if d.sentence == reply.sentence
            and d.event_type in _CLAIM_TYPES
            and d.source
            and not own & {actor_key(mentions[i]) for i in d.source}
        ]
        # several claims: the one the refusal takes as its object ("rejected *US calls* for a
        # ceasefire, accusing Washington of ...")
        objects = [d for d in claims if _object_of(doc[d.trigger], reply.trigger)]
        if len(claims) != 1 and len(objects) != 1:
            continue
        claim = claims[0] if len(claims) == 1 else objects[0]
        if reply.target and not countries(reply.source, mentions) & countries(
            claim.target, mentions
        ):
            continue
        reply.aim(list(claim.source), "answered_claim")
        governed = doc[reply.trigger].is_ancestor(doc[claim.trigger])
        if not claim.target and governed:
            claim.aim(list(reply.source), "answered_by")


def countries(indices: list[int], mentions: list[Mention]) -> set[str]:
    """The countries of some mentions' actors (the named ones: no country is no country)."""
    return {a.country for i in indices if (a := mentions[i].actor) is not None and a.country}


def _object_of(tok: Any, verb: int) -> bool:
    """Whether a claim's trigger is the object of the verb at index *verb* (a clause when the
    parser reads "rejected US *calls*" as "the US calls")."""
    return tok.dep_ in ("dobj", "ccomp") and tok.head.i == verb


def comment_targets(drafts: list[EventDraft], doc: Any, at: dict[int, int]) -> None:
    """A reaction to what the sentence reports is aimed at whoever did it: the subject of
    the clause it comments on, when it has no target of its own.

    - a closing comment ("Iraq said it would readmit the inspectors, *a move the White House
      dismissed*", "..., a claim the ministry denied"): the main clause's subject;
    - a verb whose object names that act ("Human Rights Watch said soldiers executed 223
      villagers, but the government *rejected the report*", "the Commonwealth suspended
      Zimbabwe, and Mugabe *dismissed the decision*"): the subject of the clause it is
      coordinated with or hangs on, in place of the act noun made a target."""
    comment_nouns = _words().comment_nouns
    for draft in drafts:
        verb = doc[draft.trigger]
        noun = verb.head
        if (
            verb.dep_ == "relcl"
            and not draft.target
            and noun.lemma_.lower() in comment_nouns
            and noun.i > 0
            and doc[noun.left_edge.i - 1].text == ","
        ):
            clause = verb.sent.root
        else:
            clause = _commented_clause(verb, draft, at, comment_nouns)
        if clause is None:
            continue
        found = actors_at(subjects_of(clause), at, draft.source)
        if found:
            draft.aim(found, "commented_clause")
            draft.factors.pop("implicit_target", None)


def _commented_clause(
    verb: Any, draft: EventDraft, at: dict[int, int], comment_nouns: frozenset[str]
) -> Any | None:
    """The clause a verb's definite act-noun object points back to ("*the* decision"), when
    that object is all the draft has for a target and the verb is coordinated with the clause
    or hangs on it."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in comment_nouns]
    if len(objects) != 1 or verb.dep_ not in ("conj", "advcl") or verb.pos_ != "VERB":
        return None
    noun = objects[0]
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return None
    if draft.target and draft.target != [at.get(noun.i)]:
        return None
    return verb.head if verb.head.pos_ in ("VERB", "AUX") else None


#: Types a refusal in the same sentence answers (``answer_claims``).
_CLAIM_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN"})


def concessions_to_unrest(drafts: list[EventDraft], doc: Any, mentions: list[Mention]) -> None:
    """A concession made in answer to unrest is made to the protesters: "Kazakhstan's
    government scrapped a planned rise in fuel prices after two days of protests *by oil
    workers*", "*Bowing to* road blockades by truckers, Peru's government scrapped a tax",
    as the annotation guidelines code it. The protest must sit in the concession's own
    clause, among its adjuncts; a concession aimed at a named actor keeps it."""
    protests = [d for d in drafts if d.event_type == "PROTEST" and d.source]
    for draft in drafts:
        conceder = doc[draft.trigger]
        # a promise answering unrest concedes, unless the sentence names its concession
        # apart ("agreed to reinstate him, *bowing* to a march")
        promise = (
            draft.event_type == "AGREE"
            and conceder.lemma_.lower() in _words().promise_verbs
            and not any(d.event_type == "CONCEDE" and d.sentence == draft.sentence for d in drafts)
        )
        if (draft.event_type != "CONCEDE" and not promise) or any(
            mentions[i].resolved_by == "kb" for i in draft.target
        ):
            continue
        for protest in protests:
            tok = doc[protest.trigger]
            if (
                protest.sentence == draft.sentence
                and conceder in tok.ancestors
                and not set(protest.source) & set(draft.source)
                and (_adjunct_path(tok, conceder) or (promise and _promised_after(tok, conceder)))
            ):
                if promise:  # "agreed to raise the wage after strikes by garment workers"
                    draft.entry = replace(draft.entry, event_type="CONCEDE", mode=None)
                draft.aim(list(protest.source), "answered_unrest")
                break


def conceded_unrest(drafts: list[EventDraft], doc: Any) -> None:
    """Unrest a concession answers is aimed at whoever conceded: "South Korea's government
    gave in to *striking* truck drivers", "caved in to striking lawyers" (the strike is
    against the government, s35-0036, s42-0031). Only a protest with no target of its own,
    whose doers the concession in its sentence is made to; not the unrest the concession
    ends ("ended *her* hunger strike", her own act)."""
    for protest in drafts:
        if protest.event_type != "PROTEST" or protest.target or not protest.source:
            continue
        word = doc[protest.trigger]
        for draft in drafts:
            if (
                draft.event_type == "CONCEDE"
                and not (word.dep_ == "dobj" and word.head.i == draft.trigger)
                and draft.sentence == protest.sentence
                and draft.source
                and set(protest.source) & set(draft.target)
                and not set(protest.source) & set(draft.source)
            ):
                protest.aim(list(draft.source), "conceded_to")
                break


def promises_under_pressure(drafts: list[EventDraft], doc: Any) -> None:
    """A promise made "bowing to" someone's pressure is made to them: "Seoul agreed to raise
    its share, *bowing to pressure from Washington*" is AGREE aimed at Washington, beside the
    CONCEDE on "bowing", as the guidelines code it (s4-0188, s8-0134)."""
    yielders = slot_words().yield_verbs
    for draft in drafts:
        if draft.event_type != "AGREE" or draft.target:
            continue
        promise = doc[draft.trigger]
        for bow in drafts:
            tok = doc[bow.trigger]
            if (
                bow.event_type == "CONCEDE"
                and bow.target
                and tok.lemma_.lower() in yielders
                and tok.dep_ == "advcl"
                and promise in tok.ancestors
                and not set(bow.target) & set(draft.source)
            ):
                draft.aim(list(bow.target), "pressed_by")
                break


def _promised_after(tok: Any, promiser: Any) -> bool:
    """Whether ``tok`` hangs on the act a promise names through an adjunct: "agreed to raise
    the wage *after* two weeks of strikes"."""
    act = branch(tok, promiser)
    return act.dep_ == "xcomp" and _adjunct_path(tok, act)


def agreements_ending_unrest(drafts: list[EventDraft], doc: Any, at: dict[int, int]) -> None:
    """An agreement after which protesters end their unrest is a concession to them:
    "Greek farmers ended their blockade after the government *agreed* to cut diesel
    taxes", "the unions called off the strike after the ministry *agreed* to pay", as the
    guidelines code it (s45-0038). Its target is whoever ended the unrest."""
    words = _words()
    for draft in drafts:
        tok = doc[draft.trigger]
        if draft.event_type != "AGREE" or tok.lemma_.lower() not in words.promise_verbs:
            continue
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        ender = tok.head
        if tok.dep_ != "advcl" or not marks & slot_words().after_prepositions:
            continue
        # what was ended, by its head: "a 40-day hunger *strike*"
        ended = {c.lemma_.lower() for c in ender.children if c.dep_ == "dobj"}
        if ender.lemma_.lower() not in words.ending_verbs or not ended & words.unrest_nouns:
            continue
        draft.entry = replace(draft.entry, event_type="CONCEDE", mode=None)
        protesters = actors_at(subjects_of(ender), at, draft.source)
        if protesters:
            draft.aim(protesters, "answered_unrest")


def _adjunct_path(tok: Any, top: Any) -> bool:
    """Whether ``tok`` hangs below ``top`` through an adjunct (a clause or phrase of time,
    reason or manner), not as its object: "scrapped the tax *after* protests", not
    "banned protests"."""
    return branch(tok, top).dep_ in ("advcl", "prep", "npadvmod", "appos", "agent")


def branch(tok: Any, top: Any) -> Any:
    """The child of ``top`` whose subtree holds ``tok`` (``top`` must be an ancestor)."""
    while tok.head.i != top.i:
        tok = tok.head
    return tok


def name_own_acts(drafts: list[EventDraft], doc: Any, mentions: list[Mention]) -> None:
    """Give an act its actor's name where the pronoun standing for it sits in a phrase the
    named subject governs, as the guidelines' spans do:

    - an event noun the subject's own verb carries on ("Russia completed *its* withdrawal",
      "Washington widened *its* curbs"): the subject's name, not "its";
    - a participle added to a reported clause ("Pyongyang said *it* had tested a bomb,
      *defying* the Security Council"): the reporter acts, not "it" of the report.

    Only a pronoun that stands for that very subject is replaced."""
    for draft in drafts:
        if len(draft.source) != 1:
            continue
        pronoun = mentions[draft.source[0]]
        if pronoun.resolved_by != "pronoun" or pronoun.antecedent is None:
            continue
        named = mentions[pronoun.antecedent]
        if named.actor is None:  # a person the KB lacks: the pronoun carries the actor
            continue
        if named.sentence != pronoun.sentence or named.resolved_by == "pronoun":
            continue
        tok, word = doc[draft.trigger], doc[pronoun.head]
        governor = None
        if tok.pos_ == "NOUN" and word.dep_ == "poss" and word.head.i == tok.i:
            if tok.dep_ == "dobj":
                governor = tok.head  # "completed its withdrawal"
        elif tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.head.dep_ == "ccomp":
            clause = tok.head  # "said it had tested ..., defying"
            if word.head.i == clause.i and word.dep_ in ("nsubj", "nsubjpass"):
                governor = clause.head
        if governor is None:
            continue
        subjects = subjects_of(governor)
        if any(s.i == named.head for s in subjects):
            draft.source = [pronoun.antecedent]


def _mutual(trigger: Any) -> bool:
    """A trigger whose subjects act on one another: "traded fire", "accused each other"."""
    # the verb itself, or the verb an event noun hangs from ("traded words of sympathy")
    if any(
        t.lemma_.lower() in _words().mutual_verbs for t in [trigger, *list(trigger.ancestors)[:3]]
    ):
        return True
    for tok in trigger.subtree:
        if tok.lower_ == "other" and any(c.lower_ == "each" for c in tok.children):
            return True
        if tok.lower_ == "another" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "one":
            return True
    return False


def or_face(drafts: list[EventDraft], doc: Any, lexicon: Lexicon) -> list[EventDraft]:
    """An ultimatum's penalty is a threat of its own: "gave Seoul 48 hours to dismantle the
    loudspeakers *or face* military action" is the REQUEST and a THREATEN by the same giver
    to the same addressee, in the mode of the harm faced ("or face *arrest*": arrest), as the
    annotation guidelines code it, on the ultimatum's trigger. A sentence that already
    threatens them adds none."""
    added: list[EventDraft] = []
    for face in (t for t in doc if t.lemma_.lower() == "face" and t.i > 0):
        if doc[face.i - 1].lower_ != "or":
            continue
        sent = [d for d in drafts if d.source and d.target and d.trigger < face.i
                and doc[d.trigger].sent.start == face.sent.start]  # fmt: skip
        if not sent or any(d.event_type == "THREATEN" for d in sent):
            continue
        above = [d for d in sent if doc[d.trigger] in face.ancestors]
        base = (above or sorted(sent, key=lambda d: d.trigger))[-1]
        harm = next((c for c in face.children if c.dep_ == "dobj"), None)
        found = match_trigger(lexicon, harm, "NOUN") if harm is not None else None
        threat = as_threat(found[0].event_type, found[0].mode) if found else None
        mode = threat[1] if threat else None
        entry = replace(base.entry, event_type="THREATEN", mode=mode)
        # on the ultimatum's own word, so it is as factual as the ultimatum: "demanded that
        # the junta reinstate Bazoum ... or face" was demanded, and threatened, outright
        added.append(replace(base, entry=entry, factors=dict(base.factors)))
    return drafts + added


def fights(trigger: Any) -> bool:
    """Whether a trigger is mutual by itself: "clashed", "fought", "clashes between"."""
    return bool(trigger.lemma_.lower() in _words().mutual_fights)


def directed(
    draft: EventDraft, doc: Any, retype: Callable[[EventDraft], EventDraft] = lambda d: d
) -> list[EventDraft]:
    """A one-way event done by two actors to each other becomes two directed events.

    PLOVER codes "Moscow and Ankara traded accusations" as Moscow→Ankara and Ankara→Moscow;
    reciprocal types (meetings, agreements) keep both actors in the source instead. Fighting
    is mutual by itself: "police clashed *with* protesters" is also the protesters' act on
    the police. ``retype`` types each side by its own doer (a crowd riots, police assault).
    """
    trigger = doc[draft.trigger]
    fight = fights(trigger)
    if fight and draft.target_slot == "prep:with" and len(draft.source) == len(draft.target) == 1:
        (a,), (b,) = draft.source, draft.target
        back = replace(draft, source=[b], target=[a], target_slot="mutual")
        return [draft, retype(replace(back, factors=dict(draft.factors)))]
    one_way = "missing_target" in draft.factors  # set only for types that are not reciprocal
    if len(draft.source) != 2 or not one_way or not (fight or _mutual(trigger)):
        return [draft]
    factors = {k: v for k, v in draft.factors.items() if k != "missing_target"}
    a, b = draft.source
    return [
        retype(replace(draft, source=[x], target=[y], target_slot="mutual", factors=dict(factors)))
        for x, y in ((a, b), (b, a))
    ]


def actor_key(mention: Any) -> tuple[str, str | None]:
    actor = mention.actor
    return (actor.id, actor.sector) if actor else ("", None)
