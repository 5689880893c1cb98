"""Which resolved date expression an event takes, and the publication-date fallback.

A date expression belongs to the event whose trigger it hangs from in the parse ("shelled
the town *on Tuesday*"); a sentence with a single trigger takes the sentence's only date;
otherwise a news event is dated by its publication, the convention GDELT and POLECAT share.
"""

from __future__ import annotations

from typing import Any

from whimbrel.events.draft import EventDraft, clause_word
from whimbrel.records import Article


def _attached(doc: Any, ref: Any, trigger: int) -> bool:
    tok = doc[ref.start]
    for _ in range(6):
        if tok.i == trigger:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def date_event(article: Article, draft: EventDraft, sent: Any, drafts_in_sentence: int) -> None:
    """Set the draft's date, precision and where they came from (``sent``: its spaCy sentence)."""
    doc = article.doc
    # An expression that did not resolve ("in twenty-four years" is a duration) dates nothing.
    refs = [
        r
        for r in (doc._.wb_dates or [])
        if sent.start <= r.start < sent.end and r.value is not None
    ]
    chosen = next((r for r in refs if _attached(doc, r, clause_word(doc, draft).i)), None)
    if chosen is None and drafts_in_sentence == 1 and len(refs) == 1:
        chosen = refs[0]
    if chosen is not None:
        draft.date, draft.date_precision = chosen.value, chosen.precision
        draft.date_source = chosen.text
    elif article.date is not None:
        draft.date, draft.date_precision = article.date.isoformat(), "day"
        draft.date_source = "publication"
    else:
        draft.date, draft.date_precision, draft.date_source = None, "unknown", "none"
