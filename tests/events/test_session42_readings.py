"""Session 42's readings, on sentences written for these tests: a warning that someone "would
pay" is a threat at them, not an act of theirs, and a naming verb's pronoun that stands for a
claim or an offer aims the naming at whoever made it. Each pins a convention of
docs/annotation-guidelines.md."""

from __future__ import annotations

from .conftest import events_of, texts


def test_a_warning_that_the_addressee_would_pay_stays_on_the_warning(pipeline):
    text = (
        "Beijing warned Vilnius on Monday that it would pay the price for letting Taipei open "
        "a trade office in the Lithuanian capital."
    )
    [threat] = events_of(pipeline, text, "THREATEN")
    assert threat.trigger.text == "warned"
    assert texts(threat.source) == ["Beijing"] and texts(threat.target) == ["Vilnius"]


def test_a_warning_of_the_warner_s_own_act_still_moves_to_the_act(pipeline):
    # the pronoun does the act: the threat sits on it (passes.threats_on_acts)
    text = (
        "Moscow warned Helsinki that it would expel Finnish diplomats if the embassy stayed shut."
    )
    [threat] = events_of(pipeline, text, "THREATEN")
    assert threat.trigger.text == "expel" and texts(threat.source) == ["it"]
    assert texts(threat.target) == ["Helsinki"]


def test_calling_a_claim_a_provocation_is_aimed_at_whoever_made_it(pipeline):
    text = (
        "Yerevan dismissed Baku's claim that Armenian units had shelled a border village, "
        "calling it a provocation."
    )
    [naming] = [e for e in events_of(pipeline, text, "ACCUSE") if e.trigger.text == "calling"]
    assert texts(naming.target) == ["Baku"]


def test_calling_an_offer_meddling_is_aimed_at_every_party_that_made_it(pipeline):
    text = (
        "Managua rejected an offer by Costa Rica and Panama to mediate talks with the exiled "
        "opposition, calling it meddling in Nicaragua's internal affairs."
    )
    [naming] = [e for e in events_of(pipeline, text, "ACCUSE") if e.trigger.text == "calling"]
    assert texts(naming.target) == ["Costa Rica", "Panama"]


def test_a_pronoun_for_people_keeps_the_naming_on_them(pipeline):
    # the calls have no author named: "them" are the protesters
    text = (
        "The president rejected calls for talks with the strikers on Friday, calling them "
        "saboteurs and criminals."
    )
    namings = [e for e in events_of(pipeline, text, "ACCUSE") if e.trigger.text == "calling"]
    assert all(texts(e.target) != [] and "calls" not in texts(e.target) for e in namings)


def test_a_denied_gerund_the_parser_made_an_adjective_is_a_denied_act(pipeline):
    # "moving" comes out as an adjective on "troops"; read as "denied [moving troops]"
    text = "Minsk denied moving armoured units towards its border with Lithuania."
    [move] = [e for e in events_of(pipeline, text, "MOBILIZE") if e.trigger.text == "moving"]
    assert texts(move.source) == ["Minsk"] and move.factuality == "denied"


def test_a_participle_on_people_stays_an_adjective(pipeline):
    # "striking nurses" are nurses on strike, not an object of "striking"
    text = "Police in Lilongwe dispersed striking nurses outside the health ministry."
    assert not [e for e in events_of(pipeline, text, "PROTEST") if e.trigger.text == "striking"]


def test_a_team_of_engineers_sent_abroad_is_aid(pipeline):
    text = "Tokyo sent a team of 30 structural engineers to Nepal on Wednesday after the quake."
    [aid] = events_of(pipeline, text, "AID")
    assert texts(aid.source) == ["Tokyo"] and texts(aid.target) == ["Nepal"]


def test_walking_away_from_an_agreement_on_a_condition_is_a_threat(pipeline):
    # the parser hangs "from" on the particle "away" (slots.complement_preps reads it)
    text = (
        "North Macedonia could walk away from the agreement if Bulgaria did not lift its veto, "
        "the foreign minister said on Monday."
    )
    [threat] = [e for e in events_of(pipeline, text, "THREATEN") if e.trigger.text == "walk"]
    assert texts(threat.source) == ["North Macedonia"] and texts(threat.target) == ["Bulgaria"]
    assert threat.factuality == "asserted"


def test_recalling_a_liaison_officer_is_a_diplomatic_sanction(pipeline):
    text = "Belgrade recalled its liaison officer from Pristina on Thursday."
    [recall] = events_of(pipeline, text, "SANCTION")
    assert recall.mode == "withdraw" and texts(recall.source) == ["Belgrade"]
