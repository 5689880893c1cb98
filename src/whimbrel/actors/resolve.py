"""Name resolution: from a noun phrase as written in the news to a PLOVER actor at a date.

The grammar is deliberately small and ordered (docs/knowledge-base.md lists the rules and the
hard cases); every step is a dictionary lookup on the normalised phrase or a split of it:

1. exact alias (countries, capitals and seats of government, organisations, people);
2. a person after honorifics, titles and country words ("Russian President Vladimir Putin");
3. <country or organisation> <head>, where the head is a title ("the Russian president"), or
   ends in a sector noun ("Russian special forces", "North Korea's foreign ministry");
4. <head> <connector> <owner> ("hackers tied to Pyongyang", "the president of France");
5. <owner>'s <head> where the owner is any actor ("Putin's government");
6. a bare title or sector noun, its country taken from the article context ("the regime").

A phrase whose head is not an actor noun ("Russian oil", "the Russian economy") gives None.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from whimbrel.actors.normalise import POSSESSIVE, normalise
from whimbrel.errors import InputError
from whimbrel.records import Actor

if TYPE_CHECKING:
    from whimbrel.actors.knowledge_base import KnowledgeBase

__all__ = ["parse_record", "resolve_names", "resolve_text"]

#: Words joining a head to its owner, longest first: "troops loyal to Assad".
CONNECTORS = (
    ("tied", "to"),
    ("linked", "to"),
    ("backed", "by"),
    ("loyal", "to"),
    ("allied", "with"),
    ("allied", "to"),
    ("close", "to"),
    ("working", "for"),
    ("belonging", "to"),
    ("based", "in"),
    ("of",),
    ("from",),
    ("for",),
    ("in",),
    ("at",),
)
#: Connectors that give a location, not an owner: the head's own country wins if it has one.
LOCATIVE = frozenset({("in",), ("at",), ("based", "in")})
#: Words allowed before a country word ("top Russian officials", "senior US diplomats").
LEADING = frozenset(
    [
        "top",
        "senior",
        "junior",
        "former",
        "ex",
        "then",
        "current",
        "new",
        "visiting",
        "unnamed",
        "anonymous",
        "local",
        "regional",
        "several",
        "many",
        "some",
        "two",
        "three",
        "four",
        "five",
        "dozens",
        "hundreds",
        "thousands",
        "armed",
        "rival",
        "exiled",
        "last",
        "first",
        "remaining",
        "suspected",
        "alleged",
    ]
)
#: Words that say a person is not the holder of the office named, and how a name puts it
FORMER = {"former": "former", "ex": "former", "late": "late"}
#: Words for someone standing in for an office: the KB's holder on the day is someone else, so
#: "Sri Lanka's acting president" is an unnamed office-holder of that country.
STANDING_IN = frozenset({"acting", "interim", "caretaker", "incoming", "transitional"})
_KOREAS = frozenset({"PRK", "KOR"})
_MAX_DEPTH = 2


def resolve_text(
    kb: KnowledgeBase, text: str, day: dt.date, context: Sequence[str]
) -> Actor | None:
    """Resolve *text* on *day* with *context* (ISO3 codes); see the module docstring."""
    if not text or not isinstance(text, str):
        return None
    ctx = tuple(c.upper() if c.upper() != "XKX" else "KOS" for c in context if isinstance(c, str))
    raw = text.strip()
    if raw[:4].lower() == "the ":
        raw = raw[4:].strip()
    hit = kb.cased.get(raw)
    if hit is not None:
        return kb.materialise(hit, day, ctx)
    return _resolve(kb, normalise(text), day, ctx, 0)


def _strip(kb: KnowledgeBase, norm: str) -> str:
    """Drop leading determiners and quantities, and a trailing possessive."""
    changed = True
    while changed and norm:
        changed = False
        for det in kb.determiners:
            if norm.startswith(det):
                stripped = norm[len(det) :]
                break
        else:
            head, _, stripped = norm.partition(" ")
            if not (stripped and head.isdigit()):
                break
        if _starts_with_name(kb, norm, 2) and not _starts_with_name(kb, stripped, 1):
            break  # "Group of Eight leaders" is not "eight leaders", "400 Mawozo" no gang
        norm, changed = stripped, True
    if norm.endswith(" " + POSSESSIVE) and norm not in kb.names:  # but "St. John's" stays
        norm = norm[: -len(POSSESSIVE) - 1]
    return norm


def _starts_with_name(kb: KnowledgeBase, norm: str, shortest: int) -> bool:
    """Whether *norm* opens with a name of at least *shortest* words. A determiner is kept
    when it opens a name and dropping it leaves none: "Group of Eight leaders" is not "eight
    leaders", but "the UN Security Council" is the "UN Security Council"."""
    words = norm.split()
    return any(" ".join(words[:k]) in kb.names for k in range(len(words), shortest - 1, -1))


