"""Session 45's readings, on sentences written for these tests. Each pins a convention of
docs/annotation-guidelines.md."""

from __future__ import annotations

from .conftest import events_of, texts


def test_agentless_harm_promised_to_anyone_who_acts_is_the_speakers_threat(pipeline):
    # "anyone who ..." is the open class the threat is aimed at (s55-0058, s63-0042)
    text = (
        "Zambia's police chief said on Monday that anyone who joined the banned march in "
        "Lusaka would be arrested."
    )
    [threat] = events_of(pipeline, text, "THREATEN")
    assert texts(threat.source) == ["Zambia's police chief"]
    assert texts(threat.target) == ["anyone who joined the banned march in Lusaka"]
    assert threat.factuality == "asserted"


def test_harm_to_anyone_who_acts_with_a_named_agent_is_aimed_at_them(pipeline):
    text = "Police in Harare said they would arrest anyone who blocked the roads on Friday."
    [threat] = events_of(pipeline, text, "THREATEN")
    assert texts(threat.source) == ["they"]
    assert texts(threat.target) == ["anyone who blocked the roads on Friday"]


def test_the_area_a_state_of_emergency_covers_is_its_target(pipeline):
    # the place stands for its people (CVL), not for the government a capital names
    text = "Peru's government declared a state of emergency in Cusco on Saturday."
    [emergency] = events_of(pipeline, text, "COERCE")
    assert texts(emergency.target) == ["Cusco"]
    assert emergency.target[0].country == "PER"
    assert emergency.target[0].sector == "CVL"


def test_a_curfew_in_a_capital_named_by_its_name_is_not_dropped_as_the_government(pipeline):
    # "Bamako" alone is a metonym of Mali's government, the curfew's own source
    text = "Mali's junta imposed a night-time curfew in Bamako after the riots."
    [curfew] = [e for e in events_of(pipeline, text, "COERCE") if e.mode == "curfew"]
    assert texts(curfew.target) == ["Bamako"]


def test_a_measure_dated_by_its_day_takes_no_area(pipeline):
    text = "Ecuador's president declared a state of emergency on Tuesday."
    [emergency] = events_of(pipeline, text, "COERCE")
    assert emergency.target == []


def test_an_event_noun_dated_by_month_and_year_is_a_background_event(pipeline):
    # the parser hangs "July" on the noun as nmod: still the date that names the coup
    text = "Niger's junta thanked Ankara on Sunday for standing by the country since the July 2023 coup."
    [coup] = [e for e in events_of(pipeline, text, "COERCE") if e.trigger.text == "coup"]
    assert coup.source == [] and coup.target == []


def test_coordinated_verbs_share_the_object_the_parser_hangs_on_the_last(pipeline):
    text = "Police in Minsk arrested and charged three opposition activists on Tuesday."
    for event in events_of(pipeline, text, "COERCE"):
        assert texts(event.target) == ["three opposition activists"]


def test_a_verb_with_a_complement_of_its_own_shares_no_object(pipeline):
    # "met with" has its own complement: the envoy was met, the deal signed
    text = "The Sudanese envoy met with Egyptian officials in Cairo and signed a trade deal."
    [meeting] = events_of(pipeline, text, "CONSULT")
    assert "a trade deal" not in texts(meeting.target)


def test_a_deployment_with_no_one_named_is_aimed_at_where_it_goes(pipeline):
    text = "China staged large-scale military drills around the island on Monday."
    [deployment] = events_of(pipeline, text, "MOBILIZE")
    assert texts(deployment.target) == ["the island"]


def test_a_deployment_to_the_sources_own_border_has_no_target(pipeline):
    # "its" is Latvia itself: a deployment to one's own border has no target (s68-0039)
    text = "Latvia will deploy 800 more soldiers to its eastern border from March."
    [deployment] = events_of(pipeline, text, "MOBILIZE")
    assert deployment.target == []


def test_a_bare_noun_after_in_is_no_place(pipeline):
    # "in force" is an idiom, not where the police went
    text = "Police in Lagos deployed in force on Monday ahead of the planned march."
    for event in events_of(pipeline, text, "MOBILIZE"):
        assert "force" not in texts(event.target)


def test_a_curfew_over_part_of_a_city_is_aimed_at_that_part(pipeline):
    text = "Nepalese authorities imposed a curfew in parts of Kathmandu on Monday."
    [curfew] = events_of(pipeline, text, "COERCE")
    assert texts(curfew.target) == ["parts of Kathmandu"]


