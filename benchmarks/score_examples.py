"""Score the coder on the example articles against examples/expected.jsonl and coref_gold.jsonl.

Run: python benchmarks/score_examples.py [-v]

Events: a predicted event matches a gold one (one to one) when it is in the same sentence,
has the same type and shares a source country. Reports precision, recall, and factuality
accuracy on the matches. References: the share of pronouns and descriptions in
examples/coref_gold.jsonl whose mention resolves to the referent's country. This is a
measurement on the articles the coder was developed against, not a held-out figure.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import whimbrel
from whimbrel.ingest.readers import read_input

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def coded(pipeline: whimbrel.Pipeline, name: str, cache: dict) -> list[whimbrel.Article]:
    if name not in cache:
        items = read_input(str(EXAMPLES / name))
        cache[name] = [pipeline(a) for a in items if isinstance(a, whimbrel.Article)]
    return cache[name]


def score_events(pipeline: whimbrel.Pipeline, cache: dict, verbose: bool) -> None:
    gold = [json.loads(line) for line in (EXAMPLES / "expected.jsonl").read_text().splitlines()]
    tp = fp = fn = fact_ok = 0
    for name in sorted({g["file"] for g in gold}):
        preds = [e for a in coded(pipeline, name, cache) for e in a.events]
        used: set[int] = set()
        for g in (g for g in gold if g["file"] == name):
            sources = set((g["source_country"] or "").split(","))
            match = next(
                (
                    i
                    for i, e in enumerate(preds)
                    if i not in used
                    and (g["sentence"].strip() in e.sentence or e.sentence in g["sentence"])
                    and e.event_type == g["event_type"]
                    and sources & {a.country for a in e.source}
                ),
                None,
            )
            if match is None:
                fn += 1
                if verbose:
                    print(
                        "MISS",
                        name,
                        g["event_type"],
                        g["source"],
                        "->",
                        g["target"],
                        "|",
                        g["sentence"][:90],
                    )
                continue
            used.add(match)
            tp += 1
            fact_ok += preds[match].factuality == g["factuality"]
        for i, e in enumerate(preds):
            if i not in used:
                fp += 1
                if verbose:
                    print(
                        "FP  ", name, e.event_type, [a.name for a in e.source], "|", e.sentence[:90]
                    )
    print(f"events: {tp} matched, {fp} spurious, {fn} missed; "
          f"precision {tp / max(tp + fp, 1):.2f}, recall {tp / max(tp + fn, 1):.2f}, "
          f"factuality accuracy on matches {fact_ok / max(tp, 1):.2f}")  # fmt: skip


def score_references(pipeline: whimbrel.Pipeline, cache: dict, verbose: bool) -> None:
    gold = [json.loads(line) for line in (EXAMPLES / "coref_gold.jsonl").read_text().splitlines()]
    right = 0
    for g in gold:
        found = None
        for art in coded(pipeline, g["file"], cache):
            pos = art.text.find(g["sentence"])
            if pos < 0:
                continue
            word = r"(?<!\w)" + re.escape(g["mention"]) + r"(?!\w)"
            starts = [m.start() for m in re.finditer(word, g["sentence"])]
            if len(starts) < g["occurrence"]:
                break
            start = pos + starts[g["occurrence"] - 1]
            end = start + len(g["mention"])
            exact = [m for m in art.mentions if (m.start, m.end) == (start, end)]
            over = [m for m in art.mentions if m.start <= start < m.end or start <= m.start < end]
            found = (exact or over or [None])[0]
            break
        got = found.actor.country if found is not None and found.actor else None
        right += got == g["country"]
        if verbose and got != g["country"]:
            print("REF ", g["file"], repr(g["mention"]), "want", g["country"], "got", got)
    print(
        f"references: {right}/{len(gold)} resolved to the right country ({right / len(gold):.2f})"
    )


def main() -> None:
    verbose = "-v" in sys.argv
    pipeline = whimbrel.load_pipeline()
    cache: dict = {}
    score_events(pipeline, cache, verbose)
    score_references(pipeline, cache, verbose)


if __name__ == "__main__":
    main()
