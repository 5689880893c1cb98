"""Induce trigger rows from the gold train split for words the hand-written lexicon lacks.

Run: python tools/induce_triggers.py        (writes src/whimbrel/data/lexicon/triggers.induced.v1.tsv)

The hand-written lexicon (triggers.v1.tsv) misses phrasings; the gold corpus names the trigger
of every event. For each (lemma, part of speech) that the hand-written lexicon has no row for,
this counts how often the word is the head of a gold trigger in the train split, and of which
type, against how often it occurs in the train texts at all. A word becomes a row when it
triggered at least MIN_COUNT events and does so often enough (its weight, the smoothed share
of its occurrences that were triggers, reaches MIN_WEIGHT). The row's type and mode are the
majority among its events; slots are the type's defaults. The extractor reads these rows
after the hand-written ones (``events.extract.induced``), so a hand-written row always wins.

Deterministic (sorted output, no randomness) and trained on the train split only.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whimbrel" / "data" / "lexicon" / "triggers.induced.v1.tsv"
#: A word must head at least this many train triggers ...
MIN_COUNT = 2
#: ... and be a trigger in this smoothed share of its occurrences: k / (n + 1).
MIN_WEIGHT = 0.34
#: Induced rows never claim more reliability than this (hand-written rows go up to 1.0).
MAX_WEIGHT = 0.8
#: Words too general to signal an event on their own, whatever the counts say.
STOP = frozenset(
    {"be", "have", "do", "make", "take", "give", "get", "go", "come", "say", "tell", "state",
     "add", "put", "set", "keep", "hold", "see", "show", "use", "include", "continue", "begin",
     "start", "end", "leave", "become", "remain", "seem"}
)  # fmt: skip
_LEMMA = re.compile(r"^[a-z]+$")


def _pos(tok) -> str | None:
    if tok.pos_ in ("VERB", "AUX"):
        return "VERB"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    return None


def induce(train: Path, nlp, lexicon) -> list[dict[str, object]]:
    """The induced rows, sorted by lemma and part of speech."""
    records = [json.loads(line) for line in train.read_text(encoding="utf-8").splitlines()]
    triggered: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    modes: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        for tok in doc:
            pos = _pos(tok)
            if pos:
                seen[(tok.lemma_.lower(), pos)] += 1
        for event in record["events"]:
            trig = event.get("trigger")
            span = (
                doc.char_span(trig["start"], trig["end"], alignment_mode="expand") if trig else None
            )
            if span is None:
                continue
            head = span.root
            pos, lemma = _pos(head), head.lemma_.lower()
            if pos is None or not _LEMMA.match(lemma) or lemma in STOP:
                continue
            key = (lemma, pos)
            triggered[key][event["event_type"]] += 1
            modes[(lemma, pos, event["event_type"])][event.get("mode") or ""] += 1
            examples.setdefault(key, trig["text"])
    rows = []
    for key in sorted(triggered):
        if lexicon.lookup(*key):
            continue  # the hand-written lexicon decides this word
        event_type, count = triggered[key].most_common(1)[0]
        weight = round(min(MAX_WEIGHT, count / (seen[key] + 1)), 2)
        if count < MIN_COUNT or weight < MIN_WEIGHT:
            continue
        mode = modes[(*key, event_type)].most_common(1)[0][0]
        rows.append({"lemma": key[0], "pos": key[1], "event_type": event_type, "mode": mode,
                     "weight": weight, "note": f"{examples[key]} ({count} of {seen[key]} in train)"})  # fmt: skip
    return rows


HEADER = """\
# whimbrel induced trigger rows v1: written by tools/induce_triggers.py from corpus/splits/train.jsonl.
# Do not edit by hand: add or fix rows in triggers.v1.tsv (which always wins) and rerun the tool.
# Same columns as triggers.v1.tsv (docs/lexicon.md); the note says how often the word was a trigger.
lemma\tpos\tparticle\tprep\tobject\tevent_type\tmode\tcontexts\tsource_slots\ttarget_slots\tweight\tnote
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT / "corpus" / "splits" / "train.jsonl")
    args = parser.parse_args()
    import whimbrel
    from whimbrel.events.lexicon import load_lexicon

    pipeline = whimbrel.load_pipeline()
    nlp = next(s for s in pipeline.stages if s.name == "nlp.parse").nlp
    rows = induce(args.train, nlp, load_lexicon("triggers.v1"))
    columns = ("lemma", "pos", "", "", "", "event_type", "mode", "", "", "", "weight", "note")
    lines = [
        "\t".join(f"{r[c]:.2f}" if c == "weight" else str(r[c]) if c else "" for c in columns)
        for r in rows
    ]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows")


if __name__ == "__main__":
    main()
