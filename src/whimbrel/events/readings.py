"""How an event reads as a dyad relation: the rule shared by ``whimbrel classify`` and its gold.

End to end, an event keeps its own type and carries its factuality ("will send aid" is AID,
future). A dyad answers a different question, what the source did to the target when the
text was written, and PLOVER's manual codes that differently (../docs/ontology.md): a stated
future cooperative act is the promise of it (AGREE); a stated future conflictual act is a
threat (THREATEN, in the mode of the act threatened); a cooperative act refused or stated not
to happen is a rejection (REJECT, in the mode of what was rejected); a demand that others
punish or act against the target ("called for sanctions against X") is, between the caller
and X, disapproval of X (ACCUSE), since the request itself is addressed to whoever would act
(annotation guidelines, parts 7–8). The pair classifier
applies this to the event it finds, and gold pairs made from the corpus apply it to the gold
event, so both sides of the pair evaluation answer the same question.
"""

from __future__ import annotations

#: Future cooperative types that read as AGREE.
PROMISABLE = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "CONSULT"})
#: Future conflictual types that read as THREATEN, with the THREATEN mode per the act's mode.
_THREATENABLE: dict[str, dict[str | None, str | None]] = {
    "ASSAULT": {None: "violence"},
    "COERCE": {
        "arrest": "arrest",
        "restrict": "restrict",
        "curfew": "restrict",
        "martial-law": "restrict",
        "deport": "expel",
        None: None,
    },
    "SANCTION": {"expel": "expel", "discontinue": "relations", None: None},
    "PROTEST": {None: None},
}
#: Negated cooperative types that read as REJECT, with the REJECT mode.
_REFUSABLE: dict[str, str | None] = {
    "AGREE": None, "SUPPORT": None, "CONSULT": "meet", "AID": "assist", "COOPERATE": "assist",
    "RETREAT": "yield", "CONCEDE": "yield",
}  # fmt: skip


def as_threat(event_type: str, mode: str | None) -> tuple[str, str | None] | None:
    """THREATEN and its mode for a conflictual act that is only threatened or vowed
    ("vowed to retaliate", "threatened to expel"); None for an act that is no threat."""
    if event_type not in _THREATENABLE:
        return None
    modes = _THREATENABLE[event_type]
    return "THREATEN", modes.get(mode, modes.get(None))


#: Acts that, when one side demands them against the other, read as disapproval of it.
_DEMANDED_AGAINST = frozenset({"SANCTION", "COERCE", "ASSAULT"})


def demanded_against(event_type: str, act_type: str | None) -> tuple[str, str] | None:
    """ACCUSE/disapprove for a REQUEST whose requested act (``act_type``) is punitive and aimed
    at the pair's target ("urged the EU to impose sanctions on *Minsk*"); None otherwise."""
    if event_type == "REQUEST" and act_type in _DEMANDED_AGAINST:
        return "ACCUSE", "disapprove"
    return None


def pair_reading(
    event_type: str, mode: str | None, factuality: str | None
) -> tuple[str, str | None]:
    """The type and mode a dyad reads as, given the linking event's type and factuality."""
    if factuality == "future" and event_type in PROMISABLE:
        return "AGREE", None
    threat = as_threat(event_type, mode) if factuality == "future" else None
    if threat is not None:
        return threat
    if factuality == "negated" and event_type in _REFUSABLE:
        return "REJECT", _REFUSABLE[event_type]
    return event_type, mode
