"""What the coder gets wrong at the events it does find: the type, or an actor's country.

Run: python tools/confusions.py [--split train] [--top 20] [--examples 3]

The split's records are coded by the default pipeline and matched to the gold events as
`whimbrel eval --mode e2e` matches them. Two tables come out:

- **type confusions**: matched events whose predicted type differs from the gold type, by
  (gold, predicted) pair, with the trigger words behind each ("barred" coded COERCE where the
  corpus says SANCTION);
- **wrong countries**: predicted actors overlapping a gold actor of the same role whose
  country is not the gold one, by role and by how the coder resolved the actor (``kb``,
  ``description``, ``implicit``, ``pronoun``, ``group``, ``title``; the ``explain`` record's
  ``actors_resolved_by``), and whether gold gives the actor no country at all;
- **false events**: predicted events that match no gold event and sit at no gold trigger,
  by type and trigger word, split into those in records gold gives no event at all (the
  corpus's look-alike non-events: sport, markets, weather, fiction) and the rest.

Session 30 read the train split this way by hand; this is that reading as a command
(session 32 added the third table). The
output is for a person to read. Only the train and dev splits can be read: the test and
unseen splits are scored, never studied.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from split_corpus import read_records

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ROOT / "corpus" / "splits"
READABLE = ("train", "dev")

Record = Mapping[str, Any]


def type_confusions(
    gold: Sequence[Record], pred: Mapping[str, Sequence[Record]]
) -> dict[tuple[str, str], Counter[str]]:
    """(gold type, predicted type) → trigger words of the matched events typed so."""
    from whimbrel.evaluation.e2e import match_events

    found: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for record in gold:
        events = pred.get(str(record["id"]), [])
        for gi, pi in match_events(record["events"], events):
            g, p = record["events"][gi], events[pi]
            if g["event_type"] != p["event_type"]:
                found[(g["event_type"], p["event_type"])][p["trigger"]["text"].lower()] += 1
    return dict(found)


def wrong_countries(
    gold: Sequence[Record], pred: Mapping[str, Sequence[Record]]
) -> dict[tuple[str, str, str], list[tuple[str, str | None, str]]]:
    """(role, how resolved, "gold none" or "gold other") → (actor text, predicted country,
    record id) for every matched event's actor whose country is not a gold one."""
    from whimbrel.evaluation.e2e import match_events, overlap

    found: dict[tuple[str, str, str], list[tuple[str, str | None, str]]] = defaultdict(list)
    for record in gold:
        events = pred.get(str(record["id"]), [])
        for gi, pi in match_events(record["events"], events):
            g, p = record["events"][gi], events[pi]
            how_of = (p.get("explain") or {}).get("actors_resolved_by", {})
            for role in ("source", "target"):
                for actor in p[role]:
                    countries = {b.get("country") for b in g[role] if overlap(actor, b)}
                    if not countries or actor.get("country") in countries:
                        continue
                    kind = "gold none" if countries == {None} else "gold other"
                    how = how_of.get(actor["text"], "?")
                    found[(role, how, kind)].append(
                        (actor["text"], actor.get("country"), str(record["id"]))
                    )
    return dict(found)


def false_events(
    gold: Sequence[Record], pred: Mapping[str, Sequence[Record]]
) -> dict[tuple[str, str], Counter[str]]:
    """("non-event record" or "event record", predicted type) → trigger words, for predicted
    events that match no gold event and overlap no gold trigger."""
    from whimbrel.evaluation.e2e import match_events, overlap

    found: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for record in gold:
        events = pred.get(str(record["id"]), [])
        matched = {pi for _, pi in match_events(record["events"], events)}
        where = "event record" if record["events"] else "non-event record"
        for pi, p in enumerate(events):
            at_gold = any(
                g.get("trigger") and overlap(p["trigger"], g["trigger"]) for g in record["events"]
            )
            if pi not in matched and not at_gold:
                found[(where, p["event_type"])][p["trigger"]["text"].lower()] += 1
    return dict(found)


def _code(split: str) -> tuple[list[dict], dict[str, list[dict]]]:
    """The split's gold records and the default pipeline's events for them, explained."""
    import whimbrel
    from whimbrel.evaluation.e2e import predict_e2e

    gold = read_records(SPLITS / f"{split}.jsonl")
    pipeline = whimbrel.load_pipeline(**{"events.finalize.explain": True})
    pred, _failed = predict_e2e(gold, pipeline)
    return gold, pred


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=READABLE, default="train")
    parser.add_argument("--top", type=int, default=20, help="rows printed per table")
    parser.add_argument("--examples", type=int, default=3, help="examples printed per row")
    args = parser.parse_args()
    gold, pred = _code(args.split)
    confusions = type_confusions(gold, pred)
    print(f"type confusions at matched events ({args.split} split): gold -> predicted")
    ranked = sorted(confusions.items(), key=lambda kv: -sum(kv[1].values()))
    for (gold_type, pred_type), words in ranked[: args.top]:
        common = ", ".join(f"{w} {n}" for w, n in words.most_common(args.examples))
        print(f"  {sum(words.values()):4d}  {gold_type} -> {pred_type}: {common}")
    wrong = wrong_countries(gold, pred)
    print(f"\nwrong countries of matched actors ({args.split} split): role, resolved by, gold")
    for (role, how, kind), actors in sorted(wrong.items(), key=lambda kv: -len(kv[1]))[: args.top]:
        shown = "; ".join(f"{t[:40]} ({c}, {rid})" for t, c, rid in actors[: args.examples])
        print(f"  {len(actors):4d}  {role} {how} ({kind}): {shown}")
    spurious = false_events(gold, pred)
    print(f"\nfalse events ({args.split} split): where, predicted type, trigger words")
    for (where, event_type), words in sorted(spurious.items(), key=lambda kv: -sum(kv[1].values()))[
        : args.top
    ]:
        common = ", ".join(f"{w} {n}" for w, n in words.most_common(args.examples))
        print(f"  {sum(words.values()):4d}  {where}, {event_type}: {common}")


if __name__ == "__main__":
    main()
