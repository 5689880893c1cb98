"""Stage ``events.factuality``: is the event claimed, reported, denied, negated or only imagined?

The cue words live in ``data/lexicon/cues.v1.toml`` (documented in docs/lexicon.md). From the
trigger the stage climbs the dependency tree towards the root of the sentence, noting every
cue it passes: a negation on the trigger or on a verb it is the complement of ("did not
agree to send"), a verb whose complement did not happen ("failed to", "refused to"), a
denial ("X denied supplying shells", "rejected allegations that..."), a modal or "if"
(hypothetical; "would" under "said" is the past of "will", so future), "will" or a planning
verb (future), a habitual adverb, a reporting verb or "according to" (reported, with the
speaker as ``attributed_to``). The winner is the first in the order denied, negated,
hypothetical, future, habitual, reported, asserted.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from whimbrel.events.cues import Cues, load_cues
from whimbrel.events.demands import DEMAND_POS, load_demand_words
from whimbrel.events.draft import EventDraft, clause_word, drafts_of
from whimbrel.events.passes import aim_at_condition, load_answers
from whimbrel.events.plover import load_ontology
from whimbrel.events.readings import as_threat
from whimbrel.events.slots import (
    clause_above,
    condition_clauses,
    gerund_object,
    is_infinitive,
    is_passive,
    logical_subjects,
    participle_governor,
    phrasal_lemma,
    reporter_conjunct,
    slot_words,
    speaks_for_main_clause,
)
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import FACTUALITY_PRECEDENCE, Article, Mention

#: How far up the tree a cue may sit; deeper nesting is rare and usually a parse error.
MAX_CLIMB = 8
#: How many words before the trigger a multi-word cue ("set to", "has a history of") may start.
PHRASE_WINDOW = 8
#: Dependencies that carry a cue's scope down to the trigger.
_SCOPE = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "conj", "acl", "relcl", "dobj", "pobj",
                    "prep", "nsubj", "nsubjpass", "attr", "oprd", "appos", "npadvmod", "csubj"})  # fmt: skip
#: Dependencies that keep the trigger inside the governing verb's own clause, so that verb's
#: negation or "fail to" applies ("did not agree to send aid").
_SAME_CLAUSE = frozenset({"xcomp", "dobj", "conj", "prep", "pobj"})


class FactualitySettings(StageSettings):
    cues: str = "cues.v1"


Found = dict[str, tuple[str, Any]]  # factuality → (cue, speaker token or None)


def _governor(verb: Any) -> Any | None:
    """The nearest verb that governs ``verb``'s clause, or None. A conjunct answers to its
    own governors, not to the verb it is coordinated with: "saying they favoured diplomacy
    *but would use force* if ..." is governed by "saying"."""
    tok = verb
    while tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ != "conj" and head.pos_ in ("VERB", "AUX"):
            return head
        tok = head
    return None


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
        #: Claims a refusal answers (the pass file's ``[answers.claims]``): made, not negated.
        self.claims = load_answers().claim_types
        #: Types that are no threat when conditional but aimed at the condition's actor.
        self.conditional_aim = load_ontology().type_sets.conditional_aim
        #: Sectors whose speakers can bring about the harm they name (threats by a speaker).
        self.state_sectors = frozenset(load_ontology().expand_sectors(["@state"]))

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        at = {m.head: i for i, m in enumerate(article.mentions) if m.actor is not None}
        drafts = drafts_of(doc)
        for draft in drafts:
            self.assess(doc, draft, at)
        warned = {d.sentence for d in drafts if d.event_type == "THREATEN"}
        for draft in drafts:
            if draft.sentence not in warned:  # "..., Borrell warned": the warning is the threat
                self._threat(doc, draft, at, article.mentions)
        drafts.extend(self._refusals(doc, drafts))
        return article

    def _threat(
        self, doc: Any, draft: EventDraft, at: dict[int, int], mentions: list[Mention]
    ) -> None:
        """Conditional harm is a threat made now: "Russia could impose sanctions on Moldova
        *if* Chisinau signs", "would expel the ambassadors *unless* ..." is THREATEN on the
        act's words, in the act's mode, as the annotation guidelines code it ("Conditional
        harm without a threat verb"). Saying it makes it, so it is asserted even in a
        spokesman's words. So is harm promised to whoever does something: "would expel *any*
        vessel that entered the area", "would arrest *anyone* who joined the march" (the
        condition is in the target)."""
        if draft.factuality not in ("hypothetical", "future"):
            return
        verb = clause_word(doc, draft)
        speaker: list[int] = []
        if not draft.source:
            # agentless harm in a speaker's words ("protest leaders *would be arrested* if
            # they marched again, the army chief said"): the speaker threatens it
            speaker = self._speaker(verb, at, mentions) if is_passive(verb) else []
            if not speaker:
                return
        whoever = any(
            self.cues.whoever(c) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
        )
        conditional = self._condition(verb) or (verb.dep_ == "xcomp" and self._condition(verb.head))
        if not whoever and (draft.factuality != "hypothetical" or not conditional):
            return  # "could try to block ... if": the condition on the governing verb
        if not self._spoken(verb):
            return  # "warned that Tehran would strike ... if": the warning is the threat
        threat = as_threat(draft.event_type, draft.entry.mode)
        if threat is None:
            if draft.event_type in self.conditional_aim:
                # "would move two brigades to the boundary *if Kosovo's police* entered": a
                # conditional build-up is no threat, but it is aimed at the condition's actor,
                # not at where it goes (annotation guidelines, "Conditional deployment")
                aim_at_condition(verb, at, mentions, draft, self.cues.conditions)
            return
        draft.entry = replace(draft.entry, event_type=threat[0], mode=threat[1])
        if speaker:
            draft.source, draft.source_slot = speaker, "speaker"
            draft.factors.pop("agentless", None)
        # aimed at whoever the condition names ("*if* Cairo kept flying weapons"), as a
        # warning's threat is (passes.condition_targets)
        aim_at_condition(verb, at, mentions, draft, self.cues.conditions)
        # the threat is made by saying it, whoever voices it ("..., a spokeswoman said"):
        # asserted, with the speaker kept as its attribution
        draft.factuality = "asserted"
        draft.factuality_cue = None

    def _speaker(self, verb: Any, at: dict[int, int], mentions: list[Mention]) -> list[int]:
        """The mentions of whoever says ``verb``'s clause: the subject of the verb of saying
        that governs it (``threat_speech``, ``_governor``), if it names an actor of a state or
        armed sector (the ontology's ``@state``), who could bring the harm about; "legal
        experts said Netanyahu *could be arrested*" forecasts."""
        speech = _governor(verb)
        if speech is None or speech.lemma_.lower() not in self.cues.threat_speech:
            return []
        subjects = [at[c.i] for c in speech.children if c.dep_ == "nsubj" and c.i in at]
        return [
            i
            for i in subjects
            if (actor := mentions[i].actor) and actor.sector in self.state_sectors
        ]

    def _spoken(self, verb: Any) -> bool:
        """Whether ``verb`` is said outright: no verb governs it but one of saying
        (``threat_speech``), up to the nearest such verb, whatever governs that ("ordered
        a standby force, *saying* they would use force if ...")."""
        speech = _governor(verb)
        return speech is None or speech.lemma_.lower() in self.cues.threat_speech

    def _refusals(self, doc: Any, drafts: list[EventDraft]) -> list[EventDraft]:
        """A refused or ruled-out cooperative act is also a REJECT by the same actors.

        "Bukele refused to meet the envoy", "France will not lift the ban on the UK": the
        meeting and the lifting are coded negated, and the refusal is coded as what it is,
        a REJECT whose mode follows the refused act (meet, assist, yield). A REJECT the
        lexicon already found on the refusing verb gets the act's target and mode instead.
        """
        added: list[EventDraft] = []
        by_trigger = {d.trigger: d for d in drafts if d.event_type == "REJECT"}
        types = load_ontology().types
        for d in drafts:
            if d.factuality != "negated" or types[d.event_type].quad > 2:
                continue  # only cooperation can be refused; "did not attack" is no REJECT
            mode = self.cues.refusal_modes.get(d.event_type)
            refusing = _refusing_verb(doc[d.trigger], self.cues)
            if refusing is None and not _ruled_out(doc[d.trigger], self.cues):
                continue
            anchor = refusing if refusing is not None else d.trigger
            existing = by_trigger.get(anchor)
            if existing is not None:
                existing.target = existing.target or list(d.target)
                existing.entry = replace(existing.entry, mode=existing.entry.mode or mode)
                continue
            entry = replace(d.entry, event_type="REJECT", mode=mode, contexts=d.entry.contexts)
            added.append(
                replace(
                    d,
                    trigger=anchor,
                    entry=entry,
                    factuality="asserted",
                    factuality_cue=None,
                    factors={**d.factors, "derived_refusal": 0.9},
                )
            )
        return added

    def assess(self, doc: Any, draft: EventDraft, at: dict[int, int]) -> None:
        """Set ``draft.factuality``, its cue and ``attributed_to``."""
        found: Found = {}
        trigger = clause_word(doc, draft)
        self._own_cues(trigger, found)
        if draft.event_type == "THREATEN" and self._condition(trigger):
            # "threatened suicide attacks *if* they entered Najaf": the condition is what
            # the threat says, and the threat itself was made
            found.pop("hypothetical", None)
        self._phrases(trigger, found)
        self._climb(trigger, found)
        if found.get("negated", ("", None))[0] in self.cues.rejecting_verbs and (
            trigger.dep_ == "dobj" and draft.event_type in self.claims
        ):
            found.pop("negated")  # "rejected *calls* for his resignation": the calls were made
        self._according_to(trigger, found)
        self._trailing_report(trigger, found)
        if draft.entry.pos == DEMAND_POS:
            # a condition's demand (events/demands.py) is made whatever becomes of the
            # condition or of what is held back: hypothetical on "unless", as the guidelines
            # code it, and on "until" as its frame says ("said they would keep protesting
            # until ...": reported)
            for kind in ("future", "hypothetical", "negated"):
                found.pop(kind, None)
            if doc[draft.trigger].lower_ in load_demand_words().markers:
                found["hypothetical"] = (doc[draft.trigger].lower_, None)
        if "reported" in found:
            self._answered_by_denial(trigger, found)
        kind = next(k for k in FACTUALITY_PRECEDENCE if k in found or k == "asserted")
        if draft.blamed_by is not None and kind in ("asserted", "reported"):
            # "..., Petro blamed dissidents": that they did it is the blamer's claim
            found["reported"] = ("blame", None)
            kind = "reported"
        draft.factuality = kind
        draft.factuality_cue = found[kind][0] if kind in found else None
        # Whoever denies or reports the event is its source of attribution, even when a
        # stronger cue ("will", "could") decides the factuality: "He said Russia will send aid".
        for cue_kind in ("denied", "reported"):
            speaker = found.get(cue_kind, ("", None))[1]
            if speaker is not None:
                draft.attributed_to = _mention_of(speaker, at)
                break
        if draft.blamed_by is not None and kind == "reported":
            draft.attributed_to = draft.blamed_by

    def _own_cues(self, tok: Any, found: Found) -> None:
        """Cues attached to the trigger itself (or to a verb of its own clause)."""
        c = self.cues
        if self._condition(tok):  # first, so that "would" under "said" stays hypothetical
            found.setdefault("hypothetical", ("if", None))
        if tok.lemma_.lower() in c.negating_triggers:  # "acquitted": not convicted
            found.setdefault("negated", (tok.lemma_.lower(), None))
        cancelled_by = phrasal_lemma(tok.head) if tok.dep_ in ("dobj", "nsubjpass") else ""
        if cancelled_by in c.cancelling:  # "called off the *talks*"
            found.setdefault("negated", (cancelled_by, None))
        for child in tok.children:
            low, dep = child.lower_.replace("’", "'"), child.dep_
            if dep == "neg" or (dep in ("advmod", "det", "preconj") and low in c.negation):
                found.setdefault("negated", (low, None))
            elif dep in ("nsubj", "dobj") and tok.pos_ == "VERB" and _none_of(child):
                # "*No* EU government voiced support", "police made *no* arrests"
                found.setdefault("negated", ("no", None))
            elif dep in ("aux", "auxpass"):
                if low in c.future_aux or child.lemma_.lower() in c.future_aux:
                    found.setdefault("future", (low, None))
                elif low in c.modals:
                    found.setdefault("hypothetical", (low, None))
            elif dep == "mark" and low in c.conditional_markers:
                found.setdefault("hypothetical", (low, None))
            elif dep == "advmod" and low in c.habitual_adverbs:
                found.setdefault("habitual", (low, None))
            elif dep in ("npadvmod", "tmod") and any(
                g.dep_ == "det" and g.lower_ in c.frequency_determiners for g in child.children
            ):
                found.setdefault("habitual", (f"every {child.lower_}", None))
            elif dep == "advmod" and low in c.hedges_reported:
                found.setdefault("reported", (low, None))
            elif dep == "advmod" and (low in c.hedges_hypothetical or low in c.hypothetical_words):
                found.setdefault("hypothetical", (low, None))
            elif dep == "amod" and tok.pos_ == "NOUN" and low in c.habitual_adjectives:
                found.setdefault("habitual", (low, None))  # "regular talks", "repeated warnings"
            elif dep == "dobj" and tok.lemma_.lower() in slot_words().light_verbs:
                # a light verb's event noun: "hold *regular* talks", "stage *annual* drills"
                for mod in child.children:
                    if mod.dep_ == "amod" and mod.lower_ in c.habitual_adjectives:
                        found.setdefault("habitual", (mod.lower_, None))
            elif dep == "amod" and low in c.future_adjectives:
                found.setdefault("future", (low, None))
            elif (dep == "amod" and low in c.hypothetical_words) or (
                dep == "det" and tok.pos_ == "NOUN" and low in c.hypothetical_determiners
            ):  # "a possible strike", "would respond to *any* attack"
                found.setdefault("hypothetical", (low, None))

    def _phrases(self, tok: Any, found: Found) -> None:
        """Multi-word cues in the few words before the trigger ("set to", "has a history of")."""
        start = max(tok.sent.start, tok.i - PHRASE_WINDOW)
        before = " " + " ".join(t.lower_ for t in tok.doc[start : tok.i]) + " "
        c = self.cues
        for kind, phrases in (
            ("negated", c.negation_phrases),
            ("future", c.future_phrases),
            ("habitual", c.habitual_phrases),
            ("reported", c.hedges_reported),
            ("hypothetical", c.hedges_hypothetical),
        ):
            for phrase in _longest_first(phrases):
                if " " in phrase and f" {phrase} " in before:
                    found.setdefault(kind, (phrase, None))
        clause = " " + " ".join(t.lower_ for t in _own_clause(tok)) + " "
        for phrase in _longest_first(c.habitual_clause_phrases):
            if f" {phrase} " in clause:
                found.setdefault("habitual", (phrase, None))

    def _climb(self, trigger: Any, found: Found) -> None:
        """Cues on the verbs and nouns that govern the trigger, up to the sentence root."""
        c = self.cues
        # a modal on the trigger itself ("it would free") counts as passed for backshifting
        node, climbed, same_clause = trigger, 0, True
        dep = ""
        passed_modal = "hypothetical" in found
        while (
            node.head.i != node.i
            and climbed < MAX_CLIMB
            and (node.dep_ in _SCOPE or gerund_object(node) is not None)  # "denied *moving*"
        ):
            if self._presupposed(node, trigger):
                self._closing_report(trigger, node.head, found)
                return
            if _separate_clause(node) or (
                node.dep_ == "conj" and reporter_conjunct(node, node.head)
            ):
                return  # "Hu said China would ... and called on Washington": Hu's own act
            # "refused to reopen talks and rejected the offer": a finite conjunct is a
            # statement of its own, not the complement of the first verb's refusal or denial
            own_clause = node.dep_ == "conj" and node.tag_ in _FINITE
            if own_clause and self._denies_claim_made(node):
                return  # "X said ..., but Y denied the account": Y's denial is not X's report
            # "routinely brands Park a traitor and threatens ...", "marched every Friday to
            # demand ...": the governing verb's frequency carries over
            shares_frequency = climbed < 2 and (
                node.dep_ == "xcomp"
                or (node.dep_ == "advcl" and is_infinitive(node))
                or (node.dep_ == "conj" and not any(ch.dep_ in _SUBJECTS for ch in node.children))
            )  # not a result clause: "repeatedly struck the hospital, killing 42" is one attack
            main = participle_governor(node)
            skips_complement = main is not None or (
                node.dep_ == "advcl" and speaks_for_main_clause(node, node.head)
            )  # "urged Sweden to extradite them, *accusing* Stockholm": not a requested act;
            # "a decree that would have shielded officials, *bowing* to protests": not undone;
            # "denied that officers fired, *blaming* separatists": not denied
            below, dep = dep, node.dep_
            node = (
                (main or clause_above(node.head) or node.head.head)
                if skips_complement
                else node.head
            )
            if shares_frequency and node.pos_ in ("VERB", "AUX"):
                governing: Found = {}
                self._own_cues(node, governing)
                if "habitual" in governing:
                    found.setdefault("habitual", governing["habitual"])
            climbed += 1
            same_clause = same_clause and dep in _SAME_CLAUSE and not own_clause
            lemma = node.lemma_.lower()
            if same_clause and (lemma in c.negating_verbs or lemma in c.rejecting_verbs):
                found.setdefault("negated", (lemma, None))
            if same_clause and any(ch.dep_ == "neg" for ch in node.children):
                found.setdefault("negated", ("not " + lemma, None))
            if (
                node.pos_ == "VERB"
                and lemma in c.denial_verbs
                and dep != "advcl"
                and not own_clause
            ):
                found.setdefault("denied", (lemma, _speaker(node)))
            if node.pos_ == "NOUN" and lemma in c.claim_nouns:
                gov = node.head
                if gov.lemma_.lower() in c.claim_verbs | c.denial_verbs and node.dep_ in (
                    "dobj",
                    "nsubjpass",
                ):
                    found.setdefault("denied", (gov.lemma_.lower(), _speaker(gov)))
            if node.pos_ in ("VERB", "AUX"):
                # "accused X of -ing", also where the parser hangs "of" on X
                of_object = dep == "dobj" and below == "prep"
                if lemma in c.accusation_verbs and (dep in ("prep", "pcomp") or of_object):
                    found.setdefault("reported", (lemma, _speaker(node)))
                if lemma in c.request_verbs and dep in ("ccomp", "xcomp") and climbed <= 2:
                    found.setdefault("hypothetical", (lemma, None))  # "demanded that X withdraw"
                if lemma in c.reporting_verbs and _reports(dep, lemma) and not _performed(trigger):
                    speaker = _speaker(node)
                    found.setdefault("reported", (lemma, speaker))
                    backshifted = found.get("hypothetical", ("",))[0] == "would"
                    if passed_modal and backshifted and lemma in c.would_as_future_after:
                        # "Berlin said it would send tanks": backshifted will, so future
                        del found["hypothetical"]
                        found.setdefault("future", ("would", None))
                if lemma in c.future_verbs and dep == "xcomp":
                    found.setdefault("future", (lemma, None))
                if lemma in c.hypothetical_words and dep in ("xcomp", "ccomp"):
                    found.setdefault("hypothetical", (lemma, None))
                if not passed_modal and "hypothetical" not in found:
                    self._clause_modals(node, found)
            if node.pos_ == "ADJ" and dep in ("xcomp", "prep", "ccomp"):
                if lemma in c.future_adjectives:
                    found.setdefault("future", (lemma, None))
                elif lemma in c.hypothetical_words:
                    found.setdefault("hypothetical", (lemma, None))
            if (
                node.pos_ == "NOUN"
                and lemma in c.hypothetical_words
                and dep in ("prep", "pobj", "acl")
            ):
                found.setdefault("hypothetical", (lemma, None))
            if node.pos_ == "NOUN" and dep == "acl" and climbed == 1:
                # "Trump's *refusal* to side with ...", "*no* plans to send troops", "a motion
                # to oust him"; not the object of the act refused ("refusal to condemn
                # Russia's *invasion*": the invasion happened)
                none = any(ch.dep_ == "det" and ch.lower_ == "no" for ch in node.children)
                if lemma in c.negating_nouns or (none and lemma in c.future_nouns):
                    found.setdefault("negated", (lemma, None))
                elif lemma in c.future_nouns:
                    found.setdefault("future", (lemma, None))
            passed_modal = passed_modal or "hypothetical" in found

    def _answered_by_denial(self, trigger: Any, found: Found) -> None:
        """A claim the rest of the sentence denies: "HRW said police tortured medics, *a claim
        the ministry denied*", "said Iran supplied drones, *a charge Tehran dismissed*",
        "Kinshasa said Rwandan troops attacked, but Kigali *denied the account*"."""
        for noun in trigger.sent:
            if noun.i <= trigger.i or noun.lemma_.lower() not in self.cues.claim_nouns:
                continue
            if noun.left_edge.i <= trigger.i <= noun.right_edge.i:
                continue  # the claim names the trigger's event ("denied reports of an attack")
            denier = None
            before = noun.doc[max(noun.left_edge.i - 1, 0)]
            if before.text == "," and noun.dep_ in ("appos", "npadvmod", "advcl", "dobj", "attr"):
                denier = next((v for v in noun.children if _relative(v)), None)
            elif self._claim_made(noun):
                denier = noun.head
            if denier is None or trigger.i in (t.i for t in denier.subtree):
                continue
            if self._denies(denier):
                found.setdefault("denied", (denier.lemma_.lower(), _speaker(denier)))
                return

    def _denies_claim_made(self, verb: Any) -> bool:
        """ "denied the account", "rejected these claims": a denial of a claim already made."""
        return self._denies(verb) and any(self._claim_made(o) for o in verb.children)

    def _claim_made(self, noun: Any) -> bool:
        """An object that points back to a claim already made: "*the account*", "*these
        claims*"."""
        return (
            noun.dep_ == "dobj"
            and noun.lemma_.lower() in self.cues.claim_nouns
            and any(d.dep_ == "det" and d.lower_ in _ANAPHORIC for d in noun.children)
        )

    def _denies(self, verb: Any) -> bool:
        """Whether a verb denies the claim it is about: "denied", "dismissed", "brushed off",
        "called [it] propaganda", "rejected [it] as baseless"."""
        c = self.cues
        lemma = verb.lemma_.lower()
        if lemma in c.denial_verbs or lemma in c.claim_verbs:
            return True
        if any(f"{lemma} {p.lower_}" in c.denial_particle_verbs for p in verb.children):
            return True
        words = [t for t in verb.subtree if t.i > verb.i and t.dep_ in _PREDICATIVE]
        return any(t.lemma_.lower() in c.denial_words for t in words)

    def _closing_report(self, trigger: Any, node: Any, found: Found) -> None:
        """Above presupposed content only a reporting verb after the trigger still applies:
        "the gang freed the missionaries it had seized, the group said" reports the seizure,
        while in "China said it was ready to talk, a day after the Taliban seized Kabul" the
        seizure is the writer's own background."""
        dep = "ccomp"
        for _ in range(MAX_CLIMB):
            lemma = node.lemma_.lower()
            if node.i > trigger.i and lemma in self.cues.reporting_verbs and _reports(dep, lemma):
                found.setdefault("reported", (lemma, _speaker(node)))
                return
            if node.head.i == node.i:
                return
            dep, node = node.dep_, node.head

    def _presupposed(self, node: Any, trigger: Any) -> bool:
        """Whether ``node`` opens content its governor takes for granted: a clause "after"
        or "because" opens, the object of "after" or "despite", a relative clause, or a
        participle modifying a noun ("a deal brokered by China"; not "a plan to strike")."""
        dep = node.dep_
        if _relative(node):
            # "a UN report that accused its generals of genocide": the genocide is the claim's
            # content, while the accusing is the writer's background
            return node.i == trigger.i or node.head.lemma_.lower() not in self.cues.claim_nouns
        if dep == "acl":
            return node.tag_ in ("VBN", "VBG") and not any(c.dep_ == "aux" for c in node.children)
        if dep == "advcl":
            return any(
                c.dep_ == "mark" and c.lower_ in self.cues.presupposing_markers
                for c in node.children
            )
        if dep in ("pobj", "pcomp"):
            prep = node.head
            return prep.lower_ in self.cues.presupposing_preps or (
                prep.lower_ == "for"
                and prep.head.lemma_.lower() in self.cues.presupposing_for_verbs
            )
        return False

    def _condition(self, verb: Any) -> bool:
        """Whether a condition clause hangs on the verb ("will ban imports *if* Pyongyang
        tests", "would free the hostages only *if* Israel ends the war")."""
        return bool(condition_clauses(verb, self.cues.conditions))

    def _clause_modals(self, verb: Any, found: Found) -> None:
        """A modal or "if" on a governing verb of the same clause chain ("could try to launch")."""
        if self._condition(verb):
            found.setdefault("hypothetical", ("if", None))
        for child in verb.children:
            low = child.lower_.replace("’", "'")
            if child.dep_ in ("aux", "auxpass") and low in self.cues.modals:
                found.setdefault("hypothetical", (low, None))
            if child.dep_ in ("aux", "auxpass") and low in self.cues.future_aux:
                found.setdefault("future", (low, None))
            if child.dep_ == "mark" and low in self.cues.conditional_markers:
                found.setdefault("hypothetical", (low, None))

    def _trailing_report(self, trigger: Any, found: Found) -> None:
        """ "X killed Y, the Pentagon said on Friday": the parser often hangs the closing
        attribution off the last noun; a reporting verb with a subject after a comma at the
        end of the sentence still reports everything before it."""
        sent = trigger.sent
        for tok in sent:
            if tok.i <= trigger.i or tok.lemma_.lower() not in self.cues.reporting_verbs:
                continue
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj or tok.dep_ in ("ROOT", "ccomp", "xcomp", "conj"):
                continue
            start = min(t.i for t in subj[0].subtree)
            edge = tok.right_edge.i
            # at the end of the sentence, or a comma-bounded aside before more of it ("...,
            # activists said, and Washington condemned ..."): it reports what comes before
            closes = edge >= sent.end - 4 or (
                tok.dep_ == "parataxis"
                and any(t.text in (",", ";") for t in tok.doc[edge : min(edge + 2, sent.end)])
            )
            if (
                start > sent.start
                and trigger.i < start
                and tok.doc[start - 1].text == ","
                and closes
            ):
                found.setdefault("reported", (tok.lemma_.lower(), subj[0]))
                return

    def _according_to(self, trigger: Any, found: Found) -> None:
        for tok in trigger.sent:
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
                objs = [c for c in tok.nbor().children if c.dep_ == "pobj"]
                objs = objs or [c for c in tok.children if c.dep_ == "pobj"]
                found.setdefault("reported", ("according to", objs[0] if objs else None))