def _resolve(
    kb: KnowledgeBase, norm: str, day: dt.date, ctx: tuple[str, ...], depth: int
) -> Actor | None:
    norm = _strip(kb, norm)
    if not norm or norm in kb.not_actors or norm == POSSESSIVE:
        return None
    hit = kb.names.get(norm)
    # "Congress" in a Peru story is Peru's, not the US Congress the name indexes
    if hit is not None and not (ctx and ctx[0] in kb.shared_names.get(norm, ())):
        return kb.materialise(hit, day, ctx)
    if norm in ("north", "south"):  # "the North" only means North Korea in a Korea story
        if ctx and ctx[0] in _KOREAS:
            return kb.state("PRK" if norm == "north" else "KOR")
        return None
    tokens = norm.split()
    if len(tokens) == 1:
        return _head(kb, tokens, None, day, ctx)
    return (
        _titled_person(kb, tokens, day, ctx)
        or _described_org(kb, tokens, day, ctx)
        or _prefixed(kb, tokens, day, ctx)
        or _connected(kb, tokens, day, ctx, depth)
        or _possessed(kb, tokens, day, ctx, depth)
        or _head(kb, tokens, None, day, ctx)
    )


def _titled_person(
    kb: KnowledgeBase, tokens: list[str], day: dt.date, ctx: tuple[str, ...]
) -> Actor | None:
    """ "President Putin", "Mr Putin", "North Korean leader Kim Jong Un", "Russia's Putin"."""
    for i in range(1, len(tokens)):
        hit = kb.names.get(" ".join(tokens[i:]))
        if hit is None or hit[0] != "person":
            continue
        if _titles_and_owners(kb, tokens[:i]):
            former = any(FORMER.get(t) == "former" for t in tokens[:i])
            return kb.materialise(hit, day, ctx, former=former)
    return None


#: Words that cannot stand in a description before an organisation's name.
_NOT_DESCRIPTORS = frozenset(
    {"of", "from", "for", "against", "with", "by", "to", "in", "at", "on", "and", "or",
     "who", "which", "that", POSSESSIVE}
)  # fmt: skip


def _described_org(
    kb: KnowledgeBase, tokens: list[str], day: dt.date, ctx: tuple[str, ...]
) -> Actor | None:
    """An organisation's name after words describing it: "the Lebanese militant group
    Hezbollah", "the paramilitary Rapid Support Forces", "the Islamist group Hamas". A
    country word among them must be the organisation's own: "the Iraqi Hezbollah" is
    another group."""
    for i in range(1, len(tokens)):
        hit = kb.names.get(" ".join(tokens[i:]))
        if hit is None or hit[0] != "org" or _NOT_DESCRIPTORS.intersection(tokens[:i]):
            continue
        if i == len(tokens) - 1 and _acronym(kb, hit[1], tokens[i]):
            continue  # "a six-point peace *plan*" is no PLA Navy: the case is lost here
        actor = kb.materialise(hit, day, ctx)
        if actor is None:
            return None
        states = [kb.names.get(w) for w in tokens[:i]]
        if any(h is not None and h[0] == "state" and h[1] != actor.country for h in states):
            return None
        return actor
    return None


def _acronym(kb: KnowledgeBase, org: int, word: str) -> bool:
    """Whether an organisation is called ``word`` only as an acronym ("PLAN", "UN"), which
    the normalised text cannot tell from the common word."""
    return any(a.lower() == word and a.isupper() for a in kb.orgs[org].get("aliases", ()))


def _titles_and_owners(kb: KnowledgeBase, words: list[str]) -> bool:
    """Whether the words before a person's name are titles and whole country or body names
    ("north korean leader", "russia 's"): "Asia Bibi" is no Bibi, though "asia" is a word of
    "south asia"."""
    run: list[str] = []
    for word in [*words, POSSESSIVE]:
        if word in kb.honorific_words or word == POSSESSIVE:
            if run and " ".join(run) not in kb.refs:
                return False
            run = []
        elif word in kb.ref_words:
            run.append(word)
        else:
            return False
    return True


