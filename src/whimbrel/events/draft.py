"""The working form of an event between ``events.extract`` and ``events.finalize``.

Drafts point at tokens and mention indices of the parse; the factuality and location stages
annotate them, and ``events.finalize`` turns each into a published :class:`~whimbrel.records.Event`.
They live on the spaCy Doc (``doc._.wb_drafts``) and are never serialised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from whimbrel.events.lexicon import Entry
from whimbrel.records import Location

if not Doc.has_extension("wb_drafts"):
    Doc.set_extension("wb_drafts", default=None)


@dataclass
class EventDraft:
    """An event found in one sentence, before ids, CAMEO codes and confidence are set."""

    sentence: int
    trigger: int  # token index
    entry: Entry
    source: list[int]  # mention indices
    target: list[int]
    source_slot: str
    target_slot: str | None
    factors: dict[str, float] = field(default_factory=dict)
    factuality: str = "asserted"
    factuality_cue: str | None = None
    attributed_to: int | None = None  # mention index
    #: who blamed the source for the act ("..., Petro *blamed* dissidents"): the act is
    #: their claim, reported by them (answered.blamed_acts)
    blamed_by: int | None = None
    date: str | None = None
    date_precision: str = "unknown"
    date_source: str = "none"
    location: Location | None = None
    #: the token whose clause holds the event when that is not the trigger's: a threat moved
    #: onto the threatened act ("warned that it *would shoot down* ...") is made, dated and
    #: placed where the warning is (passes.threats_on_acts)
    clause: int | None = None

    @property
    def event_type(self) -> str:
        return self.entry.event_type

    def aim(self, target: list[int], slot: str) -> None:
        """Give the event the target a pass found, and drop the missing-target penalty."""
        self.target, self.target_slot = target, slot
        self.factors.pop("missing_target", None)


def clause_word(doc: Any, draft: EventDraft) -> Any:
    """The word whose clause holds the event: the trigger, or for a manner adverb's event
    ("will *jointly* manage") the verb it modifies, whose auxiliaries, cues, places and dates
    are the event's too; or the word ``draft.clause`` names."""
    if draft.clause is not None:
        return doc[draft.clause]
    word = doc[draft.trigger]
    return word.head if word.pos_ == "ADV" and word.dep_ == "advmod" else word


def drafts_of(doc: Any) -> list[EventDraft]:
    """The drafts on a parsed Doc (an empty list before extraction)."""
    drafts = doc._.wb_drafts
    return drafts if drafts is not None else []
