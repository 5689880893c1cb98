"""Session 25's readings, on sentences written for these tests: whom a threat or a concession
answers, what an object really names (a count, a collective, a small clause), and which
lexicon rows cooperation and aid use. Each pins a convention of docs/annotation-guidelines.md.
"""

from __future__ import annotations

import pytest

from .conftest import texts

PUB = "2024-06-18"


def found(pipeline, text, event_type):
    events = pipeline(text, date=PUB).events
    hits = [e for e in events if e.event_type == event_type]
    assert hits, f"no {event_type} in {[(e.event_type, e.trigger.text) for e in events]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # a count or an ordinal reads through to its "of" object: the boats are the goods
        (
            "Norway handed over the first of six patrol boats to the Ghanaian navy on Monday.",
            "navy",
        ),
        # a collective object is its members: doctors sent are aid, not a military brigade
        ("Cuba sent a brigade of 30 doctors to Peru on Monday.", "Peru"),
        ("Turkey flew 90 rescue workers to Morocco on Sunday.", "Morocco"),
        # what the planes carry says whether sending them is aid
        ("Egypt sent three planes loaded with tents and blankets to Libya.", "Libya"),
        # approving any aid good (@goods) for a state is aid to it (session 29)
        ("The IMF's board approved debt relief for Chad worth $1.1 billion on Monday.", "Chad"),
    ],
)
def test_what_an_object_names_decides_that_sending_it_is_aid(pipeline, text, target):
    event = found(pipeline, text, "AID")
    assert any(target in t for t in texts(event.target))


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the parser hangs "to Uzbekistan" on the participle that describes the people
        (
            "Kazakhstan extradited three Uzbek nationals wanted over a pyramid scheme in "
            "Tashkent to Uzbekistan on Monday.",
            "Uzbekistan",
        ),
        # people handed to another state's officers are its justice's, whoever they are
        # (object class @wanted)
        ("Thai police handed two women to Malaysian officers at the border on Friday.", "officers"),
    ],
)
def test_people_handed_to_another_states_justice(pipeline, text, target):
    event = found(pipeline, text, "COOPERATE")
    assert any(target in t for t in texts(event.target))


def test_a_verbless_complement_names_whom_the_verb_acts_on(pipeline):
    event = found(
        pipeline,
        "Ecuador declared the Mexican ambassador persona non grata on Thursday.",
        "SANCTION",
    )
    assert event.mode == "expel"
    assert texts(event.target) == ["the Mexican ambassador"]


def test_soldiers_sentenced_are_the_target_not_the_means(pipeline):
    event = found(
        pipeline, "A military court in Kinshasa sentenced four soldiers to death.", "SANCTION"
    )
    assert any("soldiers" in t for t in texts(event.target))


def test_a_threat_is_aimed_at_whoever_its_condition_names(pipeline):
    text = (
        "Uganda's defence ministry warned on Monday that it would send troops into Ituri "
        "if Congolese militias kept raiding its villages."
    )
    event = found(pipeline, text, "THREATEN")
    assert texts(event.target) == ["Congolese militias"]


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        # the condition's actor, even when the threatened act hits people of its country
        # (session 29; the guidelines' "Targets of conditional threats")
        (
            "Latvia will expel Belarusian diplomats if Minsk keeps pushing migrants across "
            "the border, Latvia's interior minister said on Monday.",
            "THREATEN",
            ["Minsk"],
        ),
        # a conditional build-up is no threat, but it is aimed at the condition's actor
        (
            "Serbia would move two brigades to the boundary line if Kosovo's police entered "
            "the northern municipalities, the army's chief of staff said on Sunday.",
            "MOBILIZE",
            ["Kosovo's police"],
        ),
        # session 37: the threatened act's own object is not whom the threat addresses
        (
            "Nigeria's labour unions said on Monday they would shut down the country with an"
            " indefinite strike if the government did not reverse the rise in petrol prices.",
            "THREATEN",
            ["the government"],
        ),
    ],
)
def test_conditional_acts_are_aimed_at_the_conditions_actor(pipeline, text, event_type, target):
    event = found(pipeline, text, event_type)
    assert texts(event.target) == target


def test_a_warned_addressee_stays_the_threats_target(pipeline):
    text = "The European Union warned Serbia that it would freeze funds unless Belgrade changed course."
    event = found(pipeline, text, "THREATEN")
    assert texts(event.target) == ["Serbia"]


