"""Session 43's readings, on sentences written for these tests. Each pins a convention of
docs/annotation-guidelines.md."""

from __future__ import annotations

from .conftest import events_of, texts


def test_a_warned_arrest_with_no_agent_is_a_threat_of_arrest(pipeline):
    # the harm names what is threatened: THREATEN/arrest on "warned" (a-165), and the
    # arrest stays a hypothetical act of its own, as the corpus codes it (s25-0067)
    text = (
        "Malawi's police chief warned on Friday that anyone who joined the banned march in "
        "Lilongwe would be arrested."
    )
    [threat] = events_of(pipeline, text, "THREATEN")
    assert threat.trigger.text == "warned" and threat.mode == "arrest"
    assert texts(threat.source) == ["Malawi's police chief"]
    [arrest] = events_of(pipeline, text, "COERCE")
    assert arrest.factuality != "asserted"


def test_a_warned_expulsion_with_no_agent_is_a_threat_to_expel(pipeline):
    text = (
        "The interior minister of Chad warned that foreign nationals who did not register by "
        "March would be deported."
    )
    [threat] = events_of(pipeline, text, "THREATEN")
    assert threat.trigger.text == "warned" and threat.mode == "expel"
