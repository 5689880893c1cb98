"""The DuckDB backend: one file (or ``:memory:``), one writing process at a time.

DuckDB locks a database file for the process that opens it read-write; while it does, no
other process can open the file at all, not even read-only (several read-only processes can
share it when nobody writes). whimbrel's rule, described in docs/store.md: the commands that
write (``ingest``, ``recode``, ``watch``) take the write lock only while they write, and
readers (``serve``, queries) open the file read-only for the time of one request. A lock held
by another process becomes a :class:`~whimbrel.errors.StoreError` that names the file and
the process, and points to PostgreSQL for concurrent writers.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, ClassVar

import duckdb

from whimbrel.errors import StoreError

MEMORY = ":memory:"
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def is_lock_error(exc: BaseException) -> bool:
    return "Could not set lock" in str(exc) or "Conflicting lock" in str(exc)


def lock_message(path: str, exc: BaseException) -> str:
    holder = _LOCK_HOLDER.search(str(exc))
    who = f"process {holder.group(2)} ({holder.group(1)})" if holder else "another process"
    return (
        f"the DuckDB store {path} is in use by {who}. A DuckDB file has one writer at a time, "
        "and no reader can open it while that writer runs: wait for it to finish, or use "
        "PostgreSQL (--db postgresql://...) when several processes must write or read at once"
    )


class DuckDBBackend:
    """A DuckDB connection speaking the store's portable SQL."""

    name = "duckdb"
    types: ClassVar[dict[str, str]] = {"json": "JSON", "float": "DOUBLE"}

    def __init__(self, path: str, *, read_only: bool = False, lock_timeout: float = 0.0) -> None:
        self.label = path
        self.read_only = read_only and path != MEMORY
        if self.read_only and not Path(path).exists():
            raise StoreError(f"no store at {path}: nothing has been ingested there yet")
        deadline = time.monotonic() + lock_timeout
        while True:
            try:
                self.conn = duckdb.connect(path, read_only=self.read_only)
                break
            except duckdb.Error as exc:
                if is_lock_error(exc) and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                if is_lock_error(exc):
                    raise StoreError(lock_message(path, exc)) from exc
                raise StoreError(f"cannot open the DuckDB store {path}: {exc}") from exc

    def _fail(self, exc: BaseException) -> StoreError:
        return StoreError(f"{self.label}: {exc}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            result = self.conn.execute(sql, list(params))
            # DML returns one row holding the count of changed rows; DDL returns none.
            rows = result.fetchall()
        except duckdb.Error as exc:
            raise self._fail(exc) from exc
        if len(rows) == 1 and len(rows[0]) == 1 and isinstance(rows[0][0], int):
            return int(rows[0][0])
        return -1

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        # One multi-row INSERT: DuckDB runs executemany row by row, ten times slower here.
        head, _, marks = sql.rpartition(" VALUES ")
        if not head or not marks.startswith("(") or not sql.lstrip().upper().startswith("INSERT"):
            for row in rows:
                self.execute(sql, row)
            return
        statement = f"{head} VALUES " + ", ".join([marks] * len(rows))
        try:
            self.conn.execute(statement, [v for r in rows for v in r]).fetchall()
        except duckdb.Error as exc:
            raise self._fail(exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.columns(sql, params)[1]

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        try:
            result = self.conn.execute(sql, list(params))
            names = [d[0] for d in result.description or []]
            return names, result.fetchall()
        except duckdb.Error as exc:
            raise self._fail(exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.conn.begin()
        except duckdb.Error as exc:
            raise self._fail(exc) from exc
        try:
            yield
        except BaseException:
            with suppress(duckdb.Error):  # the original error says more than a failed rollback
                self.conn.rollback()
            raise
        try:
            self.conn.commit()
        except duckdb.Error as exc:
            raise self._fail(exc) from exc

    def lock_schema(self) -> None:
        """One process holds the file, so no two can migrate it at once."""

    def close(self) -> None:
        self.conn.close()