def test_a_concession_to_unrest_is_made_to_the_protesters(pipeline):
    text = "Zambia's cabinet scrapped a water levy on Tuesday after protests by traders in Lusaka."
    concession = found(pipeline, text, "CONCEDE")
    assert texts(concession.target) == ["traders"]
    protest = found(pipeline, text, "PROTEST")
    assert texts(protest.target) == ["Zambia's cabinet"]


@pytest.mark.parametrize(
    ("text", "protesters"),
    [
        # the parser hangs "by" on the stretch of time ("a week ... by fishermen")
        (
            "Bowing to a week of port blockades by dockers, Chile's government scrapped a levy "
            "on Friday.",
            "dockers",
        ),
        # or on the verb above it, right after the stretch's phrase
        (
            "Malawi's government released nine union leaders on Monday, bowing to ten days of "
            "sit-ins by their colleagues outside parliament in Lilongwe.",
            "their",
        ),
    ],
)
def test_a_concession_to_a_stretch_of_unrest_is_made_to_its_doers(pipeline, text, protesters):
    concession = found(pipeline, text, "CONCEDE")
    assert texts(concession.target) == [protesters]
    protest = found(pipeline, text, "PROTEST")
    assert texts(protest.source) == [protesters]


def test_a_promise_answering_unrest_concedes_to_the_protesters(pipeline):
    text = (
        "Ghana's education ministry agreed on Tuesday to restore book allowances after a "
        "two-week walkout by university lecturers."
    )
    concession = found(pipeline, text, "CONCEDE")
    assert concession.trigger.text == "agreed"
    assert texts(concession.target) == ["university lecturers"]


def test_a_promise_bowing_to_pressure_is_made_to_whoever_pressed(pipeline):
    text = (
        "Tunisia agreed on Monday to cut its fuel subsidies by half, bowing to pressure from "
        "the International Monetary Fund."
    )
    promise = found(pipeline, text, "AGREE")
    assert [a.country for a in promise.target] == ["IGO"]


@pytest.mark.parametrize(
    ("text", "reactor", "actor"),
    [
        # a participle: the main clause's subject did the act
        (
            "Mongolia's parliament passed a law curbing foreign broadcasters on Monday, "
            "drawing condemnation from the European Union.",
            "the European Union",
            "Mongolia's parliament",
        ),
        # an act whose possessor did it drew the reaction
        (
            "Kenya's expulsion of a Somali envoy drew a sharp rebuke from Mogadishu.",
            "Mogadishu",
            "Kenya",
        ),
        # or whom its "by" names
        (
            "The detention of two fishermen by Indonesian patrol boats drew a formal protest "
            "from Kuala Lumpur.",
            "Kuala Lumpur",
            "Indonesian patrol boats",
        ),
    ],
)
def test_a_reaction_an_act_draws_from_others_is_theirs_at_its_doer(pipeline, text, reactor, actor):
    reaction = found(pipeline, text, "ACCUSE")
    assert texts(reaction.source) == [reactor]
    assert [a.text.removesuffix("'s") for a in reaction.target] == [actor]


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        # "*its* allies" are no thing of the source's own, nor the source itself
        (
            "Moldova urged its allies on Monday to send more air-defence systems.",
            "REQUEST",
            "its allies",
        ),
        ("Chad appealed to its neighbours for sorghum on Friday.", "REQUEST", "its neighbours"),
        # a protest handed over is aimed at whom it was handed
        (
            "Seoul's deputy foreign minister handed the Japanese ambassador a formal protest on "
            "Tuesday over a new school textbook.",
            "ACCUSE",
            "the Japanese ambassador",
        ),
    ],
)
def test_whom_session_39_readings_aim_an_event_at(pipeline, text, event_type, target):
    event = found(pipeline, text, event_type)
    assert texts(event.target) == [target]


def test_a_preposition_after_the_object_is_no_particle(pipeline):
    """Session 39: "gave militiamen *in* Basra 72 hours" is an ultimatum, not "gave in"."""
    text = (
        "Somalia's army gave militiamen in Beledweyne 48 hours on Monday to hand over their "
        "weapons."
    )
    events = pipeline(text, date=PUB).events
    assert {e.event_type for e in events if e.trigger.text == "gave"} == {"REQUEST"}
    conceded = pipeline("The ministry gave in to the nurses on Friday.", date=PUB).events
    assert [e.event_type for e in conceded] == ["CONCEDE"]


