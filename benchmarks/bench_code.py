"""Throughput of whimbrel end to end against the bare spaCy pipeline, on the same text.

Run: python benchmarks/bench_code.py [--repeat N] [--config whimbrel.toml]

The corpus is the shipped example articles, repeated. Both runs use the same spaCy model,
batch size and one process; each gets a warm-up pass first. Reports sentences/s and
articles/s for both, their ratio, and the peak resident memory of the process. ``--config``
measures another pipeline, e.g. one with the optional ``events.encoder_targets`` stage.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import whimbrel
from whimbrel.ingest.readers import read_input
from whimbrel.nlp.parse import load_spacy

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_articles(repeat: int) -> list:
    base = []
    for path in sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.html")):
        base.extend(a for a in read_input(str(path)) if isinstance(a, whimbrel.Article))
    return [a.model_copy(update={"id": f"{a.id}-{i}"}) for i in range(repeat) for a in base]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--config", help="a whimbrel.toml to measure instead of the default")
    args = parser.parse_args()
    pipeline = whimbrel.load_pipeline(args.config)
    nlp = load_spacy(pipeline.config.stage_settings("nlp.parse").get("model", "auto"))
    articles = load_articles(args.repeat)
    batch = pipeline.config.batch_size
    list(pipeline.pipe(articles[:5]))  # warm-up: lazy tables, caches
    list(nlp.pipe([a.text for a in articles[:5]], batch_size=batch))

    t0 = time.perf_counter()
    sentences = sum(
        len(list(d.sents)) for d in nlp.pipe([a.text for a in articles], batch_size=batch)
    )
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = sum(len(a.events) for a in pipeline.pipe([a.model_copy() for a in articles]))
    full = time.perf_counter() - t0

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(articles)
    print(f"corpus: {n} articles, {sentences} sentences, {events} events coded")
    print(f"bare spaCy : {sentences / bare:8.1f} sentences/s  {n / bare:6.2f} articles/s")
    print(f"whimbrel   : {sentences / full:8.1f} sentences/s  {n / full:6.2f} articles/s")
    print(f"ratio      : {bare / full:.2f} of bare spaCy throughput")
    print(f"peak RSS   : {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
