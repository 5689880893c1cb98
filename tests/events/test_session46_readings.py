"""Session 46's readings, on sentences written for these tests. Each pins a convention of
docs/annotation-guidelines.md."""

from __future__ import annotations

from .conftest import events_of, texts


def test_an_unless_condition_is_a_hypothetical_demand_of_its_subject(pipeline):
    # part 52: the threatening side asks the condition's subject, on "unless"
    text = (
        "The rebel group said it would attack oil installations in the delta unless Abuja "
        "freed its jailed commanders."
    )
    [demand] = events_of(pipeline, text, "REQUEST")
    assert demand.trigger.text == "unless"
    assert texts(demand.source) == ["it"]
    assert texts(demand.target) == ["Abuja"]
    assert demand.factuality == "hypothetical"
    assert demand.mode == "yield"  # a release is yielding


def test_an_until_condition_on_a_refusal_is_a_demand_reported_as_said(pipeline):
    text = (
        "Cambodia's foreign minister said Phnom Penh would not reopen the border crossing "
        "until Bangkok withdrew its troops from the temple."
    )
    [demand] = [e for e in events_of(pipeline, text, "REQUEST") if e.trigger.text == "until"]
    assert texts(demand.source) == ["Phnom Penh"]
    assert texts(demand.target) == ["Bangkok"]
    assert demand.factuality == "reported"


def test_until_in_past_narrative_asks_nothing(pipeline):
    text = "Ukrainian troops held the bridge until Russian armour overran their positions."
    assert [e for e in pipeline(text).events if e.trigger.text == "until"] == []


def test_an_agentless_unless_asks_only_where_the_clause_threatens(pipeline):
    text = "Analysts expect Baku to launch an offensive within weeks unless a peace deal is signed."
    assert [e for e in pipeline(text).events if e.trigger.text == "unless"] == []


def test_what_a_vow_of_revenge_promises_is_no_target(pipeline):
    text = "Hezbollah vowed revenge on Sunday for the killing of one of its commanders."
    [threat] = events_of(pipeline, text, "THREATEN")
    assert "revenge" not in texts(threat.target)


def test_a_denial_of_involvement_is_aimed_at_the_accuser(pipeline):
    text = (
        "Rights groups accused Egyptian security forces of torturing a Sudanese student to "
        "death in Cairo; the interior ministry denied any involvement."
    )
    [denial] = [e for e in events_of(pipeline, text, "REJECT") if e.trigger.text == "denied"]
    assert texts(denial.target) == ["Rights groups"]


def test_an_internet_shutdown_is_aimed_at_the_area_it_covers(pipeline):
    text = "Authorities in Dhaka cut mobile internet across the Chittagong Hill Tracts on Monday."
    [shutdown] = events_of(pipeline, text, "COERCE")
    assert texts(shutdown.target) == ["the Chittagong Hill Tracts"]


def test_protests_entering_a_second_week_are_unrest_with_no_one_named(pipeline):
    text = "Serbia's president called for calm as protests over the roof collapse entered a second week."
    protests = [e for e in events_of(pipeline, text, "PROTEST") if e.trigger.text == "protests"]
    assert len(protests) == 1
    assert protests[0].source == [] and protests[0].target == []


def test_a_common_noun_before_the_shared_head_is_part_of_it(pipeline):
    # the parser may make "coast" one more conjunct of "Finnish and Estonian"
    text = "Every spring, Finnish and Estonian coast guards hold a joint rescue drill in the Gulf."
    [drill] = events_of(pipeline, text, "COOPERATE")
    assert sorted(a.country for a in drill.source) == ["EST", "FIN"]


def test_a_hyphenated_name_after_a_title_is_the_titled_person(pipeline):
    text = "UN envoy Hans-Peter Lindqvist met the rebel leaders in Bangui on Tuesday."
    [meeting] = events_of(pipeline, text, "CONSULT")
    [envoy] = meeting.source
    assert envoy.text == "UN envoy Hans-Peter Lindqvist"
    assert envoy.country == "UNO" and envoy.kind == "person"


def test_released_people_handed_to_officials_are_a_handover(pipeline):
    text = (
        "Eritrea freed nine Ethiopian fishermen on Monday and handed them to Ethiopian "
        "consular officials at the border."
    )
    [handover] = events_of(pipeline, text, "COOPERATE")
    assert texts(handover.source) == ["Eritrea"]
    assert texts(handover.target) == ["Ethiopian consular officials"]


def test_handing_in_rifles_is_disarming(pipeline):
    text = "About 300 militia fighters handed in their rifles to the army in Ituri on Friday."
    [disarm] = events_of(pipeline, text, "RETREAT")
    assert disarm.mode == "disarm"


def test_taking_a_capital_is_a_seizure(pipeline):
    text = "Houthi fighters took Sanaa in September 2014, and the government fled to Aden."
    [seizure] = events_of(pipeline, text, "COERCE")
    assert seizure.mode == "seize"
    assert texts(seizure.target) == ["Sanaa"]


def test_taking_a_state_to_the_wto_is_an_accusation(pipeline):
    text = "Canada took India to the World Trade Organization on Monday over its sugar subsidies."
    [case] = events_of(pipeline, text, "ACCUSE")
    assert texts(case.target) == ["India"]


def test_a_visit_whose_by_hangs_on_its_destination_is_the_visitors(pipeline):
    text = "Kenya and Uganda signed a pipeline deal on Friday during a visit to Kampala by William Ruto."
    [visit] = [e for e in events_of(pipeline, text, "CONSULT") if e.trigger.text == "visit"]
    assert texts(visit.source) == ["William Ruto"]
    assert texts(visit.target) == ["Kampala"]


def test_inspectors_visiting_a_site_meet_no_one(pipeline):
    text = "Iran allowed UN inspectors to visit the Isfahan conversion plant on Saturday."
    assert [e for e in events_of(pipeline, text, "CONSULT") if e.trigger.text == "visit"] == []


def test_a_summit_a_name_labels_is_attended_by_whoever_acts_at_it(pipeline):
    text = (
        "Kenya's President William Ruto called for debt relief at the G20 summit in Johannesburg."
    )
    [summit] = [e for e in events_of(pipeline, text, "CONSULT") if e.trigger.text == "summit"]
    assert texts(summit.source) == ["Kenya's President William Ruto"]
