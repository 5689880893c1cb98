"""The typed records that flow through the pipeline.

One :class:`Article` passes through every stage; each stage fills only its own fields
(``sentences``, ``mentions``, ``events``). The spaCy parse rides along as private working
state and is never serialised. An :class:`Event` carries all its evidence (article id,
sentence, offsets, coder version, factuality, confidence) so nothing downstream has to look
back at the article. See docs/record.md and docs/event.schema.json.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

Factuality = Literal[
    "asserted", "reported", "negated", "denied", "hypothetical", "future", "habitual"
]
#: When several apply, the first in this order wins (issue #2's contract).
FACTUALITY_PRECEDENCE: tuple[str, ...] = (
    "denied", "negated", "hypothetical", "future", "habitual", "reported", "asserted",
)  # fmt: skip
#: The factualities that describe something that happened (the default filter downstream).
REALISED: tuple[str, ...] = ("asserted", "reported", "habitual")

ActorKind = Literal["state", "person", "organisation", "group"]
DatePrecision = Literal["day", "month", "year", "unknown"]


class Span(BaseModel):
    """A stretch of the cleaned article text, by code-point offsets (end exclusive)."""

    text: str
    start: int
    end: int


def overlaps_any(spans: Any, start: int, end: int) -> bool:
    """Whether any of *spans* (objects with ``start``/``end`` offsets: spans, mentions, actor
    mentions) shares a character with ``[start, end)``."""
    return any(min(end, s.end) - max(start, s.start) > 0 for s in spans)


class Actor(BaseModel):
    """An entry of the knowledge base as it applies at one date: who, which country, which sector."""

    name: str = Field(description="Canonical name, e.g. 'Vladimir Putin' or 'North Korea'.")
    id: str = Field(
        description="Wikidata QID where the knowledge base knows it, else a whimbrel id."
    )
    country: str | None = Field(description="ISO 3166 alpha-3, KOS, or a PLOVER non-state code.")
    sector: str | None = Field(
        default=None, description="Primary PLOVER sector code (GOV, MIL, ...)."
    )
    secondary_sector: str | None = None
    kind: ActorKind


class ActorMention(Actor):
    """An actor as named in the text: the resolved actor plus the span that names it."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, span: Span, actor: Actor) -> ActorMention:
        return cls(text=span.text, start=span.start, end=span.end, **actor.model_dump())


class Location(BaseModel):
    """Where an event took place, from the offline gazetteer."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


class Event(BaseModel):
    """One coded PLOVER event with its evidence. The JSON form is the published record."""

    model_config = ConfigDict(extra="forbid")

    id: str
    article_id: str
    coder: str
    kb_version: str
    coded_at: dt.datetime
    event_type: EventType
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    source: list[ActorMention] = Field(default_factory=list)
    target: list[ActorMention] = Field(default_factory=list)
    factuality: Factuality = "asserted"
    attributed_to: ActorMention | None = None
    date: str | None = Field(default=None, description="ISO date, as precise as the text allows.")
    date_precision: DatePrecision = "unknown"
    location: Location | None = None
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: Span
    confidence: float = Field(ge=0.0, le=1.0)
    quad: int = Field(ge=1, le=4)
    cameo_root: str
    score: float = Field(ge=-10.0, le=10.0)
    explain: dict[str, Any] | None = Field(
        default=None,
        description="Why: the rule, lexicon entry or model score (only with --explain).",
    )


class Sentence(BaseModel):
    """A sentence of the cleaned text."""

    start: int
    end: int
    text: str


class Mention(BaseModel):
    """A stretch of text that names (or refers to) an actor, found by the actor stages."""

    text: str
    start: int
    end: int
    sentence: int = Field(description="Index into Article.sentences.")
    actor: Actor | None = None
    resolved_by: str = Field(
        default="kb",
        description=(
            "How the actor was found: kb, title, pronoun, description, group (one of the "
            "actors 'the two countries' counts), implicit or unresolved."
        ),
    )
    antecedent: int | None = Field(default=None, description="Index of the mention referred to.")
    #: Whether its country came from the story's most salient one, not from its own words or
    #: setting — working state: the event stage may pick another for it.
    salient: bool = Field(default=False, exclude=True)
    #: Token indices in the spaCy Doc (head and span) — working state, not part of the API.
    head: int = Field(default=-1, exclude=True)
    token_start: int = Field(default=-1, exclude=True)
    token_end: int = Field(default=-1, exclude=True)


class Article(BaseModel):
    """A news article and everything the pipeline learnt about it."""

    id: str
    text: str = Field(description="The cleaned text that every offset indexes.")
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: dt.date | None = Field(default=None, description="Publication date.")
    language: str | None = None
    origin: str | None = Field(default=None, description="File, URL or corpus line it came from.")
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Warnings worth showing the user.")

    _doc: Any = PrivateAttr(default=None)

    @property
    def doc(self) -> Any:
        """The spaCy Doc of :attr:`text` (working state; ``None`` before the parse stage)."""
        return self._doc

    @doc.setter
    def doc(self, value: Any) -> None:
        self._doc = value

    def headline_end(self) -> int:
        """Where the headline ends when the text still opens with it (:func:`headline_end`)."""
        return headline_end(self.text, self.title)

    def header(self) -> dict[str, Any]:
        """The article fields of the ``json`` output format."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "publisher": self.publisher,
            "date": self.date.isoformat() if self.date else None,
            "text": self.text,
        }


def headline_end(text: str, title: str | None) -> int:
    """Where ``title`` ends when ``text`` opens with it on a line of its own (0 otherwise):
    the title, then a line break. Ingestion takes the headline off the text, but an article
    built by hand or a corpus record may keep it; a title that only repeats the lede's first
    words, or a text that is nothing but its headline, is no such line."""
    title = (title or "").strip()
    if not title or not text.startswith(title):
        return 0
    return len(title) if text[len(title) : len(title) + 1] in ("\n", "\r") else 0
