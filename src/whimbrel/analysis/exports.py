"""Exports of the event store: PLOVER JSON Lines, flat CSV, Parquet, GDELT 2.0 and POLECAT tables.

Every format carries each event's citation (url, publisher, title, language, publication
date) and, unless ``text=False`` (``--no-text``), the evidence sentence and the article
text. By default rows are canonical (deduplicated) events with their mention, article,
report and source counts; with ``mentions=True`` every coded event is a row. Column lists
and the GDELT/POLECAT mappings are documented in docs/exports.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from whimbrel.records import ActorMention, Event

if TYPE_CHECKING:
    import pandas as pd

    from whimbrel.store.base import Store
    from whimbrel.store.clusters import CanonicalEvent, Citation, EventMention

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "polecat")
_PAGE = 2000

#: The flat columns of CSV, Parquet and :meth:`Store.events_frame`, in order.
FLAT_COLUMNS = [
    "canonical_id", "mentions", "articles", "reports", "sources", "first_seen", "last_seen",
    "id", "article_id", "date", "date_precision", "event_type", "mode", "quad", "cameo_root",
    "score", "factuality", "confidence",
    "source_text", "source_name", "source_id", "source_country", "source_sector",
    "target_text", "target_name", "target_id", "target_country", "target_sector",
    "attributed_to", "location_name", "location_country", "location_lat", "location_lon",
    "trigger", "contexts", "coder", "kb_version", "member_ids", "publishers",
    "url", "publisher", "title", "language", "published", "sentence", "text",
]  # fmt: skip
_TEXT_COLUMNS = ("sentence", "text")

#: The 61 columns of the GDELT 2.0 event table, in GDELT's order.
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
#: whimbrel's columns after GDELT's 61.
GDELT_EXTRA = [
    "canonical_id", "event_type", "mode", "factuality", "confidence", "reports",
    "first_seen", "last_seen", "publisher", "title", "language", "published",
    "location_country", "sentence", "text",
]  # fmt: skip

#: The columns of the POLECAT weekly files, in their order (docs/exports.md).
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]  # fmt: skip
POLECAT_EXTRA = [
    "url", "title", "mentions", "articles", "reports", "sources", "first_seen", "last_seen",
    "factuality", "confidence", "sentence", "text",
]  # fmt: skip

#: PLOVER sector → CAMEO actor type (role) code; sectors CAMEO lacks map to nothing.
CAMEO_ROLES = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "REB": "REB",
    "OPP": "OPP", "BUS": "BUS", "CVL": "CVL", "EDU": "EDU", "JRN": "MED", "MED": "HLH",
    "SPY": "SPY", "CRM": "CRM", "LAB": "LAB", "ELI": "ELI", "UAF": "UAF", "PRM": "UAF",
    "REF": "REF", "AGR": "AGR", "PTY": "PTY", "SOC": "NGO",
}  # fmt: skip
#: Non-state actor codes of whimbrel (and PLOVER) that are CAMEO codes of their own.
_KNOWN_GROUPS = {"UNO", "EUR"}
_GROUP_TYPES = {"IGO", "NGO", "IMG", "MNC"}
_QID = re.compile(r"^Q\d+$")
#: GDELT's IsRootEvent: an event in the lead of the article (evidence starting this early).
ROOT_EVENT_CHARS = 400


# -- rows -------------------------------------------------------------------------------------


def iter_rows(
    store: Store, *, mentions: bool = False, text: bool = True, limit: int | None = None,
    **filters: Any,
) -> Iterator[CanonicalEvent | EventMention]:  # fmt: skip
    """Canonical events (or mentions) page by page, in date order."""
    offset = 0
    while limit is None or offset < limit:
        size = _PAGE if limit is None else min(_PAGE, limit - offset)
        query = store.mentions if mentions else store.canonical_events
        page = query(limit=size, offset=offset, text=text, **filters)
        yield from page
        if len(page) < size:
            return
        offset += size


def _parts(row: CanonicalEvent | EventMention) -> tuple[Event, Citation, dict[str, Any]]:
    """The event, its citation, and the cluster facts (one mention: a cluster of one)."""
    from whimbrel.store.clusters import CanonicalEvent, source_name

    if isinstance(row, CanonicalEvent):
        facts = {
            "canonical_id": row.id, "mentions": row.mentions, "articles": row.articles,
            "reports": row.reports, "sources": row.sources,
            "first_seen": _iso(row.first_seen), "last_seen": _iso(row.last_seen),
            "member_ids": row.member_ids, "publishers": row.publishers,
        }  # fmt: skip
        return row.event, row.citation, facts
    c = row.citation
    facts = {
        "canonical_id": row.canonical_id, "mentions": 1, "articles": 1, "reports": 1,
        "sources": 1, "first_seen": _iso(c.date), "last_seen": _iso(c.date),
        "member_ids": [row.event.id],
        "publishers": [source_name(c.publisher, c.url, c.article_id)],
    }  # fmt: skip
    return row.event, c, facts


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def plover_record(row: CanonicalEvent | EventMention, *, text: bool = True) -> dict[str, Any]:
    """The PLOVER-style JSON of a row: the event record, its cluster facts and citation."""
    event, citation, facts = _parts(row)
    record = event.model_dump(mode="json", exclude={"explain"})
    if not text:
        record.pop("sentence")
    record.update(facts)
    record["citation"] = citation.as_dict(text=text)
    return record


def _join(actors: list[ActorMention], field: str) -> str:
    return ";".join(str(getattr(a, field) or "") for a in actors)


def flat_row(row: CanonicalEvent | EventMention, *, text: bool = True) -> dict[str, Any]:
    """One row of the flat table (:data:`FLAT_COLUMNS`)."""
    e, c, facts = _parts(row)
    loc = e.location
    out: dict[str, Any] = {
        **facts,
        "id": e.id, "article_id": e.article_id, "date": e.date,
        "date_precision": e.date_precision, "event_type": e.event_type, "mode": e.mode,
        "quad": e.quad, "cameo_root": e.cameo_root, "score": e.score,
        "factuality": e.factuality, "confidence": e.confidence,
        "attributed_to": e.attributed_to.name if e.attributed_to else None,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "trigger": e.trigger.text, "contexts": ";".join(e.contexts), "coder": e.coder,
        "kb_version": e.kb_version, "url": c.url, "publisher": c.publisher, "title": c.title,
        "language": c.language, "published": _iso(c.date),
        "sentence": e.sentence, "text": c.text,
    }  # fmt: skip
    out["member_ids"] = ";".join(facts["member_ids"])
    out["publishers"] = ";".join(facts["publishers"])
    for role in ("source", "target"):
        actors = getattr(e, role)
        for field in ("text", "name", "id", "country", "sector"):
            out[f"{role}_{field}"] = _join(actors, field)
    columns = flat_columns(text=text)
    return {k: out.get(k) for k in columns}


def flat_columns(*, text: bool = True) -> list[str]:
    return [c for c in FLAT_COLUMNS if text or c not in _TEXT_COLUMNS]


# -- GDELT ------------------------------------------------------------------------------------


def cameo_actor_code(actor: ActorMention | None) -> tuple[str, str, str, str]:
    """CAMEO actor code, country code, known-group code and type code of an actor.

    The code is the country (ISO 3166 alpha-3, which CAMEO's country codes follow, or a
    non-state code CAMEO shares: IGO, NGO, IMG, MNC, UNO, EUR) followed by the CAMEO role
    of its PLOVER sector: Russia's government RUSGOV, Russian troops RUSMIL.
    """
    if actor is None:
        return "", "", "", ""
    country = actor.country or ""
    role = CAMEO_ROLES.get(actor.sector or "", "")
    known = country if country in _KNOWN_GROUPS else ""
    country_code = country if len(country) == 3 and country not in _KNOWN_GROUPS | _GROUP_TYPES | {"ISM"} else ""  # fmt: skip
    kind = role or (country if country in _GROUP_TYPES else "")
    prefix = country if country != "ISM" else ""
    code = prefix + (role if role != prefix else "")
    return code, country_code, known, kind


def cameo_quad(root: str) -> int:
    """CAMEO's QuadClass of a root code: 01–05 verbal cooperation, 06–08 material
    cooperation, 09–13 verbal conflict, 14–20 material conflict."""
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def gdelt_event_id(event_id: str) -> int:
    """A stable 60-bit integer for GDELT's numeric GLOBALEVENTID."""
    return int(hashlib.sha256(event_id.encode()).hexdigest()[:15], 16)


