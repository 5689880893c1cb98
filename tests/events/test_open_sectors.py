"""The sector an event gives an actor the knowledge base leaves without one (annotation
guideline 5): "Russia" shelling a town acts through its army, signing a deal through its
government, a crowd of "Armenians" is its people, and the districts a strike hits are
civilians. The ontology's ``open_sectors`` fills it for the published actor. On sentences
written for these tests."""

from __future__ import annotations

import json

import pytest

from whimbrel.errors import ConfigError
from whimbrel.events.plover import data_path, load_ontology

from .conftest import events_of


def sectors(actors):
    return [(a.text, a.country, a.sector) for a in actors]


def test_a_state_that_shells_a_town_acts_through_its_army(pipeline):
    text = "Russia shelled the Ukrainian town of Kupiansk overnight, killing three civilians."
    attacks = events_of(pipeline, text, "ASSAULT")
    assert attacks and all(sectors(e.source) == [("Russia", "RUS", "MIL")] for e in attacks)


def test_a_state_that_signs_a_deal_acts_through_its_government(pipeline):
    text = "Kenya and Ethiopia signed a trade agreement in Nairobi on Tuesday."
    [deal] = events_of(pipeline, text, "AGREE")
    assert sectors(deal.source) == [("Kenya", "KEN", "GOV"), ("Ethiopia", "ETH", "GOV")]


def test_a_state_named_as_a_target_is_its_government(pipeline):
    text = "Norway pledged $40 million in food aid to Somalia on Monday."
    [pledge] = events_of(pipeline, text, "AGREE")
    assert sectors(pledge.target) == [("Somalia", "SOM", "GOV")]


def test_a_pronoun_for_a_state_takes_the_sector_of_its_act(pipeline):
    text = "Azerbaijan said it had declared a ceasefire along the whole front line on Sunday."
    [truce] = events_of(pipeline, text, "RETREAT")
    assert sectors(truce.source) == [("it", "AZE", "MIL")]


def test_a_crowd_named_by_a_demonym_is_the_people(pipeline):
    text = "Tens of thousands of Georgians marched through Tbilisi on Saturday against the law."
    [march] = events_of(pipeline, text, "PROTEST")
    assert [a.sector for a in march.source] == ["CVL"]


def test_a_sector_the_knowledge_base_gives_is_kept(pipeline):
    # a capital standing for its government is GOV whatever the act
    text = "Moscow expelled two Estonian diplomats on Friday."
    [expulsion] = events_of(pipeline, text, "SANCTION")
    assert sectors(expulsion.source) == [("Moscow", "RUS", "GOV")]


def test_unnamed_people_attacked_are_civilians(pipeline):
    text = "Missiles struck residential districts of Kharkiv overnight, officials said."
    [strike] = events_of(pipeline, text, "ASSAULT")
    assert [a.sector for a in strike.target] == ["CVL"]


def test_the_rules_read_kind_type_and_mode():
    rules = load_ontology().open_sectors
    assert rules.sector("state", "source", "ASSAULT", None) == "MIL"
    assert rules.sector("state", "source", "ASSAULT", "targeted") == "GOV"
    assert rules.sector("state", "source", "RETREAT", "release") == "GOV"
    assert rules.sector("state", "target", "ASSAULT", None) == "GOV"
    assert rules.sector("state", "attributed_to", "ASSAULT", None) == "GOV"
    assert rules.sector("state", "source", "AGREE", None, people=True) == "CVL"
    assert rules.sector("group", "target", "ASSAULT", None) == "CVL"
    # an unnamed group keeps none where its role says nothing
    assert rules.sector("group", "target", "COERCE", None) is None
    assert rules.sector("person", "source", "ASSAULT", None) is None


@pytest.mark.parametrize(
    ("key", "sector"), [("ASSAULTS", "MIL"), ("ASSAULT/bombing", "MIL"), ("PROTEST", "CIV")]
)
def test_an_unknown_type_mode_or_sector_is_a_config_error(tmp_path, key, sector):
    raw = json.loads(data_path("plover", "ontology.v1", ".json").read_text(encoding="utf-8"))
    raw["open_sectors"]["state"]["source"][key] = sector
    broken = tmp_path / "ontology.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ConfigError, match="open_sectors"):
        load_ontology(str(broken))


def test_an_unknown_actor_kind_is_a_config_error(tmp_path):
    raw = json.loads(data_path("plover", "ontology.v1", ".json").read_text(encoding="utf-8"))
    raw["open_sectors"]["states"] = raw["open_sectors"].pop("state")
    broken = tmp_path / "ontology.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ConfigError, match="no actor kind"):
        load_ontology(str(broken))
