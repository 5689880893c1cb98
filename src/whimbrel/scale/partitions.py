"""Cutting a stream of articles into partitions, the unit of work sent to a worker.

A partition is ``size`` consecutive articles of the input, numbered from 0. Its key joins
that number and a digest of its article ids (``000012-3f9a0c2b7d1e``), so the same inputs
cut the same way give the same keys on every run: the Parquet output uses the key to name
a partition's files and to skip, on a rerun, the partitions already written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from whimbrel.records import Article

#: Articles per partition by default: one parse batch; enough work to hide the cost of
#: shipping a task (milliseconds) behind the coding (seconds), small enough to balance
#: two workers on a few hundred articles.
DEFAULT_PARTITION_SIZE = 32


@dataclass
class Partition:
    """``articles`` (in input order) that one task codes; ``index`` counts from 0."""

    index: int
    articles: list[Article] = field(default_factory=list)

    @property
    def key(self) -> str:
        digest = hashlib.sha256("\n".join(a.id for a in self.articles).encode("utf-8"))
        return f"{self.index:06d}-{digest.hexdigest()[:12]}"

    @property
    def origins(self) -> list[str]:
        """Where each article came from (file, ``file:line`` or URL; else its id)."""
        return [a.origin or a.id for a in self.articles]

    def __len__(self) -> int:
        return len(self.articles)


def partition(
    articles: Iterable[Article], size: int = DEFAULT_PARTITION_SIZE
) -> Iterator[Partition]:
    """Consecutive partitions of ``size`` articles (the last may be shorter), lazily."""
    if size < 1:
        raise ValueError("a partition holds at least one article")
    batch: list[Article] = []
    index = 0
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield Partition(index, batch)
            index += 1
            batch = []
    if batch:
        yield Partition(index, batch)


def month_of(article: Article) -> str:
    """The publication month of ``article`` as ``YYYY-MM``; ``unknown`` when it has no date."""
    return article.date.strftime("%Y-%m") if article.date else "unknown"