def _event_day(e: Event, c: Citation) -> dt.date | None:
    from whimbrel.store.rows import date_start

    return date_start(e.date) or c.date


def gdelt_row(row: CanonicalEvent | EventMention, *, text: bool = True) -> dict[str, Any]:
    """One row of the GDELT 2.0 event table (:data:`GDELT_COLUMNS` + :data:`GDELT_EXTRA`)."""
    from whimbrel.events.plover import cameo_for

    e, c, facts = _parts(row)
    out: dict[str, Any] = dict.fromkeys([*GDELT_COLUMNS, *GDELT_EXTRA], "")
    out["GLOBALEVENTID"] = gdelt_event_id(facts["canonical_id"] or e.id)
    day = _event_day(e, c)
    if day:
        out["SQLDATE"] = day.strftime("%Y%m%d")
        out["MonthYear"] = day.strftime("%Y%m")
        out["Year"] = day.year
        out["FractionDate"] = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
    actor2 = e.target[0] if e.target else (e.source[1] if len(e.source) > 1 else None)
    for n, actor in ((1, e.source[0] if e.source else None), (2, actor2)):
        code, country, known, kind = cameo_actor_code(actor)
        out[f"Actor{n}Code"] = code
        out[f"Actor{n}Name"] = actor.name.upper() if actor else ""
        out[f"Actor{n}CountryCode"] = country
        out[f"Actor{n}KnownGroupCode"] = known
        out[f"Actor{n}Type1Code"] = kind
        out[f"Actor{n}Type2Code"] = CAMEO_ROLES.get((actor.secondary_sector if actor else "") or "", "")  # fmt: skip
    out["IsRootEvent"] = int(e.sentence_start < ROOT_EVENT_CHARS)
    try:
        code = cameo_for(e.event_type, e.mode).cameo_code
    except Exception:  # an unknown mode: the root's general code
        code = e.cameo_root + "0"
    out["EventCode"] = code
    out["EventBaseCode"] = code[:3]
    out["EventRootCode"] = e.cameo_root
    out["QuadClass"] = cameo_quad(e.cameo_root)
    out["GoldsteinScale"] = e.score
    out["NumMentions"] = facts["mentions"]
    out["NumSources"] = facts["sources"]
    out["NumArticles"] = facts["articles"]
    loc = e.location
    if loc:
        is_country = loc.geonames_id is None and loc.lat is None
        out["ActionGeo_Type"] = 1 if is_country else 3 if loc.country == "USA" else 4
        out["ActionGeo_FullName"] = loc.name
        out["ActionGeo_Lat"] = "" if loc.lat is None else loc.lat
        out["ActionGeo_Long"] = "" if loc.lon is None else loc.lon
        out["ActionGeo_FeatureID"] = "" if loc.geonames_id is None else loc.geonames_id
        out["location_country"] = loc.country or ""
    out["DATEADDED"] = e.coded_at.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")
    out["SOURCEURL"] = c.url or ""
    out.update(
        canonical_id=facts["canonical_id"] or e.id, event_type=e.event_type, mode=e.mode or "",
        factuality=e.factuality, confidence=e.confidence, reports=facts["reports"],
        first_seen=facts["first_seen"] or "", last_seen=facts["last_seen"] or "",
        publisher=c.publisher or "", title=c.title or "", language=c.language or "",
        published=_iso(c.date) or "", sentence=e.sentence, text=c.text or "",
    )  # fmt: skip
    if not text:
        for k in _TEXT_COLUMNS:
            out.pop(k)
    return out


