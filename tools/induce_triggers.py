"""Induce trigger rows from the gold train split for words and senses the hand lexicon lacks.

Run: python tools/induce_triggers.py        (writes src/whimbrel/data/lexicon/triggers.induced.v1.tsv)

The hand-written lexicon (triggers.v1.tsv) misses phrasings; the gold corpus names the trigger
of every event. For each (lemma, part of speech) that the hand-written lexicon has no row for,
this counts how often the word is the head of a gold trigger in the train split, and of which
type, against how often it occurs in the train texts at all. A word becomes a row when it
triggered at least MIN_COUNT events and does so often enough (its weight, the smoothed share
of its occurrences that were triggers, reaches MIN_WEIGHT). The row's type and mode are the
majority among its events; slots are the type's defaults. Words the hand lexicon has rows
for get fallback rows the same way, counted over the occurrences none of their rows
matched: "dismissed *the prime minister*" is no dismissed claim, and "*recognised* Kosovo"
escapes every "recognise" row's object list. The extractor reads these rows after the
hand-written ones (``events.extract.induced``), so a hand-written row always wins.

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
#: ... and be a trigger in this smoothed share of its occurrences: k / (n + 1). Induced on
#: four fifths of the train split and coded on the fifth left out (session 19), rows below
#: 0.45 made right events 0.07-0.20 of the time; rows above, about 0.45 of the time, and
#: the hand lexicon's rows 0.7: below the line a row costs F1.
MIN_WEIGHT = 0.45
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


def _object(verb) -> str | None:
    """The lemma of a verb's first object in logical terms, when it is a common noun; None
    otherwise (none, a pronoun, a name: too particular to learn a row from)."""
    from whimbrel.events.triggers import trigger_objects

    objs = trigger_objects(verb, "VERB", "")
    if not objs or objs[0].pos_ != "NOUN" or not _LEMMA.match(objs[0].lemma_.lower()):
        return None
    return objs[0].lemma_.lower()


def _row(key: tuple[str, ...], counts: Counter[str], seen: int, modes, example: str):
    """A row for ``key`` ((lemma, pos) or (lemma, pos, object)) when its majority type
    triggered often enough among the word's ``seen`` occurrences; else None."""
    if not counts:
        return None
    event_type, count = counts.most_common(1)[0]
    weight = round(min(MAX_WEIGHT, count / (seen + 1)), 2)
    if count < MIN_COUNT or weight < MIN_WEIGHT:
        return None
    mode = modes[(*key, event_type)].most_common(1)[0][0]
    return {"lemma": key[0], "pos": key[1], "object": key[2] if len(key) > 2 else "",
            "event_type": event_type, "mode": mode, "weight": weight,
            "note": f"{example} ({count} of {seen} in train)"}  # fmt: skip


def induce(train: Path, nlp, lexicon) -> list[dict[str, object]]:
    """The induced rows, sorted by lemma, part of speech and object.

    Two kinds: rows for words the hand-written lexicon has no row for, counted over all
    their occurrences; and fallback rows for words it has rows for, counted over the
    occurrences none of those rows matched ("dismissed *the prime minister*", where every
    "dismiss" row names a claim or a lawsuit): a row for the word, and rows for a verb's
    object where that object's counts pass on their own (the extractor prefers the more
    specific row, and any hand-written row over both).
    """
    from whimbrel.events.triggers import match_trigger

    records = [json.loads(line) for line in train.read_text(encoding="utf-8").splitlines()]
    triggered: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    modes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, ...], str] = {}
    seen: Counter[tuple[str, ...]] = Counter()
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        keys: dict[int, list[tuple[str, ...]]] = {}
        for tok in doc:
            pos = _pos(tok)
            lemma = tok.lemma_.lower()
            if pos is None or not _LEMMA.match(lemma):
                continue
            if not lexicon.lookup(lemma, pos):
                keys[tok.i] = [] if lemma in STOP else [(lemma, pos)]
            elif match_trigger(lexicon, tok, pos) is None:
                # a word the hand lexicon knows, in a sense none of its rows covers
                found = [] if lemma in STOP else [(lemma, pos, "*")]
                obj = _object(tok) if pos == "VERB" else None
                if obj is not None:
                    found.append((lemma, pos, obj))
                keys[tok.i] = found
            for key in keys.get(tok.i, []):
                seen[key] += 1
        for event in record["events"]:
            trig = event.get("trigger")
            span = (
                doc.char_span(trig["start"], trig["end"], alignment_mode="expand") if trig else None
            )
            if span is None:
                continue
            for key in keys.get(span.root.i, []):
                triggered[key][event["event_type"]] += 1
                modes[(*key, event["event_type"])][event.get("mode") or ""] += 1
                examples.setdefault(key, trig["text"])
    rows = []
    for key in sorted(triggered):
        row = _row(key, triggered[key], seen[key], modes, examples[key])
        if row is None:
            continue
        if row["object"] == "*":
            row["object"] = ""
        elif row["object"]:
            word = (*key[:2], "*")
            general = _row(word, triggered[word], seen[word], modes, "")
            if general is not None and general["event_type"] == row["event_type"]:
                continue  # the word's fallback row says the same
        rows.append(row)
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
    columns = ("lemma", "pos", "", "", "object", "event_type", "mode", "", "", "", "weight", "note")
    lines = [
        "\t".join(f"{r[c]:.2f}" if c == "weight" else str(r[c]) if c else "" for c in columns)
        for r in rows
    ]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows")


if __name__ == "__main__":
    main()
