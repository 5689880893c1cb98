"""Session 26's readings, on sentences written for these tests: the event a reply's object
names is coded too (a refused claim, a strike called off); who acted where the clause's
subject does not say (forces deployed in a passive, a state's security forces); a lower-case
common word is no organisation ("sent *a telegram*"); and a message sent is what it says ("a
letter of protest"). Each pins a convention of docs/annotation-guidelines.md.
"""

from __future__ import annotations

import pytest

from .conftest import PUB, events_of, texts


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # the maker named by a possessive or a "from" phrase asked the one who refused
        (
            "Hungary rejected Poland's appeal for an emergency summit on Tuesday.",
            "Poland",
            "Hungary",
        ),
        (
            "Peru dismissed demands from Chile for an inquiry into the border shooting.",
            "Chile",
            "Peru",
        ),
        (
            "Serbia rejected a Croatian offer of talks on the pipeline dispute.",
            "Croatian",
            "Serbia",
        ),
        # no maker named: calls were still made, to the one who rejected them
        (
            "Kenya's president rejected calls for his resignation on Friday.",
            None,
            "Kenya's president",
        ),
    ],
)
def test_a_refused_claim_is_coded_towards_the_refuser(pipeline, text, source, target):
    claims = [
        e
        for kind in ("REQUEST", "AGREE")
        for e in events_of(pipeline, text, kind)
        if target in texts(e.target)
    ]
    assert claims, text
    claim = claims[0]
    assert texts(claim.source) == ([source] if source else [])
    assert claim.factuality == "asserted"  # the claim was made; only its answer refuses it
    assert events_of(pipeline, text, "REJECT")


def test_a_claim_restated_by_its_refusal_is_not_coded_twice(pipeline):
    text = (
        "Moldova's opposition accused the government of rigging the count, "
        "an accusation the prime minister rejected on Monday."
    )
    accusations = events_of(pipeline, text, "ACCUSE")
    assert len(accusations) == 1
    assert texts(accusations[0].source) == ["Moldova's opposition"]


def test_a_strike_called_off_was_a_strike_by_those_who_called_it_off(pipeline):
    text = (
        "Portugal's nurses called off a three-day strike after the health ministry agreed to talks."
    )
    strikes = events_of(pipeline, text, "PROTEST")
    assert [texts(e.source) for e in strikes] == [["Portugal's nurses"]]


def test_a_lifted_curfew_is_only_the_lifting(pipeline):
    text = "Sri Lanka's government lifted the nationwide curfew on Thursday."
    assert not events_of(pipeline, text, "COERCE")


def test_a_common_word_after_a_is_no_organisation(pipeline):
    text = "Norway's king sent a telegram of condolence to Kenya's president."
    (event,) = events_of(pipeline, text, "SUPPORT")
    assert texts(event.source) == ["Norway's king"]
    assert texts(event.target) == ["Kenya's president"]
    events = pipeline(text, date=PUB).events
    assert all(a.country != "MNC" for e in events for a in [*e.source, *e.target])


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a document is read as what it says
        ("Chile sent a letter of protest to Argentina on Monday.", "ACCUSE"),
        ("Ghana's foreign ministry delivered a protest note to Togo's ambassador.", "ACCUSE"),
        ("Chile sent a message of support to Argentina on Monday.", "SUPPORT"),
    ],
)
def test_a_document_sent_is_what_it_says(pipeline, text, event_type):
    assert events_of(pipeline, text, event_type)
    assert {e.event_type for e in pipeline(text, date=PUB).events} == {event_type}


def test_the_subject_of_an_allowed_infinitive_is_the_object(pipeline):
    text = "Panama allowed Colombian navy ships to refuel at Balboa on Monday."
    (event,) = events_of(pipeline, text, "COOPERATE")
    assert texts(event.source) == ["Panama"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Thai troops were deployed along the Mekong on Sunday.", "Thai troops"),
        ("Two Indonesian frigates were sent to the Natuna Islands.", "Two Indonesian frigates"),
    ],
)
def test_forces_deployed_in_an_agentless_passive_are_the_source(pipeline, text, source):
    (event,) = events_of(pipeline, text, "MOBILIZE")
    assert texts(event.source) == [source]


def test_a_by_agent_still_deploys_the_forces(pipeline):
    text = "Thai troops were deployed along the Mekong by the army chief on Sunday."
    (event,) = events_of(pipeline, text, "MOBILIZE")
    assert "Thai troops" not in texts(event.source)


def test_security_forces_are_the_state_s_not_an_organisation_named_before(pipeline):
    text = (
        "Gunmen killed 40 villagers in Nigeria's Plateau state on Sunday. "
        "Amnesty International accused the security forces of ignoring warnings."
    )
    (event,) = events_of(pipeline, text, "ACCUSE")
    assert [(a.text, a.country) for a in event.target] == [("the security forces", "NGA")]
