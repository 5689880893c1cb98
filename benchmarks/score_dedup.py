"""Score deduplication against the cluster gold set in corpus/clusters/ (docs/dedup.md).

Ingests corpus/clusters/articles.jsonl into a temporary DuckDB store (the full pipeline,
then dedup), matches each gold mention (an article and a character span) to the coded event
of that article whose evidence sentence overlaps the span, and reports pairwise precision
and recall of the event clusters over the matched mentions, plus how many gold mentions the
coder found at all and the near-identical article links.

Run: PYTHONPATH=src python benchmarks/score_dedup.py [--shuffle SEED] [--verbose]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "clusters"


def load_gold(folder: Path = GOLD) -> tuple[list[dict], list[dict]]:
    """The articles and the gold mentions (article, start, end, cluster, snippet)."""
    articles = [json.loads(x) for x in (folder / "articles.jsonl").read_text().splitlines() if x]
    mentions = [json.loads(x) for x in (folder / "clusters.jsonl").read_text().splitlines() if x]
    return articles, mentions


def match_mentions(store, mentions: list[dict]) -> dict[int, tuple[str, str | None]]:
    """Gold mention index → (event id, canonical id) of the coded event that reports it.

    The event's sentence must overlap the gold span; among several, prefer one of the gold
    type, then one whose trigger lies inside the span, then the most confident, then the
    smallest id.
    """
    found: dict[int, tuple[str, str | None]] = {}
    by_article: dict[str, list] = {}
    for m in store.mentions(factuality="all"):
        by_article.setdefault(m.event.article_id, []).append(m)
    for i, g in enumerate(mentions):
        options = [
            m
            for m in by_article.get(g["article"], [])
            if m.event.sentence_start < g["end"] and m.event.sentence_end > g["start"]
        ]
        if not options:
            continue
        best = min(
            options,
            key=lambda m: (
                m.event.event_type != g.get("event_type"),
                not (g["start"] <= m.event.trigger.start < g["end"]),
                -m.event.confidence,
                m.event.id,
            ),
        )
        found[i] = (best.event.id, best.canonical_id)
    return found


def pairwise(mentions: list[dict], found: dict[int, tuple[str, str | None]]) -> dict:
    """Pairwise precision and recall over the gold mentions the coder found.

    Two gold mentions matched to the same coded event (one sentence reporting both) count
    as predicted together.
    """
    tp = fp = fn = 0
    for i, j in itertools.combinations(sorted(found), 2):
        gold = mentions[i]["cluster"] == mentions[j]["cluster"]
        ci = found[i][1] or found[i][0]
        cj = found[j][1] or found[j][0]
        pred = ci == cj
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def score(shuffle: int | None = None, verbose: bool = False, pipeline=None, settings=None) -> dict:
    from whimbrel.records import Article
    from whimbrel.store import Store

    articles, mentions = load_gold()
    records = [Article(**a) for a in articles]
    if shuffle is not None:
        random.Random(shuffle).shuffle(records)
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store(str(Path(tmp) / "gold.duckdb"), dedup=settings) as store,
    ):
        store.ingest(records, pipeline=pipeline)
        found = match_mentions(store, mentions)
        result = pairwise(mentions, found)
        clusters = {m["cluster"] for m in mentions}
        sizes = [sum(m["cluster"] == c for m in mentions) for c in clusters]
        result.update(
            gold_mentions=len(mentions),
            matched=len(found),
            gold_clusters=len(clusters),
            multi_report_clusters=sum(s >= 2 for s in sizes),
            article_links=store.article_links(),
            assignment={mentions[i]["article"] + "@" + str(mentions[i]["start"]): (
                found[i][1] or found[i][0]) for i in found},
        )  # fmt: skip
        if verbose:
            _explain(store, mentions, found)
    return result


def _explain(store, mentions: list[dict], found: dict[int, tuple[str, str | None]]) -> None:
    events = {m.event.id: m.event for m in store.mentions(factuality="all")}
    for i, g in enumerate(mentions):
        if i not in found:
            print(f"MISSED  {g['cluster']} {g['article']}: {g['snippet']}")
    for i, j in itertools.combinations(sorted(found), 2):
        gold = mentions[i]["cluster"] == mentions[j]["cluster"]
        pred = (found[i][1] or found[i][0]) == (found[j][1] or found[j][0])
        if gold != pred:
            kind = "SPLIT " if gold else "MERGED"
            for k in (i, j):
                e = events[found[k][0]]
                parties = (
                    [f"{a.name}/{a.country}/{a.sector}" for a in e.source],
                    [f"{a.name}/{a.country}/{a.sector}" for a in e.target],
                )
                print(
                    f"{kind} {mentions[k]['cluster']} {e.event_type} {e.date} {parties} "
                    f"{e.factuality} loc={e.location and e.location.name}: {e.sentence[:70]}"
                )
            print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shuffle", type=int, default=None, help="shuffle the articles first")
    parser.add_argument("--verbose", action="store_true", help="list misses and errors")
    parser.add_argument(
        "--set", action="append", default=[], help="a [store.dedup] setting, e.g. window_days=3"
    )
    args = parser.parse_args(argv)
    from whimbrel.analysis.dedup import DedupSettings, load_dedup_settings

    values = load_dedup_settings().model_dump()
    for item in args.set:
        key, _, value = item.partition("=")
        values[key] = type(values[key])(value) if key in values else value
    r = score(args.shuffle, args.verbose, settings=DedupSettings(**values))
    print(
        f"gold: {r['gold_mentions']} mentions in {r['gold_clusters']} clusters "
        f"({r['multi_report_clusters']} reported 2+ times); coder found {r['matched']}"
    )
    print(
        f"pairwise precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}  "
        f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"
    )
    print(f"article links: {[(a, b, m) for a, b, _s, m in r['article_links']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
