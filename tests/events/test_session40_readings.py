"""Session 40's readings, on sentences and stories written for these tests: a "they" of two
countries, a name other states' bodies share, a refusal in reported speech, protests with no
protester named, recipients of domestic actors, and two lexicon senses ("stop work", "met its
commitments"). Each pins a convention of docs/annotation-guidelines.md.
"""

from __future__ import annotations

from .conftest import events_of, texts


def test_a_they_of_two_countries_is_their_own_spans(pipeline):
    # guideline 6's exception: a span has one country, so "they" gives way to Egypt and Jordan
    text = (
        "Egypt and Jordan said on Monday they were working to secure the release of the hostages."
    )
    [event] = events_of(pipeline, text, "RETREAT")
    assert texts(event.source) == ["Egypt", "Jordan"]


def test_a_they_of_one_country_stays_the_span(pipeline):
    text = "Iranian officials said on Monday they had released two French teachers."
    [event] = events_of(pipeline, text, "RETREAT")
    assert texts(event.source) == ["they"]


def test_congress_in_a_peruvian_story_is_perus(pipeline):
    text = (
        "LIMA, March 10 - Opposition lawmakers in Peru warned on Monday that Congress could "
        "remove President Dina Boluarte over the handling of the protests."
    )
    removals = [e for e in pipeline(text, date="2025-03-11").events if e.trigger.text == "remove"]
    assert removals and removals[0].source[0].country == "PER"


def test_congress_in_an_american_story_stays_the_us_congress(pipeline):
    text = "President Joe Biden urged Congress on Monday to approve more aid for Ukraine."
    [event] = events_of(pipeline, text, "REQUEST")
    assert [(a.text, a.country) for a in event.target] == [("Congress", "USA")]


def test_would_not_in_what_was_said_is_a_refusal(pipeline):
    text = "Nigeria's government said on Monday that it would not negotiate with the kidnappers."
    [meeting] = events_of(pipeline, text, "CONSULT")
    [refusal] = events_of(pipeline, text, "REJECT")
    assert meeting.factuality == "negated"
    assert refusal.factuality == "asserted" and texts(refusal.source) == ["it"]


def test_would_not_outside_speech_is_no_refusal(pipeline):
    text = "Without a ceasefire the two sides would not negotiate, analysts believe."
    assert events_of(pipeline, text, "REJECT") == []


def test_protests_against_someone_are_coded_without_a_protester(pipeline):
    text = (
        "Thailand's army declared martial law on Tuesday after six months of street protests "
        "against Prime Minister Yingluck Shinawatra."
    )
    [event] = events_of(pipeline, text, "PROTEST")
    assert event.source == [] and texts(event.target) == ["Prime Minister Yingluck Shinawatra"]


def test_protests_called_for_are_not_coded(pipeline):
    text = "Exiled bloggers kept calling for protests against President Faure Gnassingbe."
    assert events_of(pipeline, text, "PROTEST") == []


def test_a_partys_recipient_keeps_the_storys_country(pipeline):
    # the party's unions are not moved to the next country named, as a state's recipients are
    text = (
        "Paraguay's government suspended a power tariff rise on Wednesday after marches by "
        "trade unions, and US senators criticised the police. The main opposition party "
        "backed the unions."
    )
    backing = [e for e in events_of(pipeline, text, "SUPPORT") if e.trigger.text == "backed"]
    assert backing and [a.country for a in backing[0].target] == ["PRY"]


def test_stopping_work_is_a_strike(pipeline):
    text = "Dock workers in Durban stopped work on Monday over unpaid wages."
    [event] = events_of(pipeline, text, "PROTEST")
    assert event.mode == "strike"
    assert "work" not in texts(event.target)  # the strike's means, not whom it is aimed at


def test_meeting_a_commitment_is_no_meeting(pipeline):
    text = "The EU will lift the sanctions once Iran has met its commitments, a spokesman said."
    assert [e for e in events_of(pipeline, text, "CONSULT") if e.trigger.text == "met"] == []


def test_a_weapons_launcher_is_its_user(pipeline):
    text = "More than 30 people were wounded by rubber bullets fired by Colombian riot police."
    wounding = [e for e in events_of(pipeline, text, "ASSAULT") if e.trigger.text == "wounded"]
    assert [texts(e.source) for e in wounding] == [["Colombian riot police"]]
    text = "Drones launched by the Rapid Support Forces hit a fuel depot in Kosti on Sunday."
    hits = [e for e in events_of(pipeline, text, "ASSAULT") if e.trigger.text == "hit"]
    assert [texts(e.source) for e in hits] == [["the Rapid Support Forces"]]


def test_the_reporters_question_is_no_request(pipeline):
    for text in (
        "Asked about the deadline, a Kremlin spokesman said Moscow had nothing to add.",
        "Twelve soldiers were killed in the ambush, a local official said, asking not to be named.",
    ):
        assert events_of(pipeline, text, "REQUEST") == [], text
