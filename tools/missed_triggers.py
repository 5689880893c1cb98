"""Sort the gold events the coder finds nothing at by why: no row, a row's constraints, or no event.

Run: python tools/missed_triggers.py [--split train] [--top 25] [--cause matched]

The split's texts are coded by the default pipeline. A gold event counts as missed when no
predicted event's trigger overlaps its trigger; its trigger words are then looked up in the
lexicon the coder uses (hand-written rows and induced ones):

- ``no_row``: no word of the trigger has a row for its part of speech (vocabulary);
- ``constraints``: a word has rows, but none whose particle, preposition and object
  constraints it meets ("gave Seoul *48 hours*" before session 21);
- ``matched``: a row fits, yet no event came out (no source found, a required target
  missing, or a pass dropped it): a question of actors and slots, not of words.

Session 21 read the train split this way (865 / 606 / 345 events with a named source). The
output is for a person to read, not a test. Reads the given split only (train by default:
the dev split is for measuring, and the test split is never read).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ROOT / "corpus" / "splits"
CAUSES = ("no_row", "constraints", "matched")


def _pos(tok: Any) -> str | None:
    if tok.pos_ in ("VERB", "AUX"):
        return "VERB"
    return "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None


def _cause(extract: Any, tokens: list[Any]) -> str:
    """Why nothing was coded at these trigger tokens (see the module docstring)."""
    from whimbrel.events.triggers import match_trigger

    has_rows = False
    for tok in tokens:
        pos = _pos(tok)
        if pos is None:
            continue
        if match_trigger(extract.lexicon, tok, pos):
            return "matched"
        has_rows |= bool(extract.lexicon.lookup(tok.lemma_.lower(), pos))
    return "constraints" if has_rows else "no_row"


def missed(split: str) -> tuple[Counter, dict]:
    """(cause → count, cause → Counter of (gold type, trigger text)) over the split."""
    from whimbrel.evaluation.e2e import gold_article, overlap
    from whimbrel.pipeline import load_pipeline, parse_date

    pipeline = load_pipeline()
    extract = next(s for s in pipeline.stages if s.name == "events.extract")
    counts: Counter = Counter()
    words: dict[str, Counter] = defaultdict(Counter)
    for line in (SPLITS / f"{split}.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        article = gold_article(record, parse_date(record.get("date")))
        for stage in pipeline.stages:  # stage by stage, so the parse is still there at the end
            article = stage(article)
        predicted = [{"start": e.trigger.start, "end": e.trigger.end} for e in article.events]
        for gold in record["events"]:
            trigger = gold.get("trigger")
            if not trigger or any(overlap(trigger, p) for p in predicted):
                continue
            tokens = [
                t
                for t in article.doc
                if t.idx < trigger["end"] and t.idx + len(t) > trigger["start"]
            ]
            cause = _cause(extract, tokens)
            counts[cause] += 1
            words[cause][(gold["event_type"], trigger["text"].lower())] += 1
    return counts, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="train", choices=["train", "dev"])
    parser.add_argument("--top", type=int, default=25, help="Trigger words listed per cause.")
    parser.add_argument("--cause", choices=CAUSES, help="List only this cause's words.")
    args = parser.parse_args()
    counts, words = missed(args.split)
    print(f"gold events with nothing predicted at their trigger ({args.split} split):")
    for cause in CAUSES:
        if args.cause and cause != args.cause:
            continue
        print(f"{cause}: {counts[cause]}")
        listed = ", ".join(f"{w} ({t}) {n}" for (t, w), n in words[cause].most_common(args.top))
        print(f"    {listed}")


if __name__ == "__main__":
    main()
