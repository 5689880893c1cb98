"""Stage ``events.finalize``: turn draft events into published :class:`~whimbrel.records.Event` records.

Adds what every record carries for its users: a stable id (the same article coded twice
gives the same ids, so stores can deduplicate), the coder and knowledge-base versions, the
event date, CAMEO root, quad class and score from ``data/plover/cameo.v1.tsv``, a
confidence, and the sector of a state named as a whole or of an unnamed group where the act
gives it (the ontology's ``open_sectors``). With ``explain = true`` each event also says which lexicon row, slots and cues
produced it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Any

from whimbrel import __version__
from whimbrel.actors.mentions import load_kb
from whimbrel.events.confidence import Finding, calibrated_confidence, raw_confidence
from whimbrel.events.dating import date_event
from whimbrel.events.draft import EventDraft, drafts_of
from whimbrel.events.lexicon import Entry
from whimbrel.events.plover import cameo_for, load_ontology
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import ActorMention, Article, Event, Mention, Span

CODER = f"whimbrel/{__version__}"


#: Settings that publish every event found, however unlikely: for ``whimbrel classify``,
#: which picks among them, and for the tools that train on them.
EVERY_EVENT = {"events.finalize.min_confidence": 0.0, "events.finalize.min_probability": 0.0}


class FinalizeSettings(StageSettings):
    cameo_table: str = "cameo.v1"
    min_confidence: float = 0.2
    min_probability: float = 0.25
    explain: bool = False
    confidence_model: str = "confidence.v1"
    kb: str = "default"


def event_id(
    article_id: str, draft: EventDraft, trigger_start: int, mentions: list[Mention]
) -> str:
    """A stable id from the article, the trigger's offset, the type and the actors' offsets."""
    parts = [article_id, str(trigger_start), draft.event_type]
    parts += [f"{mentions[i].start}" for i in draft.source] + ["|"]
    parts += [f"{mentions[i].start}" for i in draft.target]
    return "ev-" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def _actor(m: Mention, sector: str | None = None) -> ActorMention:
    """The published actor of mention *m*; *sector* fills a sector the knowledge base left
    open."""
    if m.actor is None:  # a bug upstream; the runner reports it as this article's StageError
        raise ValueError(
            f"an event names {m.text!r} (characters {m.start}-{m.end}) as an actor, "
            "but no actor was resolved for it"
        )
    actor = m.actor
    if sector and actor.sector is None:
        actor = actor.model_copy(update={"sector": sector})
    return ActorMention.of(Span(text=m.text, start=m.start, end=m.end), actor)


def _country_sector(m: Mention) -> tuple[str | None, str | None]:
    """(country, sector) of a mention's actor, as the published event gives them."""
    return (m.actor.country, m.actor.sector) if m.actor else (None, None)


@stage(
    "events.finalize",
    requires=["doc._.wb_drafts", "mentions"],
    assigns=["events"],
    settings=FinalizeSettings,
)
class FinalizeEvents:
    """Give each draft its id, versions, date, CAMEO codes and confidence."""

    def __init__(self, settings: FinalizeSettings) -> None:
        self.settings = settings
        self.kb = load_kb(settings.kb)
        self.kb_version = self.kb.version
        self.open_sectors = load_ontology().open_sectors

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        drafts = drafts_of(doc)
        per_sentence = Counter(d.sentence for d in drafts)
        sents = list(doc.sents) if drafts else []
        coded_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
        events: list[Event] = []
        seen: set[str] = set()
        for draft in drafts:
            date_event(article, draft, sents[draft.sentence], per_sentence[draft.sentence])
            event = self._event(article, draft, coded_at)
            # the first floor applies to the raw evidence, so a new calibration does not move
            # it; the second drops events that are more likely wrong than right by a wide
            # margin (a 0.25 floor raised dev and train type F1, docs/ACCURACY.md)
            if (
                raw_confidence(draft.factors) < self.settings.min_confidence
                or event.confidence < self.settings.min_probability
                or event.id in seen
            ):
                continue
            seen.add(event.id)
            events.append(event)
        article.events = events
        return article

    def _actor(self, m: Mention, role: str, entry: Entry, doc: Any = None) -> ActorMention:
        """The published actor of *m* in *role*, an open sector filled for the act: from the
        thing a state's adjective is said of, for a target ("shelled *Ukrainian* positions"
        hits the military, "struck *Syrian* towns" civilians), else by the event's type."""
        if m.actor is None or m.actor.sector is not None:
            return _actor(m)
        if doc is not None and m.actor.kind == "state" and m.head >= 0:
            word = doc[m.head]
            if word.dep_ in ("amod", "compound", "poss") and word.head.pos_ == "NOUN":
                owned = self.kb.thing_sector(word.head.lemma_.lower())
                if owned is not None:
                    return _actor(m, owned)
        # only a state's open sector reads whether the words name its people
        people = m.actor.kind == "state" and self.kb.names_people(m.text)
        sector = self.open_sectors.sector(
            m.actor.kind, role, entry.event_type, entry.mode, people=people
        )
        return _actor(m, sector)

    def _event(self, article: Article, draft: EventDraft, coded_at: dt.datetime) -> Event:
        doc = article.doc
        mentions = article.mentions
        trig = doc[draft.trigger]
        sent = article.sentences[draft.sentence]
        entry = draft.entry
        row = cameo_for(entry.event_type, entry.mode, self.settings.cameo_table)
        attributed = mentions[draft.attributed_to] if draft.attributed_to is not None else None
        explain: dict[str, Any] | None = None
        if self.settings.explain:
            explain = {
                "lexicon_entry": entry.describe(),
                "source_slot": draft.source_slot,
                "target_slot": draft.target_slot,
                "factuality_cue": draft.factuality_cue,
                "date_from": draft.date_source,
                "confidence_factors": dict(draft.factors),
                "actors_resolved_by": {
                    mentions[i].text: mentions[i].resolved_by for i in draft.source + draft.target
                },
            }
        return Event(
            id=event_id(article.id, draft, trig.idx, mentions),
            article_id=article.id,
            coder=CODER,
            kb_version=self.kb_version,
            coded_at=coded_at,
            event_type=entry.event_type,  # type: ignore[arg-type]
            mode=entry.mode,
            contexts=list(entry.contexts),
            source=[self._actor(mentions[i], "source", entry) for i in draft.source],
            target=[self._actor(mentions[i], "target", entry, doc) for i in draft.target],
            factuality=draft.factuality,  # type: ignore[arg-type]
            attributed_to=(
                self._actor(attributed, "attributed_to", entry)
                if attributed and attributed.actor
                else None
            ),
            date=draft.date,
            date_precision=draft.date_precision,  # type: ignore[arg-type]
            location=draft.location,
            sentence=sent.text,
            sentence_start=sent.start,
            sentence_end=sent.end,
            trigger=Span(text=trig.text, start=trig.idx, end=trig.idx + len(trig.text)),
            confidence=calibrated_confidence(
                Finding(
                    entry.event_type,
                    draft.factors,
                    draft.factuality,
                    source=tuple(_country_sector(mentions[i]) for i in draft.source),
                    target=tuple(_country_sector(mentions[i]) for i in draft.target),
                    lemma=entry.lemma,
                ),
                self.settings.confidence_model,
            ),
            quad=row.quad,
            cameo_root=row.cameo_root,
            score=row.score,
            explain=explain,
        )
