"""Session 43's readings, on sentences written for these tests. Each pins a convention of
docs/annotation-guidelines.md."""

from __future__ import annotations

from .conftest import PUB, events_of, texts


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


def test_a_denial_naming_the_account_it_denies_is_aimed_at_its_teller(pipeline):
    text = (
        "Kigali denied on Thursday that its drones had struck a Burundian border post near "
        "Cibitoke, calling Gitega's account pure invention."
    )
    [denial] = events_of(pipeline, text, "REJECT")
    assert denial.trigger.text == "denied" and texts(denial.target) == ["Gitega"]


def test_the_naming_that_retells_a_denial_is_not_coded_again(pipeline):
    text = (
        "Eritrea denied on Tuesday that it had trained Sudanese militiamen on its territory, "
        "calling a report by a Kenyan newspaper a fabrication."
    )
    [denial] = events_of(pipeline, text, "REJECT")
    assert denial.trigger.text == "denied"
    assert texts(denial.target) == ["a Kenyan newspaper"]


def test_a_lower_case_word_that_spells_a_leader_s_surname_names_no_one(pipeline):
    # "note" is Kessai Note's surname; the note Quito rejected is no Marshallese president
    text = (
        "Ecuador's foreign ministry rejected the note within hours, calling Colombia's "
        "account unfounded."
    )
    [denial] = events_of(pipeline, text, "REJECT")
    assert texts(denial.target) == ["Colombia"]
    assert all(a.country != "MHL" for e in pipeline(text, date=PUB).events for a in e.target)


def test_seats_of_government_and_security_posts_carry_their_sector(pipeline):
    # KB 2026.12.18: a stormed palace is the government's, a police station the police's
    text = (
        "Protesters in Lima marched on the presidential palace and set fire to a police "
        "station on Saturday."
    )
    targets = {a.text: a.sector for e in pipeline(text, date=PUB).events for a in e.target}
    assert targets.get("the presidential palace") == "GOV"
    assert targets.get("a police station") == "COP"


def test_a_state_adjective_takes_its_sector_from_the_thing_it_is_said_of(pipeline):
    # sectors.v1 owned_things: shelled positions are the army's, struck towns civilians'
    text = "Russian artillery shelled Ukrainian positions and Ukrainian towns near Kupiansk."
    sectors = {
        (a.text, a.start): a.sector
        for e in pipeline(text, date=PUB).events
        for a in e.target
        if a.text == "Ukrainian"
    }
    assert sorted(sectors.values()) == ["CVL", "MIL"]


def test_an_accusation_joined_to_a_denied_clause_is_the_denier_s(pipeline):
    # the parser hangs "accused" on the denied clause; a denial reports a clause as "said"
    # does, so the conjunct is the denier's (slots.reporter_conjunct)
    text = (
        "Honduras's defence ministry denied that any shots had been fired and accused the "
        "Salvadoran crew of entering Honduran waters."
    )
    [accusation] = events_of(pipeline, text, "ACCUSE")
    assert texts(accusation.source) == ["Honduras's defence ministry"]
    assert texts(accusation.target) == ["the Salvadoran crew"]


def test_a_state_led_mission_is_the_leader_s_and_joining_it_is_cooperation(pipeline):
    # sectors.v1 leading: "French-led" owns, where "Iran-backed" only backs; the mission the
    # KB names is whom the frigate joins, not the means of an act
    text = "A Dutch frigate will join the French-led naval mission in the Gulf next month."
    [joining] = events_of(pipeline, text, "COOPERATE")
    assert texts(joining.source) == ["A Dutch frigate"]
    assert [(a.text, a.country) for a in joining.target] == [
        ("the French-led naval mission", "FRA")
    ]


def test_those_detained_at_a_rally_took_part_in_it(pipeline):
    # the police who caught them at it did not rally (extract._caught_at)
    text = (
        "Police in Yerevan detained more than 200 people at an unauthorised rally against "
        "the border deal on Monday."
    )
    [rally] = events_of(pipeline, text, "PROTEST")
    assert texts(rally.source) == ["more than 200 people"]
