"""Whose country an unnamed phrase belongs to, read off the words around its head.

"*Hamas* security compounds", "fighters *of the Islamic State*", "the hotel *in Mogadishu*":
an actor the knowledge base cannot resolve as a whole often carries its owner in a modifier,
an "of" phrase or a place. ``events.extract`` asks these in turn for targets that are not
named actors; a backer before a hyphen ("*Iran*-backed militias") is never the owner.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from whimbrel.events.location import locate
from whimbrel.events.slots import prep_objects


def owner_country(span: Any, head: Any, kb: Any, date: Any) -> str | None:
    """The country of a named actor that modifies the head of a phrase: "*Islamic State*
    positions" (ISM), "*Hamas* security compounds" (PSE); not a place after it."""
    before = span[: head.i - span.start]
    # a place name the head ends owns nothing: "*Banda* Aceh" is a town, not Joyce Banda's
    first = head.i
    while head.pos_ == "PROPN" and first > span.start and head.doc[first - 1].pos_ == "PROPN":
        first -= 1
    if first < head.i and locate(head.doc[first : head.i + 1].text) is not None:
        before = span[: first - span.start]
    # the whole modifier first: the small model splits "Islamic State" into NORP + ORG
    names = [before.text] if len(before) else []
    names += [e.text for e in before.ents if e.label_ in ("ORG", "NORP", "GPE", "PERSON")]
    return _first_country(names, kb, date)


def _first_country(names: Any, kb: Any, date: Any) -> str | None:
    """The country of the first of ``names`` the KB resolves to an actor that has one."""
    for name in names:
        actor = kb.resolve(name, date)
        if actor is not None and actor.country:
            return str(actor.country)
    return None


#: Heads whose "of" phrase names the body they belong to ("fighters *of Islamic State*"), not
#: what they stand against ("critics *of Beijing*").
_MEMBERS = frozenset({"fighter", "member", "militant", "soldier", "supporter", "officer", "official", "leader", "commander", "troop", "unit", "force", "wing", "branch", "delegation", "envoy", "representative", "staff", "employee", "activist", "cell", "faction", "loyalist", "agent", "operative", "gunman"})  # fmt: skip


def member_country(head: Any, kb: Any, date: Any) -> str | None:
    """The country of the named body an "of" phrase gives members of: "*Fighters* of the
    Islamic State's Sahel branch" are ISM wherever they fight."""
    if head.lemma_.lower() not in _MEMBERS:
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            doc = head.doc
            span = doc[obj.left_edge.i : obj.right_edge.i + 1]
            names = [
                e.text
                for e in span.ents
                if e.label_ in ("ORG", "NORP", "GPE", "PERSON")
                # "an *Iran*-backed militia": the backer is not the body
                and not kb.backs(e)
            ]
            # "the Islamic State's Sahel branch": the body whose branch it is
            owners = [doc[p.left_edge.i : p.i + 1].text for p in obj.children if p.dep_ == "poss"]
            country = _first_country([*names, *owners, span.text], kb, date)
            if country:
                return country
    return None


def author_country(head: Any, kb: Any, date: Any) -> str | None:
    """The country of whoever a "by" phrase says made the thing a phrase names: "a ruling
    *by the International Court of Justice*" (UNO), "an estimate *by The Economist*"."""
    for obj in prep_objects(head, "by"):
        span = head.doc[obj.left_edge.i : obj.right_edge.i + 1]
        country = _first_country(dict.fromkeys([span.text, *(e.text for e in span.ents)]), kb, date)
        if country:
            return country
    return None


def past_sponsors(kb: Any, span: Any) -> Any:
    """The phrase after its last backer modifier: in "Iran-backed militias" or
    "Iranian-made drones" the name before the hyphen is a backer or maker, not the owner."""
    cut = 0
    for k, tok in enumerate(span):
        if k > 0 and kb.affiliation_at(tok):
            cut = k + 1
    return span[cut:]


#: Nouns a place name modifies to name a region ("the Kyiv region", "Idlib province").
_REGIONS = frozenset({"region", "province", "district", "oblast", "governorate", "area"})


def place_country(span: Any, kb: Any, date: Any, near: Collection[str] = ()) -> str | None:
    """The country of the first place named inside a phrase ("the hotel in Mogadishu");
    ``near``: the states the article names, for towns several countries have."""
    for ent in span.ents:
        actor = kb.resolve(ent.text, date)
        if (
            actor is not None
            and actor.country
            and (ent.label_ in ("GPE", "LOC", "NORP") or actor.kind == "state")
        ):
            return str(actor.country)
        if actor is not None and actor.kind == "organisation":
            continue  # "the *UN* office" is no town called Un
        place = locate(ent.text, near)  # a city the KB has no actor for ("districts of Hama")
        if place is not None and place.country:
            return str(place.country)
        region = kb.place_country(ent.text)  # a region the KB lists ("Crimea", "Darfur")
        if region is not None:
            return region
        # "central Mali", "eastern Congo": the head word, when it names a state; the small
        # model sometimes tags a country as a person ("in central Mali"). Not any name the
        # head word is ("*Banda* Aceh" is no Malawian president)
        head = kb.resolve(ent.root.text, date) if ent.root.text != ent.text else None
        if head is not None and head.kind == "state" and head.country:
            return str(head.country)
    for tok in span:
        # a town the small model did not tag, or tagged as an adjective naming a region
        # ("the entire *Kyiv* region"; not "*Federal* police")
        named_region = tok.is_title and not tok.is_sent_start and tok.head.lemma_ in _REGIONS
        if (tok.pos_ == "PROPN" or named_region) and not tok.ent_type_:
            place = locate(tok.text, near)
            if place is not None and place.country:
                return str(place.country)
    return None
