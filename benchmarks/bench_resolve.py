"""Knowledge-base resolutions per second (a benchmark, not a test: timing depends on the machine).

Run: python benchmarks/bench_resolve.py

Resolves 3,000 short strings (actor names, titles, non-actors; half made distinct so no cache
helps) at one date with a context country, the way the mentions stage calls the KB, and
prints the rate. docs/BENCHMARKS.md records the latest figure.
"""

from __future__ import annotations

import datetime as dt
import time

from whimbrel.actors.knowledge_base import KnowledgeBase

TEXTS = [
    "Russian troops",
    "the Russian president",
    "the weather",
    "hackers tied to Pyongyang",
    "President Putin",
    "the foreign ministry",
    "North Korea's foreign ministry",
]


def main() -> None:
    kb = KnowledgeBase.load()
    batch = [f"{t} {i}" if i % 2 else t for i in range(3000) for t in TEXTS[i % 7 : i % 7 + 1]]
    start = time.perf_counter()
    for text in batch:
        kb.resolve(text, dt.date(2024, 1, 1), ("RUS",))
    seconds = time.perf_counter() - start
    print(f"{len(batch)} resolutions in {seconds:.3f} s: {len(batch) / seconds:,.0f} per second")


if __name__ == "__main__":
    main()
