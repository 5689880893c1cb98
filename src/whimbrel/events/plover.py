"""The PLOVER ontology and the type-and-mode → CAMEO table, read from versioned data files.

``data/plover/ontology.v1.json`` holds the 16 types (quad class, modes, the dependency slots
where their source and target are usually found), contexts, sectors and factuality values;
``data/plover/cameo.v1.tsv`` maps each type and mode to a CAMEO root, quad class and score
for GDELT users. Both are plain files a user can read and extend; see docs/ontology.md.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, get_args

from whimbrel.errors import ConfigError
from whimbrel.records import ActorKind


def data_path(folder: str, name: str, suffix: str) -> Path:
    """A packaged data file (``data/<folder>/<name><suffix>``), or ``name`` itself if it is a path."""
    candidate = Path(name)
    if candidate.suffix == suffix or candidate.exists():
        if not candidate.exists():
            raise ConfigError(f"{name}: data file not found")
        return candidate
    packaged = Path(str(files("whimbrel").joinpath("data", folder, name + suffix)))
    if not packaged.exists():
        raise ConfigError(f"no packaged data file data/{folder}/{name}{suffix}")
    return packaged


def model_json(name: str) -> dict[str, Any] | None:
    """A trained model's JSON (``data/models/<name>.json``, or a path), or None when there is
    none: every model is optional, and the coder falls back to its rules without it."""
    try:
        path = data_path("models", name, ".json")
    except ConfigError:
        return None
    return dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class TypeInfo:
    """One PLOVER event type as the coder needs it."""

    name: str
    quad: int
    modes: tuple[str, ...]
    source_slots: tuple[str, ...]
    target_slots: tuple[str, ...]
    target_required: bool
    reciprocal: bool
    #: Source slots of a noun trigger where they differ: "a request *from* Kyiv" is Kyiv's,
    #: though "requested help from China" asks China.
    noun_source_slots: tuple[str, ...] = ()


@dataclass(frozen=True)
class TypeSets:
    """The named sets of event types the extractor treats alike; the ontology file says what
    each does. Named fields rather than a dict, so that a set the file lacks or one it adds
    that no code reads is a ConfigError when the file is loaded, not a KeyError mid-corpus."""

    agentless: frozenset[str] = frozenset()
    dated: frozenset[str] = frozenset()
    dated_participle: frozenset[str] = frozenset()
    unfolding: frozenset[str] = frozenset()
    conditional_aim: frozenset[str] = frozenset()
    done_to: frozenset[str] = frozenset()
    complement_target: frozenset[str] = frozenset()
    clause_subject_target: frozenset[str] = frozenset()
    foreign_victim: frozenset[str] = frozenset()
    foreign_recipient: frozenset[str] = frozenset()
    brokered: frozenset[str] = frozenset()
    doer_of_object: frozenset[str] = frozenset()
    purpose_target: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OpenSectors:
    """The sector an event gives an actor the knowledge base leaves without one
    (``open_sectors`` in the ontology file): "Russia" shelling a town acts through its army,
    signing a deal through its government, a crowd of "Armenians" is its people, and the
    "residential districts" a strike hits are civilians."""

    #: kind ("state", "group") -> role ("source", "target") -> "TYPE" or "TYPE/mode" -> sector
    rules: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    #: kind -> the sector when no rule of its role says otherwise (a state's government)
    defaults: dict[str, str] = field(default_factory=dict)
    #: the sector of a demonym that names people ("thousands of Armenians")
    people: str = "CVL"

    def sector(
        self, kind: str, role: str, event_type: str, mode: str | None, *, people: bool = False
    ) -> str | None:
        """The sector of an actor of *kind* without one, in *role* of an event of this type
        and mode; None where nothing says."""
        if people and kind == "state":
            return self.people
        rules = self.rules.get(kind, {}).get(role, {})
        found = rules.get(f"{event_type}/{mode}") or rules.get(event_type)
        return found or self.defaults.get(kind)


@dataclass(frozen=True)
class Ontology:
    version: str
    types: dict[str, TypeInfo]
    contexts: tuple[str, ...]
    sectors: tuple[str, ...]
    #: Named sets of sectors data files refer to as "@name" ("@armed": MIL, COP, REB, ...).
    sector_groups: dict[str, frozenset[str]]
    #: Named sets of event types the extractor treats alike ("agentless", "done_to", ...);
    #: the file says what each does.
    type_sets: TypeSets = field(default_factory=TypeSets)
    open_sectors: OpenSectors = field(default_factory=OpenSectors)

    def expand_sectors(self, codes: Any) -> frozenset[str]:
        """Sector codes with every "@group" replaced by its members; an unknown group is a
        ConfigError naming it."""
        out: set[str] = set()
        for code in codes:
            if not code.startswith("@"):
                out.add(code)
            elif code[1:] in self.sector_groups:
                out |= self.sector_groups[code[1:]]
            else:
                raise ConfigError(
                    f"unknown sector group {code!r} (known: {sorted(self.sector_groups)})"
                )
        return frozenset(out)


@lru_cache(maxsize=2)
def load_ontology(name: str = "ontology.v1") -> Ontology:
    """Read the ontology file once per process."""
    path = data_path("plover", name, ".json")
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    types = {
        t: TypeInfo(
            name=t,
            quad=int(v["quad"]),
            modes=tuple(v.get("modes", ())),
            source_slots=tuple(v.get("source_slots", ())),
            target_slots=tuple(v.get("target_slots", ())),
            target_required=bool(v.get("target_required", False)),
            reciprocal=bool(v.get("reciprocal", False)),
            noun_source_slots=tuple(v.get("noun_source_slots", ())),
        )
        for t, v in raw["types"].items()
    }
    return Ontology(
        version=str(raw.get("version", name)),
        types=types,
        contexts=tuple(raw.get("contexts", {})),
        sectors=tuple(raw.get("sectors", {})),
        type_sets=_type_sets(path, raw.get("type_sets", {}), types.keys()),
        open_sectors=_open_sectors(path, raw.get("open_sectors", {}), types, raw),
        sector_groups={
            k: frozenset(v) for k, v in raw.get("sector_groups", {}).items() if k != "about"
        },
    )


def _type_sets(path: Path, raw: dict[str, Any], types: Any) -> TypeSets:
    """The file's type sets, each naming known types, exactly the sets :class:`TypeSets` has."""
    given = {k: v for k, v in raw.items() if k != "about"}
    known = set(TypeSets.__dataclass_fields__)
    if unknown_sets := sorted(given.keys() - known):
        raise ConfigError(f"{path}: unknown type sets {unknown_sets} (known: {sorted(known)})")
    if missing := sorted(known - given.keys()):
        raise ConfigError(f"{path}: type sets {missing} are missing")
    for set_name, entry in given.items():
        if unknown := sorted(set(entry["types"]) - set(types)):
            raise ConfigError(f"{path}: type set {set_name!r} names unknown types {unknown}")
    return TypeSets(**{k: frozenset(v["types"]) for k, v in given.items()})