def test_rebels_seizing_people_abduct_them_where_police_arrest(pipeline):
    """Session 39 (retype.v1): people seized by rebels, gangs or militias are abducted."""
    text = "Hezbollah fighters crossed the border on Monday and seized three Israeli soldiers."
    seized = found(pipeline, text, "ASSAULT")
    assert seized.mode == "abduct" and texts(seized.target) == ["three Israeli soldiers"]
    text = "Lebanese police seized three smugglers at the border on Monday."
    assert "ASSAULT" not in {e.event_type for e in pipeline(text, date=PUB).events}


def test_a_promise_beside_a_named_concession_stays_an_agreement(pipeline):
    text = (
        "Kenya's government agreed on Tuesday to reinstate the sacked judges, bowing to a "
        "week of sit-ins by lawyers in Nairobi."
    )
    events = pipeline(text, date=PUB).events
    assert {e.trigger.text: e.event_type for e in events}["agreed"] == "AGREE"


def test_each_unrest_noun_of_a_stretch_is_against_whoever_answered(pipeline):
    text = (
        "Bangladesh's labour ministry raised the minimum wage on Sunday after three weeks of "
        "strikes and marches by garment workers in Gazipur."
    )
    events = pipeline(text, date=PUB).events
    unrest = {e.trigger.text: e for e in events if e.event_type == "PROTEST"}
    assert set(unrest) == {"strikes", "marches"}
    for event in unrest.values():
        assert texts(event.source) == ["garment workers"]
        assert texts(event.target) == ["Bangladesh's labour ministry"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Bolivia set up a joint task force on Tuesday to fight smugglers.",
        "Jordan's intelligence service passed information to Dutch police about the plot.",
        "A Dutch forensic team worked alongside Ukrainian prosecutors in Kharkiv.",
    ],
)
def test_joint_bodies_passed_intelligence_and_working_alongside_are_cooperation(pipeline, text):
    found(pipeline, text, "COOPERATE")


def test_a_strike_by_workers_is_a_labour_strike(pipeline):
    event = found(pipeline, "Nigerian doctors began an indefinite strike on Monday.", "PROTEST")
    assert event.mode == "strike"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Brussels froze the funds earmarked for Hungary on Monday.", "EUR"),
        ("Rwanda expelled Belgium's envoy and accused Brussels of meddling in Congo.", "BEL"),
    ],
)
def test_brussels_is_the_eu_unless_the_story_is_about_belgium(pipeline, text, country):
    actors = [a for e in pipeline(text, date=PUB).events for a in [*e.source, *e.target]]
    assert country in {a.country for a in actors if a.text == "Brussels"}


def test_a_called_off_visit_is_the_visit_negated_and_a_refusal(pipeline):
    """Session 29 (guidelines, "Cancelled or postponed events")."""
    text = "Kenya's president called off a planned trip to Mogadishu on Friday."
    events = pipeline(text, date=PUB).events
    visit = found(pipeline, text, "CONSULT")
    assert visit.factuality == "negated" and texts(visit.target) == ["Mogadishu"]
    assert any(e.event_type == "REJECT" for e in events)


def test_calls_a_state_ignored_are_demands_not_phone_calls(pipeline):
    text = "Tunisia's president ignored calls from the African Union to free the detained judges."
    event = found(pipeline, text, "REQUEST")
    assert texts(event.source) == ["the African Union"]
    assert not [e for e in pipeline(text, date=PUB).events if e.event_type == "CONSULT"]


def test_an_arrest_no_one_is_named_for_is_coded_on_whom_it_names(pipeline):
    """Session 29: "the arrest of X" with no arrester named is COERCE/arrest on X, and the
    riots it sparked were not done by X ("sparked by" names a cause, not a doer)."""
    text = "Riots sparked by the arrest of Imran Khan spread to Lahore and Peshawar on Wednesday."
    arrest = found(pipeline, text, "COERCE")
    assert arrest.source == [] and texts(arrest.target) == ["Imran Khan"]
    for event in pipeline(text, date=PUB).events:
        if event.event_type == "PROTEST":
            assert "Imran Khan" not in " ".join(texts(event.source))


def test_a_participle_on_a_noun_is_done_to_that_noun(pipeline):
    """Session 29: "40 students *detained* during the protests" were detained, by no one
    named; a clause the parser hangs on a noun ("reports that X had agreed") is not one."""
    text = "Togo's government freed 40 students detained during last month's protests in Lomé."
    detention = found(pipeline, text, "COERCE")
    assert detention.source == [] and texts(detention.target) == ["40 students"]


