"""Stage ``actors.mentions``: find the stretches of text that name political actors.

Candidates are spaCy's noun chunks and named entities. Each is resolved through the
knowledge base at the sentence's date; a possessor inside a chunk ("Macron's visit") and an
adjective of nationality ("a Russian attack") become mentions of their own, because event
nouns take their actors from exactly those places. Pronouns and descriptions that need the
article to be understood ("he", "the regime", "the president") are left for
``actors.coref``. See docs/architecture.md, step 4.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from whimbrel.actors.knowledge_base import KnowledgeBase
from whimbrel.actors.references import description_heads, group_size
from whimbrel.events.lexicon import load_lexicon
from whimbrel.events.slots import coordinated_modifiers
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Actor, Article, Mention

#: Entity labels that can name an actor (others — DATE, MONEY, ... — never do).
ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})
#: Pronouns left for coreference; reflexives and "we/you/I" are not political actors here.
PRONOUNS = frozenset(
    {
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "we",
        "us",
        "our",
    }
)
#: Argument positions where a lone name the tagger misread still names an actor.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
#: A probe country: a description that resolves only *with* a context needs the article;
#: resolving one under it gives its sector, not its owner (coreference uses it too).
PROBE_CONTEXT = ("USA",)
#: Post-modifiers through which a nested actor gives a collective its country
#: ("hackers tied to Pyongyang", "forces loyal to Assad", "troops from Chad").
_LINKS = frozenset({"tie", "link", "loyal", "back", "affiliate", "allied", "from", "of", "connect"})


@lru_cache(maxsize=4)
def load_kb(name: str = "default") -> KnowledgeBase:
    """The knowledge base named in the settings, loaded once per process."""
    return KnowledgeBase.load() if name == "default" else KnowledgeBase.load(name)


class MentionSettings(StageSettings):
    kb: str = "default"
    #: The trigger lexicon whose event nouns are no collectives ("the withdrawal of US
    #: troops"): the one ``events.extract`` codes with.
    lexicon: str = "triggers.v1"


def sentence_dates(article: Article) -> list[dt.date | None]:
    """The date to resolve office holders at, per sentence: its first full date, else publication."""
    dates: list[dt.date | None] = [article.date] * len(article.sentences)
    doc = article.doc
    refs = doc._.wb_dates or []
    sent_starts = [s.start for s in doc.sents]
    for ref in refs:
        if ref.value is None:
            continue
        idx = _sentence_index(sent_starts, ref.start)
        value = ref.value + (
            "-07-01" if len(ref.value) == 4 else "-15" if len(ref.value) == 7 else ""
        )
        try:
            if dates[idx] == article.date:
                dates[idx] = dt.date.fromisoformat(value)
        except ValueError:
            continue
    return dates


def _sentence_index(starts: Sequence[int], token: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= token:
            lo = mid
        else:
            hi = mid - 1
    return lo


@stage(
    "actors.mentions",
    requires=["doc", "sentences"],
    assigns=["mentions"],
    settings=MentionSettings,
)
class FindMentions:
    """Find actor mentions in noun chunks and entities and resolve them with the knowledge base."""

    def __init__(self, settings: MentionSettings) -> None:
        self.kb = load_kb(settings.kb)
        self.lexicon = load_lexicon(settings.lexicon)
        #: Countries the article has named most so far, for titles without a country.
        self.context: tuple[str, ...] = ()
        #: People introduced with a title in this article, by full name and surname ("Petro").
        self.people: dict[str, Actor] = {}
        self._ents: list[list[Any]] = []
        self._sent_ents: list[Any] = []
        self._ent_at: dict[int, Any] = {}

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        dates = sentence_dates(article)
        taken: set[int] = set()
        mentions: list[Mention] = []
        sents = list(doc.sents)
        seen: Counter[str] = Counter()
        # Span.noun_chunks and Span.ents scan the whole Doc each time: group them by sentence
        # once, or a long article costs the square of its length.
        chunks = _by_sentence(_titled_names(doc.noun_chunks), sents)
        self._ents = _by_sentence(doc.ents, sents)
        self._ent_at = {e.start: e for e in doc.ents}
        try:
            for si, sent in enumerate(sents):
                date = dates[si]
                self.context = tuple(c for c, _ in seen.most_common(3))
                self._sent_ents = self._ents[si]
                for span, actor, how in self._candidates(sent, chunks[si], date):
                    # A possessive pronoun inside a description ("his host") is a mention too.
                    if how != "pronoun":
                        if taken.intersection(range(span.start, span.end)):
                            continue
                        taken.update(range(span.start, span.end))
                    mentions.append(_mention(span, si, actor, how))
                    if actor is not None and actor.country and actor.kind in ("state", "person"):
                        seen[actor.country] += 1
        finally:
            # nothing of one article outlives it: no spaCy spans (a used stage still pickles
            # for Dask workers) and no people or countries carried into the next article
            self._ents, self._sent_ents, self._ent_at = [], [], {}
            self.people, self.context = {}, ()
        mentions.sort(key=lambda m: m.start)
        article.mentions = mentions
        return article

    def _candidates(
        self, sent: Any, chunks: list[Any], date: dt.date | None
    ) -> list[tuple[Any, Actor | None, str]]:
        """Resolved spans of one sentence, longest first within each noun chunk."""
        out = self._named_organisations(sent, chunks, date)
        for chunk in chunks:
            out.extend(self._resolve_chunk(chunk, date))
        for ent in self._sent_ents:
            if ent.label_ in ACTOR_LABELS:
                actor = self.kb.resolve(ent.text, date)
                if actor is not None:
                    out.append((ent, actor, "kb"))
                elif ent.label_ == "PERSON":
                    known = self.people.get(ent.text.removesuffix("'s").strip())
                    out.append((ent, known, "title" if known else "unresolved"))
        for tok in sent:
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                out.append((tok.doc[tok.i : tok.i + 1], None, "pronoun"))
            elif tok.tag_ == "CD" and tok.dep_ in _ARGUMENT_DEPS and tok.i > sent.start:
                # "and *the two* agreed": a bare counted group is in no noun chunk
                group = tok.doc[tok.i - 1 : tok.i + 1]
                if group[0].lower_ == "the" and group_size(group):
                    out.append((group, None, "group"))
            elif tok.dep_ in _ARGUMENT_DEPS and tok.is_title and tok.pos_ in ("ADJ", "X", "INTJ"):
                # "*Lula* accused ...": a name the tagger read as an adjective, in no chunk or
                # entity; taken when the KB knows it as a person (or a state) by that word
                actor = self.kb.resolve(tok.text, date)
                if actor is not None and actor.kind in ("person", "state"):
                    out.append((tok.doc[tok.i : tok.i + 1], actor, "kb"))
        return out

    def _named_organisations(
        self, sent: Any, chunks: list[Any], date: dt.date | None
    ) -> list[tuple[Any, Actor | None, str]]:
        """Organisations named in full that the parser cut into pieces ("*Reporters* Without
        *Borders*": two noun chunks and a person): the whole name wins over the pieces. A name
        inside one noun chunk is left to it ("the Arab League", "Group of Eight leaders")."""
        out: list[tuple[Any, Actor | None, str]] = []
        for found in self.kb.org_names_pattern.finditer(sent.text):
            span = sent.char_span(found.start(), found.end())
            if span is None or any(c.start <= span.start and span.end <= c.end for c in chunks):
                continue
            actor = self.kb.resolve(found.group(), date)
            if actor is not None:
                if span.start > sent.start and span.doc[span.start - 1].lower_ == "the":
                    span = span.doc[span.start - 1 : span.end]  # "*the* International Court"
                out.append((span, actor, "kb"))
        return out

    def _resolve_chunk(
        self, chunk: Any, date: dt.date | None
    ) -> list[tuple[Any, Actor | None, str]]:
        root = chunk.root
        if root.lower_ in PRONOUNS:
            return []
        span = _strip(chunk)
        if span is None:
            return []
        if group_size(span):
            return [(span, None, "group")]  # "the two countries": coref counts them
        shared = self._shared_head(span, root, date)
        if shared:
            return shared
        actor = resolve_unspelt(self.kb, root, span.text, date)  # the bush is no Bush
        if actor is not None:
            if actor.country is None:
                nested = self._nested_country(root, date)
                if nested is not None:
                    actor = actor.model_copy(update={"country": nested})
            return [(span, actor, "kb")]
        found: list[tuple[Any, Actor | None, str]] = []
        extended = self._with_link(chunk, date)
        if extended is not None:
            return [extended]
        if root.lemma_.lower() in description_heads() and _is_definite(chunk):
            return [(span, None, "description")]
        person = self._titled_person(span, date)
        if person is not None:
            return [person]
        poss = [t for t in root.children if t.dep_ == "poss" and t.i >= chunk.start]
        for p in poss:
            sub = _strip(chunk.doc[p.left_edge.i : p.i + 1])
            if sub is None or sub.root.lower_ in PRONOUNS:
                continue
            sub_actor = self.kb.resolve(sub.text, date)
            if sub_actor is not None:
                found.append((sub, sub_actor, "kb"))
            elif sub.root.lemma_.lower() in description_heads() and _is_definite(sub):
                found.append((sub, None, "description"))  # "the country's largest union"
            elif (person := self._titled_person(sub, date)) is not None and person[1] is not None:
                found.append(person)
        # "its troops", "their police": the owner is a pronoun, so coref supplies the country
        pronoun_owner = all(p.lower_ in PRONOUNS for p in poss)
        probe = not found and root.pos_ in ("NOUN", "PROPN") and pronoun_owner
        probed = resolve_unspelt(self.kb, root, span.text, date, PROBE_CONTEXT) if probe else None
        if probed is not None:
            found.append((span, None, "description"))  # but "a ban" is no Ban Ki-moon
        return found

    def _shared_head(
        self, span: Any, root: Any, date: dt.date | None
    ) -> list[tuple[Any, Actor | None, str]]:
        """One noun shared by the actors of several countries ("French and Mauritanian
        troops", "Peruvian and Chilean navies") is a mention per country: each modifier
        but the last alone, the last with the noun, every one with the noun's sector.
        Empty unless at least two of the modifiers name different countries."""
        doc = root.doc
        chain = coordinated_modifiers(root)
        if not chain or chain[0].i < span.start:
            return []
        head = doc[chain[-1].i + 1 : span.end].text  # the shared noun: "troops"
        out: list[tuple[Any, Actor | None, str]] = []
        for k, tok in enumerate(chain):
            start = min([tok.i] + [c.i for c in tok.children if c.dep_ == "compound"])
            last = k == len(chain) - 1
            sub = doc[start : span.end] if last else doc[start : tok.i + 1]
            actor = self.kb.resolve(sub.text if last else f"{sub.text} {head}", date)
            if actor is None or not actor.country:
                return []
            out.append((sub, actor, "kb"))
        if len({actor.country for _, actor, _ in out if actor is not None}) < 2:
            return []
        return out

    def _titled_person(
        self, span: Any, date: dt.date | None
    ) -> tuple[Any, Actor | None, str] | None:
        """A person the KB does not know, named with a title or appositive that it does.

        "Interior Minister Nancy Faeser", "Kenyan President William Ruto", "Martin Griffiths,
        the UN relief chief": the title gives country and sector, the name stays the name.
        Without either, the person is kept unresolved so a later "he" does not skip over them.
        """
        doc = span.doc
        # the entity may run on over a possessive marker the span has shed ("Gustavo Petro's")
        ents = [
            e for e in self._sent_ents
            if e.label_ in ("PERSON", "ORG") and span.start <= e.start < span.end
            and e.end >= span.end
        ]  # fmt: skip
        if not ents:
            return None
        ent = doc[ents[0].start : span.end]
        title = _strip(span.doc[span.start : ent.start]) if ent.start > span.start else None
        described: Actor | None = None
        if title is not None:
            described = self.kb.resolve(title.text, date) or self.kb.resolve(
                title.text, date, self.context
            )
            # "Venezuelan opposition candidate": a head noun the KB lacks, but the words
            # before it still say who the person is ("Venezuelan opposition")
            for end in range(title.end - 1, title.start, -1):
                if described is not None:
                    break
                described = self.kb.resolve(doc[title.start : end].text, date)
                if described is not None and not described.country:
                    described = None
        if ents[0].label_ == "ORG":
            # "UN envoy *Terje Roed-Larsen*": a hyphenated name the tagger took for an
            # organisation, after a title that names a person
            if described is None or described.kind != "person" or not _name_like(ent):
                return None
            return self._person(span, ent, described)
        if described is None:
            for phrase in _apposed_phrases(ent.root):
                sub = _strip(phrase)
                if sub is None or sub.end - sub.start > 8:
                    continue
                described = self.kb.resolve(sub.text, date)
                # "the UN relief chief": the organisation named inside the appositive
                for inner in sub.ents if described is None else ():
                    if inner.label_ in ("ORG", "GPE", "NORP"):
                        described = self.kb.resolve(inner.text, date)
                        if described is not None:
                            break
                if described is not None:
                    break
        if described is None:
            # "tech billionaire *Elon Musk*": a description the KB lacks before a name it knows
            named = self.kb.resolve(ent.text, date) if title is not None else None
            if named is not None and named.kind == "person" and all(t.is_title for t in ent):
                return span, named, "kb"
            known = self.people.get(ent.text)
            return (span, known, "title") if known else (span, None, "unresolved")
        return self._person(span, ent, described)

    def _person(self, span: Any, ent: Any, described: Actor) -> tuple[Any, Actor | None, str]:
        """The person named ``ent``, of the country and sector its title or appositive
        ``described`` gives; remembered by full and last name for later mentions."""
        if not described.country:
            return span, None, "unresolved"
        actor = Actor(
            name=ent.text,
            id="wb:person:" + "-".join(ent.text.lower().split()),
            country=described.country,
            sector=described.sector,
            secondary_sector=described.secondary_sector,
            kind="person",
        )
        self.people[ent.text] = actor
        self.people.setdefault(ent[-1].text, actor)
        return span, actor, "title"

    def _with_link(self, chunk: Any, date: dt.date | None) -> tuple[Any, Actor, str] | None:
        """ "hackers tied to Pyongyang": resolve the collective together with its link phrase."""
        root = chunk.root
        if root.is_lower and self.lexicon.lookup(root.lemma_, "NOUN"):
            return None  # an event is no collective: "the withdrawal of US troops from Kabul"
        for child in root.rights:
            if child.lemma_ not in _LINKS or child.dep_ not in ("acl", "amod", "prep"):
                continue
            end = child.right_edge.i + 1
            if end - chunk.start > 10:
                continue
            span = _strip(chunk.doc[chunk.start : end])
            if span is None:
                continue
            actor = self.kb.resolve(span.text, date)
            if actor is None:
                country = self._nested_country(root, date)
                base = self.kb.resolve(chunk.text, date, PROBE_CONTEXT)
                if country is None or base is None:
                    continue
                actor = self.kb.resolve(chunk.text, date, (country,)) or base.model_copy(
                    update={"country": country}
                )
            return span, actor, "kb"
        return None

    def _nested_country(self, root: Any, date: dt.date | None) -> str | None:
        """The country of the first actor named inside a noun's post-modifiers."""
        for child in root.rights:
            if child.lemma_ not in _LINKS:
                continue
            for tok in child.subtree:
                if tok.ent_type_ in ACTOR_LABELS and tok.ent_iob_ == "B":
                    ent = self._ent_at.get(tok.i)
                    if ent is None:
                        continue
                    actor = self.kb.resolve(ent.text, date)
                    if actor is not None and actor.country:
                        return actor.country
        return None


def _titled_names(chunks: Any) -> list[Any]:
    """Noun chunks, with a title and the name the parser hung on it as an apposition made
    one ("Yemen's President | Ali Abdullah Saleh" is Saleh, not whoever held the office on the
    publication date); a comma between them keeps them apart."""
    out: list[Any] = []
    for chunk in chunks:
        prev = out[-1] if out else None
        root = chunk.root
        if (
            prev is not None
            and chunk.start == prev.end
            and root.dep_ == "appos"
            and root.head.i == prev.root.i
            and root.ent_type_ == "PERSON"
            and prev.root.is_title
        ):
            out[-1] = chunk.doc[prev.start : chunk.end]
            continue
        out.append(chunk)
    return out


def _by_sentence(spans: Any, sents: list[Any]) -> list[list[Any]]:
    """Spans (noun chunks, entities) grouped by the sentence they start in."""
    starts = [s.start for s in sents]
    out: list[list[Any]] = [[] for _ in sents]
    for span in spans:
        out[_sentence_index(starts, span.start)].append(span)
    return out


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their"})


#: Determiners before which a lower-case noun names no organisation: "*a* telegram".
_NOT_NAMING = frozenset({"a", "an", "another", "every", "each"})


def resolve_unspelt(
    kb: KnowledgeBase,
    root: Any,
    text: str,
    date: dt.date | None,
    context: Sequence[str] = (),
) -> Actor | None:
    """What the KB makes of a phrase whose head is ``root``, but for a name the head only
    spells in lower case (``spelt_in_lower_case``): "fled into *the bush*" is no president
    Bush, "rejected *the note*" no Kessai Note. Shared by the mention stage and the events
    stage's unnamed recipients."""
    actor = kb.resolve(text, date, context)
    return None if actor is not None and spelt_in_lower_case(root, actor, kb) else actor


def spelt_in_lower_case(root: Any, actor: Actor, kb: KnowledgeBase) -> bool:
    """Whether a person was found by a common word their name happens to spell ("the
    *bush*"): the head, in lower case, is a capitalised word of the person's name. A title
    ("Israel's *ambassador*") still finds the office's holder. An organisation is the
    same only after "a" or a possessive pronoun ("sent *a telegram*", "*his* security
    council"): "the eurozone" is spelt in lower case and still names it; or when the word is
    a name it has only in capitals ("the *plan*" is no PLAN, the PLA Navy)."""
    if not root.text.islower():
        return False
    if actor.kind == "organisation" and root.text.upper() in kb.acronyms(actor.id):
        return True
    if actor.kind == "organisation":
        if not any(c.lower_ in _NOT_NAMING or c.tag_ == "PRP$" for c in root.children):
            return False
    elif actor.kind != "person":
        return False
    return any(w[:1].isupper() and w.lower() == root.lower_ for w in actor.name.split())


def _name_like(ent: Any) -> bool:
    """Whether an entity reads as a person's name: two or more capitalised words, hyphens
    allowed ("Terje Roed-Larsen")."""
    words = [t for t in ent if t.text != "-"]
    return len(words) >= 2 and all(t.is_title and t.is_alpha for t in words)


def _is_definite(chunk: Any) -> bool:
    """ "the bloc", "his host", "its government": a description, not a new actor."""
    return chunk[0].lower_ in _DEFINITE


def _apposed_phrases(root: Any) -> list[Any]:
    """The phrases standing in apposition with a name, after it ("Martin Griffiths, *the UN
    relief chief*") or before it ("*the UN special envoy*, Hans Grundberg")."""
    doc = root.doc
    spans = [doc[c.left_edge.i : c.right_edge.i + 1] for c in root.children if c.dep_ == "appos"]
    head = root.head
    if root.dep_ == "appos" and head.i < root.i:
        end = root.left_edge.i
        while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        spans.append(doc[head.left_edge.i : end])
    return spans


def _strip(span: Any) -> Any | None:
    """Drop leading punctuation and whitespace (a blanked dateline), a leading date the parser
    made a modifier ("on *Wednesday* Canberra signed") and trailing possessive markers; None
    if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or (
            doc[start].ent_type_ in ("DATE", "TIME")
            and doc[end - 1].ent_type_ not in ("DATE", "TIME")
        )
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"
    ):
        end -= 1
    return doc[start:end] if end > start else None


def _mention(span: Any, sentence: int, actor: Actor | None, how: str) -> Mention:
    return Mention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        sentence=sentence,
        actor=actor,
        resolved_by=how,
        head=span.root.i,
        token_start=span.start,
        token_end=span.end,
    )
