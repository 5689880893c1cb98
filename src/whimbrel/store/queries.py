"""The WHERE clause of an event query, built from the filters of :meth:`Store.events`.

Actor filters go through ``event_actors``, so "source RUS" matches an event whose second
source is Russia too. Values always travel as parameters, never inside the SQL text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from whimbrel.errors import InputError
from whimbrel.records import FACTUALITY_PRECEDENCE


@dataclass
class Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _many(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def _actor_clause(where: Where, role: str | None, value: str) -> None:
    role_sql = "AND a.role = ? " if role else ""
    params: list[Any] = [role] if role else []
    where.add(
        "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id "
        f"{role_sql}AND (a.country = ? OR a.actor_id = ? OR LOWER(a.name) = LOWER(?)))",
        *params,
        value,
        value,
        value,
    )


def _in(where: Where, column: str, values: list[Any]) -> None:
    where.add(f"{column} IN ({', '.join('?' for _ in values)})", *values)


def _day(value: dt.date | str, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name}: bad date {value!r}: expected YYYY-MM-DD") from None


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_filter(
    *,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    event_type: str | Iterable[str] | None = None,
    quad: int | Iterable[int] | None = None,
    factuality: str | Iterable[str] | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    search: str | None = None,
) -> Where:
    """The WHERE clause over ``events e`` for these filters (``None`` leaves one out)."""
    where = Where()
    if source:
        _actor_clause(where, "source", source)
    if target:
        _actor_clause(where, "target", target)
    if actor:
        _actor_clause(where, None, actor)
    if types := [t.upper() for t in _many(event_type)]:
        _in(where, "e.event_type", types)
    if quads := [int(q) for q in _many(quad)]:
        _in(where, "e.quad", quads)
    facts = _many(factuality)
    if facts and facts != ["all"]:
        unknown = [f for f in facts if f not in FACTUALITY_PRECEDENCE]
        if unknown:
            raise InputError(
                f"unknown factuality {', '.join(unknown)}; choose from "
                f"{', '.join(FACTUALITY_PRECEDENCE)} or all"
            )
        _in(where, "e.factuality", facts)
    if since is not None:
        where.add("e.date_start >= ?", _day(since, "since"))
    if until is not None:
        where.add("e.date_start <= ?", _day(until, "until"))
    for word in (search or "").split():
        where.add("e.sentence ILIKE ? ESCAPE '\\'", _like(word))
    return where