def test_an_event_noun_named_by_its_date_is_coded_with_no_actors(pipeline):
    """Session 29: "since the 2021 coup" is the coup, told as background (ontology type set
    "dated"); a truce named that way is not coded on its own."""
    text = (
        "Canada froze the assets of nine Guinean officers, its first sanctions since the 2021 coup."
    )
    coup = [e for e in pipeline(text, date=PUB).events if e.trigger.text == "coup"]
    assert coup and coup[0].event_type == "COERCE" and not coup[0].source and not coup[0].target
    text = "Shelling near Goma on Monday was the first breach of the 2023 truce, monitors said."
    assert not [e for e in pipeline(text, date=PUB).events if e.trigger.text == "truce"]


def test_an_agreement_its_participle_dates_is_coded_with_no_actors(pipeline):
    """Session 39: "under a deal *signed* in 2021" is that signing, told as background with
    no party named (type set "dated_participle"); a participle with no date or place of its
    own names no particular act."""
    text = "Estonia handed two patrol boats to Latvia on Monday under a deal signed in 2021."
    signed = [e for e in pipeline(text, date=PUB).events if e.trigger.text == "signed"]
    assert signed and signed[0].event_type == "AGREE"
    assert not signed[0].source and not signed[0].target
    text = "Estonia handed two patrol boats to Latvia on Monday under the deal signed then."
    assert not [e for e in pipeline(text, date=PUB).events if e.trigger.text == "signed"]


def test_unrest_told_as_happening_is_coded_with_no_actors(pipeline):
    """Session 30: "as protests spread to 30 towns", "to quell the protests": the protests
    happened, though the sentence names no one in them (ontology type set "unfolding"); a
    fight whose sides are named elsewhere is not coded again with none."""
    for text in (
        "Ecuador's government declared a state of emergency in three provinces on Monday as "
        "protests over fuel prices spread to 30 towns.",
        "Mongolia's cabinet sent riot police to Ulaanbaatar's main square to quell protests "
        "over a coal export scandal.",
    ):
        protests = [e for e in pipeline(text, date=PUB).events if e.trigger.text == "protests"]
        assert protests and protests[0].event_type == "PROTEST", text
        assert not protests[0].source and not protests[0].target
    text = "Fighting erupted near Kidal on Sunday between Mali's army and Tuareg rebels."
    fights = [e for e in pipeline(text, date=PUB).events if e.trigger.text == "Fighting"]
    assert all(e.source for e in fights)


def test_an_agreement_that_ends_unrest_is_a_concession_to_the_protesters(pipeline):
    """Session 30: "called off the strike after the ministry *agreed* to pay" concedes to
    the strikers (guidelines, s45-0038); an agreement with no unrest ended stays AGREE."""
    text = (
        "Kenyan nurses called off a week-long strike on Friday after the health ministry "
        "agreed to pay their arrears."
    )
    conceded = found(pipeline, text, "CONCEDE")
    assert texts(conceded.source) == ["the health ministry"]
    assert texts(conceded.target) == ["Kenyan nurses"]
    text = "Kenya and Uganda agreed on Friday to build a railway to Kampala."
    assert "CONCEDE" not in {e.event_type for e in pipeline(text, date=PUB).events}


def test_talks_after_which_several_parties_act_were_theirs(pipeline):
    """Session 29: "after 12 hours of talks in Ohrid, X and Y agreed": X and Y talked."""
    text = (
        "Armenia's Nikol Pashinyan and Azerbaijan's Ilham Aliyev agreed on Friday to open "
        "two border crossings after nine hours of talks in Vienna."
    )
    talks = [e for e in pipeline(text, date=PUB).events if e.trigger.text == "talks"]
    assert talks and talks[0].event_type == "CONSULT"
    assert {a.country for a in talks[0].source} == {"ARM", "AZE"}


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        # harm promised to whoever does something: the condition is in the target
        (
            "China's coast guard said it would expel any Philippine vessel that entered the area.",
            True,
        ),
        ("Police in Abuja said they would arrest anyone who joined the march on Thursday.", True),
        # a kind of thing is a ban's scope, not a condition
        (
            "Malaysia said it would ban any vessel bound for Israel from loading cargo there.",
            False,
        ),
    ],
)
def test_harm_promised_to_whoever_acts_is_a_threat(pipeline, text, threat):
    types = {e.event_type for e in pipeline(text, date="2025-03-11").events}
    assert ("THREATEN" in types) is threat, types


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        # the row's own object is a thing, or the source's own: the party it concerns is the
        # object's complement, or a "with" the parser hung on the verb
        ("Lithuania closed its border with Belarus on Friday.", "COERCE", ["Belarus"]),
        ("Turkey recalled its ambassador to Washington on Monday.", "SANCTION", ["Washington"]),
        ("Saudi Arabia froze all new trade with Ottawa on Monday.", "SANCTION", ["Ottawa"]),
        # a date is nobody acted on, and does not stop the search for who was
        ("Israel eased its blockade of the Gaza Strip on Sunday.", "RETREAT", ["the Gaza Strip"]),
    ],
)
def test_the_party_a_things_complement_names_is_the_target(pipeline, text, event_type, target):
    assert texts(found(pipeline, text, event_type).target) == target


