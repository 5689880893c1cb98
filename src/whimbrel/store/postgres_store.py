"""The PostgreSQL backend (psycopg 3): for stores that several processes write or read at once.

Same schema and behaviour as DuckDB; the store's ``?`` placeholders become psycopg's ``%s``.
Migrations take a transaction-scoped advisory lock so two processes starting together do
not both migrate. The password never appears in messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

import psycopg

from whimbrel.errors import StoreError

#: Any 64-bit number no other application is likely to pick for pg_advisory_xact_lock.
_MIGRATION_LOCK = 0x5748494D42524C  # "WHIMBRL"


def redact(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresBackend:
    """A psycopg connection in autocommit mode; :meth:`transaction` opens real transactions."""

    name = "postgresql"
    types: ClassVar[dict[str, str]] = {"json": "JSONB", "float": "DOUBLE PRECISION"}

    def __init__(self, url: str, *, read_only: bool = False, connect_timeout: int = 10) -> None:
        self.label = redact(url)
        self.read_only = read_only
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the PostgreSQL store {self.label}: {exc}") from exc
        if read_only:
            self.execute("SET default_transaction_read_only = on")

    def _fail(self, exc: BaseException) -> StoreError:
        return StoreError(f"{self.label}: {exc}")

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            cur = self.conn.execute(self._sql(sql), list(params) or None)  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise self._fail(exc) from exc
        return cur.rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), [list(r) for r in rows])  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.columns(sql, params)[1]

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        try:
            cur = self.conn.execute(self._sql(sql), list(params) or None)  # type: ignore[arg-type]
            names = [d.name for d in cur.description or []]
            return names, cur.fetchall()
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.conn.transaction():
                yield
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    def lock_schema(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", [_MIGRATION_LOCK])

    def close(self) -> None:
        self.conn.close()
