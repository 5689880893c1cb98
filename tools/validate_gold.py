"""Validate whimbrel gold annotation files (JSON Lines) and summarise them.

Usage::

    python tools/validate_gold.py corpus/*.jsonl [--summary]

Checks, for every line of every file: the line parses as a JSON object; the required fields
are present with the right types; ids are unique across all the files given; every span
(trigger, source, target, attributed_to) has ``text[start:end] == span["text"]`` and starts
and ends on word boundaries; event types
and modes exist in the PLOVER ontology (``src/whimbrel/data/plover/ontology.v1.json``, read
relative to the repository root); contexts, factuality values, tags, country codes (three
upper-case letters) and sector codes are known; dates are ``YYYY-MM-DD`` (publication) or
``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` / null (event). Errors are printed as
``file:line: message`` and make the exit status 1. Warnings (for example an AID event without
a target) are printed but do not fail the run.

The format is described in docs/corpus.md; the annotation rules in
docs/annotation-guidelines.md. Standard library only, so it runs without installing whimbrel.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "src" / "whimbrel" / "data" / "plover" / "ontology.v1.json"

FACTUALITY = ("asserted", "reported", "negated", "denied", "hypothetical", "future", "habitual")
TAGS = frozenset(
    {
        "reciprocal",
        "passive",
        "noun_event",
        "pronoun",
        "metonym",
        "title",
        "negation",
        "denial",
        "hypothetical",
        "future",
        "habitual",
        "reported",
        "non_event",
        "multi_event",
        "hard",
    }
)
REQUIRED_SENTENCE = {"id": str, "text": str, "date": str, "events": list}
REQUIRED_EVENT = ("event_type", "trigger", "source", "target", "factuality")
PUB_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EVENT_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY = re.compile(r"^[A-Z]{3}$")
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass
class Ontology:
    modes: dict[str, set[str]]
    contexts: set[str]
    sectors: set[str]
    factuality: set[str]
    target_required: set[str]

    @classmethod
    def load(cls, path: Path = ONTOLOGY) -> Ontology:
        data = json.loads(path.read_text(encoding="utf-8"))
        types = data["types"]
        return cls(
            modes={name: set(info.get("modes", [])) for name, info in types.items()},
            contexts=set(data.get("contexts", {})),
            sectors=set(data.get("sectors", {})),
            factuality=set(data.get("factuality", FACTUALITY)),
            target_required={n for n, i in types.items() if i.get("target_required")},
        )


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: warning: {message}")


def _is_valid_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        month_days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if not 1 <= parts[2] <= month_days[parts[1] - 1]:
            return False
        leap = parts[0] % 4 == 0 and (parts[0] % 100 != 0 or parts[0] % 400 == 0)
        if parts[1] == 2 and parts[2] == 29 and not leap:
            return False
    return True


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a span starts or ends in the middle of a word."""
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    )


def _check_span(
    span: object, text: str, where: str, what: str, rep: Report, *, actor: bool, onto: Ontology
) -> None:
    if not isinstance(span, dict):
        rep.error(where, f"{what} is not an object")
        return
    for key in ("text", "start", "end"):
        if key not in span:
            rep.error(where, f"{what} lacks {key!r}")
            return
    start, end, stext = span["start"], span["end"], span["text"]
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(stext, str)):
        rep.error(where, f"{what}: start/end must be integers and text a string")
        return
    if not 0 <= start < end <= len(text):
        rep.error(where, f"{what} {stext!r}: offsets {start}:{end} out of range")
    elif text[start:end] != stext:
        rep.error(where, f"{what} {stext!r}: text[{start}:{end}] is {text[start:end]!r}")
    elif _inside_word(text, start, end):
        # str.find("it") lands in "Security" as readily as on the pronoun
        rep.error(where, f"{what} {stext!r}: offsets {start}:{end} cut through a word")
    if actor:
        country = span.get("country")
        if country is not None and not (isinstance(country, str) and COUNTRY.match(country)):
            rep.error(where, f"{what} {stext!r}: bad country code {country!r}")
        for key in ("sector", "secondary_sector"):
            sector = span.get(key)
            if sector is not None and sector not in onto.sectors:
                rep.error(where, f"{what} {stext!r}: unknown {key} {sector!r}")


def _check_event(ev: object, text: str, where: str, rep: Report, onto: Ontology) -> None:
    if not isinstance(ev, dict):
        rep.error(where, "event is not an object")
        return
    missing = [k for k in REQUIRED_EVENT if k not in ev]
    if missing:
        rep.error(where, f"event lacks {', '.join(missing)}")
        return
    etype = ev["event_type"]
    if etype not in onto.modes:
        rep.error(where, f"unknown event_type {etype!r}")
        return
    where = f"{where} [{etype}]"
    mode = ev.get("mode")
    if mode is not None and mode not in onto.modes[etype]:
        rep.error(where, f"mode {mode!r} is not a mode of {etype}")
    contexts = ev.get("contexts", [])
    if not isinstance(contexts, list):
        rep.error(where, "contexts must be a list")
    else:
        for c in contexts:
            if c not in onto.contexts:
                rep.error(where, f"unknown context {c!r}")
    if ev["factuality"] not in onto.factuality:
        rep.error(where, f"unknown factuality {ev['factuality']!r}")
    _check_span(ev["trigger"], text, where, "trigger", rep, actor=False, onto=onto)
    for role in ("source", "target"):
        spans = ev[role]
        if not isinstance(spans, list):
            rep.error(where, f"{role} must be a list")
            continue
        for i, span in enumerate(spans):
            _check_span(span, text, where, f"{role}[{i}]", rep, actor=True, onto=onto)
    attributed = ev.get("attributed_to")
    if attributed is not None:
        _check_span(attributed, text, where, "attributed_to", rep, actor=True, onto=onto)
    elif ev["factuality"] == "denied":
        rep.warn(where, "denied event without attributed_to")
    date = ev.get("date")
    if date is not None and not (
        isinstance(date, str) and EVENT_DATE.match(date) and _is_valid_date(date)
    ):
        rep.error(where, f"bad event date {date!r}")
    if (
        etype in onto.target_required
        and isinstance(ev["target"], list)
        and not ev["target"]
        and not (isinstance(ev["source"], list) and len(ev["source"]) > 1 and etype == "COOPERATE")
    ):
        rep.warn(where, f"{etype} requires a target")


