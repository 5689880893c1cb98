"""Stage ``events.extract``: trigger words from the lexicon, actors from dependency slots.

For every verb and noun whose lemma is in the trigger lexicon, the most specific matching
row (particle, preposition and object constraints) gives the event type and mode; the
row's or the type's slots say where the source and target sit ("the town was shelled by
forces loyal to X": the logical subject, the by-agent, is the source). A verb row with an
object constraint ("impose" + sanction) consumes its object noun, which would otherwise be
coded again as an event of its own. Each trigger yields at most one draft event with one or
more sources and targets (coordination), so a sentence can hold several events.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from whimbrel.actors.coref import filed_country, salient_country
from whimbrel.actors.knowledge_base import INTERNATIONAL, NON_STATE
from whimbrel.actors.mentions import PROBE_CONTEXT, load_kb, resolve_unspelt
from whimbrel.actors.normalise import normalise
from whimbrel.actors.references import load_references
from whimbrel.events.answered import (
    answered_build_ups,
    blamed_acts,
    claimed_acts,
    dismissed_accounts,
    named_grounds,
)
from whimbrel.events.arguments import (
    ArgumentModel,
    argument_features,
    candidates,
    load_argument_model,
)
from whimbrel.events.cues import load_cues
from whimbrel.events.demands import condition_demands
from whimbrel.events.draft import EventDraft
from whimbrel.events.lexicon import Entry, Lexicon, load_lexicon, load_object_readings
from whimbrel.events.location import locative_objects, named_states, place_near
from whimbrel.events.owners import (
    author_country,
    member_country,
    owner_country,
    past_sponsors,
    place_country,
)
from whimbrel.events.passes import (
    actor_key,
    agreements_ending_unrest,
    aid_deployments,
    answer_claims,
    comment_targets,
    conceded_unrest,
    concessions_to_unrest,
    condition_targets,
    directed,
    drop_forecasts,
    drop_side_acts,
    fights,
    fold_threats,
    load_answers,
    name_own_acts,
    or_face,
    promised_responses,
    promises_under_pressure,
    threats_on_acts,
)
from whimbrel.events.plover import Ontology, load_ontology
from whimbrel.events.resources import load_domains, load_instruments, load_retype_rules
from whimbrel.events.slots import (
    actor_at,
    actors_at,
    addressed_subject,
    adjunct_subject,
    answering_subject,
    behest,
    condition_subjects,
    coordination,
    delivered_to,
    drawn_reaction,
    expand_conj,
    fill_noun_slot,
    fill_verb_slot,
    governing_subject,
    is_amount,
    is_infinitive,
    is_passive,
    is_time,
    logical_objects,
    logical_subjects,
    organisers,
    prep_objects,
    relational,
    slot_words,
    subjects_of,
    through_amounts,
    travel_destination,
    travel_verb,
    unfolding,
    when_clause,
)
from whimbrel.events.triggers import actor_classes, match_trigger, with_conj, word_forms
from whimbrel.nlp.parse import datelines
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Actor, Article, Mention

#: Confidence factors for how the actors were found (calibrated in docs/ACCURACY.md).
INHERITED_SOURCE = 0.85
NOUN_TRIGGER = 0.9
REFERRED_ACTOR = 0.9
MISSING_TARGET = 0.85
IMPLICIT_TARGET = 0.9
AGENTLESS = 0.7
#: An event noun named by its date alone, with no actor ("since the 2021 coup").
DATED_NOUN = 0.6
#: An event noun told as happening, with no actor ("as *protests* spread").
UNFOLDING_NOUN = 0.6
#: Types whose event noun's compound modifier, when a kind of group, held it ("an *opposition*
#: rally"); others' often suffered it ("a *prisoner* release", "*migrant* deportations").
COMPOUND_AGENTS = frozenset({"PROTEST"})
#: Entity types that never make a target ("fined *$5 million*", "for *three days*").
_NOT_ACTORS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


class ExtractSettings(StageSettings):
    lexicon: str = "triggers.v1"
    induced: str | None = "triggers.induced.v1"
    drop_same_actor: bool = True
    domains: str = "domains.v1"
    instruments: str = "instruments.v1"
    retype: str = "retype.v1"
    recipient: str | None = "recipient.v1"
    agent: str | None = None
    kb: str = "default"
    #: Cue file whose condition markers ("if", "unless") aim a threat at the condition's
    #: subject; the same file as ``[events.factuality] cues`` unless you mean them to differ.
    cues: str = "cues.v1"


@stage(
    "events.extract",
    requires=["doc", "mentions"],
    assigns=["doc._.wb_drafts"],
    settings=ExtractSettings,
)
class ExtractEvents:
    """Find event triggers and fill their source and target from the parse."""

    def __init__(self, settings: ExtractSettings) -> None:
        self.settings = settings
        self.lexicon: Lexicon = load_lexicon(settings.lexicon)
        if settings.induced:
            # rows learnt from the gold train split, for words the lexicon has no row for
            self.lexicon = self.lexicon.filled_from(load_lexicon(settings.induced))
        self.ontology: Ontology = load_ontology()
        self._state_sectors = self.ontology.expand_sectors(["@state"])
        self.domains = load_domains(settings.domains)
        self.kb = load_kb(settings.kb)
        #: KB probes of bare nouns ("gunman", "central bank") repeat across a corpus; a plain
        #: dict (cleared when full) keeps the stage picklable for Dask workers
        self._probes: dict[tuple[str, bool], tuple[Actor, ...]] = {}
        self.instruments = load_instruments(settings.instruments)
        self.retype_rules = load_retype_rules(settings.retype)
        #: Markers of a condition clause ("if", "unless"), as the factuality cues list them.
        cues = load_cues(settings.cues)
        self.conditions = cues.conditions
        #: Verbs of saying that make a promised response a threat made now.
        self.threat_speech = cues.threat_speech
        #: "*anyone who* joined the march": a phrase of whoever does something, acted on
        self.whoever = cues.whoever
        self.answers = load_answers()
        self.argument_models: dict[str, ArgumentModel | None] = {
            "source": load_argument_model(settings.agent) if settings.agent else None,
            "target": load_argument_model(settings.recipient) if settings.recipient else None,
        }
        #: When a list, every decision of the argument models is appended to it as (role,
        #: article, trigger, [(candidate token, features)]): how tools/train_arguments.py
        #: collects its data.
        self.argument_log: list[tuple[str, Article, Any, list[tuple[Any, dict[str, float]]]]]
        self.argument_log = None  # type: ignore[assignment]
        #: Object classes ("@gpe", "@org") of the current article's named actors, by token.
        self._classes: dict[int, str] = {}

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        at = _token_index(article)
        self._classes = actor_classes(article)
        self._members = group_members(article.mentions) | coordinated_antecedents(article, at)
        drafts: list[EventDraft] = []
        for si, sent in enumerate(doc.sents):
            consumed: set[int] = set()
            verb_triggers: set[int] = set()
            disabled = self._disabled(article, sent, at)
            for tok in sent:
                if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() in disabled:
                    continue
                if _in_name(tok, at, article.mentions) or _reporters_question(tok):
                    continue
                match = self._match(tok, "VERB")
                if match is None:
                    continue
                entry, noun = match
                if noun is not None:
                    entry = self._noun_sense(entry, noun)
                verb_triggers.add(tok.i)
                if noun is not None:
                    consumed.update(t.i for t in with_conj([noun]))
                    if not self._is_means(entry, noun, _named_body(article, at, noun)):
                        noun = None  # "expelled the ambassador", "released prisoners": the target
                draft = self._verb_draft(article, si, tok, entry, noun, at)
                if draft is not None:
                    drafts.append(draft)
                    if match[1] is not None:
                        answered = self._answered(article, si, draft, match[1], at)
                        drafts += [answered] if answered is not None else []
            drafts += self._manner_drafts(article, si, sent, at, drafts)
            for tok in sent:
                if (
                    tok.pos_ not in ("NOUN", "PROPN")
                    or is_time(tok)  # "in March" is no march
                    or tok.i in consumed
                    or tok.lemma_.lower() in disabled
                    or _in_name(tok, at, article.mentions)
                    or _names_organisation(tok, at, article.mentions)
                    or _titled(tok)
                ):
                    continue
                match = self._match(tok, "NOUN")
                if match is None:
                    continue
                draft = self._noun_draft(article, si, tok, match[0], at, verb_triggers)
                if draft is not None:
                    drafts.append(draft)
        # the headline, when the text still carries it: it restates the lede, and the
        # guidelines code the lede ("Not coded: headlines"); ingestion takes it off
        headline = article.headline_end()
        drafts = [d for d in drafts if doc[d.trigger].idx >= headline]
        drafts = fold_threats(drafts, doc, self.lexicon, article.mentions)
        drafts = drop_forecasts(drafts, doc, self.lexicon, article.mentions, at)
        condition_targets(drafts, doc, at, article.mentions, self.conditions)
        drafts = threats_on_acts(drafts, doc, at, article.mentions)
        drafts = promised_responses(
            drafts, doc, at, self.lexicon, self.conditions, self.threat_speech
        )
        aid_deployments(drafts, doc, article.mentions)
        drafts = drop_side_acts(drafts, doc)
        drafts = dismissed_accounts(drafts, doc, at, article.mentions)
        drafts = named_grounds(drafts, doc, at, self.lexicon)
        answer_claims(drafts, doc, article.mentions)
        name_own_acts(drafts, doc, article.mentions)
        comment_targets(drafts, doc, at)
        concessions_to_unrest(drafts, doc, article.mentions)
        conceded_unrest(drafts, doc)
        promises_under_pressure(drafts, doc)
        agreements_ending_unrest(drafts, doc, at)
        drafts = blamed_acts(drafts, doc, self.ontology.type_sets.agentless)
        claimed_acts(drafts, doc, at, self.ontology.type_sets.agentless)
        answered_build_ups(drafts, doc, at, article.mentions)
        drafts = or_face(drafts, doc, self.lexicon)
        starts = [sent.start for sent in doc.sents]
        drafts = condition_demands(
            drafts, doc, at, self.lexicon, lambda i: bisect_right(starts, i) - 1, headline
        )
        sides = partial(self._side, article)
        doc._.wb_drafts = [d for draft in drafts for d in directed(draft, doc, sides)]
        return article

    def _side(self, article: Article, draft: EventDraft) -> EventDraft:
        """One side of a mutual act, typed by its own doer: protesters who clash with police
        riot (PROTEST), the police assault them (retype.v1)."""
        mentions = article.mentions
        sources = [mentions[i] for i in draft.source]
        targets = [mentions[i] for i in draft.target]
        entry = self._retype(draft.entry, sources, article.doc[draft.trigger], targets, [])
        return replace(draft, entry=entry)

    def _manner_drafts(
        self, article: Article, si: int, sent: Any, at: dict[int, int], drafts: list[EventDraft]
    ) -> list[EventDraft]:
        """Events a manner adverb makes of the verb it modifies ("Interpol and Nigerian police
        *jointly* dismantled a ring": besides the raid, the two cooperated). The lexicon's
        ADV rows name the adverbs; the verb's coordinated subjects, two actors at least, are
        the source, as the annotation guidelines code a joint act. A verb that is that event
        already ("jointly patrolled") gives no second one."""
        done = {(d.trigger, d.event_type) for d in drafts}
        out = []
        for adverb in sent:
            entries = self.lexicon.lookup(adverb.lemma_.lower(), "ADV")
            verb = adverb.head
            if not entries or adverb.dep_ != "advmod" or verb.pos_ not in ("VERB", "AUX"):
                continue
            source = actors_at(subjects_of(verb), at, ())
            if len({actor_key(article.mentions[i]) for i in source}) < 2:
                continue
            entry = entries[0]
            if (verb.i, entry.event_type) in done:
                continue
            factors = {"lexicon_weight": entry.weight}
            draft = self._draft(article, si, adverb, entry, source, "nsubj", [], None, factors, at)
            if draft is not None:
                out.append(draft)
        return out

    def _retype(
        self,
        entry: Entry,
        sources: list[Mention],
        trigger: Any,
        targets: list[Mention],
        object_mentions: list[Mention],
    ) -> Entry:
        """Protesters setting fire to a building riot; soldiers doing it assault; two states
        staging an exercise together cooperate; backing rebels is aid (retype.v1)."""
        # a state named as a whole ("Japan", not "Romanians") acts as its government
        # (docs/annotation-guidelines.md)
        sectors = {
            m.actor.sector
            or ("GOV" if m.actor.kind == "state" and _named_whole(trigger.doc, m) else None)
            for m in sources
            if m.actor is not None
        }
        target_sectors = {m.actor.sector for m in targets if m.actor is not None}
        # distinct countries acting together; a party with none ("Western allies") counts apart
        countries = {m.actor.country or m.actor.id for m in sources if m.actor is not None}
        # the trigger, its object and what is hyphened or compounded on it ("*test*-fired")
        objects = [c for c in trigger.children if c.dep_ in ("dobj", "npadvmod")]
        words = {trigger.lemma_.lower()} | {
            w.lemma_.lower()
            for c in objects
            for w in (c, *(g for g in c.children if g.dep_ == "compound"))  # "*travel* ban"
        }
        # what the trigger orders: "ordered French troops *to leave*"
        complements = {
            c.lemma_.lower()
            for c in trigger.children
            if c.dep_ == "xcomp" or (c.dep_ == "advcl" and is_infinitive(c))  # "gave X 48
        }  # hours *to leave*": the parser makes the infinitive adverbial
        complements |= {  # or a clause on the time given ("gave them 72 *hours to leave*")
            c.lemma_.lower()
            for o in trigger.children
            if o.dep_ in ("dobj", "npadvmod") and o.lemma_.lower() in slot_words().durations
            for c in o.children
            if c.dep_ in ("relcl", "acl") and is_infinitive(c)
        }
        # acted on from another state than any source's: "ordered *French* troops to leave"
        # expels them (the troops, a means of MOBILIZE, are its object rather than its
        # target), as is a UN or regional body's envoy; a firm, a platform or a charity is
        # no one's state ("lifted its ban on *WhatsApp*")
        acted_on = targets or object_mentions
        foreign = bool(acted_on and countries) and all(
            m.actor is not None
            and (m.actor.country in self.kb.countries or m.actor.country in INTERNATIONAL)
            and m.actor.country not in countries
            for m in acted_on
        )
        # acted on at home: every recipient shares a source's country ("Pakistan suspended
        # mobile phone services")
        home = bool(acted_on and countries) and all(
            m.actor is not None and m.actor.country in countries for m in acted_on
        )
        for rule in self.retype_rules:
            if (
                entry.event_type == rule["from"]
                and entry.mode in rule["modes"]
                and (not rule.get("source_sectors") or sectors & set(rule["source_sectors"]))
                and not sectors & set(rule.get("unless_sectors", ()))
                and len(countries) >= rule.get("source_countries", 0)
                and len(countries) <= rule.get("source_countries_at_most", len(countries))
                and (not rule.get("words") or words & set(rule["words"]))
                and not (rule.get("targetless") and targets)
                and (not rule.get("target_sectors") or target_sectors & set(rule["target_sectors"]))
                and (not rule.get("complements") or complements & set(rule["complements"]))
                and (foreign or not rule.get("foreign_target"))
                and (home or not rule.get("home_target"))
            ):
                return replace(entry, event_type=rule["to"], mode=rule["mode"])
        return entry

    def _noun_sense(self, entry: Entry, noun: Any) -> Entry:
        """A light verb's event takes the type and mode of its object's own specific row:
        "launched a *scathing* attack on X" is ACCUSE, "carried out a *cyber* attack" COERCE,
        "launched a *drone* attack" ASSAULT by drone, though "launch" + "attack" is ASSAULT."""
        if entry.lemma not in slot_words().light_verbs:
            return entry  # "severed diplomatic ties": the verb says what was done to them
        found = match_trigger(self.lexicon, noun, "NOUN")
        if found is None or not found[0].objects:
            return entry
        return replace(entry, event_type=found[0].event_type, mode=found[0].mode)

    def _is_means(self, entry: Entry, noun: Any, body: bool = False) -> bool:
        """Whether a row's matched object is the event's means or goods, or the act itself
        ("filed a *case* against Russia", "held *talks*"), not its recipient. A body the KB
        names is no act, though its word can be one: "joined *the French-led naval
        mission*" joins it (``body``)."""
        means = self.instruments
        forms = word_forms(noun)
        return (
            entry.event_type in means.types
            or bool(forms & (means.nouns | means.by_type.get(entry.event_type, frozenset())))
            or bool(forms & load_object_readings()["proceedings"])
            or (not body and any(self.lexicon.lookup(form, "NOUN") for form in forms))
        )

    def _disabled(self, article: Article, sent: Any, at: dict[int, int]) -> frozenset[str]:
        """Triggers not coded in this sentence because it is about sport, the arts, weather,
        markets, crime or fiction (``domains.v1.json``). Only nouns outside a named actor set
        the scene: the *Arab League* plays no football, protesters who *stormed* parliament
        bring no weather, and "killed *scores of* villagers" is a count, not a match.
        Soldiers, police or gunmen in the sentence keep it political ("opened fire on a rally
        in a *stadium*"), except in fiction ("in the *drama*, a general seizes the palace")."""
        armed = self._armed(article, [at[t.i] for t in sent if t.i in at])
        lemmas = {
            t.lemma_.lower()
            for t in sent
            if t.i not in at and t.pos_ in ("NOUN", "PROPN") and not _counting(t)
        }
        off: set[str] = set()
        for context, triggers in self.domains.even_armed if armed else self.domains.scenes:
            if lemmas & context:
                off |= triggers
        return frozenset(off)

    def _match(self, tok: Any, pos: str) -> tuple[Entry, Any] | None:
        return match_trigger(self.lexicon, tok, pos, self._classes)

    def _slots(self, entry: Entry, noun: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
        info = self.ontology.types[entry.event_type]
        default = (noun and info.noun_source_slots) or info.source_slots
        return entry.source_slots or default, entry.target_slots or info.target_slots

    def _verb_draft(
        self, article: Article, si: int, verb: Any, entry: Entry, noun: Any, at: dict[int, int]
    ) -> EventDraft | None:
        src_slots, tgt_slots = self._slots(entry)
        source, src_slot, how, crowd = _first_filled(
            src_slots, lambda s: fill_verb_slot(verb, s, noun), at, exclude=()
        )
        factors = {"lexicon_weight": entry.weight}
        parties: list[int] = []
        if (how == "inherited" or not source) and fights(verb):
            # "after *fighting* between rival army factions": the parties "between" names
            # fought, not the subject the participle would inherit
            parties = self._between(article, prep_objects(verb, "between"), at)
        if not parties and not source and noun is not None and is_passive(verb):
            # "talks between Yerevan and Baku *were held* in Abu Dhabi": the parties "between"
            # names met, as they would in the noun's own event
            parties = self._between(article, prep_objects(noun, "between"), at)
        if parties:
            return self._draft(article, si, verb, entry, parties, "prep:between", [],
                               None, factors, at)  # fmt: skip
        # "Imamoglu will *stand trial*": a row whose subject undergoes an act that may have no
        # named doer (not "Taiwan will *receive* missiles from the US")
        undergone = "nsubj" in tgt_slots and entry.event_type in self.ontology.type_sets.agentless
        if not source and not undergone:
            # "Thousands rallied in Minsk", "human rights groups accused ...": an actor the KB
            # does not name still did it (measured on the dev split: type macro-F1 0.563 ->
            # 0.582, source country 0.939 -> 0.927)
            source = self._acting(article, si, verb, crowd, at, factors, self._agent)
        clause = when_clause(verb) if entry.event_type == "ASSAULT" and is_passive(verb) else None
        if not source and clause is not None and self._attack_verb(clause):
            # "were killed when armed men stormed the consulate": the clause's attackers
            agents = expand_conj([c for c in clause.children if c.dep_ == "nsubj"])
            source = self._acting(article, si, verb, agents, at, factors, self._agent)
            src_slot = "when_clause" if source else src_slot
        if not source and not undergone:
            source = self._learned("source", article, si, verb, entry, [], at, factors)
            src_slot = "learned" if source else src_slot
        if (
            verb.lemma_.lower() in slot_words().armed_only_verbs
            and "military" in entry.contexts
            and not self._armed(article, source)
        ):
            return None  # "the delegation *left* Beijing": only troops leaving withdraw
        if how == "inherited":
            factors["inherited_source"] = INHERITED_SOURCE
        target, tgt_slot, tgt_how, rest = _first_filled(
            tgt_slots,
            lambda s: fill_verb_slot(verb, s, noun),
            at,
            exclude=source,
            means=self.instruments.nouns,
            # troops fought *with soldiers* are fighting them, not sending them
            defer=None if fights(verb) else self._sent_or_own(article, source, at, entry),
            whoever=self.whoever,
        )
        if undergone and tgt_how == "inherited":
            target = []  # "flew Bandora to Kigali *to stand trial*": not Norway's trial
        if (
            entry.objects
            and not entry.prep
            and ((rest and tgt_slot == "dobj") or tgt_how == "deferred")
        ):
            # "closed the border *with Belarus*", "recalled its ambassador *to Washington*":
            # the row's own object is a thing or the source's own, and the party it concerns
            # is its complement
            objects = expand_conj(logical_objects(verb))
            objects = [o for o in objects if word_forms(o) & entry.objects]
            partners = actors_at(_object_partners(objects, verb), at, source)
            if partners:
                target, tgt_slot, tgt_how, rest = partners, "object_prep", "slot", []
        if tgt_slot == "dobj" and entry.event_type in self.ontology.type_sets.doer_of_object:
            # "condemned *Trump's* recognition of Jerusalem": at the act's doer
            target = self._doers(verb, at, source) or target
        place = place_near(verb) if tgt_how == "deferred" else None
        if place is not None:
            # "reopened its embassy in Riyadh": the place, not the source's own embassy
            target = self._implicit_target(article, si, verb, [place.root], at, factors)
            tgt_slot = "place" if target else tgt_slot
        if (
            verb.dep_ in ("amod", "acl")
            and entry.event_type in self.ontology.type_sets.brokered
            and not target
        ):
            # "an *EU*-mediated deal" signed by X and Y, "the *UN*-brokered truce between X
            # and Y", "a ceasefire *brokered* by Qatar" that X and Y agreed: the broker
            # (named before the hyphen or by "by") mediated, towards the parties
            hyphened = [c for c in verb.children if c.i + 2 == verb.i and c.nbor(1).text == "-"]
            source = source or actors_at(hyphened, at, ())
            parties = actors_at(expand_conj(prep_objects(verb.head, "between")), at, source)
            parties = parties or actors_at(expand_conj(governing_subject(verb.head)), at, source)
            if source and parties:
                target, tgt_slot, rest = parties, "parties", []
        agentless = (
            not source
            and entry.event_type in self.ontology.type_sets.agentless
            and (is_passive(verb) or self._weapon_subject(verb))
        )
        if (source or agentless) and not target and rest:
            avoid = self._attacker_country(article, entry, source)
            target = self._implicit_target(article, si, verb, rest, at, factors, avoid=avoid)
        if source and not target and entry.event_type in self.ontology.type_sets.complement_target:
            target, tgt_slot = self._complement_target(article, verb, at, source, entry)
        # "declared a state of emergency *in Santiago*", "moved artillery *toward the line of
        # contact*"
        target, tgt_slot = self._place_target(article, si, verb, entry, at, source, target,
                                              tgt_slot, factors)  # fmt: skip
        if source and not target and entry.event_type in self.ontology.type_sets.purpose_target:
            # "fired tear gas *to disperse protesters*": whom the act was meant to move
            meant = _purposed(verb)
            target = actors_at(meant, at, source)
            people = [t for t in meant if t.lemma_.lower() not in _GROUP_EVENTS]
            if not target and people:
                target = self._implicit_target(article, si, verb, people, at, factors)
            tgt_slot = "purpose" if target else tgt_slot
        return self._draft(
            article, si, verb, entry, source, src_slot, target, tgt_slot, factors, at
        )

    def _noun_draft(
        self,
        article: Article,
        si: int,
        noun: Any,
        entry: Entry,
        at: dict[int, int],
        verb_triggers: set[int],
    ) -> EventDraft | None:
        src_slots, tgt_slots = self._slots(entry, noun=True)
        factors = {"lexicon_weight": entry.weight, "noun_trigger": NOUN_TRIGGER}
        drawn = drawn_reaction(noun)
        if drawn is not None:
            # "..., drawing condemnation from Tbilisi": the reactors' disapproval of the act
            reactors = actors_at(expand_conj(drawn[0]), at, ())
            if reactors:
                if entry.event_type == "PROTEST" and not locative_objects(noun):
                    entry = replace(entry, event_type="ACCUSE", mode="disapprove")
                target = actors_at(expand_conj(drawn[1]), at, reactors)
                return self._draft(article, si, noun, entry, reactors, "prep:from", target,
                                   "drawn_by" if target else None, factors, at)  # fmt: skip
        askers, asked = behest(noun)
        source = actors_at(expand_conj(askers), at, ())
        if source:  # "sent troops at the request of Maputo": Maputo asked the sender
            target = actors_at(expand_conj(asked), at, source)
            return self._draft(article, si, noun, entry, source, "prep:of", target,
                               "behest" if target else None, factors, at)  # fmt: skip
        source, src_slot, _, named = _first_filled(
            src_slots, lambda s: fill_noun_slot(noun, s), at, exclude=()
        )
        if src_slot in ("compound", "amod") and noun.lemma_.lower() in slot_words().summit_nouns:
            # "Lula pushed for reform *at the G20 summit*", "Modi and Xi held talks on the
            # sidelines of *the SCO summit*": the name is the summit's, its attendees here are
            # whoever acted in its setting
            attendees = actors_at(_attendees(noun), at, source)
            if attendees:
                source, src_slot = attendees, "governing_subject"
        if src_slot == "poss" and [
            article.doc[article.mentions[i].head].lower_ for i in source
        ] == ["their"]:
            # "the Philippine and Japanese coast guards held *their* first joint patrol": the
            # plural possessive stands for the governing clause's several subjects
            governors = actors_at(expand_conj(governing_subject(noun)), at, ())
            if self._several(article, governors) and len(governors) > 1:
                source = governors
        if not source and src_slot == "poss":  # "Nancy Pelosi's visit": a person the KB lacks
            # "a taxi *drivers'* strike", "the *lawyers'* long march": unrest is held by the
            # unnamed group that owns it
            holder = self._group_holder if entry.event_type in COMPOUND_AGENTS else _person
            source = self._acting(article, si, noun, named, at, factors, holder)
        elif not source and src_slot in ("agent", "prep:by"):
            # "a march *by* Protestant youth groups", "*student*-led protests": unnamed, but
            # they did it
            source = self._acting(article, si, noun, named, at, factors, self._group_holder)
        elif not source and src_slot == "compound" and entry.event_type in COMPOUND_AGENTS:
            # "a planned *opposition* rally", "a *union* sit-in": a group the KB knows the
            # kind of, which held it
            source = self._acting(article, si, noun, named, at, factors, self._group_word)
        if not source:
            # "talks between Kinshasa and the M23 rebels", "fighting between two militias":
            # the parties named by "between" are the event's actors, all of them sources
            between = prep_objects(noun, "between")
            if not between and noun.dep_ == "nsubj":
                between = prep_objects(noun.head, "between")  # "fighting erupted ... between"
            parties = self._between(article, between, at)
            if parties:
                source, src_slot = parties, "prep:between"
            elif len(members := expand_conj(between)) > 1:
                # "talks between Athens and *its creditors*": the party the KB names, and
                # the other as the unnamed one it met
                named = actors_at(members, at, ())
                others = [t for t in members if t.i not in at and t.tag_ in ("NNS", "NNPS")]
                if named and others:
                    target = self._implicit_target(article, si, noun, others, at, factors)
                    return self._draft(article, si, noun, entry, named, "prep:between",
                                       target, "prep:between" if target else None, factors, at)  # fmt: skip
        if not source:
            # "ahead of a march *that the opposition coalition has called*": its organisers
            source = actors_at(expand_conj(organisers(noun)), at, ())
            src_slot = "organisers" if source else src_slot
        caught = self._caught_at(noun) if entry.event_type == "PROTEST" else []
        if not source and caught:
            # "detained more than 300 people *at an unauthorised rally*": those caught at it
            # took part, not the police who caught them
            source = self._acting(article, si, noun, caught, at, factors, _agent_like)
            src_slot = "caught_at" if source else src_slot
        if not source and not caught and through_amounts(noun).head.i not in verb_triggers:
            # "Russia stepped up its shelling of Kharkiv": the support verb's subject acts,
            # unless the verb is an event of its own ("quelled weeks of protests")
            governors = expand_conj(governing_subject(noun))
            factors["inherited_source"] = INHERITED_SOURCE
            # "Buddhist monks led a march": unnamed, but they act
            source = self._acting(article, si, noun, governors, at, factors, _agent_like)
            src_slot = "governing_subject"
        if not source and (self.ontology.types[entry.event_type].reciprocal or fights(noun)):
            # "Mexico sent troops under a *deal* with Trump", "after *talks* with the junta
            # collapsed, the Arakan Army ...": the clause's subject is the other party
            partners = actors_at(expand_conj(prep_objects(noun, "with")), at, ())
            if partners:
                source = actors_at(expand_conj(adjunct_subject(noun)), at, partners)
                src_slot = "adjunct_subject" if source else src_slot
            elif self.ontology.types[entry.event_type].reciprocal and _after_phrase(noun):
                # "*after* 12 hours of *talks* in Ohrid, Vucic and Kurti agreed": the clause's
                # several subjects met, when it names more than one party
                parties = actors_at(expand_conj(adjunct_subject(noun)), at, ())
                if self._several(article, parties):
                    source, src_slot = parties, "adjunct_subjects"
        if not source:
            source = self._learned("source", article, si, noun, entry, [], at, factors)
            src_slot = "learned" if source else src_slot
        if src_slot == "prep:between":
            target, tgt_slot, rest = [], None, []  # the parties are all named already
        else:
            target, tgt_slot, _, rest = _first_filled(
                tuple(s for s in tgt_slots if s != src_slot),
                lambda s: fill_noun_slot(noun, s),
                at,
                exclude=source,
                means=self.instruments.nouns,
                whoever=self.whoever,
            )
        travel = travel_verb(noun) if src_slot == "governing_subject" else None
        if travel is not None and not target:
            if travel.i in verb_triggers:
                return None  # "arrived in Mongolia for a state visit": the verb codes the trip
            # "flew to Colombo for talks": the talks are where he went
            target = actors_at(expand_conj(travel_destination(noun)), at, source)
            tgt_slot = "travel_destination" if target else tgt_slot
        if source and not target:
            # "handed the Chinese ambassador a formal protest": to whom it was delivered
            target = actors_at(expand_conj(delivered_to(noun)), at, source)
            tgt_slot = "delivered_to" if target else tgt_slot
        if src_slot in ("prep:by", "agent") and not target and entry.mode == "visit":
            # "Papua New Guinea granted US forces access ... *during a visit by* Antony
            # Blinken": the visited side is the one whose act the visit is the setting of
            target = actors_at(expand_conj(governing_subject(noun)), at, source)
            tgt_slot = "visited_subject" if target else tgt_slot
        if src_slot == "prep:from" and not target:
            # "despite a request from Kyiv, Canberra has not sent": asked of Canberra
            target = actors_at(expand_conj(addressed_subject(noun)), at, source)
            tgt_slot = "addressed_subject" if target else tgt_slot
        # "the attacks on a mosque", "sued the ministry over *the deportation of* an activist"
        agentless = not source and (
            entry.event_type == "ASSAULT" or entry.mode in slot_words().agentless_of_modes
        )
        if (source or agentless) and not target and rest:
            avoid = self._attacker_country(article, entry, source)
            target = self._implicit_target(article, si, noun, rest, at, factors, avoid=avoid)
        protest = entry.event_type == "PROTEST" or (
            # "after two weeks of *strikes* by garment workers": a strike the doers retype
            source
            and self._retype(entry, [article.mentions[i] for i in source], noun, [], []).event_type
            == "PROTEST"
        )
        target, tgt_slot = self._place_target(article, si, noun, entry, at, source, target,
                                              tgt_slot, factors)  # fmt: skip
        if not target and protest:
            # "Bouteflika resigned after six weeks of protests", "scrapped the rise after two
            # days of protests by oil workers": against whoever answered
            target = actors_at(expand_conj(answering_subject(noun)), at, source)
            tgt_slot = "answering_subject" if target else tgt_slot
        return self._draft(
            article, si, noun, entry, source, src_slot, target, tgt_slot, factors, at
        )

    def _condition_subjects(self, trigger: Any) -> list[Any]:
        """The subjects of the condition on a trigger or on a verb coordinated with it ("would
        recall its ambassador and freeze work *if* ...")."""
        for verb in (trigger, *trigger.conjuncts):
            found = condition_subjects(verb, self.conditions)
            if found:
                return found
        return []

    def _weapon_subject(self, verb: Any) -> bool:
        """Whether what does the act is a weapon, no one's hand named: "two bombs *ripped
        through* a market", "a roadside bomb *struck* a police vehicle" (instruments.v1)."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return bool(subjects) and all(word_forms(s) & self.instruments.nouns for s in subjects)

    def _own_place(
        self, article: Article, place: Any, at: dict[int, int], source: list[int]
    ) -> bool:
        """Whether a place is the source's own by its possessive ("*its* southern border")."""
        own = {m.actor.country for i in source if (m := article.mentions[i]).actor}
        return any(
            c.dep_ == "poss"
            and c.i in at
            and (actor := article.mentions[at[c.i]].actor) is not None
            and actor.country in own
            for c in place.children
        )

    def _place_target(
        self,
        article: Article,
        si: int,
        trigger: Any,
        entry: Entry,
        at: dict[int, int],
        source: list[int],
        target: list[int],
        slot: str | None,
        factors: dict[str, float],
    ) -> tuple[list[int], str | None]:
        """The target and its slot, with the place an act is aimed at when it has a source and
        no target but the source itself (which ``_draft`` drops: "deployed police to *its*
        border"), where slots.v1 gives one; else the target and slot given.

        The area a measure covers (``area_modes``, ``area_prepositions``): "declared a state
        of emergency *in Santiago*", "imposed a curfew *in the capital*"; none for "on
        Tuesday". It stands for the people in it, not for the government a capital's name
        can be a metonym of: it becomes a group of the place's country, whose sector the
        ontology's ``open_sectors`` gives by the act (the corpus codes them CVL).

        Where a deployment arrives (``destination_types``, ``destination_prepositions``):
        "moved artillery *toward the line of contact*", "drills *around the island*". It keeps
        what the KB says it is (the corpus codes such places GOV). Not a place the source's
        possessive owns: "deployed federal police to *its* southern border" has no target, as
        the guidelines code a deployment to one's own border (s68-0039)."""
        if not source or _apart_from(article.mentions, source, target):
            return target, slot
        words = slot_words()
        if entry.mode in words.area_modes:
            preps, area = words.area_prepositions, True
        elif entry.event_type.lower() in words.destination_types:
            preps, area = words.destination_prepositions, False
        else:
            return target, slot
        heads = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
            heads.append(trigger.head.head)  # "a state *of emergency* in Amhara"
        places = sorted(
            (o for head in heads for prep in preps for o in prep_objects(head, prep)),
            key=lambda o: o.i,
        )
        # a place is named or determined ("in Shenzhen", "to its border", "in five
        # districts", "across most of the country"), not an idiom's bare noun ("deployed
        # *in force*")
        places = [
            o
            for o in places
            if not is_time(o)
            and (
                o.pos_ == "PROPN"
                or any(c.dep_ in _PLACE_DETERMINERS for c in o.children)
                or bool(prep_objects(o, "of"))
            )
        ][:1]
        if not places or (not area and self._own_place(article, places[0], at, source)):
            return target, slot
        if places[0].i in at:
            made = [at[places[0].i]]
        else:
            made = self._implicit_target(article, si, trigger, places, at, factors)
        made = [i for i in made if i not in source and article.mentions[i].actor is not None]
        if not made:
            return target, slot
        return (_as_areas(article, made) if area else made), "place_target"

    def _caught_at(self, noun: Any) -> list[Any]:
        """Who an act of force caught at a gathering: "detained 300 *people* at a rally",
        "*activists* arrested during a march", "dozens of *people* detained at a banned
        march"; none where no such act governs the phrase."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("at", "during"):
            return []
        verb = prep.head
        if verb.pos_ != "VERB":
            return []
        match = self._match(verb, "VERB")
        if match is None or match[0].event_type not in ("COERCE", "SANCTION"):
            return []
        return expand_conj(logical_objects(verb))  # "people *detained* at a banned march"

    def _counted(self, indices: list[int]) -> list[int]:
        """Each mention, or in its place the actors a group mention counts ("the two
        countries": each country, as ``actors.coref`` gave the same words to each)."""
        return [j for i in indices for j in self._members.get(i, [i])]

    def _between(self, article: Article, words: list[Any], at: dict[int, int]) -> list[int]:
        """The parties a "between" phrase's words name, when they name more than one."""
        parties = actors_at(expand_conj(words), at, ())
        return parties if self._several(article, parties) else []

    def _several(self, article: Article, parties: list[int]) -> bool:
        """Whether mentions name more than one party: two of them, one that counts several
        ("talks between *the two sides*"), or one plural ("fighting between *the warring
        parties*")."""
        if len(set(self._counted(parties))) > 1:
            return True
        if len(parties) != 1:
            return False
        return article.doc[article.mentions[parties[0]].head].tag_ in ("NNS", "NNPS")

    def _answered(
        self, article: Article, si: int, reply: EventDraft, noun: Any, at: dict[int, int]
    ) -> EventDraft | None:
        """The event a reply's object names, coded too (``[answers]`` in the pass file): the
        claim a refusal answers, by whoever made it towards the one who refused ("rejected
        *calls* for his resignation": a REQUEST to him, by no one named), or the act its
        doer ended ("prisoners ended their hunger *strike*": their PROTEST)."""
        found = self._match(noun, "NOUN")
        verb = reply.trigger
        if found is None or noun.doc[verb].dep_ == "relcl" or noun.dep_ == "appos":
            return None  # "a demand Petro rejected": the demand is coded where it is made
        entry, reply_type = found[0], reply.entry.event_type
        claims = self.answers.claims.get(reply_type, ())
        # "ignored *calls* from ASEAN" answers a demand, though "call" is a phone call too
        as_claim = [
            e for e in self.lexicon.lookup(noun.lemma_.lower(), "NOUN") if e.event_type in claims
        ]
        if as_claim and entry.event_type not in claims:
            entry = as_claim[0]
        if entry.event_type in self.answers.acts.get(reply_type, ()):
            return self._noun_draft(article, si, noun, entry, at, set())
        if entry.event_type not in claims:
            return None
        claim = self._noun_draft(article, si, noun, entry, at, {verb})
        if claim is None and entry.event_type in self.answers.unnamed:
            factors = {"lexicon_weight": entry.weight, "noun_trigger": NOUN_TRIGGER}
            return self._draft(article, si, noun, entry, [], "unnamed", list(reply.source),
                               "answering_subject", factors, at)  # fmt: skip
        if claim is None:
            return None
        answerer = [i for i in reply.source if i not in claim.source]
        if not claim.target and answerer:
            claim.aim(answerer, "answering_subject")
        return claim

    def _sent_or_own(
        self, article: Article, source: list[int], at: dict[int, int], entry: Entry
    ) -> Callable[[Any], bool]:
        """Which object words are what the source sends or owns rather than whom it acts on:
        means ("missiles", "troops") and a thing of its own ("*its* ambassadors"). Types
        that are done to people, never with them, take no means: "sentenced 11 *soldiers*
        to death", "arrested two *police officers*"."""
        done_to = self.ontology.type_sets.done_to
        done = entry.event_type in done_to or entry.mode in slot_words().done_to_modes
        means = frozenset() if done else self.instruments.nouns
        mentions = article.mentions
        own = _countries_of(mentions, source)

        def defer(tok: Any) -> bool:
            if word_forms(tok) & means:
                return True
            if word_forms(tok) & slot_words().quantity_heads:  # "hundreds of drones"
                return any(defer(g) for g in prep_objects(tok, "of"))
            if is_amount(tok):  # "the first of ten patrol boats", not "118 of its members"
                return any(word_forms(g) & means for g in prep_objects(tok, "of"))
            if relational(tok):  # "his *counterpart*"
                return False
            for poss in (c for c in tok.children if c.dep_ == "poss" and c.lower_ in _OWNERS):
                idx = at.get(poss.i)
                owner = mentions[idx].actor if idx is not None else None
                if owner is not None and owner.country in own:
                    return True
            return False

        return defer

    def _complement_target(
        self, article: Article, verb: Any, at: dict[int, int], source: list[int], entry: Entry
    ) -> tuple[list[int], str | None]:
        """The target of the act threatened, refused, agreed or asked for.

        "threatened to expel the EU ambassador", "agreed to deploy troops to East Timor",
        "warned that ... if Tbilisi kept jailing": the recipient sits in the complement
        clause, as the object of its verb or the subject of an "if" clause. A demand's
        "that" clause names who is asked by its subject: "India demanded that *Pakistan*
        hand over the suspects". What the source sends ("troops", "its envoy") is the answer
        only when the complement names no one else.
        """
        event_type, mentions = entry.event_type, article.mentions
        sent = self._sent_or_own(article, source, at, entry)
        own = _countries_of(mentions, source)

        def moved(word: Any) -> bool:
            """What the source sends of its own, not another state's troops ("drive
            *Ecuadorean troops* out")."""
            actor = actor_at(word, at, mentions)
            return sent(word) and (actor is None or actor.country in own | {None})

        deferred: tuple[list[int], str | None] = ([], None)
        for child in verb.children:
            if (
                child.dep_ == "ccomp"
                and event_type in self.ontology.type_sets.clause_subject_target
            ):
                subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
                found = actors_at(expand_conj(subjects), at, source)
                if found:
                    return found, "complement:nsubj"
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                for slot in self._complement_slots(child):
                    words = expand_conj(fill_verb_slot(child, slot, None)[0])
                    means = [w for w in words if moved(w)]
                    found = actors_at([w for w in words if w not in means], at, source)
                    if found:
                        return found, f"complement:{slot}"
                    if means and not deferred[0]:
                        deferred = (actors_at(means, at, source), f"complement:{slot}")
            if child.dep_ == "advcl":
                conditions = [child]
            elif child.dep_ == "ccomp":
                conditions = [c for c in child.subtree if c.dep_ == "advcl"]
            else:
                conditions = []
            for clause in conditions:
                if any(m.lower_ in ("if", "unless") for m in clause.children if m.dep_ == "mark"):
                    found = actors_at(subjects_of(clause), at, source)
                    if found:
                        return found, "condition:nsubj"
        return deferred

    def _doers(self, verb: Any, at: dict[int, int], source: list[int]) -> list[int]:
        """The possessors of a verb's object that is an act ("*Chile's* deployment", "*the
        junta's* decision"): who did what the verb answers."""
        objects = [o for o in logical_objects(verb) if o.pos_ == "NOUN"]
        acts = [o for o in objects if self.lexicon.lookup(o.lemma_.lower(), "NOUN")]
        owners = [c for o in acts for c in o.children if c.dep_ == "poss"]
        return actors_at(expand_conj(owners), at, source)

    def _complement_slots(self, verb: Any) -> tuple[str, ...]:
        """Where a complement verb names whom its act is done to: its own row's target slots
        when it is a trigger ("refused to *extradite* a dissident *to Russia*": Russia), else
        the object and the prepositions of a transfer or an attack."""
        found = self._match(verb, "VERB")
        own = self._slots(found[0])[1] if found is not None else ()
        return tuple(dict.fromkeys((*own, *_COMPLEMENT_SLOTS)))

    def _implicit_target(
        self,
        article: Article,
        si: int,
        trigger: Any,
        tokens: list[Any],
        at: dict[int, int],
        factors: dict[str, float],
        factor: str = "implicit_target",
        avoid: str | None = None,
    ) -> list[int]:
        """Targets (or sources) that are not named actors: "seized the bridges", "killed two
        farmers", "sentenced a protest leader", "called on *Muammar Gaddafi*" (a name the KB
        lacks).

        PLOVER codes the recipient of an event even when it is a place, a group of people or
        a thing; its country is the one it is in ("the Hayat hotel in Mogadishu"), else the
        one the article is about there. (Measured on the dev split: taking such targets for
        every type, not just material ones, raised type macro-F1 from 0.535 to 0.561.) The
        words become a mention resolved as ``implicit``, kind group, so users can tell them
        from named actors. ``factor`` names the confidence factor the draft records.
        """
        made: list[int] = []
        # where the event happened ("killed ten civilians *in Kabul*")
        place = place_near(trigger, owners=True)
        near = named_states(article)
        setting = place_country(place, self.kb, article.date, near) if place is not None else None
        if setting is None:  # else where the story was filed ("KREMENCHUK, Ukraine —")
            filed = datelines(article.text)
            setting = filed_country(self.kb, filed, trigger.idx, article.date)
        for tok in tokens:
            forms = word_forms(tok)
            if forms & _NOWHERE:
                continue  # "fired two missiles into the sea": no one was hit
            if forms & slot_words().never_recipients:
                continue  # "vowed *revenge*": what is threatened, not whom
            acted_on = factor != "implicit_source" and bool(_GROUP_EVENTS & forms)
            # a group the KB knows acts, though the lexicon has its word ("an *opposition* rally")
            group = factor == "implicit_source" and tok.dep_ == "compound" and self._group_word(tok)
            if tok.ent_type_ in _NOT_ACTORS or (
                self.lexicon.lookup(tok.lemma_.lower(), "NOUN") and not (acted_on or group)
            ):
                continue  # "launched an offensive": no one is the offensive
            span = _phrase(tok)
            salient = False
            owned = past_sponsors(self.kb, span)
            # whoever the phrase names as owner ("Islamic State positions"); none for
            # "European diplomats"; else the place it is in, the story's country, or a place
            # the sentence names ("Police fired on mourners in Kasserine")
            mods = normalise(span[: tok.i - span.start].text).split()
            unowned = (
                self.kb.unowned_in(mods)
                or self.kb.foreign_in(mods, tok.lemma_.lower())
                or (tok.tag_ == "NNS" and self.kb.several_in(mods, tok.lower_))
                or self.kb.placeless([*mods, normalise(tok.text)])
            )
            country = (
                owner_country(owned, tok, self.kb, article.date)
                or member_country(tok, self.kb, article.date)
                or author_country(tok, self.kb, article.date)
            )
            if not country and not unowned:
                # where the phrase says it is: "a school bus *in Yemen's Saada province*"
                here = next(
                    (c for o in locative_objects(tok)
                     if (c := place_country(_phrase(o), self.kb, article.date, near))),
                    None,
                )  # fmt: skip
                named = place_country(owned, self.kb, article.date, near)
                if named is not None and named not in near and (here or setting):
                    named = None  # "the town of Palma in northern Mozambique": not Palma, Spain
                country = named or here or setting
                salient = country is None
                country = (
                    country
                    or salient_country(article.mentions, si, avoid=avoid)
                    or place_country(tok.sent, self.kb, article.date, near)
                )
            context = (country,) if country else ()
            actor = resolve_unspelt(self.kb, tok, span.text, article.date, context)
            if actor is None or not actor.country:
                # no country to resolve it in: its sector still shows who acts ("two
                # *gunmen*" are armed, whoever's they are)
                probe = resolve_unspelt(self.kb, tok, span.text, article.date, PROBE_CONTEXT)
                slug = "-".join(span.text.lower().split())[:60]
                actor = Actor(name=span.text, id=f"wb:implicit:{slug}", country=country,
                              sector=probe.sector if probe else None, kind="group")  # fmt: skip
            mention = Mention(text=span.text, start=span.start_char, end=span.end_char, sentence=si,
                              actor=actor, resolved_by="implicit", head=tok.i,
                              token_start=span.start, token_end=span.end,
                              salient=salient)  # fmt: skip
            article.mentions.append(mention)
            at[tok.i] = len(article.mentions) - 1
            made.append(len(article.mentions) - 1)
        if made:
            factors[factor] = IMPLICIT_TARGET
        return made

    def _acting(
        self,
        article: Article,
        si: int,
        trigger: Any,
        words: list[Any],
        at: dict[int, int],
        factors: dict[str, float],
        agent: Callable[[Any], bool],
    ) -> list[int]:
        """The named actors among words that say who acted, else those of the unnamed ones
        ``agent`` accepts, made implicit sources ("*armed men* stormed", "*monks* led")."""
        found = actors_at(words, at, ())
        # "wildfires killed one firefighter": no one acted
        crowd = [t for t in words if t.i not in at and agent(t) and not _hazard(t)]
        if found or not crowd:
            return found
        return self._implicit_target(article, si, trigger, crowd, at, factors, "implicit_source")

    def _mere_cause(self, trigger: Any) -> bool:
        """An active verb whose subject is no one, no act of violence and no weapon: "the
        virus has killed 600 people", "wildfires killed a firefighter" name a cause, not an
        unnamed attacker (where "a gunman killed", "border clashes killed", "the raid that
        killed" and "a car bomb killed" do)."""
        causes = logical_subjects(trigger)[0]  # "the raid *that* killed": the raid
        if not is_passive(trigger) and any(_hazard(c) for c in causes):
            return True  # "a minibus collided with a tanker, *killing* 14 people"
        if not any(c.dep_ == "nsubj" for c in trigger.children):
            return False
        # "the bombing of a market *that* killed": the market's event too
        causes += [c.head.head for c in causes if c.dep_ == "pobj" and c.head.head.pos_ == "NOUN"]
        return not any(self._someone(c) or self._violent(c) for c in causes)

    def _someone(self, tok: Any) -> bool:
        """A word that names an actor the KB knows the kind of, if not the country ("whose
        *coast guard* rammed", "a *gunman*"), or a named person, body or people."""
        return tok.ent_type_ in ("PERSON", "ORG", "NORP") or bool(self._probed(tok))

    def _attack_verb(self, verb: Any) -> bool:
        """A verb the lexicon codes as an attack in some sense ("stormed", "opened fire")."""
        return any(e.event_type == "ASSAULT" for e in self.lexicon.lookup(verb.lemma_, "VERB"))

    def _agent(self, tok: Any) -> bool:
        """Whether a word the KB does not name can still be who acted (``_agent_like``, or one
        armed person: ``_lone_agent``)."""
        return _agent_like(tok) or self._lone_agent(tok) or self._described_agent(tok)

    def _described_agent(self, tok: Any) -> bool:
        """A definite description of one office-holder, force or state body, as the subject
        of an active verb, though the article does not say whose: "*the commodore* seized
        power", "*the spokesman* denied", "*the armed forces chief* urged". Only as a
        subject ("fined by *the central bank*" stays with no source), and only of the state
        and its armed rivals: "the airline", "the striker" and "the bank" act in no
        politics."""
        definite = any(
            (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in tok.children
        )
        return (
            tok.tag_ == "NN"
            and tok.dep_ == "nsubj"
            and definite
            and any(a.sector in self._state_sectors for a in self._probed(tok))
        )

    def _group_word(self, tok: Any) -> bool:
        """A common noun the KB knows as a kind of group or person ("opposition", "union",
        "student"), whoever's it is."""
        return tok.pos_ == "NOUN" and any(a.kind in ("group", "person") for a in self._probed(tok))

    def _armed(self, article: Article, indices: list[int]) -> bool:
        """Whether any of these mentions is an armed force ("the last French *troops*")."""
        actors = (article.mentions[i].actor for i in indices)
        return any(a is not None and a.sector in self.domains.armed for a in actors)

    def _group_holder(self, tok: Any) -> bool:
        """A person named, people in the plural or a group the KB knows the kind of."""
        return _agent_like(tok) or self._group_word(tok)

    def _lone_agent(self, tok: Any) -> bool:
        """One unnamed armed person the KB knows the kind of: "a *gunman*" (it lists
        "gunmen"), "a *soldier*", "a suicide *bomber*"; not an institution or a firm ("fined by
        the central *bank*"), which acts in politics only when the text names it."""
        return tok.tag_ == "NN" and any(
            a.kind in ("person", "group") and a.sector in self.domains.armed
            for a in self._probed(tok)
        )

    def _probed(self, tok: Any) -> tuple[Actor, ...]:
        """What the KB makes of a noun and its compounds, singular or plural, anywhere."""
        start = min([tok.i] + [c.i for c in tok.children if c.dep_ == "compound"])
        key = (tok.doc[start : tok.i + 1].text, tok.tag_ == "NN")
        if key not in self._probes:
            if len(self._probes) >= _PROBE_CACHE:
                self._probes.clear()
            words, singular = key
            forms = [words]
            if singular:  # the KB lists most such nouns in the plural: "a *gunman*"
                forms.append(words[:-3] + "men" if words.endswith("man") else words + "s")
            found = (self.kb.resolve(form, None, PROBE_CONTEXT) for form in forms)
            self._probes[key] = tuple(actor for actor in found if actor is not None)
        return self._probes[key]

    def _violent(self, tok: Any) -> bool:
        """A weapon or an act of violence ("clashes", "riots", "a car bomb", "artillery
        fire"), as the lexicon reads the word where it stands: "a *fire* at a garment
        factory" is no gunfire."""
        if tok.lemma_.lower() in self.instruments.nouns:
            return True
        match = self._match(tok, "NOUN")
        return match is not None and match[0].event_type in ("ASSAULT", "PROTEST")

    def _attacker_country(self, article: Article, entry: Entry, source: list[int]) -> str | None:
        """The country an unnamed recipient is not taken to belong to when the story gives it
        none: an army's own ("Russian strikes killed nine people"), an aid giver's or a
        visitor's ("Japan flew tents to quake victims")."""
        actors = [article.mentions[i].actor for i in source]
        domestic = slot_words().domestic_sectors
        if entry.event_type in self.ontology.type_sets.foreign_victim:
            if not all(a is not None and (a.sector in _ARMED or a.kind == "state") for a in actors):
                return None  # police, agents, rebels: as often at home as abroad
        elif entry.event_type not in self.ontology.type_sets.foreign_recipient:
            return None
        elif any(a is not None and (a.sector or "").lower() in domestic for a in actors):
            return None  # a party, a union, the police: their recipients are mostly at home
        return _one_country(actors)

    def _home_country(self, article: Article, entry: Entry, source: list[int]) -> str | None:
        """The source's one country, when its act is one done to its own people
        (``slots.v1.toml`` ``home_modes``)."""
        if entry.mode not in slot_words().home_modes:
            return None
        country = _one_country([article.mentions[i].actor for i in source])
        return country if country not in NON_STATE else None

    def _reown(self, article: Article, entry: Entry, source: list[int], target: list[int]) -> None:
        """Give a described recipient that took the story's country ("at least nine people")
        the next one when the story's is the attacker's or giver's own (``_attacker_country``),
        and the source's own when the act is one a state does to its own people
        (``home_modes``: "Nicaragua's government released 12 jailed priests" after "the
        Vatican")."""
        home = self._home_country(article, entry, source)
        avoid = None if home is not None else self._attacker_country(article, entry, source)
        if avoid is None and home is None:
            return
        # a home recipient is never made one the source is ("detaining all 24 sailors" by
        # coast guard vessels)
        sources = {a.id for j in source if (a := article.mentions[j].actor) is not None}
        for i in target:
            m = article.mentions[i]
            if not m.salient or m.actor is None:
                continue
            if home is not None:
                actor = self.kb.resolve(m.text, article.date, (home,))
                if actor is not None and actor.id not in sources:
                    m.actor = actor
                continue
            if m.actor.country != avoid:
                continue
            country = salient_country(article.mentions, m.sentence, skip=i, avoid=avoid)
            actor = self.kb.resolve(m.text, article.date, (country,)) if country else None
            if actor is not None:
                m.actor = actor

    def _learned(
        self,
        role: str,
        article: Article,
        si: int,
        trigger: Any,
        entry: Entry,
        other: list[int],
        at: dict[int, int],
        factors: dict[str, float],
    ) -> list[int]:
        """The ``role`` ("source" or "target") its argument model picks when the slots found
        none (see ``events/arguments.py``): a named actor, or a phrase made an implicit actor.
        ``other`` holds the mentions of the other role, which are never candidates."""
        model = self.argument_models[role]
        if model is None and self.argument_log is None:
            return []
        mentions = article.mentions
        exclude = {t for i in other for t in range(mentions[i].token_start, mentions[i].token_end)}
        quad = str(self.ontology.types[entry.event_type].quad)
        scored = []
        for tok in candidates(trigger, exclude, at):
            idx = at.get(tok.i)
            kind = (
                "none" if idx is None else "kb" if mentions[idx].resolved_by == "kb" else "referred"
            )
            event_noun = bool(self.lexicon.lookup(tok.head.lemma_.lower(), "NOUN"))
            feats = argument_features(trigger, tok, entry.event_type, quad, kind, event_noun)
            scored.append((tok, feats))
        if self.argument_log is not None:
            self.argument_log.append((role, article, trigger, scored))
        if model is None or not scored:
            return []
        # the likeliest candidate; the nearer one on a tie
        p, _, n = max(
            (model.probability(f), -abs(tok.i - trigger.i), n) for n, (tok, f) in enumerate(scored)
        )
        best = scored[n][0]
        if p < model.threshold:
            return []
        factor = f"learned_{role}"
        idx = at.get(best.i)
        if idx is not None:
            if idx in other:
                return []
            factors[factor] = round(p, 3)
            return [idx]
        avoid = self._attacker_country(article, entry, other) if role == "target" else None
        return self._implicit_target(article, si, trigger, [best], at, factors, factor, avoid)

    def _draft(
        self,
        article: Article,
        si: int,
        trigger: Any,
        entry: Entry,
        source: list[int],
        src_slot: str,
        target: list[int],
        tgt_slot: str | None,
        factors: dict[str, float],
        at: dict[int, int],
    ) -> EventDraft | None:
        # "the two countries": every country it counts
        source = self._counted(source)
        target = [j for j in self._counted(target) if j not in source]
        info = self.ontology.types[entry.event_type]
        together = len(source) > 1 and (info.reciprocal or fights(trigger))
        if source and not target and not together:
            target = self._learned("target", article, si, trigger, entry, source, at, factors)
            tgt_slot = "learned" if target else tgt_slot
        sets = self.ontology.type_sets
        if (
            not source
            and not target
            and (
                (entry.event_type in sets.dated and _dated_noun(trigger))
                or (entry.event_type in sets.dated_participle and _dated_participle(trigger))
            )
        ):
            # "since the 2021 *coup*", "last week's *strike*", "under a deal *signed* in
            # 2022": an event of its own, told as background, whose actors the sentence does
            # not name
            factors["dated_noun"] = DATED_NOUN
        elif (
            not source and not target and entry.event_type in sets.unfolding and unfolding(trigger)
        ):
            # "as *protests* spread to 40 cities", "to stifle *protests*": unrest the
            # sentence tells of without naming who took part
            factors["unfolding_noun"] = UNFOLDING_NOUN
        elif not source:
            targets = [article.mentions[i] for i in target]
            agentless = sets.agentless
            if not (target and _agentless(entry, trigger, targets, tgt_slot, agentless)):
                return None
            if self._mere_cause(trigger):
                return None
            # "three farmers were killed": PLOVER codes the act on a named victim with no
            # source; the event says so (an empty source) and weighs less
            factors["agentless"] = AGENTLESS
        mentions = article.mentions
        objects = [at[c.i] for c in trigger.children if c.dep_ == "dobj" and c.i in at]
        retyped = self._retype(
            entry,
            [mentions[i] for i in source],
            trigger,
            [mentions[i] for i in target],
            [mentions[i] for i in objects],
        )
        if retyped.event_type != entry.event_type and not target:
            # "ordered French troops to leave": the troops were the order's means, and are
            # whom the expulsion is done to
            target = [i for i in objects if i not in source]
        entry = retyped
        self._reown(article, entry, source, target)
        info = self.ontology.types[entry.event_type]
        if self.settings.drop_same_actor:
            target = _apart_from(mentions, source, target)
        reciprocal = info.reciprocal and len(source) > 1  # "India and Japan staged drills"
        if not target and not reciprocal and info.target_required and source:
            # "would recall its ambassador and freeze work on the pipeline *if Niger's junta*
            # kept jailing ...": a conditional act is aimed at whoever the condition names,
            # as the threat it makes is (passes.aim_at_condition)
            target = actors_at(self._condition_subjects(trigger), at, source)
            tgt_slot = "condition" if target else tgt_slot
        if not target and not reciprocal:
            if info.target_required:
                return None
            factors["missing_target"] = MISSING_TARGET
        if any(mentions[i].resolved_by != "kb" for i in source + target):
            factors["referred_actor"] = REFERRED_ACTOR
        return EventDraft(
            sentence=si,
            trigger=trigger.i,
            entry=entry,
            source=source,
            target=target,
            source_slot=src_slot,
            target_slot=tgt_slot if target else None,
            factors=factors,
        )


def _named_body(article: Article, at: dict[int, int], noun: Any) -> bool:
    """Whether a noun heads a mention the KB resolved to an organisation ("the French-led
    naval *mission*", "the *alliance*" it names)."""
    i = at.get(noun.i)
    if i is None:
        return False
    mention = article.mentions[i]
    return (
        mention.head == noun.i
        and mention.resolved_by == "kb"
        and mention.actor is not None
        and mention.actor.kind == "organisation"
    )


def _apart_from(mentions: list[Mention], source: list[int], target: list[int]) -> list[int]:
    """The target's mentions that are not the source itself ("deployed police to *its*
    border": the possessive is the source's own country)."""
    keys = {actor_key(mentions[i]) for i in source}
    return [i for i in target if actor_key(mentions[i]) not in keys]


def _as_areas(article: Article, made: list[int]) -> list[int]:
    """New mentions for places named as an area: a group of the place's country with no
    sector, which the ontology's ``open_sectors`` fills by the act."""
    areas = []
    for i in made:
        m = article.mentions[i]
        country = m.actor.country if m.actor else None
        actor = Actor(name=m.text, id=f"wb:area:{'-'.join(m.text.lower().split())[:60]}",
                      country=country, kind="group")  # fmt: skip
        article.mentions.append(m.model_copy(update={"actor": actor, "resolved_by": "implicit"}))
        areas.append(len(article.mentions) - 1)
    return areas


def _attendees(summit: Any) -> list[Any]:
    """Who acted in a gathering's setting: the subjects of the verb whose clause its phrase
    sits in, through the nouns the parser hangs it on ("held *talks* on the sidelines of the
    SCO summit", "pushed for *a reform* of the Council at the G20 summit")."""
    word = through_amounts(summit)
    for _ in range(4):
        if word.dep_ not in ("pobj", "dobj", "prep") or word.head.i == word.i:
            return []
        word = word.head
        if word.pos_ in ("VERB", "AUX"):
            return [] if is_passive(word) else subjects_of(word)
    return []


def _after_phrase(noun: Any) -> bool:
    """Whether an event noun is the object of "after", "following" or "amid" (through a
    stretch of time: "after 12 hours of talks"; ``slots.v1.toml`` after_prepositions)."""
    head = through_amounts(noun).head
    return head.dep_ == "prep" and head.lower_ in slot_words().after_prepositions


def _dated_noun(trigger: Any) -> bool:
    """An event noun its date names ("the 2021 *coup*", "the February *coup*", "last week's
    *coup*", "the July 2023 *coup*", whose month the parser takes for a noun modifier): a
    particular event, though no one is named as doing it."""
    if trigger.pos_ != "NOUN":
        return False
    for child in trigger.children:
        if (
            child.dep_ in ("compound", "nummod", "amod", "poss", "nmod")
            and child.ent_type_ == "DATE"
        ):
            return True
    return False


def _dated_participle(trigger: Any) -> bool:
    """A past participle on a noun that its own date or place makes one act ("a deal *signed*
    in 2022", "an accord *struck* in Sochi last month", "a protocol *signed* last week"), with
    no agent and no party named on it ("signed *with* Baghdad")."""
    if trigger.tag_ != "VBN" or trigger.dep_ != "acl" or trigger.head.pos_ != "NOUN":
        return False
    kids = list(trigger.children)
    if any(c.dep_ == "agent" or c.lower_ in ("with", "between", "by") for c in kids):
        return False
    return any(
        c.dep_ in ("prep", "npadvmod")
        and any(w.ent_type_ in ("DATE", "GPE", "LOC", "FAC") for w in c.subtree)
        for c in kids
    )


def _agentless(
    entry: Entry, trigger: Any, target: list[Mention], slot: str | None, types: frozenset[str]
) -> bool:
    """Whether an event whose source the text does not name is still coded (the ontology's
    ``agentless`` ``types``, and unrest someone answered). A by-agent means a source the KB did
    not know ("fined *by the central bank*"), and a modifier is not the one acted on
    ("occupied *Ukrainian* regions")."""
    if slot == "answering_subject":
        return True
    if (
        entry.event_type == "PROTEST"
        and trigger.pos_ == "NOUN"
        and slot == "prep:against"
        and not (trigger.dep_ == "pobj" and trigger.head.lower_ == "for")
    ):
        # "weeks of street *protests* against Yingluck": whoever marched, at whom; not
        # "calling for protests against Gnassingbé", which asks for them
        return True
    if slot == "nsubj" and entry.event_type in types:
        return True  # a row that makes the subject the target: "Imamoglu will *stand trial*"
    if entry.event_type not in types or fights(trigger):
        return False  # a clash "with police" has two sides: who fought them is not unknown
    if entry.event_type == "ASSAULT":
        return True
    if (
        trigger.pos_ == "NOUN"
        and slot == "prep:of"
        and entry.mode in slot_words().agentless_of_modes
    ):
        return True  # "riots sparked by *the arrest of* Ousmane Sonko": no one named did it
    doc = trigger.doc
    return (
        trigger.tag_ == "VBN"
        and not any(c.dep_ == "agent" for c in trigger.children)
        and not any(doc[m.head].dep_ == "amod" for m in target)
    )


def _phrase(tok: Any) -> Any:
    """The noun phrase a token heads: its noun chunk, with post-modifiers up to 8 words."""
    doc = tok.doc
    start = tok.left_edge.i
    end = min(tok.right_edge.i + 1, tok.i + 8)
    # a finite verb the parser hung on the noun is the sentence's, not the phrase's
    end = min([end] + [c.i for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBD"])
    while start < tok.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > tok.i + 1 and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"
    ):
        end -= 1  # "Desmond Tutu*'s* visit": the possessive marker is no part of the name
    return doc[start:end]


#: Most distinct nouns ``ExtractEvents._probed`` remembers before it starts again.
_PROBE_CACHE = 4096

#: Collective nouns that act although they are grammatically singular.
_COLLECTIVE_AGENTS = frozenset({"police", "army", "military", "government", "opposition", "junta", "regime", "militia", "coalition", "alliance", "crowd", "mob"})  # fmt: skip


def _titled(tok: Any) -> bool:
    """A capitalised event noun inside a sentence names a treaty, an operation or a body
    ("against a bill to reinterpret the *Treaty* of Waitangi", "the Abraham *Accords*"), not
    an event the sentence reports; the verb that acts on it codes the act ("signed the Minsk
    *Agreement*" is the signing)."""
    return tok.is_title and not tok.is_sent_start and tok.pos_ == "PROPN"


def _person(tok: Any) -> bool:
    """A word the tagger marks as part of a person's name."""
    return tok.ent_type_ == "PERSON"


def _hazard(tok: Any) -> bool:
    """A natural or accidental cause (``slots.v1.toml`` hazards: "floods", "a minibus")."""
    return bool(word_forms(tok) & slot_words().hazards)


def _agent_like(tok: Any) -> bool:
    """A word that can name who acted when the KB does not know it: people in the plural
    ("human rights groups", "gunmen"), a named person, body or people, or a collective
    ("police"); not a measure or a singular thing ("by the trainload", "each side")."""
    return (
        tok.tag_ in ("NNS", "NNPS")
        or tok.ent_type_ in ("PERSON", "ORG", "NORP")
        or tok.lemma_.lower() in _COLLECTIVE_AGENTS
    )


def _named_whole(doc: Any, mention: Mention) -> bool:
    """Whether a state's mention names it as a whole ("Japan", "Beijing"), not its people
    ("Romanians")."""
    return mention.head >= 0 and doc[mention.head].tag_ == "NNP"


def group_members(mentions: list[Mention]) -> dict[int, list[int]]:
    """Each mention of a group reference ("both sides") → the mentions of all the actors it
    counts, which ``actors.coref`` gave the same words."""
    spans: dict[tuple[int, int], list[int]] = {}
    for i, m in enumerate(mentions):
        if m.resolved_by == "group" and m.actor is not None:
            spans.setdefault((m.start, m.end), []).append(i)
    return {i: group for group in spans.values() if len(group) > 1 for i in group}


def coordinated_antecedents(article: Article, at: dict[int, int]) -> dict[int, list[int]]:
    """Each plural pronoun whose antecedent is one of coordinated actors of more than one
    country → the mentions of those actors: "Egypt and Jordan said *they* were working",
    "Helsinki welcomed Trump and Putin for *their* first summit". The guidelines keep the
    actors' own spans there (guideline 6), since a span has one country."""
    plural = load_references().plural_pronouns
    mentions, doc = article.mentions, article.doc
    out: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        j = m.antecedent
        if m.resolved_by != "pronoun" or j is None or m.text.lower() not in plural:
            continue
        group = actors_at(coordination(doc[mentions[j].head]), at, ())
        countries = {a.country for k in group if (a := mentions[k].actor) is not None}
        if len(group) > 1 and len(countries) > 1:
            out[i] = group
    return out


def _reporters_question(verb: Any) -> bool:
    """The reporter's side of an interview, which no one in the story did: "*Asked* whether
    Seoul would retaliate, the minister said ...", "a local official said, *asking* not to be
    named"."""
    words = slot_words()
    if verb.lemma_.lower() not in words.interview_verbs:
        return False
    if (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and not any(c.dep_ in ("agent", "nsubjpass", "nsubj") for c in verb.children)
    ):
        return True
    return any(
        c.dep_ == "xcomp"
        and any(w.dep_ == "neg" for w in c.children)
        and c.lemma_.lower() in words.anonymity_verbs
        for c in verb.children
    )


def _in_name(tok: Any, at: dict[int, int], mentions: list[Mention]) -> bool:
    """A capitalised word of a person's name: "Secretary-General *Ban* Ki-moon" bans nothing."""
    actor = actor_at(tok, at, mentions)
    return tok.is_title and actor is not None and actor.kind == "person"


def _names_organisation(tok: Any, at: dict[int, int], mentions: list[Mention]) -> bool:
    """The head noun of an organisation's name or description: "the NATO *alliance*" is who
    acts, not an alliance formed; but "the *prosecution* of Jair Bolsonaro" is an act."""
    actor = actor_at(tok, at, mentions)
    if actor is None or actor.kind != "organisation" or mentions[at[tok.i]].head != tok.i:
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _counting(tok: Any) -> bool:
    """A plural noun that counts what follows it ("*scores* of villagers")."""
    return tok.tag_ in ("NNS", "NNPS") and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "of"


def _token_index(article: Article) -> dict[int, int]:
    """Token index → index of the resolved mention covering it (heads win over other tokens)."""
    at: dict[int, int] = {}
    for i, m in enumerate(article.mentions):
        if m.actor is None:
            continue
        for t in range(m.token_start, m.token_end):
            at.setdefault(t, i)
    for i, m in enumerate(article.mentions):
        if m.actor is not None:
            at[m.head] = i
    return at


#: Object pronouns no named actor stands behind ("detained dozens of protesters and beat
#: *them*"): people acted on, a recipient as unnamed people are.
_PEOPLE_PRONOUNS = frozenset({"them", "him", "her"})

#: Named entities the KB does not know still name a recipient ("retook *Baga* from Boko Haram").
_NAMED = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})


def _one_country(actors: list[Any]) -> str | None:
    """The one country the actors share, or None when they have none or several."""
    countries = {a.country for a in actors if a is not None and a.country}
    return next(iter(countries)) if len(countries) == 1 else None


def _countries_of(mentions: list[Any], indices: list[int]) -> set[str | None]:
    """The countries of some mentions' resolved actors (None for an actor with none)."""
    return {mentions[i].actor.country for i in indices if mentions[i].actor is not None}


#: Where a complement clause that is no trigger names whom its act is done to.
_COMPLEMENT_SLOTS = (
    "dobj",
    "dative",
    "prep:to",
    "prep:on",
    "prep:against",
    "prep:with",
    "prep:into",
)


def _purposed(verb: Any) -> list[Any]:
    """The objects of the verb's purpose infinitive ("fired tear gas *to disperse*
    protesters", "used water cannon *to break up* a rally"), and those who held a gathering
    it acts on ("a rally *by opposition supporters*"; the parser may hang the "by" on the
    verb)."""
    purposes = [c for c in verb.children
                if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and is_infinitive(c)]  # fmt: skip
    found = _resisting(verb)
    for purpose in purposes:
        objects = expand_conj(logical_objects(purpose))
        held = [o for o in objects if o.lemma_.lower() in _GROUP_EVENTS]
        if held:
            objects += expand_conj(prep_objects(purpose, "by") + [
                h for o in held for h in prep_objects(o, "by")])  # fmt: skip
        found += objects
    return found


def _resisting(verb: Any) -> list[Any]:
    """Who was acting when force met them: "police fired tear gas *when some of the
    protesters* tried to reach the palace", "troops opened fire *as villagers* gathered"."""
    clause = when_clause(verb, deps=("advmod",))
    if clause is None or clause.i < verb.i:
        return []
    subjects = expand_conj(logical_subjects(clause)[0])
    # not "when *the legal limit* expires": people, or a part of them ("*some* of the protesters")
    return [s for s in subjects if _agent_like(s) or prep_objects(s, "of") or s.pos_ == "PRON"]


def _object_partners(objects: list[Any], verb: Any) -> list[Any]:
    """The objects of the prepositions by which an object names whom it concerns, and of a
    "with" or "against" the parser hung on the verb ("closed the border *with* Belarus")."""
    words = slot_words()
    preps = [c for o in objects for c in o.children
             if c.dep_ == "prep" and c.lower_ in words.partner_prepositions]  # fmt: skip
    if objects:
        preps += [c for c in verb.children
                  if c.dep_ == "prep" and c.lower_ in words.verb_partner_prepositions]  # fmt: skip
    objs = expand_conj([g for p in preps for g in p.children if g.dep_ == "pobj"])
    # not an absolute "with": "traded fire, *with* New Delhi and Islamabad each accusing"
    return [g for g in objs if not any(c.pos_ == "VERB" for c in g.children)]


def _first_filled(
    slots: tuple[str, ...],
    fill: Any,
    at: dict[int, int],
    exclude: Any,
    means: frozenset[str] = frozenset(),
    defer: Callable[[Any], bool] | None = None,
    whoever: Callable[[Any], bool] | None = None,
) -> tuple[list[int], str, str, list[Any]]:
    """The actors of the first slot (in the row's order) that holds any, with slot and how.

    Words ``defer`` accepts (an army's own troops or envoys, weapons: "recalled *its
    ambassadors* from Doha", "fired *missiles* at a base") give way to any later slot's
    actor or words, and are the answer only when nothing else is found.

    Also returns the words of the first slot that held words but no actor ("seized *the
    bridges*"), from which a target that is not a named actor can be made; means ("fired
    *missiles* at the base") are passed over. A slot holding a named place or organisation
    the KB does not know stops the search there, so a later slot's actor does not win over it.
    Pronouns are no such words, but for the people ``_PEOPLE_PRONOUNS`` lists and a phrase of
    whoever does something that ``whoever`` accepts ("would arrest *anyone who* joined").
    """
    leftover: list[Any] = []
    leftover_slot = ""
    deferred: tuple[list[int], str, str] | None = None
    for slot in slots:
        tokens, how = fill(slot)
        tokens = expand_conj(tokens)
        later = [t for t in tokens if defer is not None and defer(t)]
        tokens = [t for t in tokens if t not in later]
        found = actors_at(tokens, at, exclude)
        if found:
            return found, slot, how, []
        if later and deferred is None and (put_off := actors_at(later, at, exclude)):
            deferred = (put_off, slot, "deferred")
        words = [
            t
            for t in tokens
            if (
                t.pos_ in ("NOUN", "PROPN", "NUM")
                or t.lower_ in _PEOPLE_PRONOUNS
                or (whoever is not None and whoever(t))
            )
            and not word_forms(t) & means
            and not is_time(t)  # "on *Friday*" is no one acted on
        ]
        if words and not leftover:
            leftover, leftover_slot = words, slot
            if any(t.ent_type_ in _NAMED for t in words):
                break
    if deferred is not None and not leftover:
        return *deferred, []
    return [], leftover_slot, "none", leftover


#: Sectors of a state's armed forces.
_ARMED = frozenset({"MIL"})

#: Event nouns that are also the people or vehicles taking part, and so can be acted on
#: ("ambushed *a police patrol*", "fired on *an opposition rally*", "stopped *the convoy*").
_GROUP_EVENTS = frozenset({"patrol", "convoy", "rally", "march", "procession", "demonstration", "protest", "crowd", "flotilla", "caravan", "delegation", "mission", "gathering", "vigil", "motorcade", "picket", "sit-in"})  # fmt: skip


#: Children that make a common noun a particular place ("*the* capital", "*its* border").
_PLACE_DETERMINERS = frozenset({"det", "poss", "amod", "compound", "nummod", "nmod"})

#: Where a shot lands when it hits no one: never an unnamed target.
_NOWHERE = frozenset({"sea", "ocean", "waters", "orbit", "space", "sky", "air"})

#: Possessive pronouns through which a source owns the thing it acts with.
_OWNERS = frozenset({"its", "their", "his", "her"})