# -- POLECAT ----------------------------------------------------------------------------------


def _party_columns(prefix: str, actors: list[ActorMention]) -> dict[str, str]:
    first = actors[0] if actors else None
    qids = [a.id for a in actors if _QID.match(a.id or "")]
    return {
        f"{prefix} Name": _join(actors, "name"),
        f"{prefix} Country": _join(actors, "country"),
        f"{prefix} COW": "",
        f"Primary {prefix} Sector": (first.sector or "") if first else "",
        f"{prefix} Sectors": ";".join(
            s for a in actors for s in (a.sector, a.secondary_sector) if s
        ),
        f"{prefix} Title": "",
        f"{prefix} Name Raw": _join(actors, "text"),
        f"Wikipedia {prefix} ID": ";".join(qids),
    }


def polecat_row(row: CanonicalEvent | EventMention, *, text: bool = True) -> dict[str, Any]:
    """One row of a POLECAT-style table (:data:`POLECAT_COLUMNS` + :data:`POLECAT_EXTRA`)."""
    e, c, facts = _parts(row)
    loc = e.location
    day = _event_day(e, c)
    is_city = bool(loc and (loc.geonames_id is not None or loc.lat is not None))
    out: dict[str, Any] = dict.fromkeys([*POLECAT_COLUMNS, *POLECAT_EXTRA], "")
    out.update(
        {
            "Event ID": facts["canonical_id"] or e.id,
            "Event Date": _iso(day) or "",
            "Event Type": e.event_type.lower(),
            "Event Mode": e.mode or "",
            "Intensity": e.score,
            "Quad Code": e.quad,
            "Contexts": ";".join(e.contexts),
            **_party_columns("Actor", e.source),
            **_party_columns("Recipient", e.target),
            "Placename": loc.name if loc else "",
            "City": loc.name if loc and is_city else "",
            "Country": (loc.country or "") if loc else "",
            "Latitude": "" if not loc or loc.lat is None else loc.lat,
            "Longitude": "" if not loc or loc.lon is None else loc.lon,
            "GeoNames ID": "" if not loc or loc.geonames_id is None else loc.geonames_id,
            "Raw Placename": loc.name if loc else "",
            "Source": c.publisher or "",
            "Publication Date": _iso(c.date) or "",
            "Language": c.language or "",
            "Version": e.coder,
            "url": c.url or "", "title": c.title or "", "mentions": facts["mentions"],
            "articles": facts["articles"], "reports": facts["reports"],
            "sources": facts["sources"], "first_seen": facts["first_seen"] or "",
            "last_seen": facts["last_seen"] or "", "factuality": e.factuality,
            "confidence": e.confidence, "sentence": e.sentence, "text": c.text or "",
        }
    )  # fmt: skip
    if not text:
        for k in _TEXT_COLUMNS:
            out.pop(k)
    return out


