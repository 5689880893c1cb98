"""Stage ``actors.coref``: resolve pronouns and descriptions to actors named earlier in the article.

No coreference model installs offline (coreferee and friends download theirs), so this is a
salience ranker in the tradition of Lappin & Leass: candidates are earlier mentions within a
few sentences; recency, being a subject, and agreement in kind decide. Which kinds a pronoun
or a description's head noun can stand for is data (``data/lexicon/references.v1.json``):
"it" a state or organisation, "the bloc" an intergovernmental organisation, "his host" the
other party of a visit. A description marked ``kb`` ("the regime", "the president", "the
foreign ministry") is resolved by the knowledge base in the country of its antecedent, so
"the president" becomes whoever held that office then. Measured on examples/coref_gold.jsonl
(see docs/ACCURACY.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from whimbrel.actors.binding import binders as pronoun_binders
from whimbrel.actors.knowledge_base import NON_STATE, KnowledgeBase
from whimbrel.actors.mentions import PROBE_CONTEXT, load_kb, sentence_dates
from whimbrel.actors.normalise import normalise
from whimbrel.actors.references import group_size, load_references, region_states
from whimbrel.events.location import LOCATIVE, locate, locative_objects, named_states
from whimbrel.events.slots import coordination, subjects_of
from whimbrel.nlp.parse import datelines
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Actor, Article, Mention

#: Salience weights: each sentence back costs this much, each character back a little, a
#: subject antecedent gains (subjects are what later sentences talk about).
SENTENCE_COST = 3.0
CHAR_COST = 0.02
SUBJECT_GAIN = 2.0
#: An antecedent inside a prepositional phrase, relative clause or appositive is less salient.
EMBEDDED_COST = 1.0
#: A name used as a modifier ("*US* funding", "*Canadian* missionaries") is rarely what a
#: later pronoun points back to.
MODIFIER_COST = 2.0
#: A pronoun's binder in the parse (:func:`whimbrel.actors.binding.binders`) gains this
#: much: about one sentence of distance.
BINDING_GAIN = 3.0
#: A plural pronoun pointing back to one singular name ("Thailand ... *they*") costs about
#: a sentence of distance: rare, but not impossible ("the government ... *they*").
NUMBER_COST = 3.0


class CorefSettings(StageSettings):
    max_sentence_distance: int = 3
    kb: str = "default"


@stage(
    "actors.coref",
    requires=["mentions"],
    assigns=["mentions.actor"],
    settings=CorefSettings,
)
class ResolveReferences:
    """Give pronouns and descriptions the actor of their most salient antecedent."""

    def __init__(self, settings: CorefSettings) -> None:
        self.settings = settings
        self.kb = load_kb(settings.kb)
        self.refs = load_references()

    def __call__(self, article: Article) -> Article:
        if not article.mentions:
            return article
        _hosted_seats(article.mentions, self.kb, self.refs.seats)
        doc = article.doc
        dates = sentence_dates(article)
        filed = datelines(article.text)
        members: dict[int, list[Actor]] = {}
        for i, m in enumerate(article.mentions):
            if m.actor is not None:
                if m.resolved_by == "kb" and self.kb.shares_name(m.text):
                    self._local_body(article, i, dates[m.sentence], filed)
                continue
            if self._is_speaker_pronoun(m):
                continue  # after the loop: the speaker usually comes after the quote
            if m.resolved_by == "pronoun":
                kinds = self.refs.pronouns.get(m.text.lower(), ())
                j = self._antecedent(article.mentions, i, doc, kinds)
                if j is not None and article.mentions[j].actor is not None:
                    m.actor, m.antecedent = article.mentions[j].actor, j
                elif j is not None and m.text.lower() in ("he", "she"):
                    # a person the KB lacks: "Mondlane ... he accused"
                    date = dates[m.sentence]
                    own = self._own_country(article, j, date)
                    country, _ = self._story_country(article, j, date, filed, own)
                    m.actor, m.antecedent = _unknown_person(article.mentions[j], country), j
            elif m.resolved_by == "description":
                self._description(article, i, dates[m.sentence], filed)
            elif m.resolved_by == "group":
                members[i] = self._group(article, i, dates[m.sentence])
        place = _place_line(_opening(article.text))
        statement = place is not None or self._has_statement_heading(article.text, article.title)
        for i, m in enumerate(article.mentions):
            if m.actor is not None or not self._is_speaker_pronoun(m):
                continue
            self._speaker_side(article, i)
            if m.actor is None and statement:
                self._issuer(article, i, dates[m.sentence], place)
        _add_members(article, members)
        return article

    def _group(self, article: Article, i: int, date: dt.date | None) -> list[Actor]:
        """ "The two countries", "both sides": one actor per country the article has named most
        before the phrase (``groups`` in the references file). The first becomes the
        mention's actor; the others are returned for :func:`_add_members`. None when the
        article has named fewer countries than the phrase counts by then."""
        m, doc = article.mentions[i], article.doc
        n = group_size(doc[m.token_start : m.token_end])
        named = [x for x in article.mentions[:i] if x.resolved_by in ("kb", "title")]
        countries = self._coordinated(doc, named, m.sentence, n)
        countries = countries or salient_countries(named, m.sentence)[:n]
        if len(countries) < n:
            return []  # "the four" named as people, not as countries
        head = doc[m.head]
        actors = []
        for country in countries:
            actor = None if head.tag_ == "CD" else self.kb.resolve(head.text, date, (country,))
            actors.append(
                actor if actor is not None and actor.country == country else self.kb.state(country)
            )
        m.actor = actors[0]
        return actors[1:]

    def _is_speaker_pronoun(self, m: Mention) -> bool:
        return m.resolved_by == "pronoun" and self.refs.pronouns.get(m.text.lower()) == ("speaker",)

    def _number_clash(self, m: Mention, head: Any) -> bool:
        """A singular pronoun cannot point back to a plural group: "Iran's military said it",
        but not "Russian troops ... it", nor "the activists ... they ... *its*"."""
        return m.text.lower() in self.refs.singular_pronouns and _plural(head)

    def _singular_for_plural(self, m: Mention, head: Any) -> bool:
        """A plural pronoun and one singular, uncoordinated antecedent ("Thailand ...
        they"); "India and Japan ... they" and "the rebels ... they" agree."""
        if m.text.lower() not in self.refs.plural_pronouns or head.conjuncts:
            return False
        return head.tag_ in ("NN", "NNP") and not _plural(head)

    def _antecedent(
        self,
        mentions: list[Mention],
        i: int,
        doc: Any,
        kinds: tuple[str, ...],
        countries: tuple[str, ...] = (),
        exclude_country: str | None = None,
        possessive: Any = None,
    ) -> int | None:
        """The most salient earlier mention of one of ``kinds`` (persons unknown to the KB count).

        ``possessive`` is the pronoun of a description's owner ("*its* consulate"), which
        prefers its binders as a possessive pronoun mention does."""
        m = mentions[i]
        bound = _bound(mentions, i, doc) if m.resolved_by == "pronoun" else set()
        binders = (
            pronoun_binders(possessive or doc[m.head], self.refs)
            if m.resolved_by == "pronoun" or possessive
            else set()
        )
        best, best_score = None, float("-inf")
        for j in range(i - 1, -1, -1):
            cand = mentions[j]
            if m.sentence - cand.sentence > self.settings.max_sentence_distance:
                break
            if cand.end > m.start or (cand.resolved_by == "pronoun" and cand.actor is None):
                continue
            kind = (
                cand.actor.kind
                if cand.actor
                else ("person" if cand.resolved_by == "unresolved" else None)
            )
            if kind not in kinds:
                continue
            if kind == "group" and self._number_clash(m, doc[cand.head]):
                continue
            if countries and (cand.actor is None or cand.actor.country not in countries):
                continue
            if exclude_country and cand.actor is not None and cand.actor.country == exclude_country:
                continue
            if j in bound:
                continue  # "Kim waited to meet him": an object pronoun is not its clause's subject
            score = -SENTENCE_COST * (m.sentence - cand.sentence) - CHAR_COST * (m.start - cand.end)
            head = doc[cand.head]
            if head.dep_ in ("nsubj", "nsubjpass"):
                score += SUBJECT_GAIN
            if _embedded(head):
                score -= EMBEDDED_COST
            if head.dep_ in ("amod", "compound"):
                score -= MODIFIER_COST
            if self._singular_for_plural(m, head):
                score -= NUMBER_COST  # and no binding: "the navy seized *their* boats"
            elif cand.head in binders:
                score += BINDING_GAIN
            if score > best_score:
                best, best_score = j, score
        return best

    def _description(
        self,
        article: Article,
        i: int,
        date: dt.date | None,
        filed: Sequence[tuple[int, list[str]]] = (),
    ) -> None:
        mentions, doc = article.mentions, article.doc
        m = mentions[i]
        root = doc[m.head]
        lemma = root.lemma_.lower()
        spec = self.refs.descriptions.get(
            lemma, {"kinds": ["state", "person", "organisation", "group"], "kb": True}
        )
        if not spec.get("kb") and root.tag_ == "NNS" and self._state_body(m.text, date):
            # "the security forces", "government forces": a state's, as "the army" is, not an
            # organisation named earlier ("Amnesty International accused *the security forces*")
            spec = {**spec, "kb": True}
        kinds = tuple(spec["kinds"])
        listed = self.refs.descriptions.get(lemma)
        # "the army", "the government" stay the state's (kb descriptions) even after "the
        # Arakan Army"; other nouns may repeat an organisation's name
        named = listed is None or ("organisation" in kinds and not listed.get("kb"))
        by_name = self._named_organisation(root, date)
        if by_name is not None:
            m.actor = by_name  # "the *CSTO* alliance"
            return
        j = _apposed(mentions, i, root)
        if j is None and named:
            j = _named_by_head(mentions, i, root)
        if j is not None:
            # "the International Court of Justice ... *the court*": a bare description whose
            # noun heads an organisation's name named earlier is that organisation
            m.actor, m.antecedent = mentions[j].actor, j
            return
        if _of_group(root):
            return  # "the foreign ministers of the two countries": the events take each country
        owner = self._owner(article, i, root)
        if spec.get("counterpart"):
            own = self._own_country(article, i, date)
            if own is not None:
                # "his *Eritrean* counterpart": that country's leader
                m.actor = self.kb.resolve("leader", date, (own,)) or self.kb.state(own)
                return
            # "his host": the salient party from another country than the possessor's
            other = owner.country if owner else None
            j = self._antecedent(mentions, i, doc, kinds, exclude_country=other)
            if j is not None:
                m.actor, m.antecedent = mentions[j].actor, j
            return
        if owner is not None and owner.country:
            country = owner.country
            if not spec.get("kb"):
                if "state" in kinds:
                    m.actor = self.kb.state(country)
                return
            m.actor = self.kb.resolve(m.text, date, (country,))
            return
        if not spec.get("kb"):
            countries = tuple(spec.get("countries", ()))
            region = region_states(root) if "state" in kinds else None
            if region is not None:
                countries = tuple(sorted(region))  # "the *Baltic* state": one of them
            j = self._antecedent(mentions, i, doc, kinds, countries)
            own_sector = self._own_sector(m.text, date)
            found = mentions[j].actor if j is not None else None
            if j is not None and (own_sector is None or (found and found.sector == own_sector)):
                m.actor, m.antecedent = found, j
                return
            if own_sector is None:
                return
            # "the *opposition* coalition" after "Police": its own words say what it is,
            # which no antecedent of another sector can be; it is the story country's
        own = self._own_country(article, i, date)
        many = _from_many(root) or (own is None and self._several(root))
        if many or (own is None and self._foreign(root)):
            # "defence ministers from about 50 countries": no one country's; "foreign
            # journalists": not the country the story or the sentence is set in
            probe = self.kb.resolve(m.text, date, PROBE_CONTEXT)
            if probe is not None:
                tag = "multinational" if many else "foreign"
                m.actor = probe.model_copy(
                    update={"country": None, "id": f"wb:group:{tag}-{probe.sector}"}
                )
            return
        country, m.salient = self._story_country(article, i, date, filed, own)
        if country:
            resolved = self.kb.resolve(m.text, date, (country,))
            if resolved is not None:
                m.actor, m.antecedent = resolved, None

    def _own_sector(self, text: str, date: dt.date | None) -> str | None:
        """The sector a description's own words give it in the KB ("the opposition
        coalition": OPP), if any."""
        probe = self.kb.resolve(text, date, PROBE_CONTEXT)
        return probe.sector if probe is not None else None

    def _named_organisation(self, root: Any, date: dt.date | None) -> Actor | None:
        """The organisation a description's proper-noun modifier names: "the *CSTO*
        alliance", "the *ECOWAS* bloc". A state's name there ("the *Kenya* mission") is left
        to the description's country rules."""
        name = [c for c in root.lefts if c.dep_ == "compound"]
        if not name or any(c.pos_ != "PROPN" for c in name):
            return None
        actor = self.kb.resolve(root.doc[name[0].i : name[-1].i + 1].text, date)
        return actor if actor is not None and actor.kind == "organisation" else None

    def _state_body(self, text: str, date: dt.date | None) -> bool:
        """Whether the KB reads a description as a body of whichever state it is set in."""
        probe = self.kb.resolve(text, date, PROBE_CONTEXT)
        return probe is not None and probe.country in PROBE_CONTEXT

    def _local_body(
        self,
        article: Article,
        i: int,
        date: dt.date | None,
        filed: Sequence[tuple[int, list[str]]],
    ) -> None:
        """A shared name ("Congress") as the body of the country the story is set in, where
        that country has one of that name: Peru's in a Lima story, the US Congress else."""
        m = article.mentions[i]
        country, _ = self._story_country(article, i, date, filed, None)
        if country and m.actor is not None and country != m.actor.country:
            m.actor = self.kb.resolve(m.text, date, (country,)) or m.actor

    def _story_country(
        self,
        article: Article,
        i: int,
        date: dt.date | None,
        filed: Sequence[tuple[int, list[str]]],
        own: str | None,
    ) -> tuple[str | None, bool]:
        """The country of an unnamed description or of a person the KB lacks: ``own`` (one
        the phrase says, "*Ugandan* minister Sam Kutesa"), where the sentence is set, where
        the story was filed, else the story's most salient one ("KISUMU - ... Monica Juma
        said she had spoken"); and whether only that salience gave it."""
        m = article.mentions[i]
        country = (
            own or self._setting_country(article, i) or filed_country(self.kb, filed, m.start, date)
        )
        if country:
            return country, False
        country = salient_country(article.mentions, m.sentence, skip=i)
        return country, country is not None

    def _foreign(self, root: Any) -> bool:
        """Whether a description says its people come from elsewhere ("*foreign*
        journalists", "*overseas* workers")."""
        mods = [c.lower_ for c in root.children if c.dep_ == "amod"]
        return self.kb.foreign_in(mods, root.lemma_.lower())

    def _several(self, root: Any) -> bool:
        """Whether a description names the parties of several states ("*donors*", "the
        *creditors*", "more than 20 *countries*")."""
        mods = [c.lower_ for c in root.children if c.dep_ in ("amod", "nummod", "det", "predet")]
        return root.tag_ == "NNS" and self.kb.several_in(mods, root.lower_)

    def _own_country(self, article: Article, i: int, date: dt.date | None) -> str | None:
        """A country the description names itself ("at least 12 *Thai* civilians") or shares
        with the phrase it is coordinated with ("15 *British* sailors and marines"): it wins
        over the article's most salient country."""
        m, doc = article.mentions[i], article.doc
        root = doc[m.head]
        # the phrase and where it says the people are ("protesters *in several Chinese
        # cities*")
        places = [doc[p.left_edge.i : p.right_edge.i + 1] for p in root.children
                  if p.dep_ == "prep" and p.lower_ in LOCATIVE]  # fmt: skip
        if root.lemma_.lower() in self.refs.posts_abroad or self.kb.unowned_in(
            normalise(m.text).split()
        ):
            places = []  # "the consulate in Benghazi", "European diplomats in Brussels"
        # a country the phrase's own words name comes first ("her *Japanese* counterpart in
        # Washington", "*Ukrainian* refugees in Poland")
        own = self._named_in([doc.char_span(m.start, m.end, alignment_mode="expand")], date)
        if own is not None:
            return own
        for place in places:
            # a place the KB names: "the junta *in Niamey*" (a capital the tagger did not
            # mark), "soldiers *in Guinea-Bissau*" (which the tagger cuts to "Guinea")
            for other in article.mentions:
                actor = other.actor
                if (
                    place.start <= other.head < place.end
                    and other.resolved_by == "kb"
                    and actor is not None
                    and actor.kind == "state"
                    and actor.country not in NON_STATE
                ):
                    return str(actor.country)
        own = self._named_in(places, date)
        if own is not None:
            return own
        for place in places:
            # a region or town the KB's places know: "a court *in Hainan*"
            for obj in (t for t in place if t.dep_ == "pobj" and t.head.i == place.start):
                name = doc[obj.left_edge.i : obj.i + 1].text
                if (region := self.kb.place_country(name)) is not None:
                    return region
                found = locate(name, named_states(article))
                if found is not None and found.country in self.kb.countries:
                    return str(found.country)  # not Hong Kong's HKG: the KB codes it CHN
        town = [c for c in root.lefts if c.dep_ == "compound" and _proper(c)]
        if town and root.pos_ != "PROPN":  # "Anna Hazare" is a name, not a town's people
            # "*Kharkiv* residents", "*Rotterdam* police": a place the tagger did not mark
            # the whole name: "*New York* police" hangs "New" on "York", not on "police"
            name = doc[town[0].left_edge.i : town[-1].i + 1].text
            actor = self.kb.resolve(name, date)
            if actor is not None and actor.kind == "state" and actor.country:
                return str(actor.country)
            place = locate(name, named_states(article)) if actor is None else None
            if place is not None and place.country:
                return str(place.country)
        partners = [c.i for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            partners.append(root.head.i)
        for j, other in enumerate(article.mentions):
            actor = other.actor
            if j == i or other.head not in partners or other.resolved_by != "kb" or actor is None:
                continue
            if actor.country not in NON_STATE:
                return str(actor.country)
        return None

    def _named_in(self, spans: Sequence[Any], date: dt.date | None) -> str | None:
        """The state a demonym or a state's name among ``spans``' entities names."""
        for ent in (e for span in spans if span is not None for e in span.ents):
            if self.kb.backs(ent):
                continue  # "*Russian*-backed militiamen": the backer, not their country
            if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "ethnic":
                continue  # "ethnic *Albanian* rebels" in North Macedonia: a people, not a state
            if ent.label_ in ("NORP", "GPE") and (country := self._state_named(ent.text, date)):
                return country
            if ent.label_ in ("GPE", "LOC") and (country := self._demonym_in(ent, date)):
                return country  # "in the *Peruvian* Andes"
        for span in spans:
            # a demonym the tagger left unmarked: "his *Burkinabe* counterpart"
            words = [t for t in span or () if not t.ent_type_]
            if country := self._demonym_in(words, date):
                return country
        return None

    def _demonym_in(self, words: Any, date: dt.date | None) -> str | None:
        """The state a capitalised adjective among ``words`` names."""
        for tok in words:
            if (
                tok.dep_ in ("amod", "compound")
                and tok.is_title
                and (country := self._state_named(tok.text, date))
            ):
                return country
        return None

    def _state_named(self, text: str, date: dt.date | None) -> str | None:
        """The country of the state ``text`` names in the KB, if it names one."""
        actor = self.kb.resolve(text, date)
        return (
            str(actor.country)
            if actor is not None and actor.kind == "state" and actor.country
            else None
        )

    def _setting_country(self, article: Article, i: int) -> str | None:
        """The country of a place the description's sentence sets its events in ("killed ten
        civilians *in Kabul*"): where unnamed people are, whoever else the story names."""
        m, doc = article.mentions[i], article.doc
        for j, other in enumerate(article.mentions):
            if j == i or other.sentence != m.sentence or other.resolved_by != "kb":
                continue
            head = doc[other.head]
            actor = other.actor
            if (
                head.dep_ == "pobj"
                and head.head.lower_ in LOCATIVE
                and head.head.head.lemma_.lower() not in self.refs.meeting_words
                and head.ent_type_ in ("GPE", "LOC", "FAC")
                and actor is not None
                and actor.country not in NON_STATE
            ):
                return str(actor.country)
        # a town the KB has no actor for, where the description's act happened ("gunmen
        # seized the building *in Donetsk*") or where it is ("a hospital *in Idlib*"), but
        # not a diplomatic post's: "the consulate *in Benghazi*" is still the US's, and who
        # was killed "inside the consulate in Istanbul" is not told by Istanbul
        verb = next((t for t in doc[m.head].ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        near = named_states(article)
        scene = {verb}
        if verb.dep_ in ("advcl", "xcomp", "conj") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
        ):
            scene.add(verb.head)  # "struck a hospital in Kunduz, *killing* 42 patients"
        for ent in doc[m.head].sent.ents:
            prep = ent.root.head
            if (
                ent.label_ in ("GPE", "LOC", "FAC")
                and ent.root.dep_ == "pobj"
                and prep.lower_ in LOCATIVE
                and prep.head.lemma_.lower() not in self.refs.posts_abroad | self.refs.meeting_words
                and _clause_of(prep) in scene
                and (place := locate(ent.text, near)) is not None
                and place.country
            ):
                return str(place.country)
        return None

    def _coordinated(self, doc: Any, named: list[Mention], sentence: int, n: int) -> list[str]:
        """The countries of the latest coordination of ``n`` named actors a few sentences back
        ("Israel recalled its envoys from *Ireland, Norway and Spain* after the three
        governments ..."), else none."""
        by_head = {x.head: x for x in named if x.actor is not None}
        for x in reversed(named):
            if sentence - x.sentence > self.settings.max_sentence_distance:
                break
            actors = [by_head[t.i].actor for t in coordination(doc[x.head]) if t.i in by_head]
            countries = list(dict.fromkeys(a.country for a in actors if a and a.country))
            if len(countries) == n and not set(countries) & NON_STATE:
                return countries
        return []

    def _speaker_side(self, article: Article, i: int) -> None:
        """ "We are not asking for soldiers," the official said: "we" is the speaker's side."""
        m = article.mentions[i]
        sent = article.doc[m.head].sent
        by_head = {x.head: j for j, x in enumerate(article.mentions) if x.actor is not None}
        for tok in sent:
            if tok.lemma_.lower() not in self.refs.speech_verbs:
                continue
            for subj in (c for c in tok.children if c.dep_ == "nsubj" and c.i in by_head):
                actor = article.mentions[by_head[subj.i]].actor
                if actor is None or not actor.country:
                    continue
                side = actor if actor.kind in ("state", "organisation") else None
                if side is None and actor.country not in NON_STATE:
                    side = self.kb.state(actor.country)
                if side is not None:
                    m.actor, m.antecedent = side, by_head[subj.i]
                    return

    def _has_statement_heading(self, text: str, title: str | None) -> bool:
        """Whether the text opens as a statement or press release: an upper-case heading
        naming one, or a title (which ingestion takes off the text) naming one. A line giving
        only a place and a date ("Manila, 6 August 2023") says so too (``_place_line``)."""
        lines = [line.strip() for line in _opening(text).splitlines()[:6]]
        headings = self.refs.statement_headings
        heading = any(line.isupper() and any(h in line for h in headings) for line in lines)
        return heading or (bool(title) and any(h in str(title).upper() for h in headings))

    def _issuer(self, article: Article, i: int, date: dt.date | None, place: str | None) -> None:
        """ "We call on JNIM to lift the blockade": outside a quote, "we" in a statement is
        whoever issues it. The name in apposition ("We, the Foreign Ministers of ASEAN"),
        else the side an earlier such "we" stood for, else the state of the statement's
        place line (``place``)."""
        mentions, text = article.mentions, article.text
        m = mentions[i]
        if _quoted(text, m.start):
            return
        root = article.doc[m.head]
        apposed = {t.i for c in root.children if c.dep_ == "appos" for t in c.subtree}
        for j, other in enumerate(mentions):
            if other.head in apposed and other.actor is not None:
                m.actor, m.antecedent = other.actor, j
                return
        for j in range(i - 1, -1, -1):
            other = mentions[j]
            if other.actor and self._is_speaker_pronoun(other) and not _quoted(text, other.start):
                m.actor, m.antecedent = other.actor, j
                return
        if self._unknown_issuer(article):
            return  # "..., the Sahel Civilian Protection Network said today": not the place's
        actor = self.kb.resolve(place, date) if place else None
        if actor is not None and actor.country and actor.country not in NON_STATE:
            m.actor = actor if actor.kind == "state" else self.kb.state(actor.country)

    def _unknown_issuer(self, article: Article) -> bool:
        """Whether the statement's opening sentences name who speaks, as a name the KB lacks."""
        known = {m.head for m in article.mentions if m.actor is not None}
        for sent in list(article.doc.sents)[:3]:
            for tok in sent:
                speaks = tok.lemma_.lower() in self.refs.speech_verbs
                if speaks and any(c.dep_ == "nsubj" and c.i not in known for c in tok.children):
                    return True
        return False

    def _owner(self, article: Article, i: int, root: Any) -> Actor | None:
        """The actor a possessive pronoun in the description stands for ("his country")."""
        poss = [c for c in root.children if c.dep_ == "poss" and c.lower_ in self.refs.pronouns]
        if not poss:
            return None
        kinds = self.refs.pronouns[poss[0].lower_]
        host = (
            self._host_country(article, root)
            if root.lemma_.lower() in self.refs.posts_abroad
            else None
        )
        # "*its* embassy in Tehran": not the host's own embassy
        j = self._antecedent(
            article.mentions, i, article.doc, kinds, exclude_country=host, possessive=poss[0]
        )
        return article.mentions[j].actor if j is not None else None

    def _host_country(self, article: Article, root: Any) -> str | None:
        """The country a post abroad is in ("the embassy *in Tehran*"), where the phrase says."""
        for obj in locative_objects(root):
            place = locate(article.doc[obj.left_edge.i : obj.i + 1].text, named_states(article))
            if place is not None and place.country:
                return str(place.country)
        return None


def _plural(head: Any) -> bool:
    """Whether a mention's head noun is plural, by its tag or its morphology."""
    return head.tag_ in ("NNS", "NNPS") or head.morph.get("Number") == ["Plur"]


#: A statement's place line: "Manila, 6 August 2023", "Bamako/Dakar, 10 February 2026 —".
_PLACE_LINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Za-z'’. -]{1,30}?)(?:/[A-Z][A-Za-z'’. -]{1,30})?,[ \t]*"
    r"\d{1,2}[ \t]+[A-Z][a-z]{2,8}[ \t]+\d{4}[ \t]*(?:[-—–]|$)"
)


