"""Read the inputs the CLI is given (a file path, or ``-`` for stdin) as Articles.

Dispatch is by suffix: ``.txt`` or none is plain text, ``.html``/``.htm`` a web page,
``.jsonl`` a corpus; stdin and files with any other suffix are sniffed (markup that starts with
``<`` and has ``<html``, ``<body`` or ``<p`` is HTML, a first line that is a JSON object starts
a corpus, anything else is text).

Every problem with an input is *yielded* as an :class:`~whimbrel.errors.InputError` naming it,
never raised, so a batch run reports the bad file and codes the rest. Files users pass by
mistake are recognised early: PDFs, Office documents, images and archives are refused by their
magic bytes instead of being decoded into mojibake and "coded". Text is decoded as UTF-8 (BOM or
not), UTF-16/32 with a BOM, else Windows-1252, the usual encoding of legacy Western text files.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, TextIO

from whimbrel.errors import InputError
from whimbrel.ingest.articles import article_from_html, article_from_text, too_long
from whimbrel.ingest.corpora import bounded_lines, read_jsonl
from whimbrel.records import Article

__all__ = ["article_from_html", "article_from_text", "decode_bytes", "read_input", "sniff"]

STDIN_NAME = "<stdin>"
#: One article never comes near this; a bigger single input is a mistake (use JSONL instead),
#: and refusing it keeps memory bounded.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
_SNIFF_BYTES = 8192

#: Magic numbers of formats people pass by mistake, checked before any decoding.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"{\\rtf", "RTF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)
_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_TAG = re.compile(r"<(?:html|body|p)[\s>/]", re.IGNORECASE)

Kind = Literal["text", "html", "jsonl"]
_SUFFIX_KIND: dict[str, Kind] = {
    "": "text", ".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
}  # fmt: skip


def binary_kind(head: bytes) -> str | None:
    """The name of the binary format ``head`` (a file's first bytes) starts, "" for some other
    binary (it has NUL bytes and no Unicode BOM), or ``None`` for what may be text."""
    for magic, name in BINARY_MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head and not head.startswith(_UNICODE_BOMS):
        return ""
    return None


def _binary_error(kind: str, source: str) -> InputError:
    label = f"binary file ({kind})" if kind else "binary file"
    return InputError(f"{label} cannot be coded", source=source)


def decode_bytes(data: bytes) -> str:
    """Text from bytes: UTF-32/UTF-16/UTF-8 by their BOM, else UTF-8, else Windows-1252.

    UTF-8 is tried first because a valid UTF-8 byte string that is not meant as UTF-8 is rare;
    Windows-1252 then reads almost any legacy Western file (its five unassigned bytes fall back
    to Latin-1, which cannot fail). Raises ``UnicodeDecodeError`` only for a broken UTF-16/32.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    data = data.removeprefix(codecs.BOM_UTF8)
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def sniff(text: str) -> Kind:
    """Guess what an input without a telling suffix is: "html", "jsonl" or "text"."""
    stripped = text.lstrip()
    if stripped.startswith("<") and _HTML_TAG.search(stripped):
        return "html"
    first = stripped.split("\n", 1)[0].strip()
    if first.startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


def _one_article(
    text: str, kind: Kind, *, source: str, date: dt.date | None, max_chars: int | None = None
) -> Iterator[Article | InputError]:
    if kind == "text" and max_chars is not None and len(text) > max_chars:
        yield InputError(too_long(len(text), max_chars), source=source)
        return
    try:
        if kind == "html":
            yield article_from_html(text, date=date, origin=source)
        else:
            yield article_from_text(text, date=date, origin=source)
    except InputError as exc:
        yield exc


def _too_large(size: int, source: str, max_chars: int | None = None) -> InputError:
    if max_chars is not None and 4 * max_chars + 4 < MAX_ARTICLE_BYTES:
        why = f"more than {max_chars:,} characters (--max-article-chars) can take"
    else:
        why = f"the limit is {MAX_ARTICLE_BYTES:,}"
    return InputError(
        f"too large for one article ({size:,} bytes; {why}): "
        "split it, or put one article per line in a .jsonl corpus",
        source=source,
    )


def byte_limit(kind: Kind | None, max_chars: int | None) -> int:
    """The most bytes a single input of ``kind`` is read to: :data:`MAX_ARTICLE_BYTES`, or for
    plain text what ``max_chars`` characters can take (4 bytes each in UTF-8 or UTF-32), so a
    huge text file is refused from its size alone. HTML markup is not text, so it gets the
    full allowance; its extracted text is checked by the pipeline."""
    if kind == "text" and max_chars is not None:
        return min(MAX_ARTICLE_BYTES, 4 * max_chars + 4)
    return MAX_ARTICLE_BYTES


def _read_file(
    path: str, date: dt.date | None, max_chars: int | None = None
) -> Iterator[Article | InputError]:
    kind = _SUFFIX_KIND.get(Path(path).suffix.lower())
    limit = byte_limit(kind, max_chars)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if kind != "jsonl" and size > limit:  # refused from its size, before reading
                yield _too_large(size, path, max_chars if kind == "text" else None)
                return
            head = handle.read(_SNIFF_BYTES)
            binary = binary_kind(head)
            if binary is not None:
                yield _binary_error(binary, path)
                return
            if kind == "jsonl":
                if head.startswith(_UNICODE_BOMS):
                    yield InputError("a JSONL corpus must be UTF-8, not UTF-16/32", source=path)
                    return
                data = b""
            else:
                data = head + handle.read(max(0, limit + 1 - len(head)))
    except OSError as exc:
        yield InputError(f"cannot read file: {exc.strerror or exc}", source=path)
        return
    if kind == "jsonl":
        yield from read_jsonl(path, source=path, date=date, max_chars=max_chars)
        return
    if len(data) > limit:  # grew while read, or a special file with no size
        yield _too_large(len(data), path, max_chars if kind == "text" else None)
        return
    text = _decode(data, path)
    if isinstance(text, InputError):
        yield text
        return
    kind = kind or sniff(text)
    if kind == "jsonl":
        yield from read_jsonl(path, source=path, date=date, max_chars=max_chars)
    else:
        yield from _one_article(text, kind, source=path, date=date, max_chars=max_chars)


def _decode(data: bytes, source: str) -> str | InputError:
    """The text of an input's bytes, or the error that names it."""
    try:
        return decode_bytes(data)
    except UnicodeDecodeError as exc:
        return InputError(f"cannot decode the text ({exc.encoding})", source=source)


def _byte_stream(stdin: TextIO) -> IO[bytes]:
    """The bytes under ``stdin``, so encodings are detected as for files. A text stream with no
    byte buffer (``io.StringIO``) is already in memory, so encoding it whole costs nothing new."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(stdin.read().encode("utf-8", "replace"))


def _read_stdin(
    stdin: TextIO, date: dt.date | None, max_chars: int | None = None
) -> Iterator[Article | InputError]:
    """Sniff stdin from its first non-blank line; a corpus is then streamed, not slurped."""
    stream = _byte_stream(stdin)
    seen: list[bytes] = []
    while line := stream.readline(MAX_ARTICLE_BYTES + 1):
        seen.append(line)
        if line.strip():
            break
    first = seen[-1].removeprefix(codecs.BOM_UTF8) if seen else b""
    first_is_json = sniff(first.decode("utf-8", "replace")) == "jsonl"
    if first_is_json and binary_kind(first[:_SNIFF_BYTES]) is None:
        lines = itertools.chain(seen, bounded_lines(stream))
        yield from read_jsonl(lines, source=STDIN_NAME, date=date, max_chars=max_chars)
        return
    data = b"".join(seen)
    data += stream.read(max(0, MAX_ARTICLE_BYTES + 1 - len(data)))
    if len(data) > MAX_ARTICLE_BYTES:
        yield _too_large(len(data), STDIN_NAME)
        return
    binary = binary_kind(data[:_SNIFF_BYTES])
    if binary is not None:
        yield _binary_error(binary, STDIN_NAME)
        return
    text = _decode(data, STDIN_NAME)
    if isinstance(text, InputError):
        yield text
        return
    yield from _one_article(text, sniff(text), source=STDIN_NAME, date=date, max_chars=max_chars)


def read_input(
    path: str,
    *,
    date: dt.date | None = None,
    stdin: TextIO | None = None,
    max_chars: int | None = None,
) -> Iterator[Article | InputError]:
    """The articles of one input: a file path, or ``-`` for ``stdin`` (default ``sys.stdin``).

    ``date`` fills the publication date of articles whose input gives none. Each Article has
    ``origin`` set to the path (``path:line`` for corpus lines, ``<stdin>`` for stdin), an id,
    and ``language`` left ``None``. Problems come back as InputErrors in the stream.

    ``max_chars`` (``--max-article-chars``) refuses a text longer than that many characters: a
    text file from its size alone when it is over four bytes a character, without reading it;
    a corpus line's ``text`` before it is cleaned.
    """
    if path == "-":
        yield from _read_stdin(stdin if stdin is not None else sys.stdin, date, max_chars)
    else:
        yield from _read_file(path, date, max_chars)