#: Finite verb tags: a conjunct with its own tense is a clause of its own.
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
#: Determiners by which a claim noun points back to a claim already made ("denied *the* account").
_ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "such"})
#: Dependencies of the word that judges a claim: "called it *propaganda*", "as *baseless*".
_PREDICATIVE = frozenset({"oprd", "acomp", "pobj", "dobj", "xcomp", "ccomp", "attr"})


def _relative(verb: Any) -> bool:
    """A relative clause on a noun; the small model sometimes labels a finite one ``acl``
    ("an accusation Moscow *called* propaganda")."""
    if verb.dep_ == "relcl":
        return True
    return verb.dep_ == "acl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


#: Subject dependencies: a conjunct with its own subject is its own statement.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: Children that open a clause of their own, left out of a trigger's own clause.
_OTHER_CLAUSE = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "acl", "xcomp", "csubj"})


def _own_clause(tok: Any) -> list[Any]:
    """The words of the trigger's own clause: its subtree without the clauses it governs."""
    out, stack = [], [tok]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in _OTHER_CLAUSE)
    return sorted(out, key=lambda t: t.i)


def _performed(trigger: Any) -> bool:
    """A speech act the quoted speaker performs by saying it: "'We urge Washington to stop,'
    he said" is the urging itself, not a report of one."""
    return trigger.tag_ == "VBP" and any(
        c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in trigger.children
    )