def _opening(text: str) -> str:
    """Where a statement's heading and place line would be: the first 600 characters."""
    return text.lstrip()[:600]


def _place_line(opening: str) -> str | None:
    """The place a statement's place-and-date line gives, if its opening has one."""
    found = _PLACE_LINE.search(opening)
    return found.group(1).strip() if found else None


def _quoted(text: str, offset: int) -> bool:
    """Whether an offset lies inside a quotation of its paragraph (quote marks before it in
    the paragraph are unbalanced)."""
    seg = text[text.rfind("\n", 0, offset) + 1 : offset]
    return seg.count('"') % 2 == 1 or seg.count("“") > seg.count("”")


def _clause_of(tok: Any) -> Any:
    """The verb whose clause a word belongs to: the first verb above it, where a participle
    on a noun does not count ("ambushed a convoy *carrying* contractors in Fallujah" is
    set in Fallujah) but a relative clause does ("the swap they *agreed* at talks in
    Istanbul" was not made there)."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and not (tok.dep_ == "acl" and tok.tag_ in ("VBG", "VBN")):
            return tok
    return tok


#: Nouns that, counted, make a group multinational: "envoys from 60 *countries*".
_MANY_OWNERS = frozenset({"country", "nation", "state", "government", "capital"})


def _from_many(root: Any) -> bool:
    """Whether a description comes "from" or "of" several countries ("ministers from about
    50 countries", "leaders of the 28 member states")."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _MANY_OWNERS and obj.tag_ == "NNS":
                    return True
    return False


def _of_group(root: Any) -> bool:
    """Whether a description's "of" phrase is a group reference ("the foreign ministers *of the
    two countries*"), whose members ``events.extract`` reaches through the phrase."""
    doc = root.doc
    return any(
        group_size(doc[g.left_edge.i : g.i + 1]) > 0
        for c in root.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
    )  # fmt: skip


def _apposed(mentions: list[Mention], i: int, root: Any) -> int | None:
    """A name the description stands in apposition with ("the peacekeeping mission,
    *MONUSCO*", "*Jordan's king*, the country's ruler"): the same actor, as the KB resolved it."""
    partners = {c.i for c in root.children if c.dep_ == "appos"}
    if root.dep_ == "appos":
        partners.add(root.head.i)
    for j, other in enumerate(mentions):
        if j != i and other.head in partners and other.resolved_by == "kb" and other.actor:
            return j
    return None


def _named_by_head(mentions: list[Mention], i: int, root: Any) -> int | None:
    """The latest earlier mention the KB resolved that a bare description repeats: an
    organisation whose name has the description's noun as a word of its own ("the court"
    after "the International Court of Justice", "the council" after "the UN Security
    Council"), or a group with the same head noun ("the peacekeepers" after "United Nations
    peacekeepers"): head match, the most precise pass of sieve-based coreference."""
    m, doc = mentions[i], root.doc
    words = [t for t in doc[m.token_start : m.token_end] if t.dep_ != "det"]
    if len(words) != 1 or words[0].i != root.i or root.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return None  # "the court", "the Alliance"; not "a court", "the Moscow court"
    if m.token_start == root.i or doc[m.token_start].lower_ != "the":
        return None
    noun = root.lemma_.lower()
    for j in range(i - 1, -1, -1):
        cand = mentions[j]
        actor = cand.actor
        if cand.resolved_by != "kb" or actor is None:
            continue
        if actor.kind in ("group", "organisation") and doc[cand.head].lemma_.lower() == noun:
            return j
        named = normalise(actor.name).split() + normalise(cand.text).split()
        if actor.kind == "organisation" and noun in named:
            return j
    return None


def filed_country(
    kb: Any, filed: Sequence[tuple[int, list[str]]], start: int, date: dt.date | None
) -> str | None:
    """The country of the dateline (``nlp.parse.datelines``) a text offset sits under
    ("KREMENCHUK, Ukraine —"): where the story was filed, and so, failing anything nearer,
    where the people and places it does not name are."""
    before = [places for at, places in filed if at <= start]
    for name in before[-1] if before else ():
        actor = kb.resolve(name, date)
        if actor is not None and actor.kind == "state" and actor.country:
            return str(actor.country)
    return None


def _proper(tok: Any) -> bool:
    """A proper noun, or a capitalised word the tagger took for a common noun inside a
    sentence ("fled to *Kharkiv*"); a sentence's first word is capitalised anyway."""
    return tok.pos_ == "PROPN" or (tok.is_title and not tok.is_sent_start)


def _unknown_person(name: Mention, country: str | None) -> Actor:
    """The actor a pronoun stands for when its antecedent is a person the KB does not know:
    unnamed by the KB, with no sector to claim and the country the story gives them, but
    still someone who acts (as ``events.extract`` codes the name itself when it is the
    subject)."""
    slug = "-".join(name.text.lower().split())[:60]
    return Actor(name=name.text, id=f"wb:implicit:{slug}", country=country, kind="person")


def salient_country(
    mentions: list[Mention], sentence: int, skip: int | None = None, avoid: str | None = None
) -> str | None:
    """The country the article is about at a sentence: often and recently named.

    Each mention of a state, person or organisation of a country in earlier sentences or in
    this one adds weight that fades with sentence distance, so a press release's issuer or a
    column's subject wins over a country named once in passing ("Police ... in Minsk" counts
    Minsk, named later in the same sentence). ``skip`` leaves out the mention being resolved;
    ``avoid`` a country that cannot be the answer (the attackers', for unnamed victims).
    """
    ranked = salient_countries(mentions, sentence, skip, avoid)
    return ranked[0] if ranked else None


def salient_countries(
    mentions: list[Mention], sentence: int, skip: int | None = None, avoid: str | None = None
) -> list[str]:
    """Every country :func:`salient_country` weighs, most salient first."""
    weights: Counter[str] = Counter()
    groups: Counter[str] = Counter()  # "Myanmar security forces": only when nothing else names one
    for j, m in enumerate(mentions):
        if m.sentence > sentence:
            continue
        actor = m.actor
        if j == skip or actor is None or not actor.country or actor.country in NON_STATE:
            continue
        if actor.country == avoid:
            continue
        counts = groups if actor.kind == "group" else weights
        counts[actor.country] += 1.0 / (1.0 + 0.5 * (sentence - m.sentence))
    weights = weights or groups
    return sorted(weights, key=lambda c: -weights[c])


def _add_members(article: Article, members: dict[int, list[Actor]]) -> None:
    """Put the other actors of each group reference ("the two countries") right after its
    mention, as mentions of the same words, and renumber the antecedents."""
    if not any(members.values()):
        return
    out: list[Mention] = []
    new_index: dict[int, int] = {}
    for i, m in enumerate(article.mentions):
        new_index[i] = len(out)
        out.append(m)
        out += [m.model_copy(update={"actor": actor}) for actor in members.get(i, ())]
    for m in out:
        if m.antecedent is not None:
            m.antecedent = new_index[m.antecedent]
    article.mentions = out


#: Object-case pronouns: one the parser makes a small clause's subject is still an object.
_OBJECTIVE = frozenset({"him", "her", "them"})


def _bound(mentions: list[Mention], i: int, doc: Any) -> set[int]:
    """The mentions an object pronoun cannot stand for: the logical subject of the verb it
    depends on, and what that subject stands for ("Uganda's police said *they* had arrested
    126 supporters, accusing *them*": not the police)."""
    tok = doc[mentions[i].head]
    if tok.lower_ in _OBJECTIVE and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ccomp":
        # "a judge ordered *him* jailed": the parser makes the object of "ordered" the
        # subject of a small clause; it is still not the judge
        verb = tok.head.head
    elif tok.dep_ not in ("dobj", "pobj", "dative") or tok.tag_ == "PRP$":
        return set()
    else:
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and verb.dep_ in ("dobj", "nsubjpass"):
        verb = verb.head  # "arrested *31 of them*": the arrest's subject is not them
    # every conjunct of the subject: "Saudi Arabia, ... and Egypt cut ties with Qatar,
    # accusing *it*" is not Egypt
    subjects = {s.i for s in subjects_of(verb)}
    found: set[int] = set()
    for j in range(i):
        if mentions[j].head in subjects:
            k: int | None = j
            while k is not None and k not in found:
                found.add(k)
                k = mentions[k].antecedent
    # and every mention standing for one of them ("renewed *its* sanctions on X, accusing
    # *them*": not the sanctioner, whichever of its mentions comes nearest)
    for j in range(i):
        k, seen = mentions[j].antecedent, {j}
        while k is not None and k not in seen:
            if k in found:
                found.add(j)
                break
            seen.add(k)
            k = mentions[k].antecedent
    return found


def _embedded(tok: Any) -> bool:
    """Inside a prepositional phrase, relative clause or appositive of its clause."""
    for _ in range(4):
        if tok.dep_ in ("pobj", "relcl", "acl", "appos"):
            return True
        if tok.head.i == tok.i or tok.dep_ in ("ccomp", "ROOT", "conj"):
            return False
        tok = tok.head
    return False


def _hosted_seats(mentions: list[Mention], kb: KnowledgeBase, seats: dict[str, str]) -> None:
    """ "Rwanda cut ties with Belgium ..., accusing *Brussels*": the host's government, where
    the city otherwise names the organisation seated there (``seats`` in the references
    file: "Brussels" is the EU in the news, as the corpus codes it 22 times in 27)."""
    for m in mentions:
        host = seats.get(m.text.lower())
        if host is None or m.resolved_by != "kb":
            continue
        if any(o is not m and o.actor is not None and o.actor.country == host for o in mentions):
            m.actor = kb.state(host, "GOV")
