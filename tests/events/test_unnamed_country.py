"""Which country an unnamed recipient ("apartment buildings", "four residents") is in."""

import pytest

CASES = [
    # a place the event is set in, even one the small NER model does not tag
    ("Russian missiles struck apartment buildings in Kharkiv overnight.", "UKR"),
    # else where the story was filed
    ("KHARKIV, Ukraine, March 3 — Russian missiles struck apartment buildings overnight.", "UKR"),
    # else the article's most salient country
    ("Russian missiles struck apartment buildings overnight.", "RUS"),
]  # fmt: skip

OWNED = [
    # a named owner before the head beats the place and the story's country
    ("Egyptian jets pounded Islamic State positions near Derna.", "Islamic State positions", "ISM"),
    # a region the KB lists as a place of a country ("Crimea"), not the attacker's country
    ("Russian forces seized government buildings in Crimea on Thursday.",
     "government buildings", "UKR"),
    # a region adjective belongs to no one country: no country rather than the story's
    ("Russian hackers targeted European diplomats in Brussels.", "European diplomats", None),
    # "foreign" says the group is from elsewhere: not the setting's or the story's country
    ("Fiji's military ruler expelled several foreign journalists in Suva on Monday.",
     "several foreign journalists", None),
    ("Zimbabwe's information minister threatened to arrest foreign journalists.",
     "foreign journalists", None),
    # session 30: parties of several states ("creditors", "Gulf donors") are no one country's
    ("Malawi's finance minister urged creditors on Tuesday to accept a 30 percent cut.",
     "creditors", None),
    ("Kenya thanked Gulf donors for their support.", "Gulf donors", None),
    # session 37: migrants and refugees are not of the place they are found in
    ("Greek coastguards rescued 41 migrants off Lesbos on Monday.", "41 migrants", None),
    ("Britain began deporting asylum seekers to Rwanda.", "asylum seekers", None),
    # ... unless a word says whose they are (KB 2026.12.15: "Rohingya")
    ("Bangladeshi police detained 40 Rohingya refugees in Cox's Bazar.",
     "40 Rohingya refugees", "MMR"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "country"), CASES)
def test_unnamed_recipient_country(pipeline, text, country):
    events = [e for e in pipeline(text, date="2024-03-03").events if e.event_type == "ASSAULT"]
    assert [(t.text, t.country) for t in events[0].target] == [("apartment buildings", country)]


def test_untagged_town_is_the_event_location(pipeline):
    event = pipeline("Russian missiles struck apartment buildings in Kharkiv overnight.").events[0]
    assert event.location is not None and event.location.name == "Kharkiv"
    assert event.location.country == "UKR"


@pytest.mark.parametrize(("text", "span", "country"), OWNED)
def test_unnamed_recipient_owner(pipeline, text, span, country):
    events = pipeline(text, date="2024-03-03").events
    targets = [(t.text, t.country) for e in events for t in e.target if t.text.startswith(span)]
    assert [c for _, c in targets] == [country]


VICTIMS = [
    # an army's unnamed victims are not the army's own country when the story names another
    ("Ukraine's president appealed again for air defences. The Russian army said its missiles"
     " struck apartment buildings overnight.", "ASSAULT", "apartment buildings", "UKR"),
    # also when the victims are described and coreference gave them the story's country
    ("Ukraine's president appealed again for air defences. The Russian defence ministry said"
     " Russian artillery killed at least nine people overnight.", "ASSAULT",
     "at least nine people", "UKR"),
    # aid rarely goes to the giver's own people
    ("Turkey's president thanked foreign rescue teams on Monday. Japan delivered food to the"
     " survivors.", "AID", "the survivors", "TUR"),
    # police, agents and rebels act at home as often as abroad: the story's country stays
    ("Ukraine's president appealed again for air defences. Russian police detained two"
     " protesters in Moscow.", "COERCE", "two protesters", "RUS"),
    ("Saudi agents killed the dissident journalist inside the consulate in Istanbul, Turkish"
     " officials said.", "ASSAULT", "the dissident journalist", "SAU"),
]  # fmt: skip

BACKED = [
    # a backer hyphenated before the noun is not the group's country
    ("Russian-backed militiamen shelled the village of Pisky in eastern Ukraine.",
     "Russian-backed militiamen", "UKR"),
    ("Syrian troops and Iranian-trained fighters recaptured the town.",
     "Iranian-trained fighters", "SYR"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "country"), BACKED)
def test_backed_groups_take_the_story_country(pipeline, text, span, country):
    sources = [s for e in pipeline(text, date="2024-03-03").events for s in e.source]
    assert [(s.text, s.country) for s in sources if s.text == span] == [(span, country)]


@pytest.mark.parametrize(("text", "event_type", "span", "country"), VICTIMS)
def test_unnamed_victims_of_an_army(pipeline, text, event_type, span, country):
    events = [e for e in pipeline(text, date="2024-03-03").events if e.event_type == event_type]
    assert [(t.text, t.country) for t in events[0].target] == [(span, country)]


def test_foreign_office_is_the_story_country(pipeline):
    """ "foreign" in an office's name ("the foreign minister") is no group from elsewhere."""
    article = pipeline(
        "Fiji expelled two Australian journalists. The foreign minister accused them of bias.",
        date="2024-03-03",
    )
    found = {m.text: m.actor.country for m in article.mentions if m.actor is not None}
    assert found["The foreign minister"] == "FJI"


def test_the_two_governments_keep_their_countries(pipeline):
    """Session 30: "governments" names several states, but a counted pair is the group rule's."""
    text = "Tanzania and Uganda signed a pipeline deal, and the two governments thanked Burundi."
    thanks = [e for e in pipeline(text, date="2024-03-03").events if e.trigger.text == "thanked"]
    assert thanks and {a.country for a in thanks[0].source} == {"TZA", "UGA"}


HOME = [
    # session 38: what a state does mostly to its own people (an arrest, a release) gives an
    # unnamed recipient the doer's country, where only the story's salience gave another
    ("Under pressure from the Vatican, Nicaragua's government released 12 jailed priests.",
     "RETREAT", "12 jailed priests", "NIC"),
    ("Citing a tip from Washington, Turkish police detained 40 people in dawn raids.",
     "COERCE", "40 people", "TUR"),
]  # fmt: skip


def test_a_demonym_inside_a_place_name_gives_its_country(pipeline):
    """ "in the *Peruvian* Andes": the place the tagger marks is no state, its adjective is."""
    text = "Villagers in the Bolivian Andes blocked a highway to protest a Chinese-owned mine."
    sources = [s for e in pipeline(text, date="2024-03-03").events for s in e.source]
    assert sources and {s.country for s in sources if s.text == "Villagers"} == {"BOL"}


@pytest.mark.parametrize(("text", "event_type", "span", "country"), HOME)
def test_the_doers_own_people(pipeline, text, event_type, span, country):
    events = [e for e in pipeline(text, date="2024-03-03").events if e.event_type == event_type]
    assert [(t.text, t.country) for t in events[0].target] == [(span, country)]
