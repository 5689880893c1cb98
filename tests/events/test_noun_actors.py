"""Who did what an event noun names (session 33), on sentences written for these tests: an
unnamed group named by a "by" phrase or, for unrest, a compound ("a march *by* youth
groups", "an *opposition* rally"); and nobody named where the noun is the ground of a legal
act ("sentenced Camara *over* the massacre"): the court did not act, and the guidelines code
the ground with an empty source (s44-0067). Session 34: a plural owner ("a bus *drivers'*
strike") or a hyphened leader ("*student*-led protests", "a *Saudi*-led air strike") did it,
and unrest someone answered is aimed at them whoever led it.
"""

from __future__ import annotations

import pytest

from .conftest import PUB, events_of, texts


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        (
            "Riot police in Lubumbashi fired tear gas on Sunday to disperse a march by "
            "Protestant youth groups.",
            "march",
            "Protestant youth groups",
        ),
        (
            "Police in Harare detained 30 people at a planned opposition rally on Friday.",
            "rally",
            "opposition",
        ),
    ],
)
def test_an_unnamed_group_holds_the_protest_its_noun_names(pipeline, text, trigger, source):
    (protest,) = [e for e in events_of(pipeline, text, "PROTEST") if e.trigger.text == trigger]
    assert texts(protest.source) == [source]


def test_a_prisoner_release_is_not_the_prisoners_act(pipeline):
    # only unrest takes its compound as who acted: the prisoners were released
    text = "Kenya and Somalia agreed on a prisoner release during talks in Nairobi on Monday."
    assert all("prisoner" not in texts(e.source) for e in pipeline(text, date=PUB).events)


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        (
            "A court in Conakry sentenced former junta leader Moussa Dadis Camara to 20 years "
            "in prison on Wednesday over the massacre of opposition supporters at a stadium.",
            "ASSAULT",
            "opposition supporters",
        ),
        (
            "Egypt's highest appeals court ordered a retrial of the former interior minister over "
            "the killing of protesters during the 2011 uprising.",
            "ASSAULT",
            "protesters",
        ),
        (
            "Rights groups in Nairobi sued the interior ministry on Friday over the deportation "
            "of a Tanzanian journalist.",
            "COERCE",
            "a Tanzanian journalist",
        ),
    ],
)
def test_the_ground_of_a_legal_act_names_no_actor(pipeline, text, event_type, target):
    (ground,) = [e for e in events_of(pipeline, text, event_type) if target in texts(e.target)]
    assert ground.source == []


def test_a_setting_still_gives_its_subject_the_act(pipeline):
    # "over" names a setting when no legal act governs it
    text = "Iran's foreign minister held talks with his Omani counterpart over dinner in Muscat."
    (talks,) = events_of(pipeline, text, "CONSULT")
    assert "Iran's foreign minister" in texts(talks.source)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Niger's army rushed reinforcements to the Makalondi area on Sunday after Islamic "
            "State fighters attacked a gendarmerie post there.",
            "Islamic State fighters",
        ),
        (
            "Zambian police deployed riot units around Lusaka's main square on Thursday ahead of "
            "a march planned by the opposition Patriotic Front.",
            "the opposition",
        ),
        (
            "Kenya deployed paramilitary police to Mandera on Friday after local leaders appealed "
            "for protection following a wave of al-Shabaab attacks.",
            "al-Shabaab",
        ),
    ],
)
def test_a_build_up_is_aimed_at_the_act_it_answers(pipeline, text, target):
    # guidelines: a deployment ahead of a named group's march, or answering its attack,
    # targets that group (s41-0065, s37-0054), not the place the troops go to
    (build_up,) = events_of(pipeline, text, "MOBILIZE")
    assert texts(build_up.target) == [target]


def test_a_build_up_aimed_at_a_named_actor_keeps_it(pipeline):
    # another state's territory is who the troops are sent against
    text = "Chad sent troops into Sudan on Monday after Sudanese rebels attacked a border post."
    (build_up,) = events_of(pipeline, text, "MOBILIZE")
    assert texts(build_up.target) == ["Sudan"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Additional Ethiopian troops were deployed along the border with Eritrea near "
            "Zalambessa this week.",
            "Eritrea",
        ),
        ("Eritrean troops had massed along the Ethiopian border near Bure.", "Ethiopian"),
    ],
)
def test_a_build_up_at_a_border_is_aimed_at_the_neighbour(pipeline, text, target):
    (build_up,) = events_of(pipeline, text, "MOBILIZE")
    assert texts(build_up.target) == [target]


def test_a_build_up_at_its_own_border_has_no_neighbour(pipeline):
    text = "Mexico deployed hundreds of federal police to its southern border on Friday."
    (build_up,) = events_of(pipeline, text, "MOBILIZE")
    assert build_up.target == []


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "source"),
    [
        (
            # a plural owner: the strike is the drivers', and a labour strike, not an attack
            "Shops were looted in Huambo on Monday, the first day of a bus drivers' strike "
            "against the rise in diesel prices.",
            "strike",
            "PROTEST",
            "drivers",
        ),
        (
            "The cabinet resigned on Friday, bowing to a nurses' march that had reached the "
            "outskirts of the capital.",
            "march",
            "PROTEST",
            "nurses",
        ),
        (
            # a hyphened leader, unnamed or named (session 34)
            "The university rector stepped down on Monday after weeks of student-led protests "
            "over tuition fees.",
            "protests",
            "PROTEST",
            "student",
        ),
        (
            "A Saudi-led air strike killed eleven people at a market in Saada on Monday.",
            "strike",
            "ASSAULT",
            "Saudi",
        ),
    ],
)
def test_an_owner_or_a_hyphened_leader_did_what_the_noun_names(
    pipeline, text, trigger, event_type, source
):
    (event,) = [e for e in events_of(pipeline, text, event_type) if e.trigger.text == trigger]
    assert source in " ".join(texts(event.source))


def test_a_state_that_answers_led_protests_is_their_target(pipeline):
    # gold gives unrest someone answered its answerer as target, whoever led it (s1-0237)
    text = "Kenya's finance minister resigned on Tuesday after a week of student-led protests."
    (protest,) = events_of(pipeline, text, "PROTEST")
    assert texts(protest.source) == ["student"]
    assert texts(protest.target) == ["Kenya's finance minister"]


def test_a_states_strike_is_not_owned_by_a_singular_name(pipeline):
    # only a plural common noun owns unrest: "Russia's strike" stays an attack
    text = "Russia's strike on a power plant in Odesa killed two workers on Sunday."
    assert events_of(pipeline, text, "PROTEST") == []


@pytest.mark.parametrize(
    ("text", "defendant"),
    [
        ("The former governor of Jalisco will stand trial next month on graft charges.",
         "The former governor of Jalisco"),
        ("Five opposition lawmakers went on trial in Minsk on Tuesday.",
         "Five opposition lawmakers"),
    ],
)  # fmt: skip
def test_who_stands_trial_is_the_target_and_no_one_named_tries_them(pipeline, text, defendant):
    # gold codes the defendant as the target with an empty source (s15-0038, s18-0051)
    (trial,) = events_of(pipeline, text, "COERCE")
    assert (texts(trial.source), texts(trial.target)) == ([], [defendant])


def test_a_trial_someone_is_sent_to_is_not_the_senders(pipeline):
    # "to stand trial" after a transfer: the subject it would inherit is the sender
    text = "Norway flew a genocide suspect to Kigali on Sunday to stand trial."
    assert all("Norway" not in texts(e.target) for e in events_of(pipeline, text, "COERCE"))
