"""A blamed attack (session 33): an act told with no agent is done by whoever the sentence
blames, reported by the blamer, as docs/annotation-guidelines.md codes it ("A blamed attack
is coded once, with the blamed party as its (reported) source, plus the ACCUSE"). The
sentences are written for these tests.
"""

from __future__ import annotations

from .conftest import events_of, texts


def test_an_agentless_attack_is_the_blamed_party_s_in_the_blamer_s_words(pipeline):
    text = (
        "Two police officers were killed when a bomb exploded outside a station in Quetta on "
        "Monday, and the provincial government blamed the Balochistan Liberation Army."
    )
    (attack,) = events_of(pipeline, text, "ASSAULT")
    assert texts(attack.source) == ["the Balochistan Liberation Army"]
    assert texts(attack.target) == ["Two police officers"]
    assert attack.factuality == "reported"
    assert attack.attributed_to is not None
    assert attack.attributed_to.text == "the provincial government"
    (blame,) = events_of(pipeline, text, "ACCUSE")
    assert blame.factuality == "asserted"


def test_the_attack_a_blame_names_only_restates_the_acts_it_blames(pipeline):
    # "for the massacre" is the shooting again: one attack, by the blamed rebels
    text = (
        "Five villagers were shot dead near Beni overnight, the Congolese army said, "
        "blaming ADF rebels for the massacre."
    )
    attacks = events_of(pipeline, text, "ASSAULT")
    assert [e.trigger.text for e in attacks] == ["shot"]
    assert texts(attacks[0].source) == ["ADF rebels"]
    assert attacks[0].attributed_to.text == "the Congolese army"


def test_a_blame_in_a_relative_clause_names_its_own_act(pipeline):
    text = (
        "Ethiopia's army said it would respond after a drone strike on a depot in Bahir Dar "
        "that it blamed on Eritrea."
    )
    (strike,) = events_of(pipeline, text, "ASSAULT")
    assert texts(strike.source) == ["Eritrea"]
    assert "Eritrea" not in texts(strike.target)  # blamed on Eritrea: not done to it
    assert strike.factuality == "reported"


def test_an_attack_with_its_own_agent_keeps_it(pipeline):
    text = (
        "Gunmen killed three teachers in Mandera on Friday, and Kenya's interior minister "
        "blamed al-Shabaab."
    )
    (attack,) = events_of(pipeline, text, "ASSAULT")
    assert texts(attack.source) == ["Gunmen"]
    assert attack.factuality == "asserted"