def test_an_absolute_with_names_no_partner(pipeline):
    text = (
        "Indian and Pakistani troops traded artillery fire across the Line of Control on "
        "Saturday, with New Delhi and Islamabad each accusing the other of starting it."
    )
    for event in pipeline(text, date=PUB).events:
        if event.event_type == "ASSAULT":
            assert "New Delhi" not in texts(event.target)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # whom the force was meant to move, named by the purpose clause (s21-0001, s36-0001)
        (
            "Thousands of striking teachers marched on the ministry, and riot police fired "
            "water cannon to keep them away from its gates.",
            ["them"],
        ),
        ("Police used water cannon to break up a rally by opposition supporters.",
         ["opposition supporters"]),
    ],
)  # fmt: skip
def test_crowd_control_is_aimed_at_whom_its_purpose_moves(pipeline, text, target):
    assert texts(found(pipeline, text, "ASSAULT").target) == target


def test_a_refused_extradition_is_aimed_at_the_state_asking(pipeline):
    # the parser hangs "to Russia" on the dissident; the guidelines aim the refusal at the
    # state the person would go to (s10-0033)
    text = "Germany refused on Thursday to extradite a Chechen dissident to Russia."
    assert texts(found(pipeline, text, "REJECT").target) == ["Russia"]
    assert texts(found(pipeline, text, "COOPERATE").target) == ["Russia"]


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        # the warner's own act under a modal: the threat sits on it, with its agent as source
        (
            "Myanmar's Kachin Independence Army warned on Sunday that it would shoot down any "
            "junta aircraft flying over Hpakant.",
            "shoot",
            ["it"],
        ),
        # the state a speaker speaks for is the agent, not the speaker
        (
            "Iran's parliament speaker warned on Sunday that Tehran would strike US bases "
            "across the Gulf if Washington joined the air campaign.",
            "strike",
            ["Tehran"],
        ),
    ],
)
def test_a_warned_act_of_the_warners_side_carries_the_threat(pipeline, text, trigger, source):
    """Session 36: threats with a named agent sit on the threatened act (the guidelines since
    part 53; older records recoded), made when the warning is: asserted, dated to it, and no
    hypothetical act beside it."""
    events = pipeline(text, date=PUB).events
    threat = found(pipeline, text, "THREATEN")
    assert threat.trigger.text == trigger and texts(threat.source) == source
    assert threat.factuality == "asserted" and threat.date == "2024-06-16"
    assert not [e for e in events if e.factuality == "hypothetical" and e.trigger.text == trigger]
    assert not [e for e in events if e.trigger.text == "warned"]


def test_agentless_warned_harm_keeps_the_threat_on_the_warning(pipeline):
    threat = found(pipeline, "Police warned that protesters would be arrested.", "THREATEN")
    assert threat.trigger.text == "warned"


@pytest.mark.parametrize(
    "text",
    [
        "Syrian tanks shelled residential districts of Hama on Monday, killing at least 24 people.",
        "Gunmen ambushed a police convoy in Michoacán on Monday, wounding 13 officers.",
        "Rebels attacked an army base near Goma on Friday, killing 12 soldiers.",
    ],
)
def test_an_attacks_toll_is_not_an_attack_of_its_own(pipeline, text):
    """Session 36: "Death tolls are not events" (the guidelines since session 28; the older
    records that coded a toll were recoded)."""
    assaults = [e for e in pipeline(text, date=PUB).events if e.event_type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].trigger.text not in ("killing", "wounding")


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Moscow's foreign ministry said it would respond in kind.", ["it"], []),
        (
            "Tehran would respond proportionately if Oslo imposed the sanctions.",
            ["Tehran"],
            ["Oslo"],
        ),
    ],
)
def test_a_promised_response_is_a_threat(pipeline, text, source, target):
    """Session 36: "would respond", "will retaliate" promise harm as "reserves the right to
    respond" does (THREATEN, no mode), said now: asserted."""
    threat = found(pipeline, text, "THREATEN")
    assert threat.trigger.text == "respond" and threat.mode is None
    assert texts(threat.source) == source and texts(threat.target) == target
    assert threat.factuality == "asserted"


