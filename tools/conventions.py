"""How the gold corpus codes conventions that changed between its parts: tolls and threats.

Run: python tools/conventions.py [--split train] [--split dev]

Three conventions differ between the corpus's older and newer parts, and no rule can follow
both codings of one (docs/ACCURACY.md, "After session 31"):

- **tolls**: an attack's toll after a comma ("shelled the camp, *killing* 11 people") was
  coded as an ASSAULT of its own in the early parts; since session 28 the guidelines code no
  toll ("Death tolls are not events"). Counted: participles ", killing", ", wounding",
  ", injuring" in a record's text, and how many of them a gold event has as its trigger.
- **threat targets**: a conditional threat ("would expel the ambassador *if* Tbilisi kept
  jailing") was aimed at the threatened act's recipient in the early parts, and since part
  53 at the condition's actor. Counted: THREATEN events with an "if" or "unless" after the
  trigger in the same sentence, by where their target starts (in the condition, before it,
  or no target).
- **threats on the act**: "warned that it *would seize* any trawler" was THREATEN on
  "warned" (with the act coded apart as hypothetical) in the early parts; since part 53 the
  threat sits on the act, with its agent as source. Counted: a warning word followed in its
  sentence by an active modal act ("would/could/will/might" and a verb other than "be"), by
  whether a gold THREATEN is on the warning word, on the words after the modal, or on
  neither. Session 36 recoded the train and dev records the first two counts showed
  (docs/corpus.md, "Session 36 recoding").

All are read off the text alone (no parse), per group of parts, so a consistency pass over
train and dev can be sized before it is made. The standard library only. Only the train and
dev splits are read: the test and unseen splits are scored, never studied.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from split_corpus import read_records

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ROOT / "corpus" / "splits"
READABLE = ("train", "dev")

#: A toll participle after a comma.
TOLL = re.compile(r", (killing|wounding|injuring)\b", re.IGNORECASE)
#: A condition opened after a trigger, within its sentence.
CONDITION = re.compile(r"\b(if|unless)\b", re.IGNORECASE)
#: A warning word and the active modal act its sentence names after it ("warned that it
#: *would seize*"); "would be arrested" (agentless harm) keeps the threat on "warned".
WARNED_ACT = re.compile(
    r"\b(warn(?:ed|s|ing)?)\b([^.;\n]{0,80}?)\b(would|could|will|might)\s+(?!be\b|have\b)(\w+)",
    re.IGNORECASE,
)
#: The part groups the conventions changed between.
GROUPS = ("sentences 1-27", "sentences 28-52", "sentences 53-", "articles -100", "articles 101-")

Record = Mapping[str, Any]


def group_of(record_id: str) -> str:
    """The part group of a record id ("s12-0040", "a-131")."""
    sentence = re.fullmatch(r"s(\d+)-\d+", record_id)
    if sentence:
        part = int(sentence.group(1))
        return GROUPS[0] if part <= 27 else GROUPS[1] if part <= 52 else GROUPS[2]
    number = int(record_id.rsplit("-", 1)[-1])
    return GROUPS[3] if number <= 100 else GROUPS[4]


def tolls(records: Iterable[Record]) -> dict[str, Counter[str]]:
    """Per group: toll participles in the text ("found") and those a gold event is on
    ("coded")."""
    out: dict[str, Counter[str]] = {g: Counter() for g in GROUPS}
    for record in records:
        starts = {int(e["trigger"]["start"]) for e in record["events"] if e.get("trigger")}
        for m in TOLL.finditer(record["text"]):
            counts = out[group_of(str(record["id"]))]
            counts["found"] += 1
            counts["coded"] += m.start(1) in starts
    return out


def threat_targets(records: Iterable[Record]) -> dict[str, Counter[str]]:
    """Per group: conditional THREATEN events by where their target starts: "condition"
    (inside the if/unless clause), "act" (before it) or "none"."""
    out: dict[str, Counter[str]] = {g: Counter() for g in GROUPS}
    for record in records:
        text = record["text"]
        for event in record["events"]:
            if event["event_type"] != "THREATEN" or not event.get("trigger"):
                continue
            end = int(event["trigger"]["end"])
            stop = text.find(". ", end)
            condition = CONDITION.search(text, end, stop if stop >= 0 else len(text))
            if condition is None:
                continue
            targets = [int(t["start"]) for t in event.get("target") or []]
            where = (
                "none"
                if not targets
                else "condition"
                if min(targets) > condition.start()
                else "act"
            )
            out[group_of(str(record["id"]))][where] += 1
    return out


def threat_triggers(records: Iterable[Record]) -> dict[str, Counter[str]]:
    """Per group: warnings that name an active modal act ("warned that it would seize"), by
    where a gold THREATEN sits: on the warning word ("warned"), on the words after the modal
    ("act"), or on neither ("none")."""
    out: dict[str, Counter[str]] = {g: Counter() for g in GROUPS}
    for record in records:
        threats = [
            int(e["trigger"]["start"])
            for e in record["events"]
            if e["event_type"] == "THREATEN" and e.get("trigger")
        ]
        for m in WARNED_ACT.finditer(record["text"]):
            act_end = record["text"].find(" ", m.end(4) + 1)
            act_end = act_end if act_end >= 0 else len(record["text"])
            where = (
                "warned"
                if m.start(1) in threats
                else "act"
                if any(m.start(4) <= t < act_end + 40 for t in threats)
                else "none"
            )
            out[group_of(str(record["id"]))][where] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=READABLE)
    args = parser.parse_args()
    records = [
        r for split in args.split or READABLE for r in read_records(SPLITS / f"{split}.jsonl")
    ]
    print("tolls (', killing/wounding/injuring'): coded as an event / found in the text")
    for group, counts in tolls(records).items():
        print(f"  {group:16s} {counts['coded']:4d} / {counts['found']:4d}")
    print("conditional threats: target in the condition / before it / none")
    for group, counts in threat_targets(records).items():
        print(f"  {group:16s} {counts['condition']:4d} / {counts['act']:4d} / {counts['none']:4d}")
    print("warnings naming an active modal act: threat on 'warned' / on the act / neither")
    for group, counts in threat_triggers(records).items():
        print(f"  {group:16s} {counts['warned']:4d} / {counts['act']:4d} / {counts['none']:4d}")


if __name__ == "__main__":
    main()