def test_a_strike_the_government_gave_in_to_is_aimed_at_the_government(pipeline):
    text = "Ghana's government gave in to striking truck drivers on Monday, cutting the fuel levy."
    [strike] = events_of(pipeline, text, "PROTEST")
    assert texts(strike.source) == ["truck drivers"]
    assert texts(strike.target) == ["Ghana's government"]


def test_a_hunger_strike_its_doer_ends_is_not_aimed_at_the_doer(pipeline):
    text = "Jailed activist Maria Kalesnikava ended her hunger strike on Thursday."
    for strike in events_of(pipeline, text, "PROTEST"):
        assert "Maria Kalesnikava" not in " ".join(texts(strike.target))


def test_a_condition_on_the_last_of_coordinated_acts_makes_the_first_a_threat(pipeline):
    # the parser hangs "if" on "halt"; "would" is shared by both acts
    text = (
        "Baku would recall its ambassador and halt gas swaps with Iran if Iranian troops "
        "staged more drills near the border, an aide to President Ilham Aliyev said."
    )
    [threat] = [e for e in events_of(pipeline, text, "THREATEN") if e.trigger.text == "recall"]
    assert texts(threat.source) == ["Baku"]
    assert threat.factuality == "asserted"


def test_past_acts_coordinated_with_a_conditional_threat_stay_asserted(pipeline):
    text = (
        "West African leaders suspended Guinea from ECOWAS on Wednesday and threatened "
        "sanctions unless the junta freed Alpha Conde."
    )
    [suspension] = events_of(pipeline, text, "SANCTION")
    assert suspension.factuality == "asserted"


def test_an_act_the_speaker_says_it_will_do_is_not_what_it_asks(pipeline):
    # "told Niamey it would recall ...": a warning, whose act is not folded into a request
    text = (
        "Algeria told Niamey on Sunday it would recall its ambassador and freeze work on the "
        "gas pipeline if Niger's junta kept jailing Algerian truck drivers."
    )
    assert [e.trigger.text for e in events_of(pipeline, text, "THREATEN")] == ["recall"]


def test_a_trailing_accusation_is_its_own_clauses_when_the_governor_comes_after(pipeline):
    # the parser hangs "expelled" on the later "responded": Bolivia still accuses
    text = (
        "Bolivia expelled the US ambassador, accusing him of backing violent opposition "
        "protests; Washington responded by ordering out Bolivia's envoy."
    )
    [accusation] = events_of(pipeline, text, "ACCUSE")
    assert texts(accusation.source) == ["Bolivia"]


def test_an_attack_a_group_claims_is_the_groups_in_its_words(pipeline):
    text = "Al-Shabaab claimed responsibility for the attack on a police station in Garissa."
    [attack] = events_of(pipeline, text, "ASSAULT")
    assert texts(attack.source) == ["Al-Shabaab"]
    assert attack.factuality == "reported"


def test_an_attack_claimed_by_a_group_in_a_participle_is_the_groups(pipeline):
    text = (
        "A Pakistani cleric was shot dead in Peshawar on Sunday in an attack claimed by a "
        "faction of the Pakistani Taliban."
    )
    [shooting] = [e for e in events_of(pipeline, text, "ASSAULT") if e.trigger.text == "shot"]
    # the faction itself since KB 2026.12.21 reads "faction" as REB (session 46)
    assert texts(shooting.source) == ["a faction of the Pakistani Taliban"]
    assert shooting.source[0].sector == "REB"
    assert shooting.factuality == "reported"


def test_an_attack_no_one_claims_keeps_no_source(pipeline):
    text = "Gunmen killed six villagers in Zamfara on Sunday, and no group claimed the attack."
    for event in events_of(pipeline, text, "ASSAULT"):
        assert "group" not in " ".join(texts(event.source))


def test_a_weapon_that_does_the_act_leaves_it_agentless_with_its_target(pipeline):
    # a bomb is no one's hand: the act has no source, but what it hit is its target
    text = "Two bombs ripped through a crowded market in Maiduguri on Saturday."
    [blast] = [e for e in events_of(pipeline, text, "ASSAULT") if e.trigger.text == "ripped"]
    assert blast.source == []
    assert texts(blast.target) == ["a crowded market in Maiduguri"]