def test_a_response_that_happened_or_is_not_promised_is_no_threat(pipeline):
    for text in (
        "Police responded with tear gas.",
        "The ministry did not say whether it would respond.",
        "Moscow said it would not respond to the provocation.",
    ):
        events = pipeline(text, date=PUB).events
        assert not [e for e in events if e.event_type == "THREATEN"], text


def test_agentless_harm_a_state_speaker_names_is_its_threat(pipeline):
    """Session 36: "protest leaders would be arrested if ..., the army chief said" is the
    speaker's THREATEN on the act's words; experts forecasting it threaten nothing."""
    text = (
        "Thailand's army chief said on Monday that protest leaders would be arrested if they "
        "led another march on Government House."
    )
    threat = found(pipeline, text, "THREATEN")
    assert threat.trigger.text == "arrested" and texts(threat.source) == ["Thailand's army chief"]
    text = "Netanyahu could be arrested if he travels to a member state, legal experts said."
    assert not [e for e in pipeline(text, date=PUB).events if e.event_type == "THREATEN"]


@pytest.mark.parametrize(
    ("text", "event_type", "source", "factuality"),
    [
        # session 37: the act a noun of intent announces is its holder's: the possessor ...
        ("Migrants in the Negev began a hunger strike against Israel's plan to deport them to"
         " Rwanda.", "COERCE", ["Israel"], "future"),
        ("Republicans condemned President Donald Trump's refusal to side with US intelligence"
         " agencies.", "SUPPORT", ["President Donald Trump"], "negated"),
        # ... or the subject of the verb it hangs on
        ("US special forces raided a coastal town in Somalia in an attempt to capture a senior"
         " al-Shabaab leader.", "COERCE", ["US special forces"], "asserted"),
        ("Pakistan has no plans to send troops to the Line of Control.", "MOBILIZE",
         ["Pakistan"], "negated"),
    ],
)  # fmt: skip
def test_a_noun_of_intent_gives_its_act_a_doer(pipeline, text, event_type, source, factuality):
    event = found(pipeline, text, event_type)
    assert texts(event.source) == source
    assert event.factuality == factuality


def test_the_content_of_an_offer_is_not_the_refusers_act(pipeline):
    # the corpus leaves an offer's content uncoded, and the mediator is not whoever refused it
    events = pipeline("Tehran rejected an offer by Qatar to mediate between Iran and Saudi"
                      " Arabia.", date=PUB).events  # fmt: skip
    assert not [e for e in events if e.trigger.text == "mediate"]


@pytest.mark.parametrize(
    "text",
    [
        # session 37: a subject that would undergo the harm does not make it: no agent, so
        # the threat stays on "warned"
        "The European Union warned Kyrgyzstan on Tuesday that it could lose its special access"
        " to the bloc's market if parliament passed the law.",
        "The United States warned Cambodia on Thursday that officials involved in the"
        " dissolution of the opposition party could face visa restrictions.",
    ],
)
def test_harm_the_subject_would_undergo_stays_on_the_warning(pipeline, text):
    event = found(pipeline, text, "THREATEN")
    assert event.trigger.text == "warned"


@pytest.mark.parametrize(
    ("text", "event_type", "target", "country"),
    [
        # session 38: a counterpart or neighbour named through the source's "his"/"its" is
        # another party, not a thing of the source's own
        ("Kenya's president hosted his Ugandan counterpart in Nairobi on Friday.", "CONSULT",
         "his Ugandan counterpart", "UGA"),
        # a demonym the tagger leaves unmarked still names the counterpart's country
        ("Ghana's president hosted his Burkinabe counterpart in Tamale on Thursday.", "CONSULT",
         "his Burkinabe counterpart", "BFA"),
        # freed people are whom the release is done to, not troops sent as its means
        ("The rebels freed eight captured soldiers in Goma on Sunday.", "RETREAT",
         "eight captured soldiers", "COD"),
    ],
)  # fmt: skip
def test_a_counterpart_or_a_freed_soldier_is_the_target(
    pipeline, text, event_type, target, country
):
    event = found(pipeline, text, event_type)
    assert texts(event.target) == [target]
    assert event.target[0].country == country