def check_record(rec: object, where: str, rep: Report, onto: Ontology) -> None:
    """Check one parsed line; append errors and warnings to ``rep``."""
    if not isinstance(rec, dict):
        rep.error(where, "line is not a JSON object")
        return
    for key, typ in REQUIRED_SENTENCE.items():
        if key not in rec:
            rep.error(where, f"missing field {key!r}")
            return
        if not isinstance(rec[key], typ):
            rep.error(where, f"field {key!r} must be {typ.__name__}")
            return
    where = f"{where} ({rec['id']})"
    if not PUB_DATE.match(rec["date"]) or not _is_valid_date(rec["date"]):
        rep.error(where, f"bad publication date {rec['date']!r}")
    if not rec["text"].strip():
        rep.error(where, "empty text")
    tags = rec.get("tags", [])
    if not isinstance(tags, list):
        rep.error(where, "tags must be a list")
    else:
        for t in tags:
            if t not in TAGS:
                rep.error(where, f"unknown tag {t!r}")
        if "non_event" in tags and rec["events"]:
            rep.warn(where, "tagged non_event but has events")
    note = rec.get("note")
    if note is not None and not isinstance(note, str):
        rep.error(where, "note must be a string or null")
    for ev in rec["events"]:
        _check_event(ev, rec["text"], where, rep, onto)


def check_files(paths: list[Path], onto: Ontology | None = None) -> Report:
    """Validate ``paths``; return a report with errors, warnings and the parsed records."""
    onto = onto or Ontology.load()
    rep = Report()
    seen: dict[str, str] = {}
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            rep.error(str(path), f"cannot read: {exc}")
            continue
        for n, line in enumerate(lines, 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                rep.error(where, f"invalid JSON: {exc}")
                continue
            before = len(rep.errors)
            check_record(rec, where, rep, onto)
            if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                if rec["id"] in seen:
                    rep.error(where, f"duplicate id {rec['id']!r} (first at {seen[rec['id']]})")
                else:
                    seen[rec["id"]] = where
            if len(rep.errors) == before:
                rep.records.append(rec)
    return rep


def summarise(records: list[dict]) -> str:
    """A plain-text summary of valid records."""
    per_type: Counter[str] = Counter()
    sentences_per_type: Counter[str] = Counter()
    per_mode: dict[str, Counter[str]] = defaultdict(Counter)
    per_fact: Counter[str] = Counter()
    lemmas: dict[str, set[str]] = defaultdict(set)
    countries: set[str] = set()
    non_state: set[str] = set()
    lengths: list[int] = []
    non_events = 0
    non_asserted_sentences = 0
    for rec in records:
        lengths.append(len(WORD.findall(rec["text"])))
        events = rec["events"]
        if not events:
            non_events += 1
        if any(ev["factuality"] != "asserted" for ev in events):
            non_asserted_sentences += 1
        for etype in {ev["event_type"] for ev in events}:
            sentences_per_type[etype] += 1
        for ev in events:
            per_type[ev["event_type"]] += 1
            per_mode[ev["event_type"]][ev.get("mode") or "-"] += 1
            per_fact[ev["factuality"]] += 1
            lemmas[ev["event_type"]].add(ev["trigger"]["text"].lower())
            for span in ev["source"] + ev["target"]:
                code = span.get("country")
                if code is None:
                    continue
                if code in {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}:
                    non_state.add(code)
                else:
                    countries.add(code)
    out = [
        f"records: {len(records)}   events: {sum(per_type.values())}   "
        f"non-event records: {non_events}   records with a non-asserted event: "
        f"{non_asserted_sentences}"
    ]
    out.append("per type (events / records / distinct triggers; modes):")
    for etype in sorted(per_type):
        modes = ", ".join(f"{m} {c}" for m, c in sorted(per_mode[etype].items()))
        out.append(
            f"  {etype:<10} {per_type[etype]:>4} / {sentences_per_type[etype]:>4} / "
            f"{len(lemmas[etype]):>3}   {modes}"
        )
    out.append("per factuality: " + ", ".join(f"{f} {per_fact[f]}" for f in FACTUALITY))
    out.append(
        f"distinct actor countries: {len(countries)}   non-state codes: "
        f"{', '.join(sorted(non_state)) or '-'}"
    )
    if lengths:
        out.append(
            f"length in words: min {min(lengths)} / median "
            f"{statistics.median(lengths):g} / max {max(lengths)}"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--summary", action="store_true", help="print counts after checking")
    parser.add_argument("--quiet-warnings", action="store_true", help="do not print warnings")
    args = parser.parse_args(argv)
    rep = check_files(args.files)
    for msg in rep.errors:
        print(msg, file=sys.stderr)
    if not args.quiet_warnings:
        for msg in rep.warnings:
            print(msg, file=sys.stderr)
    if args.summary:
        print(summarise(rep.records), flush=True)  # before the count on stderr, when both are piped
    print(
        f"{len(rep.errors)} error(s), {len(rep.warnings)} warning(s) in {len(args.files)} file(s)",
        file=sys.stderr,
    )
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