def _open_sectors(
    path: Path, raw: dict[str, Any], types: dict[str, TypeInfo], ontology: dict[str, Any]
) -> OpenSectors:
    """The file's open sectors, every key a known TYPE or TYPE/mode and every value a known
    sector, so that a typo is a ConfigError when the file is loaded rather than a rule that
    silently never fires."""
    sectors = set(ontology.get("sectors", {}))
    rules: dict[str, dict[str, dict[str, str]]] = {}
    defaults: dict[str, str] = {}
    for kind, entry in raw.items():
        if kind == "about":
            continue
        if kind not in get_args(ActorKind):
            raise ConfigError(
                f"{path}: open_sectors names {kind!r}, no actor kind (known: {get_args(ActorKind)})"
            )
        for role in ("source", "target"):
            for key, sector in entry.get(role, {}).items():
                event_type, _, mode = key.partition("/")
                info = types.get(event_type)
                if info is None or (mode and mode not in info.modes) or sector not in sectors:
                    raise ConfigError(
                        f"{path}: open_sectors.{kind}.{role} has {key!r}: {sector!r}, which "
                        "names an unknown type, mode or sector"
                    )
                rules.setdefault(kind, {}).setdefault(role, {})[key] = sector
        if "default" in entry:
            defaults[kind] = entry["default"]
    people = raw.get("state", {}).get("people", "CVL")
    if not {*defaults.values(), people} <= sectors:
        raise ConfigError(f"{path}: open_sectors names an unknown sector ({defaults}, {people})")
    return OpenSectors(rules=rules, defaults=defaults, people=people)


@dataclass(frozen=True)
class CameoRow:
    cameo_root: str
    cameo_code: str
    quad: int
    score: float


@lru_cache(maxsize=2)
def load_cameo_table(name: str = "cameo.v1") -> dict[tuple[str, str], CameoRow]:
    """``(event_type, mode)`` → CAMEO root, quad and score; mode ``""`` is the type's default."""
    path = data_path("plover", name, ".tsv")
    table: dict[tuple[str, str], CameoRow] = {}
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for row in rows:
            key = (row["event_type"].strip(), (row.get("mode") or "").strip())
            table[key] = CameoRow(
                cameo_root=row["cameo_root"].strip().zfill(2),
                cameo_code=(row.get("cameo_code") or row["cameo_root"]).strip(),
                quad=int(row["quad"]),
                score=float(row["score"]),
            )
    return table


def cameo_for(event_type: str, mode: str | None, name: str = "cameo.v1") -> CameoRow:
    """The CAMEO row for a type and mode, falling back to the type's default row."""
    table = load_cameo_table(name)
    row = table.get((event_type, mode or "")) or table.get((event_type, ""))
    if row is None:
        raise ConfigError(f"{name}: no row for event type {event_type}")
    return row