# -- writing ----------------------------------------------------------------------------------


def _table(fmt: str, text: bool) -> tuple[list[str], Any, str]:
    if fmt == "csv":
        return flat_columns(text=text), flat_row, ","
    if fmt == "gdelt":
        cols = [c for c in (*GDELT_COLUMNS, *GDELT_EXTRA) if text or c not in _TEXT_COLUMNS]
        return cols, gdelt_row, "\t"
    cols = [c for c in (*POLECAT_COLUMNS, *POLECAT_EXTRA) if text or c not in _TEXT_COLUMNS]
    return cols, polecat_row, "\t"


def write_export(
    store: Store,
    fmt: str,
    out: IO[str] | str | Path,
    *,
    mentions: bool = False,
    text: bool = True,
    limit: int | None = None,
    **filters: Any,
) -> int:
    """Write the events matching ``filters`` in ``fmt`` to a stream or a file; rows written.

    ``parquet`` needs a path. CSV is comma-separated; ``gdelt`` and ``polecat`` are
    tab-separated like the files those projects publish; all three have a header row.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    rows = iter_rows(store, mentions=mentions, text=text, limit=limit, **filters)
    if fmt == "parquet":
        if not isinstance(out, str | Path):
            raise ValueError("parquet is written to a file: give -o PATH")
        return _write_parquet(rows, Path(out), text=text)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _write_text(rows, fmt, stream, text=text)
    return _write_text(rows, fmt, out, text=text)


def _write_text(rows: Iterator[Any], fmt: str, stream: IO[str], *, text: bool) -> int:
    count = 0
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(plover_record(row, text=text), ensure_ascii=False) + "\n")
            count += 1
        return count
    columns, make, delimiter = _table(fmt, text)
    writer = csv.DictWriter(
        stream, fieldnames=columns, delimiter=delimiter, lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(make(row, text=text))
        count += 1
    return count


def _write_parquet(rows: Iterator[Any], path: Path, *, text: bool) -> int:
    import duckdb

    frame = _frame([flat_row(r, text=text) for r in rows], flat_columns(text=text))
    con = duckdb.connect()
    try:
        con.register("export_rows", frame)
        target = str(path).replace("'", "''")
        con.execute(f"COPY export_rows TO '{target}' (FORMAT parquet)")
    finally:
        con.close()
    return len(frame)


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    for col in ("first_seen", "last_seen", "published"):
        frame[col] = pd.to_datetime(frame[col]).dt.date
    return frame


def events_frame(
    store: Store,
    *,
    mentions: bool = False,
    limit: int | None = None,
    text: bool = True,
    **filters: Any,
) -> pd.DataFrame:
    """Canonical events (or mentions) as a pandas DataFrame of :data:`FLAT_COLUMNS`."""
    rows = iter_rows(store, mentions=mentions, text=text, limit=limit, **filters)
    return _frame([flat_row(r, text=text) for r in rows], flat_columns(text=text))
