"""Turn the SOURCE arguments of ``whimbrel ingest`` into one stream of articles.

A source is a file, a directory (searched recursively for .txt, .html, .htm, .jsonl and .csv
files, in name order), a glob (``news/**/*.html``), a feed file (.xml, .rss, .atom), an
http(s) URL (fetched safely; a feed is read as a feed, anything else as an HTML page), or
``-`` for standard input. Every problem is yielded as an :class:`~whimbrel.errors.InputError`
in the stream, so one bad source never stops the others.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from whimbrel.errors import InputError
from whimbrel.ingest.articles import article_from_html
from whimbrel.ingest.readers import decode_bytes, read_input
from whimbrel.records import Article
from whimbrel.store.csv_corpus import read_csv
from whimbrel.store.feeds import FEED_SUFFIXES, AlreadyStored, is_feed, read_feed
from whimbrel.store.fetch import Fetcher

__all__ = ["DIRECTORY_SUFFIXES", "AlreadyStored", "Item", "read_sources"]

DIRECTORY_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
_GLOB_CHARS = set("*?[")

Item = Article | InputError | AlreadyStored


class SourceReader:
    """Reads sources with one fetcher, CSV column map and default date for the whole run."""

    def __init__(
        self,
        *,
        date: dt.date | None = None,
        csv_map: dict[str, str] | None = None,
        fetcher: Fetcher | None = None,
        known: Callable[[str], bool] | None = None,
    ) -> None:
        self.date = date
        self.csv_map = csv_map
        self.fetcher = fetcher
        self.known = known

    def read(self, source: str) -> Iterator[Item]:
        if source == "-":
            yield from read_input("-", date=self.date)
        elif "://" in source:
            yield from self._url(source)
        elif Path(source).is_dir():
            yield from self._directory(Path(source))
        elif Path(source).exists():
            yield from self._file(source)
        elif _GLOB_CHARS & set(source):
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                yield InputError("no files match this pattern", source=source)
            for match in matches:
                yield from (
                    self._directory(Path(match)) if Path(match).is_dir() else self._file(match)
                )
        else:
            yield InputError("no such file or directory", source=source)

    def _directory(self, root: Path) -> Iterator[Item]:
        found = sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in DIRECTORY_SUFFIXES
        )
        if not found:
            yield InputError(
                f"no {', '.join(DIRECTORY_SUFFIXES)} files in this directory", source=str(root)
            )
        for path in found:
            yield from self._file(str(path))

    def _file(self, path: str) -> Iterator[Item]:
        suffix = Path(path).suffix.lower()
        if suffix == ".csv":
            yield from read_csv(path, mapping=self.csv_map, date=self.date)
        elif suffix in FEED_SUFFIXES:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                yield InputError(f"cannot read file: {exc.strerror or exc}", source=path)
                return
            yield from read_feed(
                data, source=path, fetcher=self.fetcher, date=self.date, known=self.known
            )
        else:
            yield from read_input(path, date=self.date)

    def _url(self, url: str) -> Iterator[Item]:
        if self.fetcher is None:
            self.fetcher = Fetcher()
        try:
            page = self.fetcher.get(url)
        except InputError as exc:
            yield exc
            return
        if is_feed(page.content) or (
            "xml" in page.content_type and "html" not in page.content_type
        ):
            yield from read_feed(
                page.content, source=url, fetcher=self.fetcher, date=self.date, known=self.known
            )
            return
        try:
            yield article_from_html(
                decode_bytes(page.content), url=page.url, date=self.date, origin=url
            )
        except (InputError, UnicodeDecodeError) as exc:
            yield exc if isinstance(exc, InputError) else InputError("cannot decode", source=url)


def read_sources(
    sources: Iterable[str | os.PathLike[str] | Article],
    *,
    date: dt.date | None = None,
    csv_map: dict[str, str] | None = None,
    fetcher: Fetcher | None = None,
    known: Callable[[str], bool] | None = None,
) -> Iterator[Item]:
    """Every article of every source, in order, with problems in the stream as InputErrors.

    ``known(article_id)`` lets feed entries already stored be skipped before they are fetched.
    Articles passed in directly go through unchanged.
    """
    reader = SourceReader(date=date, csv_map=csv_map, fetcher=fetcher, known=known)
    for source in sources:
        if isinstance(source, Article):
            yield source
            continue
        try:
            yield from reader.read(str(source))
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(f"cannot read: {exc.strerror or exc}", source=str(source))
