"""Stage ``nlp.dates``: resolve the date expressions of each sentence against the publication date.

dateparser does the reading; this module fixes what it gets wrong for news (see
docs/stack notes): a weekday means the latest such day *on or before* the publication date
(dateparser skips the publication day itself), "earlier this month" and "this year" keep
their coarse precision, future phrases ("next month") look forward, and vague spans ("the
1990s", "recent weeks") stay unresolved rather than becoming a wrong day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Article

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LEADING = re.compile(
    r"^(?:(?:on|in|by|since|until|till|from|during|at|of|as of|late|early|earlier|later|"
    r"the|around|about|mid|mid-)\s+)+",
    re.IGNORECASE,
)
_THIS = {
    "this month": "month", "earlier this month": "month", "later this month": "month",
    "this year": "year", "earlier this year": "year", "later this year": "year",
    "today": "day", "this week": "day",
}  # fmt: skip
_FUTURE = re.compile(r"\b(next|coming|later this|tomorrow|from now|upcoming)\b", re.IGNORECASE)
#: dateparser's period → ours; a week is reported at month precision rather than a made-up day.
_DURATION = re.compile(
    r"(?:(?:some|about|nearly|almost|over|more than|at least|the|a|an|several|many|few|"
    r"(?!last|next|this|past|previous|coming|following|same|that|early|late)[\w-]+)\s+)?"
    r"(?:years?|months?|weeks?|days?|hours?|decades?|centuries)"
)
_PRECISION = {"day": "day", "week": "month", "month": "month", "year": "year"}


@dataclass(frozen=True)
class DateRef:
    """A date expression in the parse, resolved: tokens [start, end), ISO value, precision."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str


if not Doc.has_extension("wb_dates"):
    Doc.set_extension("wb_dates", default=None)


@lru_cache(maxsize=512)
def _parser(prefer: str, base: dt.datetime | None) -> Any:
    """One parser per (preference, publication day): settings are fixed at construction."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"RETURN_TIME_AS_PERIOD": True, "PREFER_DATES_FROM": prefer}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def format_date(day: dt.date, precision: str) -> str:
    """ISO text as precise as the precision says: 2024-06-18, 2024-06 or 2024."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def resolve_date_expression(
    text: str, published: dt.date | None, prefer: str = "past"
) -> tuple[str, str] | None:
    """Resolve one date expression to ``(iso, precision)``, or None when it cannot be placed.

    Relative expressions need ``published``; absolute ones ("June 12, 2019") do not.
    """
    phrase = " ".join(text.lower().replace("’", "'").split()).strip(" ,.;")
    if phrase in _THIS:
        if published is None:
            return None
        precision = _THIS[phrase]
        return format_date(published, precision), precision
    phrase = _LEADING.sub("", phrase)
    for i, name in enumerate(_WEEKDAYS):
        if phrase.startswith(name) and published is not None:
            back = (published.weekday() - i) % 7
            return (published - dt.timedelta(days=back)).isoformat(), "day"
    if re.fullmatch(r"(the )?\d{4}s|(the )?(past|last) (decade|century)|recent \w+", phrase):
        return None
    if _DURATION.fullmatch(phrase):
        return None  # "in twenty-four years", "for months": a length of time, not a date
    if _FUTURE.search(phrase):
        prefer = "future"
    base = dt.datetime.combine(published, dt.time()) if published else None
    try:
        data = _parser(prefer, base).get_date_data(phrase)
    except Exception:  # dateparser raises assorted errors on odd input; unresolved is the answer
        return None
    if data.date_obj is None or data.period not in _PRECISION:
        return None
    day = data.date_obj.date()
    if published is None and not re.search(r"\d{4}", phrase):
        return None  # relative to an unknown publication date: say unresolved, not today
    precision = _PRECISION[data.period]
    return format_date(day, precision), precision


class DateSettings(StageSettings):
    prefer_dates_from: str = "past"


@stage("nlp.dates", requires=["doc"], assigns=["doc._.wb_dates"], settings=DateSettings)
class ResolveDates:
    """Resolve every DATE entity of the parse against the article's publication date."""

    def __init__(self, settings: DateSettings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        refs = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            try:
                resolved = resolve_date_expression(
                    ent.text, article.date, self.settings.prefer_dates_from
                )
            except (OverflowError, ValueError):  # "ten centuries ago" near year 1: unresolved
                resolved = None
            value, precision = resolved if resolved else (None, "unknown")
            refs.append(DateRef(ent.start, ent.end, ent.text, value, precision))
        doc._.wb_dates = refs
        if article.date is None and any(r.value is None for r in refs):
            article.notes.append("no publication date: relative dates are left unresolved")
        return article
