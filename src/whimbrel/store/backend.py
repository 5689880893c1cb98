"""What a database backend offers the store: portable SQL in, rows out, transactions, errors.

The store writes one dialect of SQL for both backends: ``?`` placeholders, standard DDL with
``{json}`` and ``{float}`` type slots filled per backend (:data:`Backend.types`), and
``INSERT ... ON CONFLICT``, which DuckDB and PostgreSQL both accept. Each backend turns its
driver's errors into :class:`~whimbrel.errors.StoreError` naming the store. See docs/store.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class Backend(Protocol):
    """One open connection to a DuckDB file or a PostgreSQL database."""

    #: "duckdb" or "postgresql".
    name: str
    #: The store as shown in messages (a path, or the URL without its password).
    label: str
    read_only: bool
    #: DDL type names for the ``{json}`` and ``{float}`` slots of the schema.
    types: dict[str, str]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed (-1 when unknown)."""
        ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query and fetch every row."""
        ...

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        """Run a query; its column names and rows."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Commit on leaving the block, roll back on an exception."""
        ...

    def lock_schema(self) -> None:
        """Inside a transaction: keep other processes from migrating at the same time."""
        ...

    def close(self) -> None: ...


def load_json(value: Any) -> Any:
    """A JSON column's value as Python: DuckDB hands back text, PostgreSQL parsed JSONB."""
    if isinstance(value, str):
        return json.loads(value)
    return value


def dump_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
