"""Session 41's readings, on sentences written for these tests: a build-up towards a frontier
is aimed at the state across it, a warning of harm told in the passive is a threat at those
it would hit, and protests that turned violent or that "since" names are unrest told as
happening. Each pins a convention of docs/annotation-guidelines.md."""

from __future__ import annotations

from .conftest import events_of, texts


def test_a_build_up_towards_a_border_is_aimed_at_the_neighbour(pipeline):
    text = "Cambodia moved rocket launchers and artillery closer to its border with Thailand."
    [build_up] = events_of(pipeline, text, "MOBILIZE")
    assert texts(build_up.source) == ["Cambodia"] and texts(build_up.target) == ["Thailand"]


def test_a_line_with_a_neighbour_names_it_in_a_denied_build_up(pipeline):
    text = (
        "Serbia has not raised the combat readiness of its units along the administrative "
        "line with Kosovo, the defence minister said on Monday."
    )
    [build_up] = events_of(pipeline, text, "MOBILIZE")
    assert texts(build_up.target) == ["Kosovo"] and build_up.factuality == "negated"


def test_a_border_named_in_another_clause_is_not_the_aim(pipeline):
    # the frontier belongs to the attack the deployment answers, not to the deployment
    text = (
        "Kenya deployed 400 police officers to Garissa on Monday after militants attacked a "
        "post on the border with Somalia."
    )
    [deployment] = events_of(pipeline, text, "MOBILIZE")
    assert "Somalia" not in texts(deployment.target)


def test_a_warning_of_harm_in_the_passive_is_a_threat_at_those_it_would_hit(pipeline):
    text = (
        "Thousands of nurses walked off the job across Sri Lanka on Monday, and the health "
        "ministry warned that strikers who stayed away beyond Wednesday would be dismissed."
    )
    [threat] = events_of(pipeline, text, "THREATEN")
    assert texts(threat.source) == ["the health ministry"] and texts(threat.target) == ["strikers"]


def test_a_warning_that_something_could_be_closed_aims_at_no_one(pipeline):
    # closing is no harm a warner threatens by itself ("passive_harms" leaves it out)
    text = (
        "UN officials warned that the crossing could be closed again when the three-month "
        "window expires in mid-November."
    )
    assert all(not e.target for e in events_of(pipeline, text, "THREATEN"))


def test_protests_that_turned_violent_are_coded_though_no_one_is_named(pipeline):
    text = (
        "Mauritania restored mobile internet on Tuesday, three weeks after protests over the "
        "election result turned violent in Nouakchott."
    )
    protests = [e for e in events_of(pipeline, text, "PROTEST") if e.trigger.text == "protests"]
    assert protests and not protests[0].source and not protests[0].target


def test_protests_named_by_since_are_coded_though_no_one_is_named(pipeline):
    text = "More than 300 people have been detained in Dhaka since the protests, police said."
    protests = [e for e in events_of(pipeline, text, "PROTEST") if e.trigger.text == "protests"]
    assert protests and not protests[0].source