def _none_of(noun: Any) -> bool:
    """A subject or object that says nobody or nothing: "no government", "none", "nobody"."""
    if noun.lower_ in ("nobody", "none", "nothing"):
        return True
    return any(d.dep_ == "det" and d.lower_ == "no" for d in noun.children)


def _separate_clause(node: Any) -> bool:
    """A clause the parser hung as a complement of a verb after a semicolon ("X accused Y;
    the coalition denied involvement"): a sentence of its own, not what that verb governs."""
    if node.dep_ != "ccomp" or node.i > node.head.i:
        return False
    return any(t.text == ";" for t in node.doc[node.right_edge.i + 1 : node.head.i])


#: Verbs whose object is performed by being announced ("announced the repeal"), not reported.
_PERFORMATIVE = frozenset({"announce", "declare", "confirm", "unveil", "proclaim"})


def _reports(dep: str, lemma: str) -> bool:
    """Whether a reporting verb reached by ``dep`` from the trigger's side reports the event.

    A clausal complement is reported ("said Russia attacked"); a coordinated clause is a
    statement of its own ("said ..., and police detained ..."); an event noun as object is
    reported unless the verb performs it ("announced the repeal").
    """
    if dep in ("ccomp", "parataxis", "xcomp"):
        return True
    return dep == "dobj" and lemma not in _PERFORMATIVE


def _refusing_verb(trigger: Any, cues: Cues) -> int | None:
    """The "refuse"/"decline" verb the trigger is the complement of, if any."""
    node = trigger
    for _ in range(3):
        if node.dep_ not in ("xcomp", "dobj", "pcomp", "prep") or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in cues.rejecting_verbs:
            return int(node.i)
    return None


def _ruled_out(trigger: Any, cues: Cues) -> bool:
    """ "will not lift", "won't meet", "will never end": a future act negated by its actor;
    also "would not" in what someone said ("Lin said the students *would not negotiate*"),
    where "would" is the reported "will"."""
    children = list(trigger.children)
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in children)
    told = trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in cues.threat_speech
    aux = cues.future_aux | {"would"} if told else cues.future_aux
    future = any(c.dep_ == "aux" and c.lower_.replace("’", "'") in aux for c in children)
    return negated and future


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


@lru_cache(maxsize=16)
def _longest_first(phrases: frozenset[str]) -> tuple[str, ...]:
    """Cue phrases in a fixed order, longest first: the cue recorded is then the fullest one
    that matched ("almost every day", not "every day"), the same in every process (a
    frozenset's order follows the string hash seed). Sorted once per cue set, not per word."""
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))
