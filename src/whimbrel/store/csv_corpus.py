"""Read a CSV corpus, one article per row, streamed with the csv module.

``--csv-map text=body,date=published,url=link`` says which column holds which article field
(fields: text, html, date, url, title, publisher, author, id); a field not mapped is read from
the column of its own name when there is one. A row without text, or with a date that is not
ISO or RFC 2822, is yielded as an :class:`~whimbrel.errors.InputError` naming the file and
the line the row starts on, and reading carries on.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
from collections.abc import Iterator

from whimbrel.errors import InputError
from whimbrel.ingest.articles import article_from_html, article_from_text
from whimbrel.ingest.corpora import parse_date
from whimbrel.records import Article

FIELDS = ("text", "html", "date", "url", "title", "publisher", "author", "id")
_MAX_FIELD = 16 * 1024 * 1024


def parse_csv_map(spec: str | None) -> dict[str, str]:
    """``"text=body,date=published"`` as ``{"text": "body", "date": "published"}``.

    Raises ValueError (a usage error) for a malformed pair or an unknown field.
    """
    mapping: dict[str, str] = {}
    for pair in (spec or "").split(","):
        if not pair.strip():
            continue
        field, sep, column = pair.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not column:
            raise ValueError(f"--csv-map: expected FIELD=COLUMN, got {pair.strip()!r}")
        if field not in FIELDS:
            raise ValueError(f"--csv-map: unknown field {field!r}; fields: {', '.join(FIELDS)}")
        mapping[field] = column
    return mapping


def _date(value: str | None) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return parse_date(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        raise ValueError(f"bad date {value!r}") from None


def read_csv(
    path: str, *, mapping: dict[str, str] | None = None, date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """The articles of a CSV file; see the module docstring."""
    csv.field_size_limit(_MAX_FIELD)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield InputError(f"cannot read file: {exc.strerror or exc}", source=path)
        return
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
        except (csv.Error, UnicodeDecodeError) as exc:
            yield InputError(f"cannot read the CSV header: {exc}", source=path)
            return
        columns = {f: c for f, c in (mapping or {}).items()}
        for f in FIELDS:
            if f not in columns and f in header:
                columns[f] = f
        missing = [c for c in columns.values() if c not in header]
        if missing or not ({"text", "html"} & columns.keys()):
            what = f"no column {', '.join(map(repr, missing))}" if missing else "no text column"
            yield InputError(
                f"{what} in the header ({', '.join(header)}); map one with --csv-map text=COLUMN",
                source=path,
            )
            return
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield InputError(f"unreadable row: {exc}", source=path, line=start)
                return
            line, start = start, reader.line_num + 1
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            yield _row_article(row, columns, path=path, line=line, default_date=date)


def _row_article(
    row: dict[str, str],
    columns: dict[str, str],
    *,
    path: str,
    line: int,
    default_date: dt.date | None,
) -> Article | InputError:
    values = {f: (row.get(c) or None) for f, c in columns.items()}
    text, html = values.pop("text", None), values.pop("html", None)
    if not (text or "").strip() and not (html or "").strip():
        return InputError("empty text", source=path, line=line)
    try:
        day = _date(values.pop("date", None)) or default_date
    except ValueError as exc:
        return InputError(str(exc), source=path, line=line)
    meta = {k: values.get(k) for k in ("url", "title", "publisher", "author", "id")}
    origin = f"{path}:{line}"
    try:
        if text and text.strip():
            return article_from_text(text, date=day, origin=origin, **meta)
        return article_from_html(html or "", date=day, origin=origin, **meta)
    except InputError as exc:
        return InputError(exc.reason, source=path, line=line)
