"""List lexicon rows whose events the gold corpus types otherwise at their own triggers.

Run: python tools/lexicon_disagreements.py [--split train] [--min 2] [--share 0.5] [--spurious]

The split's texts are coded by the default pipeline with ``explain`` on, so each event names
the lexicon row it came from (after retyping rules and the passes have had their say). Every
predicted event whose trigger overlaps a gold trigger is set against that gold event's
type, and the pairs are counted per row. A row is listed when at least ``--min`` of its
events, and at least ``--share`` of them, have another gold type: a row that disagrees with
the annotation guidelines wherever it fires ("open" + border as RETREAT where the guidelines
and every gold event say COOPERATE) shows up at once, where reading errors sentence by
sentence finds it one event at a time. The output is for a person to read, not a test.
Reads the given split only (train by default: the dev split is for measuring, and the test
split is never read).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ROOT / "corpus" / "splits"


def disagreements(split: str, spurious: bool = False) -> tuple[dict, dict]:
    """(row → Counter of (coded type, gold type)), row → example sentences) over the split.
    With ``spurious``, an event with no gold event at its trigger counts against gold type
    "none": a row the corpus never codes where it fires ("a suicide *bomber*")."""
    from whimbrel.evaluation.e2e import gold_article, overlap
    from whimbrel.pipeline import load_pipeline, parse_date

    pipeline = load_pipeline(**{"events.finalize.explain": True})
    records = [json.loads(line) for line in (SPLITS / f"{split}.jsonl").open(encoding="utf-8")]
    articles = [gold_article(r, parse_date(r.get("date"))) for r in records]
    counts: dict[tuple, Counter] = defaultdict(Counter)
    examples: dict[tuple, list[str]] = defaultdict(list)
    for record, article in zip(records, pipeline.pipe(articles), strict=True):
        for event in article.events:
            trigger = {"start": event.trigger.start, "end": event.trigger.end}
            gold = [
                g for g in record["events"] if g.get("trigger") and overlap(g["trigger"], trigger)
            ]
            if not (gold or spurious) or not event.explain:
                continue
            entry = event.explain["lexicon_entry"]
            key = (entry["line"], entry["lemma"], entry["pos"])
            gold_type = gold[0]["event_type"] if gold else "none"
            counts[key][(event.event_type, gold_type)] += 1
            if gold_type != event.event_type and len(examples[key]) < 2:
                sentence = record["text"][event.sentence_start : event.sentence_end]
                examples[key].append(
                    f"{event.event_type} for {gold_type}: {sentence.strip()[:140]}"
                )
    return counts, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="train", choices=["train", "dev"])
    parser.add_argument("--min", type=int, default=2, help="Fewest disagreeing gold events.")
    parser.add_argument("--share", type=float, default=0.5, help="Least disagreeing share.")
    parser.add_argument(
        "--spurious", action="store_true", help="Count events no gold event has at its trigger."
    )
    args = parser.parse_args()
    counts, examples = disagreements(args.split, args.spurious)
    listed = 0
    for key, pairs in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        line, lemma, pos = key
        other = sum(n for (coded, gold), n in pairs.items() if coded != gold)
        if other < args.min or other / sum(pairs.values()) < args.share:
            continue
        listed += 1
        spread = ", ".join(f"{coded}->{gold} {n}" for (coded, gold), n in pairs.most_common())
        print(f"line {line}: {lemma}/{pos}  coded->gold: {spread}")
        for example in examples[key]:
            print(f"    {example}")
    print(f"{listed} rows disagree with the {args.split} split's gold types")


if __name__ == "__main__":
    main()
