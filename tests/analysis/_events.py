"""Hand-built events and articles for the analysis, API and web tests (no model needed)."""

from __future__ import annotations

import datetime as dt

from whimbrel.records import ActorMention, Article, Event, Span

QUAD_OF = {
    "CONSULT": 1, "AGREE": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2,
    "ACCUSE": 3, "THREATEN": 3, "REJECT": 3, "SANCTION": 4, "ASSAULT": 4, "COERCE": 4,
}  # fmt: skip
SCORE_OF = {1: 3.0, 2: 6.0, 3: -4.0, 4: -8.0}
NAMES = {"RUS": "Russia", "PRK": "North Korea", "USA": "United States", "UKR": "Ukraine",
         "JPN": "Japan", "KOR": "South Korea"}  # fmt: skip


def actor(code: str, start: int = 0, sector: str = "GOV") -> ActorMention:
    name = NAMES.get(code, code)
    return ActorMention(
        text=name, start=start, end=start + len(name), name=name, id=f"Q-{code}",
        country=code, sector=sector, kind="state",
    )  # fmt: skip


def event(
    n: int,
    event_type: str,
    source: list[str],
    target: list[str],
    date: str | None,
    *,
    precision: str = "day",
    factuality: str = "asserted",
    article_id: str = "art-1",
    score: float | None = None,
) -> Event:
    quad = QUAD_OF[event_type]
    return Event(
        id=f"ev-{n}", article_id=article_id, coder="whimbrel/test", kb_version="test",
        coded_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), event_type=event_type,
        source=[actor(c) for c in source], target=[actor(c) for c in target],
        factuality=factuality, date=date, date_precision=precision if date else "unknown",
        sentence="A sentence.", sentence_start=0, sentence_end=11,
        trigger=Span(text="sentence", start=2, end=10), confidence=0.8, quad=quad,
        cameo_root="04", score=SCORE_OF[quad] if score is None else score,
    )  # fmt: skip


SENTENCES = [
    ("Russia", "met", "North Korea", "CONSULT", "2024-01-08"),
    ("North Korea", "thanked", "Russia", "SUPPORT", "2024-01-10"),
    ("Russia", "sent aid to", "North Korea", "AID", "2024-02-14"),
    ("United States", "sanctioned", "Russia", "SANCTION", "2024-02-20"),
    ("Russia", "accused", "United States", "ACCUSE", "2024-03-05"),
]


def article(article_id: str = "art-1", date: str = "2024-03-12") -> Article:
    """An article whose events carry real offsets into its text (evidence highlighting)."""
    text = ""
    events = []
    for n, (src, verb, tgt, kind, when) in enumerate(SENTENCES):
        start = len(text)
        sentence = f"{src} {verb} {tgt} on {when}."
        text += sentence + " "
        code = {v: k for k, v in NAMES.items()}
        e = event(n, kind, [], [], when, article_id=article_id)
        v_start = start + len(src) + 1
        t_start = v_start + len(verb) + 1
        e = e.model_copy(
            update={
                "id": f"{article_id}-ev-{n}",
                "source": [actor(code[src], start)],
                "target": [actor(code[tgt], t_start)],
                "sentence": sentence,
                "sentence_start": start,
                "sentence_end": start + len(sentence),
                "trigger": Span(text=verb.split()[0], start=v_start,
                                end=v_start + len(verb.split()[0])),
            }
        )  # fmt: skip
        events.append(e)
    hypothetical = "Russia might attack Ukraine next year."
    start = len(text)
    text += hypothetical
    e = event(99, "ASSAULT", [], [], "2025", precision="year", factuality="hypothetical")
    e = e.model_copy(
        update={
            "id": f"{article_id}-ev-h", "article_id": article_id,
            "source": [actor("RUS", start)], "target": [actor("UKR", start + 20)],
            "sentence": hypothetical, "sentence_start": start,
            "sentence_end": start + len(hypothetical),
            "trigger": Span(text="attack", start=start + 13, end=start + 19),
        }
    )  # fmt: skip
    events.append(e)
    return Article(
        id=article_id,
        text=text,
        title=f"Story {article_id}",
        date=dt.date.fromisoformat(date),
        publisher="Test Wire",
        events=events,
    )
