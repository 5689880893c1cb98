"""The trigger lexicon: which words signal which PLOVER event, read from a versioned TSV file.

Each row of ``data/lexicon/triggers.v1.tsv`` names a lemma and part of speech, optional
constraints (a particle, a preposition, a set of object lemmas), the event type, mode and
contexts it signals, optional source/target slot overrides and a weight. A user extends
the coder by adding rows; docs/lexicon.md explains the columns.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from whimbrel.errors import ConfigError
from whimbrel.events.plover import data_path, load_ontology


@dataclass(frozen=True)
class Entry:
    """One lexicon row."""

    lemma: str
    pos: str
    particle: str
    prep: str
    objects: frozenset[str]
    event_type: str
    mode: str | None
    contexts: tuple[str, ...]
    source_slots: tuple[str, ...]
    target_slots: tuple[str, ...]
    weight: float
    line: int
    note: str = ""
    #: Object lemmas that rule the row out ("!statement|footage" in the file): "released a
    #: statement" is no release of prisoners though "release" alone usually is.
    not_objects: frozenset[str] = frozenset()
    #: An induced row for a word the hand-written lexicon has rows for: it applies only where
    #: none of those rows does ("dismissed *the prime minister*", which no "dismiss" row
    #: lists), so a hand-written row always wins.
    fallback: bool = False

    @property
    def specificity(self) -> int:
        """How many constraints the row sets: a row with more wins over a plainer one."""
        return bool(self.particle) + bool(self.prep) + bool(self.objects)

    def describe(self) -> dict[str, object]:
        return {
            "lemma": self.lemma,
            "pos": self.pos,
            "particle": self.particle or None,
            "prep": self.prep or None,
            "object": sorted(self.objects) or None,
            "not_object": sorted(self.not_objects) or None,
            "line": self.line,
            "note": self.note or None,
        }


@dataclass
class Lexicon:
    name: str
    entries: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)

    def lookup(self, lemma: str, pos: str) -> list[Entry]:
        return self.entries.get((lemma, pos), [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def filled_from(self, other: Lexicon) -> Lexicon:
        """This lexicon plus ``other``'s rows: as they are for the words this one has no row
        for, and as fallbacks (:attr:`Entry.fallback`) for the words it has."""
        entries = dict(self.entries)
        for key, rows in other.entries.items():
            if key in entries:
                entries[key] = entries[key] + [replace(e, fallback=True) for e in rows]
            else:
                entries[key] = rows
        return Lexicon(name=f"{self.name}+{other.name}", entries=entries)


def _split(value: str | None, sep: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(sep) if v.strip())


@lru_cache(maxsize=1)
def load_object_classes(name: str = "object_classes.v1") -> dict[str, frozenset[str]]:
    """Named object lists ("@goods") that lexicon rows use instead of spelling them out."""
    raw = json.loads(data_path("lexicon", name, ".json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw["classes"].items()}


@lru_cache(maxsize=1)
def load_object_readings(name: str = "object_classes.v1") -> dict[str, frozenset[str]]:
    """The word lists by which a trigger's object is read through to what it names (the
    file's ``readings``: collectives, carrying, shared, documents, messages)."""
    raw = json.loads(data_path("lexicon", name, ".json").read_text(encoding="utf-8"))
    return {k: frozenset(v["words"]) for k, v in raw.get("readings", {}).items()}


def _objects(raw: str, classes: dict[str, frozenset[str]]) -> frozenset[str]:
    """A row's object lemmas, each "@name" of :func:`load_object_classes` replaced by its
    words ("@gpe", "@org", "@person" stay: they are matched against the article's actors)."""
    out: set[str] = set()
    for word in _split(raw, "|"):
        out |= classes.get(word, {word})
    return frozenset(out)


@lru_cache(maxsize=4)
def load_lexicon(name: str = "triggers.v1") -> Lexicon:
    """Read and check the lexicon once per process; a bad row is a ConfigError naming its line."""
    path = data_path("lexicon", name, ".tsv")
    ontology = load_ontology()
    classes = load_object_classes()
    index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        lines = [
            (n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")
        ]
    reader = csv.DictReader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (n, _), row in zip(lines[1:], reader, strict=True):
        event_type = (row.get("event_type") or "").strip()
        if event_type not in ontology.types:
            raise ConfigError(f"{path}:{n}: unknown event type {event_type!r}")
        try:
            weight = float(row.get("weight") or 0.8)
        except ValueError:
            raise ConfigError(f"{path}:{n}: weight {row.get('weight')!r} is not a number") from None
        raw = (row.get("object") or "").strip()
        # "!a|b": the row applies to any object but these
        negated = _objects(raw[1:], classes) if raw.startswith("!") else frozenset()
        objects = frozenset() if negated else _objects(raw, classes)
        entry = Entry(
            lemma=(row.get("lemma") or "").strip().lower(),
            pos=(row.get("pos") or "VERB").strip().upper(),
            particle=(row.get("particle") or "").strip().lower(),
            prep=(row.get("prep") or "").strip().lower(),
            objects=objects,
            not_objects=negated,
            event_type=event_type,
            mode=(row.get("mode") or "").strip() or None,
            contexts=_split(row.get("contexts"), ","),
            source_slots=_split(row.get("source_slots"), ","),
            target_slots=_split(row.get("target_slots"), ","),
            weight=weight,
            line=n,
            note=(row.get("note") or "").strip(),
        )
        index[(entry.lemma, entry.pos)].append(entry)
    return Lexicon(name=name, entries=dict(index))
