"""Read a JSONL corpus: one article per line, streamed, with one bad line never stopping the rest.

A line is a JSON object::

    {"id": "r-001", "text": "...", "date": "2024-03-12", "title": "...", "url": "...",
     "publisher": "...", "author": "..."}

``text`` or ``html`` is required (``text`` wins when both are present, as it is already
extracted); everything else is optional and unknown keys are ignored. ``id`` may be a string or
an integer; without one the id comes from :func:`~whimbrel.ingest.identity.article_id`. ``date``
is an ISO date or date-time; of a date-time only the calendar day as written is kept.

Corpora are large and hand-made, so problems are per line: a malformed line, a missing text, a
wrong type or a bad date is *yielded* as an :class:`~whimbrel.errors.InputError` that names the
file and line ("corpus.jsonl:7: bad date 'yesterday-ish'"), and reading carries on. The file is
read line by line, so memory does not grow with the corpus.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

from whimbrel.errors import InputError
from whimbrel.ingest.articles import article_from_html, article_from_text, too_long
from whimbrel.records import Article

_OPTIONAL_STRINGS = ("title", "url", "publisher", "author")
#: A longer line is reported and skipped without being held in memory (16 MiB, as for files).
MAX_LINE_BYTES = 16 * 1024 * 1024
_CHUNK = 1024 * 1024


def bounded_lines(stream: IO[bytes], limit: int = MAX_LINE_BYTES) -> Iterator[bytes | int]:
    """The lines of a binary stream, except that a line longer than ``limit`` bytes comes back
    as its length (an ``int``) after being read past in chunks, never held whole."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while chunk := stream.readline(_CHUNK):
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        yield size


def parse_date(value: Any) -> dt.date | None:
    """An ISO date ("2024-03-12") or date-time ("2024-03-12T08:15:00Z") as a date; ``None`` for
    null. Anything else raises ``ValueError``: a corpus date is data, so it is never guessed."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    value = value.strip()
    if len(value) <= 10:
        return dt.date.fromisoformat(value)
    return dt.datetime.fromisoformat(value).date()


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"field '{key}' must be a string, not {type(value).__name__}")
    return value


def _id(record: dict[str, Any]) -> str | None:
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise ValueError(f"field 'id' must be a non-empty string or an integer, not {value!r}")
    return value


def _article(
    record: Any, *, origin: str, default_date: dt.date | None, max_chars: int | None = None
) -> Article:
    """One corpus record as an Article; ``ValueError`` (message for the user) if it is unusable."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    text, html = _string(record, "text"), _string(record, "html")
    if text is None and html is None:
        raise ValueError("missing 'text' or 'html'")
    fields = {key: _string(record, key) for key in _OPTIONAL_STRINGS}
    article_id = _id(record)
    try:
        date = parse_date(record.get("date"))
    except ValueError:
        raise ValueError(f"bad date {record.get('date')!r}") from None
    date = date or default_date
    if max_chars is not None and text is not None and len(text) > max_chars:
        raise ValueError(too_long(len(text), max_chars))
    if text is not None:
        return article_from_text(text, date=date, id=article_id, origin=origin, **fields)
    return article_from_html(str(html), date=date, id=article_id, origin=origin, **fields)


def _lines(
    path_or_stream: str | os.PathLike[str] | Iterable[str] | Iterable[bytes | int], source: str
) -> Iterator[tuple[int, str | InputError]]:
    """(line number, decoded line or the error decoding it), opening and closing a path."""
    if isinstance(path_or_stream, str | os.PathLike):
        try:
            handle = open(path_or_stream, "rb")  # noqa: SIM115 - closed in finally below
        except OSError as exc:
            yield 0, InputError(f"cannot read file: {exc.strerror or exc}", source=source)
            return
        try:
            yield from _lines(bounded_lines(handle), source)
        finally:
            handle.close()
        return
    if hasattr(path_or_stream, "readline") and isinstance(path_or_stream, io.BufferedIOBase):
        path_or_stream = bounded_lines(path_or_stream)
    for number, raw in enumerate(path_or_stream, start=1):
        if isinstance(raw, int):
            yield (
                number,
                InputError(
                    f"line too long ({raw:,} bytes; the limit is {MAX_LINE_BYTES:,})",
                    source=source,
                    line=number,
                ),
            )
            continue
        if isinstance(raw, bytes):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, InputError("not valid UTF-8", source=source, line=number)
                continue
        else:
            line = raw.removeprefix("\ufeff") if number == 1 else raw
        yield number, line


def read_jsonl(
    path_or_stream: str | os.PathLike[str] | Iterable[str] | Iterable[bytes],
    *,
    source: str,
    date: dt.date | None = None,
    max_chars: int | None = None,
) -> Iterator[Article | InputError]:
    """The articles of a JSONL corpus, each bad line yielded as an InputError in its place.

    ``path_or_stream`` is a path or any iterable of lines (an open file, text or binary, or a
    list). ``source`` names the corpus in messages and in each Article's ``origin``
    ("corpus.jsonl:12"). ``date`` fills the date of lines that have none. Blank lines are
    skipped. A file that cannot be opened yields a single InputError. A line's ``text`` longer
    than ``max_chars`` characters, or a line longer than :data:`MAX_LINE_BYTES`, is reported
    and skipped; lines are read with a bounded ``readline``, so memory stays bounded too.
    """
    for number, line in _lines(path_or_stream, source):
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            reason = getattr(exc, "msg", str(exc))
            yield InputError(f"malformed JSON: {reason}", source=source, line=number)
            continue
        try:
            yield _article(
                record, origin=f"{source}:{number}", default_date=date, max_chars=max_chars
            )
        except ValueError as exc:
            yield InputError(str(exc), source=source, line=number)
        except InputError as exc:  # raised by the builders with origin as source; re-anchor
            yield InputError(exc.reason, source=source, line=number)
