"""Events as Parquet, partitioned by publication month, written so that a rerun resumes.

Layout under the output directory (hive style, which DuckDB, polars, Spark, pandas and
BigQuery read as a ``month`` column)::

    events/
      month=2024-06/part-000012-3f9a0c2b7d1e.parquet   one file per partition and month
      month=unknown/part-….parquet                      articles without a publication date
      _whimbrel/part-000012-3f9a0c2b7d1e.json           the partition's manifest: it is done

Every file is written under a temporary name that starts with a dot (ignored by readers)
and renamed into place; the manifest is renamed last, so a partition counts as done only
when all its files are complete. A rerun skips the partitions that have a manifest and
rewrites the others under the same names. The columns are those of the store's ``events``
table (docs/store.md): nested fields as JSON text, flattened copies of the first source
and target actor, ``date_start``; plus ``publication_date``. The writer is pyarrow when it
is installed, else DuckDB's ``COPY … TO … (FORMAT PARQUET)`` from a temporary table (DuckDB is
a dependency already); both give the same schema.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from whimbrel.records import Article
from whimbrel.scale.partitions import month_of
from whimbrel.scale.runner import Failure
from whimbrel.store import rows

#: The directory of partition manifests (a leading underscore: Spark and others skip it).
MANIFESTS = "_whimbrel"
#: What describes the whole output; a rerun must match it (same partitioning, same coder).
RUN_FILE = "run.json"

#: DuckDB types of the event columns that are not text (tests/scale checks every column of
#: the store's events table is either here or text).
TYPES: dict[str, str] = {
    "coded_at": "TIMESTAMP", "date_start": "DATE", "sentence_start": "INTEGER",
    "sentence_end": "INTEGER", "confidence": "DOUBLE", "quad": "INTEGER", "score": "DOUBLE",
    "publication_date": "DATE",
}  # fmt: skip
#: Column name -> DuckDB type, in the files' order: the store's event row, then the
#: article's publication date.
COLUMNS: dict[str, str] = {
    name: TYPES.get(name, "VARCHAR") for name in (*rows.EVENT_COLUMNS, "publication_date")
}


@dataclass
class Manifest:
    """What one finished partition wrote: its files, articles, events and failed articles."""

    key: str
    articles: int
    events: int
    files: list[str] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    coder: str | None = None
    kb_version: str | None = None


def event_rows(article: Article) -> list[tuple[Any, ...]]:
    """The Parquet rows of one coded article's events."""
    return [(*rows.event_row(e), article.date) for e in article.events]


def manifest_path(out: Path, key: str) -> Path:
    return out / MANIFESTS / f"part-{key}.json"


def read_manifest(out: Path, key: str) -> Manifest | None:
    """The manifest of partition ``key`` if it is done, else None."""
    path = manifest_path(out, key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return Manifest(**data)


def manifests(out: Path) -> list[str]:
    """Keys of every finished partition in ``out``."""
    folder = out / MANIFESTS
    if not folder.is_dir():
        return []
    return sorted(p.stem.removeprefix("part-") for p in folder.glob("part-*.json"))


def check_run(out: Path, settings: dict[str, Any]) -> None:
    """Record ``settings`` (partition size, coder…) in ``out``, or check a rerun matches them.

    Raises ``ValueError`` when ``out`` holds output made with other settings: its
    partitions would not line up and events would be written twice.
    """
    path = out / MANIFESTS / RUN_FILE
    try:
        before = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, json.dumps(settings, indent=2, sort_keys=True).encode("utf-8"))
        return
    changed = {k: (before.get(k), v) for k, v in settings.items() if before.get(k) != v}
    if changed:
        listed = ", ".join(f"{k} was {old!r}, now {new!r}" for k, (old, new) in changed.items())
        raise ValueError(
            f"{out} holds output written with other settings ({listed}); "
            "use another --out directory, or delete this one to start over"
        )


def write_partition(
    out: Path,
    key: str,
    articles: Sequence[Article],
    failures: Sequence[Failure] = (),
    *,
    coder: str | None = None,
    kb_version: str | None = None,
) -> Manifest:
    """Write one partition's events, a file per publication month, then its manifest."""
    by_month: dict[str, list[tuple[Any, ...]]] = {}
    for article in articles:
        found = event_rows(article)
        if found:
            by_month.setdefault(month_of(article), []).extend(found)
    files = []
    for month, found in sorted(by_month.items()):
        target = out / f"month={month}" / f"part-{key}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            write_rows(temp, found)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
        files.append(str(target.relative_to(out)))
    manifest = Manifest(
        key=key,
        articles=len(articles),
        events=sum(len(a.events) for a in articles),
        files=files,
        failures=[asdict(f) for f in failures],
        coder=coder,
        kb_version=kb_version,
    )
    path = manifest_path(out, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, json.dumps(asdict(manifest), indent=1).encode("utf-8"))
    return manifest


def _write_atomically(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_rows(path: Path, found: Sequence[tuple[Any, ...]]) -> None:
    """Write event rows (:data:`COLUMNS` order) to one Parquet file, with pyarrow or DuckDB."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        _write_duckdb(path, found)
    else:
        _write_pyarrow(path, found)


_DUCKDB: list[Any] = []  # one in-memory connection per process: connecting costs ~30 ms
_DUCKDB_LOCK = threading.Lock()


def _write_duckdb(path: Path, found: Sequence[tuple[Any, ...]]) -> None:
    """The rows go through a JSON Lines file that DuckDB reads with the column types given:
    its JSON reader is ~40 times faster than binding the values of an INSERT."""
    import duckdb

    names = list(COLUMNS)
    staging = path.with_name(f"{path.name}.jsonl")
    try:
        with open(staging, "w", encoding="utf-8") as out:
            for row in found:
                out.write(json.dumps(dict(zip(names, row, strict=True)), default=str))
                out.write("\n")
        columns = ", ".join(f"'{n}': '{t}'" for n, t in COLUMNS.items())
        select = ", ".join(f'"{n}"' for n in names)
        source, target = (str(p).replace("'", "''") for p in (staging, path))
        with _DUCKDB_LOCK:
            if not _DUCKDB:
                _DUCKDB.append(duckdb.connect(":memory:"))
            _DUCKDB[0].execute(
                f"COPY (SELECT {select} FROM read_json("
                f"'{source}', format = 'newline_delimited', columns = {{{columns}}})) "
                f"TO '{target}' (FORMAT PARQUET, COMPRESSION ZSTD)"
            )
    finally:
        staging.unlink(missing_ok=True)


_ARROW_TYPES = {"VARCHAR": "string", "TIMESTAMP": "timestamp", "DATE": "date32", "INTEGER": "int32",
                "DOUBLE": "float64"}  # fmt: skip


def _write_pyarrow(path: Path, found: Sequence[tuple[Any, ...]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(kind: str) -> Any:
        name = _ARROW_TYPES[kind]
        return pa.timestamp("us") if name == "timestamp" else getattr(pa, name)()

    schema = pa.schema([(n, arrow_type(t)) for n, t in COLUMNS.items()])
    columns = list(zip(*found, strict=True)) if found else [() for _ in COLUMNS]
    table = pa.table(
        [pa.array(list(c), type=f.type) for c, f in zip(columns, schema, strict=True)],
        schema=schema,
    )
    pq.write_table(table, path, compression="zstd")
