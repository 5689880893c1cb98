"""Session 44's readings, on sentences written for these tests. Each pins a convention of
docs/annotation-guidelines.md."""

from __future__ import annotations

from .conftest import events_of, texts


def test_force_used_when_a_crowd_acts_is_aimed_at_the_crowd(pipeline):
    # the "when" clause's subject is whom the tear gas met (s51-0039)
    text = (
        "Hundreds of nurses marched on the labour ministry in Accra on Friday, and police "
        "fired tear gas when some of the marchers tried to climb the gates."
    )
    [force] = events_of(pipeline, text, "ASSAULT")
    assert texts(force.source) == ["police"]
    assert texts(force.target) == ["the marchers"]


def test_force_used_when_a_thing_happens_has_no_target_from_the_clause(pipeline):
    text = (
        "Uzbek authorities often hold dissidents in custody for months by adding fresh charges "
        "when the legal limit runs out."
    )
    for event in events_of(pipeline, text, "COERCE"):
        assert "the legal limit" not in texts(event.target)


def test_talks_held_between_two_named_parties_are_theirs(pipeline):
    # a passive support verb: the parties "between" names met (s37-0098)
    text = "Talks between Yerevan and Baku were held in Abu Dhabi on Monday."
    [talks] = events_of(pipeline, text, "CONSULT")
    assert sorted(texts(talks.source)) == ["Baku", "Yerevan"]


def test_talks_between_a_named_party_and_an_unnamed_group(pipeline):
    # the named party is the source; the unnamed group it met the target (s20-0088)
    text = (
        "Lusaka froze its eurobond payments a day after talks between Zambia and its foreign "
        "creditors broke down."
    )
    [talks] = events_of(pipeline, text, "CONSULT")
    assert texts(talks.source) == ["Zambia"]
    assert texts(talks.target) == ["its foreign creditors"]


def test_a_meeting_between_a_named_party_and_one_unnamed_thing_is_not_read_so(pipeline):
    # only a plural group is taken as the other party: not "an Arab state"
    text = (
        "Israel and Bahrain signed a maritime accord in Manama on Monday, the first such "
        "accord between Israel and a Gulf state."
    )
    for event in events_of(pipeline, text, "AGREE"):
        assert event.trigger.text != "accord" or len(event.source) != 1


def test_grounds_named_for_an_expulsion_are_an_accusation_against_the_expelled(pipeline):
    # "over what X called ...": X accuses the punished, whatever words X chose (s47-0017)
    text = (
        "Estonia expelled two Russian diplomats on Monday over what Tallinn called activities "
        "incompatible with their status."
    )
    [accusation] = events_of(pipeline, text, "ACCUSE")
    assert accusation.trigger.text == "called"
    assert texts(accusation.source) == ["Tallinn"]
    assert texts(accusation.target) == ["two Russian diplomats"]


def test_a_free_relative_naming_outside_grounds_is_left_alone(pipeline):
    # "in what X called ..." names the act itself, not its grounds: no accusation is added
    # against the act's target
    text = (
        "Chad closed its border with Sudan on Friday in what officials in N'Djamena called a "
        "temporary precaution."
    )
    for event in events_of(pipeline, text, "ACCUSE"):
        assert "Sudan" not in texts(event.target)


def test_a_handover_reaches_its_recipient_past_the_suspects_participle(pipeline):
    # the parser hangs "to Armenian prosecutors" inside "suspected of planning ..."
    # (s39-0063); the handing is to them
    text = (
        "Georgian police handed three men suspected of planning bomb attacks to Armenian "
        "prosecutors on Tuesday."
    )
    [handover] = events_of(pipeline, text, "COOPERATE")
    assert texts(handover.target) == ["Armenian prosecutors"]


def test_a_gerund_that_sends_keeps_its_own_destination(pipeline):
    # "accused of sending drones to Russia": Russia is where the drones went, not who
    # received the men
    text = (
        "Kazakh police handed over two men accused of sending drone parts to Russia on Wednesday."
    )
    for event in events_of(pipeline, text, "COOPERATE"):
        assert "Russia" not in texts(event.target)


def test_the_organisers_a_relative_clause_names_hold_the_event(pipeline):
    # "a march that the opposition coalition has called": the coalition's PROTEST
    text = (
        "Police in Lomé deployed armoured vehicles ahead of a march that the opposition "
        "coalition has called for Saturday."
    )
    [march] = events_of(pipeline, text, "PROTEST")
    assert texts(march.source) == ["the opposition coalition"]


def test_a_relative_clause_that_names_the_event_organised_nothing(pipeline):
    # "a drill Yerevan called an attempt at intimidation": Yerevan named the drill, it did
    # not hold it
    text = (
        "Baku test-fired rocket launchers near the border on Tuesday, a drill Yerevan called "
        "an attempt at intimidation."
    )
    for event in events_of(pipeline, text, "MOBILIZE"):
        assert "Yerevan" not in texts(event.source)
