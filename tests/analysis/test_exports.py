"""Exports read back: JSON Lines, CSV, Parquet (through DuckDB), GDELT and POLECAT tables,
citations in every format, ``--no-text``, and the DataFrame (docs/exports.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import duckdb
import pytest

from whimbrel.analysis.exports import (
    FLAT_COLUMNS,
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    cameo_actor_code,
    write_export,
)
from whimbrel.records import ActorMention, Article, Event, Location, Span
from whimbrel.store import Store

TEXT = "Russian troops shelled Kharkiv on Tuesday. Vladimir Putin met Kim Jong Un in Pyongyang."


def _actor(name: str, qid: str, country: str, sector: str | None, kind: str) -> ActorMention:
    start = TEXT.find(name.split()[0])
    return ActorMention(
        text=name, start=start, end=start + len(name), name=name, id=qid, country=country,
        sector=sector, kind=kind,
    )  # fmt: skip


def _article(aid: str, publisher: str, day: str) -> Article:
    def event(n: int, kind: str, mode: str | None, src, tgt, sentence_start: int) -> Event:
        end = TEXT.index(".", sentence_start) + 1
        trigger = "shelled" if kind == "ASSAULT" else "met"
        at = TEXT.index(trigger)
        quad, root, score = (4, "19", -9.0) if kind == "ASSAULT" else (1, "04", 3.0)
        return Event(
            id=f"{aid}-{n}", article_id=aid, coder="whimbrel/test", kb_version="kb-test",
            coded_at=dt.datetime(2024, 6, 5, 12, 30, tzinfo=dt.UTC), event_type=kind,
            mode=mode, source=src, target=tgt, date="2024-06-04", date_precision="day",
            location=Location(name="Pyongyang", country="PRK", lat=39.03, lon=125.75,
                              geonames_id=1871859) if kind == "CONSULT" else None,
            sentence=TEXT[sentence_start:end], sentence_start=sentence_start, sentence_end=end,
            trigger=Span(text=trigger, start=at, end=at + len(trigger)), confidence=0.9,
            quad=quad, cameo_root=root, score=score,
        )  # fmt: skip

    rus_mil = _actor("Russian troops", "wb:group:RUS-MIL", "RUS", "MIL", "group")
    ukr = _actor("Kharkiv", "Q212", "UKR", None, "state")
    putin = _actor("Vladimir Putin", "Q7747", "RUS", "GOV", "person")
    kim = _actor("Kim Jong Un", "Q56226", "PRK", "GOV", "person")
    second = TEXT.index("Vladimir")
    return Article(
        id=aid, text=TEXT, title=f"Title {aid}", url=f"https://{publisher}.example/{aid}",
        publisher=publisher, date=dt.date.fromisoformat(day), language="en",
        events=[
            event(0, "ASSAULT", "heavy-weapons", [rus_mil], [ukr], 0),
            event(1, "CONSULT", "visit", [putin], [kim], second),
        ],
    )  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "e.duckdb"
    with Store(str(path)) as s:
        s.add_article(_article("a1", "wire", "2024-06-04"))
        s.add_article(_article("a2", "daily", "2024-06-05"))
        s.dedup()
        yield s


def _export(store, fmt: str, **options) -> str:
    out = io.StringIO()
    write_export(store, fmt, out, **options)
    return out.getvalue()


def test_export_jsonl_is_plover_records_with_cluster_and_citation(store):
    records = [json.loads(x) for x in _export(store, "jsonl").splitlines()]
    assert [r["event_type"] for r in records] == ["ASSAULT", "CONSULT"]
    r = records[0]
    assert r["id"] == r["canonical_id"] == "a1-0" and r["member_ids"] == ["a1-0", "a2-0"]
    # One text at two outlets: two articles and sources, but one report (a linked copy).
    assert (r["mentions"], r["articles"], r["reports"], r["sources"]) == (2, 2, 1, 2)
    assert r["citation"] == {
        "article_id": "a1", "url": "https://wire.example/a1", "publisher": "wire",
        "title": "Title a1", "language": "en", "date": "2024-06-04", "text": TEXT,
    }  # fmt: skip
    assert r["sentence"].startswith("Russian troops shelled")
    Event.model_validate({k: v for k, v in r.items() if k in Event.model_fields})
    mentions = [json.loads(x) for x in _export(store, "jsonl", mentions=True).splitlines()]
    assert len(mentions) == 4 and {m["canonical_id"] for m in mentions} == {"a1-0", "a1-1"}


def test_export_no_text_leaves_text_and_sentences_out(store):
    for fmt in ("jsonl", "csv", "gdelt", "polecat"):
        data = _export(store, fmt, text=False)
        assert "Russian troops shelled" not in data, fmt
        assert "https://wire.example/a1" in data, fmt  # the citation stays
    record = json.loads(_export(store, "jsonl", text=False).splitlines()[0])
    assert "sentence" not in record and "text" not in record["citation"]


def test_export_csv_reads_back_with_the_flat_columns(store):
    rows = list(csv.DictReader(io.StringIO(_export(store, "csv"))))
    assert list(rows[0]) == FLAT_COLUMNS
    assert rows[0]["canonical_id"] == "a1-0" and rows[0]["mentions"] == "2"
    assert rows[0]["source_country"] == "RUS" and rows[0]["publisher"] == "wire"
    assert rows[0]["member_ids"] == "a1-0;a2-0" and rows[0]["published"] == "2024-06-04"
    assert rows[1]["location_name"] == "Pyongyang" and rows[1]["text"] == TEXT


def test_export_parquet_reads_back_through_duckdb(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert write_export(store, "parquet", path) == 2
    con = duckdb.connect()
    cursor = con.execute(f"SELECT * FROM read_parquet('{path}') ORDER BY id")
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    assert names == FLAT_COLUMNS
    assert rows[0]["event_type"] == "ASSAULT" and rows[0]["mentions"] == 2
    assert rows[0]["url"] == "https://wire.example/a1" and rows[0]["first_seen"] == dt.date(2024, 6, 4)  # fmt: skip
    write_export(store, "parquet", tmp_path / "short.parquet", text=False)
    short = con.execute(f"SELECT * FROM read_parquet('{tmp_path / 'short.parquet'}')")
    assert "text" not in [d[0] for d in short.description]


def test_export_gdelt_has_the_61_columns_in_order_and_cameo_codes(store):
    rows = list(csv.DictReader(io.StringIO(_export(store, "gdelt")), delimiter="\t"))
    header = _export(store, "gdelt").splitlines()[0].split("\t")
    assert header[:61] == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    shelling, meeting = rows
    assert shelling["SQLDATE"] == "20240604" and shelling["MonthYear"] == "202406"
    assert shelling["Actor1Code"] == "RUSMIL" and shelling["Actor1CountryCode"] == "RUS"
    assert shelling["Actor1Name"] == "RUSSIAN TROOPS" and shelling["Actor2Code"] == "UKR"
    assert shelling["EventRootCode"] == "19" and shelling["QuadClass"] == "4"
    assert shelling["NumMentions"] == "2" and shelling["NumSources"] == "2"
    assert shelling["AvgTone"] == "" and shelling["Actor1Geo_Type"] == ""
    assert shelling["DATEADDED"] == "20240605123000"
    assert shelling["SOURCEURL"] == "https://wire.example/a1"
    assert meeting["Actor1Code"] == "RUSGOV" and meeting["Actor2Code"] == "PRKGOV"
    assert meeting["EventCode"] == "042" and meeting["EventBaseCode"] == "042"
    assert (
        meeting["ActionGeo_FullName"] == "Pyongyang" and meeting["ActionGeo_FeatureID"] == "1871859"
    )
    assert int(shelling["GLOBALEVENTID"]) != int(meeting["GLOBALEVENTID"])


def test_export_polecat_columns_and_values(store):
    rows = list(csv.DictReader(io.StringIO(_export(store, "polecat")), delimiter="\t"))
    assert list(rows[0])[: len(POLECAT_COLUMNS)] == POLECAT_COLUMNS
    meeting = rows[1]
    assert meeting["Event Type"] == "consult" and meeting["Event Mode"] == "visit"
    assert meeting["Actor Name"] == "Vladimir Putin" and meeting["Wikipedia Actor ID"] == "Q7747"
    assert meeting["Recipient Country"] == "PRK" and meeting["City"] == "Pyongyang"
    assert meeting["Source"] == "wire" and meeting["Publication Date"] == "2024-06-04"
    assert meeting["url"] == "https://wire.example/a1"


def test_export_cameo_actor_codes():
    def a(country, sector, kind="group"):
        return ActorMention(text="x", start=0, end=1, name="x", id="x", country=country,
                            sector=sector, kind=kind)  # fmt: skip

    assert cameo_actor_code(a("RUS", "GOV"))[0] == "RUSGOV"
    assert cameo_actor_code(a("USA", "JRN"))[0] == "USAMED"
    assert cameo_actor_code(a("UNO", None, "organisation"))[:3] == ("UNO", "", "UNO")
    assert cameo_actor_code(a("IGO", "BUS", "organisation")) == ("IGOBUS", "", "", "BUS")
    assert cameo_actor_code(None) == ("", "", "", "")


def test_events_frame_is_a_pandas_frame_of_canonical_events(store):
    frame = store.events_frame()
    assert list(frame.columns) == FLAT_COLUMNS and len(frame) == 2
    assert frame.loc[0, "mentions"] == 2
    assert len(store.events_frame(mentions=True, source="RUS", event_type="ASSAULT")) == 2
