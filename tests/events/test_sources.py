"""Who acted, where the clause does not say so in its subject: session 26's source rules, on
sentences written for these tests (docs/annotation-guidelines.md)."""

from __future__ import annotations

import pytest

PUB = "2025-03-11"


def events_of(pipeline, text, event_type):
    return [e for e in pipeline(text, date=PUB).events if e.event_type == event_type]


def texts(actors):
    return [a.text for a in actors]


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
