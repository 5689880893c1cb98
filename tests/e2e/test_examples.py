"""End to end on the shipped example articles: specific events a careful coder would list.

Each assertion names a dyad, a type and a factuality that the example was written to
contain (see examples/EXPECTED.md). The full comparison with examples/expected.jsonl is a
measurement, reported in docs/ACCURACY.md, not a test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from whimbrel.ingest.readers import read_input

DATES = {
    "pyongyang-column.txt": dt.date(2024, 6, 20),
    "wire-report.txt": dt.date(2024, 3, 12),
    "conflict-report.txt": dt.date(2023, 11, 8),
    "diplomatic-visit.txt": dt.date(2024, 4, 5),
    "sanctions-press-release.txt": dt.date(2025, 2, 24),
    "protest-report.txt": dt.date(2024, 9, 15),
    "sahel-report.txt": dt.date(2024, 2, 25),
    "ransomware-page.html": None,  # the page carries its own date
}


@pytest.fixture(scope="module")
def coded(pipeline, examples_dir):
    out = {}
    for name, date in DATES.items():
        (article,) = list(read_input(str(examples_dir / name), date=date))
        out[name] = pipeline(article)
    return out


def find(article, event_type, source=None, target=None, factuality=None):
    """Events of one type whose source/target countries include the given codes."""
    hits = []
    for e in article.events:
        if e.event_type != event_type:
            continue
        if source and source not in {a.country for a in e.source}:
            continue
        if target and target not in {a.country for a in e.target}:
            continue
        if factuality and e.factuality != factuality:
            continue
        hits.append(e)
    return hits


def test_examples_column_codes_the_russia_north_korea_bargain(coded):
    art = coded["pyongyang-column.txt"]
    assert find(art, "AID", "RUS", "PRK", "asserted"), "Russia ships oil and grain to North Korea"
    assert find(art, "SUPPORT", "PRK", "RUS", "asserted"), "Kim praised his guest"
    assert find(art, "REJECT", "PRK"), "Kim denies selling shells"


def test_examples_column_keeps_speculation_apart(coded):
    art = coded["pyongyang-column.txt"]
    speculative = [e for e in art.events if "might feel emboldened" in e.sentence]
    assert speculative and all(e.factuality == "hypothetical" for e in speculative)
    veto = find(art, "REJECT", "RUS")
    assert veto and all(e.factuality != "asserted" for e in veto if "would veto" in e.sentence)


def test_examples_column_dates_the_old_hack_against_publication(coded):
    art = coded["pyongyang-column.txt"]
    hack = [e for e in art.events if "Seven years ago" in e.sentence]
    assert hack and {e.date for e in hack} == {"2017"}
    assert all(e.source[0].country == "PRK" for e in hack)


def test_examples_wire_report_accusation_and_denial(coded):
    art = coded["wire-report.txt"]
    assert find(art, "ACCUSE", "ARM", "AZE", "asserted"), "Armenia accused Azerbaijan"
    assert find(art, "ACCUSE", "AZE", "ARM", "asserted"), "Baku in turn accused Armenian units"
    denied = find(art, "ASSAULT", "AZE", factuality="denied")
    assert denied and denied[0].attributed_to is not None
    assert denied[0].attributed_to.country == "AZE"


def test_examples_conflict_report_abduction_is_reported(coded):
    art = coded["conflict-report.txt"]
    abductions = [e for e in find(art, "ASSAULT") if e.mode == "abduct"]
    assert abductions and abductions[0].factuality == "reported"
    assert find(art, "MOBILIZE", "SDN"), "the army chief deployed reinforcements"


def test_examples_diplomatic_report_release_and_easing(coded):
    art = coded["diplomatic-visit.txt"]
    assert find(art, "RETREAT", "VEN"), "Venezuela released detainees"
    assert find(art, "CONCEDE", "VEN"), "Venezuela eased restrictions"
    assert find(art, "ACCUSE", target="COL"), "senators accused the Colombian president"


def test_examples_html_page_codes_the_body_only(coded):
    art = coded["ransomware-page.html"]
    assert art.date == dt.date(2024, 10, 2)
    assert art.title
    assert "ADVERTISEMENT" not in art.text and "newsletter" not in art.text.lower()
    assert find(art, "ACCUSE", "DEU"), "German officials blamed the attack"


@pytest.mark.parametrize("name", sorted(DATES))
def test_examples_no_event_from_boilerplate(coded, name):
    art = coded[name]
    for junk in ("ARTICLE AD BOX", "Share this article", "is a senior fellow at"):
        assert junk not in art.text
    for e in art.events:
        assert art.text[e.sentence_start : e.sentence_end] == e.sentence
        assert art.text[e.trigger.start : e.trigger.end] == e.trigger.text
        for actor in e.source + e.target:
            assert art.text[actor.start : actor.end] == actor.text


@pytest.mark.parametrize("name", sorted(DATES))
def test_examples_records_follow_the_contract(coded, name):
    from whimbrel.records import Event

    for e in coded[name].events:
        Event.model_validate(e.model_dump(mode="json"))
        assert e.coder.startswith("whimbrel/") and e.kb_version
        assert 1 <= e.quad <= 4 and -10 <= e.score <= 10 and 0 <= e.confidence <= 1
        assert len(e.cameo_root) == 2