def _prefixed(
    kb: KnowledgeBase, tokens: list[str], day: dt.date, ctx: tuple[str, ...]
) -> Actor | None:
    """<country/organisation> <head>, after optional leading modifiers ("top Russian officials")."""
    skip = 0
    while skip < len(tokens) - 1 and tokens[skip] in LEADING:
        skip += 1
    for start in (0, skip) if skip else (0,):
        if tokens[start] in ("pro", "anti"):  # an affiliation, not a nationality: "pro-Russian"
            return None
        for k in range(min(len(tokens) - start - 1, 6), 0, -1):
            jur = _owner_word(kb, " ".join(tokens[start : start + k]), day)
            if jur is None:
                continue
            rest = tokens[start + k :]
            if rest and rest[0] == POSSESSIVE:
                rest = rest[1:]
            if rest and rest[0] in kb.affiliations:
                # "Iran-backed Houthis": the head stands alone, and "Iran-backed militias"
                # take the story's country only when it is not the backer's; a state leads
                # what is its own ("the French-led naval mission", "the US-led coalition")
                others = tuple(c for c in ctx if c != jur)
                if rest[0] in kb.leading and jur in kb.countries:
                    others = (jur, *others)
                return _resolve(kb, " ".join(rest[1:]), day, others, _MAX_DEPTH)
            named = kb.names.get(" ".join(rest))  # "the German Bundestag"
            if named is not None and named[0] == "org" and kb.orgs[named[1]]["country"] == jur:
                return kb.org(named[1])
            qualifier = FORMER.get(tokens[0], "") if start > 0 else ""
            found = _head(kb, rest, jur, day, ctx, qualifier=qualifier)
            if found is not None:
                return found
    return None


def _owner_word(kb: KnowledgeBase, text: str, day: dt.date) -> str | None:
    """The jurisdiction a modifier names: a country or organisation word, or a person's country
    ("the Biden administration", "Putin loyalists")."""
    jur = kb.refs.get(text)
    if jur is None:
        hit = kb.names.get(text)
        if hit is not None and hit[0] == "person":
            country = kb.person(kb.pick_person(hit[1], day, ()), day).country
            jur = country if country in kb.countries else None
    return jur


def _connected(
    kb: KnowledgeBase, tokens: list[str], day: dt.date, ctx: tuple[str, ...], depth: int
) -> Actor | None:
    """<head> <connector> <owner>: "hackers tied to Pyongyang", "the president of France"."""
    if depth >= _MAX_DEPTH:
        return None
    for conn in CONNECTORS:
        n = len(conn)
        for i in range(1, len(tokens) - n):
            if tuple(tokens[i : i + n]) != conn:
                continue
            head, owner = tokens[:i], tokens[i + n :]
            if conn in LOCATIVE:
                alone = _resolve(kb, " ".join(head), day, (), depth + 1)
                if alone is not None and alone.country is not None:
                    return alone
                if kb.unowned_in(head):  # "European diplomats in Brussels" are not Belgian
                    return None
            jur = _jurisdiction(kb, owner, day, ctx, depth)
            if jur is not None:
                found = _head(kb, head, jur, day, ctx)
                if found is not None:
                    return found
    return None


def _possessed(
    kb: KnowledgeBase, tokens: list[str], day: dt.date, ctx: tuple[str, ...], depth: int
) -> Actor | None:
    """<owner>'s <head> where the owner is a person or any other actor: "Putin's government"."""
    if POSSESSIVE not in tokens or depth >= _MAX_DEPTH:
        return None
    i = len(tokens) - 1 - tokens[::-1].index(POSSESSIVE)
    jur = _jurisdiction(kb, tokens[:i], day, ctx, depth)
    return _head(kb, tokens[i + 1 :], jur, day, ctx) if jur else None


def _jurisdiction(
    kb: KnowledgeBase, owner: list[str], day: dt.date, ctx: tuple[str, ...], depth: int
) -> str | None:
    """The country or organisation that *owner* names, directly or through any actor."""
    text = _strip(kb, " ".join(owner))
    jur = kb.refs.get(text)
    if jur is not None:
        return jur
    actor = _resolve(kb, text, day, ctx, depth + 1)
    if actor is None or actor.country is None:
        return None
    return actor.country if actor.country in kb.countries else None


