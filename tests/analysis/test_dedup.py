"""Deduplication: the matching rules on hand-made events, clusters independent of arrival
order, near-identical articles linked, and the pipeline on a small hand-made subset of the
cluster gold set (docs/dedup.md). Store tests run on DuckDB and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from whimbrel.analysis.dedup import (
    DedupEvent,
    DedupSettings,
    Party,
    actor_match,
    article_families,
    cluster_events,
    link_score,
)
from whimbrel.records import ActorMention, Article, Event, Span
from whimbrel.store import Store

SETTINGS = DedupSettings()
GOLD = Path(__file__).resolve().parents[2] / "corpus" / "clusters"
PEOPLE = {
    "RUS": ("Russia", "Q159", None, "state"),
    "UKR": ("Ukraine", "Q212", None, "state"),
    "PRK": ("North Korea", "Q423", None, "state"),
    "JPN": ("Japan", "Q17", None, "state"),
    "TUR": ("Turkey", "Q43", None, "state"),
    "putin": ("Vladimir Putin", "Q7747", "GOV", "person"),
    "kim": ("Kim Jong Un", "Q56226", "GOV", "person"),
    "xi": ("Xi Jinping", "Q15031", "GOV", "person"),
    "rusmil": ("Russian troops", "wb:group:RUS-MIL", "MIL", "group"),
    "ruscop": ("Russian police", "wb:group:RUS-COP", "COP", "group"),
}
COUNTRY = {"putin": "RUS", "kim": "PRK", "xi": "CHN", "rusmil": "RUS", "ruscop": "RUS"}


# -- hand-made events -------------------------------------------------------------------------


def party(key: str) -> Party:
    name, qid, sector, kind = PEOPLE[key]
    return Party(qid, name, COUNTRY.get(key, key), sector, kind)


def dedup_event(
    eid: str,
    event_type: str,
    source: list[str],
    target: list[str],
    day: str | None,
    sentence: str,
    *,
    article: str | None = None,
    factuality: str = "asserted",
    precision: str = "day",
    location: str | None = None,
) -> DedupEvent:
    return DedupEvent(
        id=eid, article_id=article or f"a-{eid}", event_type=event_type, factuality=factuality,
        date_start=dt.date.fromisoformat(day) if day else None,
        date_precision=precision if day else "unknown", sentence=sentence,
        source=tuple(party(s) for s in source), target=tuple(party(t) for t in target),
        location=location,
    )  # fmt: skip


SHELLING = "Russian troops shelled Kharkiv on Tuesday, killing three civilians."


def test_dedup_same_type_actors_and_date_link():
    a = dedup_event("e1", "ASSAULT", ["rusmil"], ["UKR"], "2024-06-04", SHELLING)
    b = dedup_event("e2", "ASSAULT", ["RUS"], ["UKR"], "2024-06-05", "Russia shelled Kharkiv.")
    assert actor_match(a, b) == 2  # a country named as a whole stands for its troops
    assert link_score(a, b, SETTINGS) is not None


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"event_type": "COERCE"}, "another type"),
        ({"day": "2024-06-09"}, "five days later: a new incident"),
        ({"source": ["ruscop"]}, "another sector of the same country"),
        ({"target": ["JPN"]}, "another target"),
        ({"factuality": "negated"}, "not realised"),
        ({"location": "Odesa"}, "another place"),
    ],
)
def test_dedup_near_misses_stay_apart(change, why):
    base = {
        "event_type": "ASSAULT", "source": ["rusmil"], "target": ["UKR"], "day": "2024-06-04",
        "sentence": SHELLING, "location": "Kharkiv",
    }  # fmt: skip
    a = dedup_event("e1", **base)
    b = dedup_event("e2", **{**base, **change})
    assert link_score(a, b, SETTINGS) is None, why


def test_dedup_reciprocal_and_swapped_meetings_are_one_event():
    met = dedup_event("e1", "CONSULT", ["putin"], ["kim"], "2024-06-19", "Putin met Kim.")
    hosted = dedup_event("e2", "CONSULT", ["kim"], ["putin"], "2024-06-19", "Kim hosted Putin.")
    talks = dedup_event(
        "e3", "CONSULT", ["kim", "putin"], [], "2024-06-19", "Kim and Putin held talks."
    )
    other = dedup_event("e4", "CONSULT", ["putin"], ["xi"], "2024-06-19", "Putin met Xi.")
    clusters = cluster_events([met, hosted, talks, other], SETTINGS)
    assert clusters["e1"] == clusters["e2"] == clusters["e3"] == "e1"
    assert clusters["e4"] == "e4"
    # Not for directed types: A accusing B is not B accusing A.
    a = dedup_event("e5", "ACCUSE", ["JPN"], ["PRK"], "2024-06-03", "Japan accused Pyongyang.")
    b = dedup_event("e6", "ACCUSE", ["PRK"], ["JPN"], "2024-06-03", "Pyongyang accused Japan.")
    assert link_score(a, b, SETTINGS) is None


def test_dedup_missing_target_needs_similar_evidence_and_does_not_chain():
    """A report without a target may join either of two incidents, never both (complete linkage)."""
    fired_jpn = dedup_event(
        "e1", "ASSAULT", ["PRK"], ["JPN"], "2024-06-03", "North Korea fired missiles at Japan."
    )
    fired_ukr = dedup_event(
        "e2", "ASSAULT", ["PRK"], ["UKR"], "2024-06-03", "North Korean shells hit Ukraine."
    )
    fired = dedup_event(
        "e3", "ASSAULT", ["PRK"], [], "2024-06-03", "North Korea fired missiles on Monday."
    )
    unrelated = dedup_event("e4", "ASSAULT", ["PRK"], [], "2024-06-03", "Pyongyang hit back.")
    clusters = cluster_events([fired_jpn, fired_ukr, fired, unrelated], SETTINGS)
    assert clusters["e3"] == "e1"
    assert clusters["e2"] == "e2" and clusters["e4"] == "e4"


def test_dedup_one_sentence_split_into_two_events_stays_one_mention():
    a = dedup_event("e1", "ASSAULT", ["rusmil"], ["UKR"], "2024-06-04", SHELLING, article="a1")
    b = dedup_event("e2", "ASSAULT", ["rusmil"], [], "2024-06-04", SHELLING, article="a1")
    assert cluster_events([a, b], SETTINGS) == {"e1": "e1", "e2": "e1"}


def test_dedup_clusters_do_not_depend_on_input_order():
    events = [
        dedup_event(f"e{i}", t, s, g, d, txt)
        for i, (t, s, g, d, txt) in enumerate(
            [
                ("ASSAULT", ["rusmil"], ["UKR"], "2024-06-04", SHELLING),
                ("ASSAULT", ["RUS"], ["UKR"], "2024-06-05", "Russia shelled Kharkiv, killing three."),
                ("ASSAULT", ["RUS"], [], "2024-06-04", "Russian shelling killed three in Kharkiv."),
                ("ASSAULT", ["rusmil"], ["UKR"], "2024-06-09", SHELLING),
                ("CONSULT", ["putin"], ["kim"], "2024-06-19", "Putin met Kim."),
                ("CONSULT", ["kim", "putin"], [], "2024-06-20", "Kim and Putin met."),
            ]
        )
    ]  # fmt: skip
    expected = cluster_events(events, SETTINGS)
    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_events(shuffled, SETTINGS) == expected
    assert len(set(expected.values())) == 3


def test_dedup_article_families_take_the_smallest_id():
    assert article_families([("b", "c"), ("a", "c"), ("x", "y")]) == {
        "a": "a", "b": "a", "c": "a", "x": "x", "y": "x"
    }  # fmt: skip


# -- in the store -----------------------------------------------------------------------------


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request, tmp_path):
    """A fresh store on each backend (PostgreSQL through the root conftest's ``pg_url``)."""
    if request.param == "duckdb":
        return str(tmp_path / "dedup.duckdb")
    return request.getfixturevalue("pg_url")


def actor_mention(key: str, text: str, start: int) -> ActorMention:
    name, qid, sector, kind = PEOPLE[key]
    return ActorMention(
        text=text, start=start, end=start + len(text), name=name, id=qid,
        country=COUNTRY.get(key, key), sector=sector, kind=kind,
    )  # fmt: skip


def stored_article(
    aid: str, day: str, publisher: str, text: str, events: list[tuple[str, str, list, list]]
) -> Article:
    """An article whose events are (type, trigger word, [source keys], [target keys])."""
    out = []
    for n, (kind, trigger, sources, targets) in enumerate(events):
        at = text.index(trigger)
        quad = {"ASSAULT": 4, "CONSULT": 1, "SANCTION": 4}[kind]
        out.append(
            Event(
                id=f"{aid}-{n}", article_id=aid, coder="whimbrel/test", kb_version="test",
                coded_at=dt.datetime(2024, 7, 1, tzinfo=dt.UTC), event_type=kind,
                source=[actor_mention(s, PEOPLE[s][0], 0) for s in sources],
                target=[actor_mention(t, PEOPLE[t][0], 0) for t in targets],
                date=day, date_precision="day", sentence=text, sentence_start=0,
                sentence_end=len(text), trigger=Span(text=trigger, start=at,
                end=at + len(trigger)), confidence=0.8, quad=quad,
                cameo_root={1: "04", 4: "19"}[quad], score={1: 2.5, 4: -9.0}[quad],
            )
        )  # fmt: skip
    return Article(
        id=aid, text=text, date=dt.date.fromisoformat(day), publisher=publisher,
        url=f"https://{publisher.lower().replace(' ', '-')}.example/{aid}", title=text[:40],
        language="en", events=out,
    )  # fmt: skip


WIRE = (
    "Russian troops shelled Kharkiv on Tuesday, killing three civilians, the regional governor "
    "said, in the heaviest attack on the city this month."
)


def articles() -> list[Article]:
    return [
        stored_article("a1", "2024-06-04", "Wire", WIRE, [("ASSAULT", "shelled", ["rusmil"], ["UKR"])]),
        # The same wire story at another outlet, lightly edited: a near-identical article.
        stored_article("a2", "2024-06-04", "Daily", WIRE.replace("this month", "in June"),
                       [("ASSAULT", "shelled", ["rusmil"], ["UKR"])]),
        stored_article("a3", "2024-06-05", "Herald", "Russia shelled Kharkiv, killing three.",
                       [("ASSAULT", "shelled", ["RUS"], ["UKR"])]),
        stored_article("a4", "2024-06-09", "Herald", "Russia shelled Kharkiv again on Sunday.",
                       [("ASSAULT", "shelled", ["RUS"], ["UKR"])]),
        stored_article("a5", "2024-06-19", "Wire", "Putin met Kim in Pyongyang.",
                       [("CONSULT", "met", ["putin"], ["kim"])]),
        stored_article("a6", "2024-06-19", "Daily", "Kim and Putin held talks in Pyongyang.",
                       [("CONSULT", "talks", ["kim", "putin"], [])]),
        stored_article("a7", "2024-06-19", "Daily", "Putin met Xi in Pyongyang.",
                       [("CONSULT", "met", ["putin"], ["xi"])]),
    ]  # fmt: skip


def clustering(store: Store) -> dict:
    b = store.backend
    return {
        "events": b.query("SELECT id, canonical_id FROM events ORDER BY id"),
        "canonical": [
            tuple(json.dumps(v) if isinstance(v, list) else v for v in r)
            for r in b.query(
                "SELECT id, representative_id, mentions, articles, reports, sources, first_seen, "
                "last_seen, CAST(member_ids AS TEXT) FROM canonical_events ORDER BY id"
            )
        ],
        "links": store.article_links(),
    }


def test_dedup_in_store_counts_mentions_reports_and_sources(store_url):
    with Store(store_url) as store:
        for a in articles():
            store.add_article(a)
        summary = store.dedup()
        assert summary.links == 1 and summary.canonical == 4
        assert store.article_links()[0][:2] == ("a1", "a2")
        shelling = store.canonical_events(
            event_type="ASSAULT", since="2024-06-01", until="2024-06-06"
        )
        assert len(shelling) == 1
        c = shelling[0]
        assert c.id == "a1-0" and c.member_ids == ["a1-0", "a2-0", "a3-0"]
        assert (c.mentions, c.articles, c.reports, c.sources) == (3, 3, 2, 3)
        assert (c.first_seen, c.last_seen) == (dt.date(2024, 6, 4), dt.date(2024, 6, 5))
        assert c.citation.publisher and c.citation.url
        meetings = store.canonical_events(actor="RUS", event_type="CONSULT")
        assert sorted(m.mentions for m in meetings) == [1, 2]
        # Every stored event belongs to a canonical event.
        assert store.backend.query("SELECT COUNT(*) FROM events WHERE canonical_id IS NULL") == [
            (0,)
        ]


def test_dedup_in_store_is_independent_of_arrival_order(store_url, tmp_path):
    """Articles arriving in any order, deduplicated after every batch, give the same store."""
    with Store(str(tmp_path / "reference.duckdb")) as reference:
        for a in articles():
            reference.add_article(a)
        reference.dedup()
        expected = clustering(reference)
    for seed in (1, 2):
        shuffled = articles()
        random.Random(seed).shuffle(shuffled)
        url = store_url if seed == 1 else str(tmp_path / f"s{seed}.duckdb")
        with Store(url) as store:
            for i in range(0, len(shuffled), 2):  # batches of two, dedup after each
                for a in shuffled[i : i + 2]:
                    store.add_article(a)
                store.dedup()
            assert clustering(store) == expected, seed
            store.dedup(full=True)
            assert clustering(store) == expected


def test_dedup_runs_at_the_end_of_ingest_and_can_be_switched_off(tmp_path):
    with Store(str(tmp_path / "s.duckdb"), dedup=DedupSettings(enabled=False)) as store:
        store.ingest(articles()[:2], pipeline=_NoCoding())
        assert store.backend.query("SELECT COUNT(*) FROM canonical_events") == [(0,)]
        # Events not deduplicated yet still come back, each as its own canonical event.
        assert [c.mentions for c in store.canonical_events()] == [1, 1]
        store.dedup()
        assert [c.mentions for c in store.canonical_events()] == [2]
    with Store(str(tmp_path / "t.duckdb")) as store:
        store.ingest(articles()[:2], pipeline=_NoCoding())
        assert [c.mentions for c in store.canonical_events()] == [2]


class _NoCoding:
    """A stand-in pipeline that hands back the articles with the events they already carry."""

    stages: tuple = ()

    @property
    def config(self):
        from whimbrel.config import load_config

        return load_config()

    def pipe(self, articles):
        yield from articles


# -- the pipeline on a hand-made subset of the gold set ---------------------------------------


SUBSET = ["n008", "n009", "n010", "n011", "n012", "n016", "n017", "n018", "n020", "n021"]


def test_dedup_pipeline_on_a_gold_subset(pipeline, tmp_path):
    """Putin-Erdogan (3 reports, one reciprocal) and the Kharkiv shelling (3 reports) merge;
    Putin-Lukashenko a day later and a second shelling four days later stay apart."""
    gold = [json.loads(x) for x in (GOLD / "articles.jsonl").read_text().splitlines()]
    chosen = [Article(**a) for a in gold if a["id"] in SUBSET]
    with Store(str(tmp_path / "g.duckdb")) as store:
        store.ingest(chosen, pipeline=pipeline)
        mentions = store.mentions(factuality="all")

    def cluster(article_id: str, event_type: str) -> str:
        ids = {
            m.canonical_id
            for m in mentions
            if m.event.article_id == article_id
            and m.event.event_type == event_type
            and ("Kharkiv" in m.event.sentence or event_type != "ASSAULT")
        }
        assert len(ids) == 1, (article_id, ids)
        return next(iter(ids))

    erdogan = {cluster(a, "CONSULT") for a in ("n008", "n009", "n010")}
    kharkiv = {cluster(a, "ASSAULT") for a in ("n016", "n017", "n018")}
    assert len(erdogan) == 1 and len(kharkiv) == 1
    assert cluster("n011", "CONSULT") not in erdogan
    assert cluster("n020", "ASSAULT") not in kharkiv
    assert cluster("n020", "ASSAULT") == cluster("n021", "ASSAULT")