def _head(
    kb: KnowledgeBase,
    tokens: list[str],
    jur: str | None,
    day: dt.date,
    ctx: tuple[str, ...],
    *,
    qualifier: str = "",
) -> Actor | None:
    """A title or a phrase ending in a sector noun, owned by *jur* or else by the context;
    *qualifier* says the person is not the holder ("former", "late", "acting")."""
    if not tokens:
        return None
    if tokens[0] in FORMER:
        tokens, qualifier = tokens[1:], FORMER[tokens[0]]
    elif tokens[0] in STANDING_IN and len(tokens) > 1:
        tokens, qualifier = tokens[1:], tokens[0]
    phrase = " ".join(tokens)
    title = kb.titles.get(phrase)
    if title is not None:
        return _title(kb, phrase, title, jur, day, ctx, qualifier)
    for k in range(min(len(tokens), 5), 0, -1):  # longest suffix that is a sector noun
        noun = " ".join(tokens[-k:])
        entry = kb.nouns.get(noun)
        if entry is None and (noun := _singular(noun)):
            entry = kb.nouns.get(noun)  # "navies", "armies": the list holds the singular
        if entry is None:
            continue
        # "rights groups" are NGO and "jihadists" ISM wherever they act; "European diplomats"
        # and "Western governments" belong to no one country, so the story's does not fill in
        mods = tokens[:-k]
        fill = entry["context"] and not kb.unowned_in(mods)
        # "Iran-backed militias" in an Iran story are not Iran's: skip the backer's country
        backers = {_owner_word(kb, mods[j - 1], day) for j in range(1, len(mods))
                   if mods[j] in kb.affiliations}  # fmt: skip
        filled = next((c for c in ctx if c not in backers), None) if fill else None
        owner = jur or entry.get("code") or filled
        return kb.generic(owner, noun, entry) if owner else None
    return None


def _singular(noun: str) -> str:
    """A plural's singular when it is regular enough to guess ("navies" -> "navy",
    "juntas" -> "junta"); empty when the word does not look plural."""
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return ""


def _title(
    kb: KnowledgeBase,
    phrase: str,
    title: dict[str, Any],
    jur: str | None,
    day: dt.date,
    ctx: tuple[str, ...],
    qualifier: str,
) -> Actor | None:
    """The holder of a titled office on *day*; an unnamed office-holder when nobody is known or
    the phrase says the person is not the holder ("former", "acting": *qualifier*)."""
    owner = jur or title.get("default_jurisdiction") or (ctx[0] if ctx else None)
    if owner is None:
        return None
    keys = title["keys"]
    if keys == ["@exec"]:
        c = kb.countries.get(owner)
        keys = c["exec_roles"] if c else ["leader", "secretary_general", "president"]
    if not qualifier:
        for key in keys:
            found = kb.holder(owner, key, day)
            if found is not None:
                office, idx = found
                return kb.person(idx, day, office)
    sector = "MIL" if keys == ["military_chief"] else "GOV"
    if qualifier == "former":  # "Kenya's former prime minister": out of office, an elite
        sector = "ELI"
    name = f"{kb.adjective(owner)} {phrase}"
    ident = f"wb:office:{owner}-{'-'.join(phrase.split())}"
    name = f"{qualifier} {name}" if qualifier else name
    return Actor(name=name, id=ident, country=kb.code_of(owner), sector=sector, kind="person")


# -- batch interface used by ``whimbrel resolve`` ------------------------------------------------


def parse_record(line: str, *, source: str, number: int) -> dict[str, Any]:
    """Read one JSONL request line ``{"id", "text", "date"?, "context"?}``; InputError if bad."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg})", source=source, line=number) from exc
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise InputError('expected an object with a string "text"', source=source, line=number)
    date = rec.get("date")
    if date is not None:
        try:
            rec["date"] = dt.date.fromisoformat(str(date)[:10])
        except ValueError as exc:
            raise InputError(f"bad date {date!r}", source=source, line=number) from exc
    context = rec.get("context") or []
    if isinstance(context, str):
        context = [context]
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise InputError('"context" must be a list of ISO3 codes', source=source, line=number)
    rec["context"] = context
    return rec


def resolve_names(records: Iterable[dict[str, Any]], kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """Resolve request records (``id``, ``text``, optional ``date`` and ``context``) in order."""
    for rec in records:
        actor = kb.resolve(rec["text"], rec.get("date"), rec.get("context") or ())
        yield {
            "id": rec.get("id"),
            "text": rec["text"],
            "actor": actor.model_dump() if actor else None,
        }
