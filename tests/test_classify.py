"""Dyad classification (issue #3 §2) on pairs written for these tests."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from whimbrel.classify import _choose, classify_pairs, default_classifier
from whimbrel.errors import InputError


def pair(text, source, target, id="x"):
    s, t = text.index(source), text.index(target)
    return {"id": id, "text": text, "source": {"text": source, "start": s, "end": s + len(source)},
            "target": {"text": target, "start": t, "end": t + len(target)}}  # fmt: skip


@pytest.fixture(scope="module")
def classifier():
    return default_classifier()


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        (
            "Ghana sent emergency food aid to Burkina Faso on Monday.",
            "Ghana",
            "Burkina Faso",
            "AID",
        ),
        (
            "The Dutch foreign minister met his Belgian counterpart in Ghent.",
            "The Dutch foreign minister",
            "his Belgian counterpart",
            "CONSULT",
        ),
        (
            "Peru expelled two Bolivian diplomats accused of spying.",
            "Peru",
            "two Bolivian diplomats",
            "SANCTION",
        ),
        (
            "Rebels ambushed a Malian army convoy near Gao.",
            "Rebels",
            "a Malian army convoy",
            "ASSAULT",
        ),
        (
            "Norway condemned the arrest of the Iranian lawyer.",
            "Norway",
            "the Iranian lawyer",
            "ACCUSE",
        ),
        (
            "Serbia refused to recognise the new government in Pristina.",
            "Serbia",
            "the new government in Pristina",
            "REJECT",
        ),
    ],
)
def test_classify_pairs_finds_the_relation(classifier, text, source, target, expected):
    (result,) = classify_pairs([pair(text, source, target)], classifier)
    assert result["event_type"] == expected, result
    assert 0 < result["confidence"] <= 1 and result["quad"] in (1, 2, 3, 4)


def test_classify_pairs_no_event_is_null(classifier):
    (result,) = classify_pairs(
        [pair("The weather in Oslo and Stockholm was mild.", "Oslo", "Stockholm")], classifier
    )
    assert result["event_type"] is None and result["quad"] is None


def test_classify_promised_cooperation_is_agree(classifier):
    text = "Canada will send medical teams to Haiti next month."
    (result,) = classify_pairs([pair(text, "Canada", "Haiti")], classifier)
    assert result["event_type"] == "AGREE" and result["factuality"] == "future"


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        # a stated future conflictual act is a threat
        (
            "Lithuania said it will expel two Belarusian diplomats next week.",
            "Lithuania",
            "two Belarusian diplomats",
            "THREATEN",
        ),
        # a cooperative act refused or stated not to happen is a rejection
        ("Hungary has refused to send weapons to Ukraine.", "Hungary", "Ukraine", "REJECT"),
        (
            "The rebels said they will not begin talks with the government until May.",
            "The rebels",
            "the government",
            "REJECT",
        ),
        # a demand that others punish the target is, between the two, disapproval of it
        (
            "Estonia's foreign minister called for sanctions against Belarus over the border crisis.",
            "Estonia's foreign minister",
            "Belarus",
            "ACCUSE",
        ),
        (
            "Kenyan lawmakers urged the African Union to impose sanctions on Sudan's army.",
            "Kenyan lawmakers",
            "Sudan's army",
            "ACCUSE",
        ),
        # ... but the party asked to act is the request's own target
        (
            "Kenyan lawmakers urged the African Union to impose sanctions on Sudan's army.",
            "Kenyan lawmakers",
            "the African Union",
            "REQUEST",
        ),
    ],
)
def test_classify_reads_future_and_refused_acts_as_the_dyad_relation(
    classifier, text, source, target, expected
):
    (result,) = classify_pairs([pair(text, source, target)], classifier)
    assert result["event_type"] == expected, result


def test_classify_bad_record_is_an_input_error(classifier):
    bad = {
        "id": "b",
        "text": "Short.",
        "source": {"start": 0, "end": 99},
        "target": {"start": 0, "end": 2},
    }
    (result,) = classify_pairs([bad], classifier)
    assert isinstance(result, InputError)


def test_classify_cli_writes_jsonl_and_names_bad_lines(tmp_path):
    import whimbrel.serve.cli  # noqa: F401
    from whimbrel.serve.cli.app import app

    path = tmp_path / "pairs.jsonl"
    lines = [
        json.dumps(
            pair("Chile recalled its ambassador from Caracas.", "Chile", "Caracas", id="c1")
        ),
        "{oops",
    ]
    path.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["classify", str(path)])
    assert result.exit_code == 1
    assert "pairs.jsonl:2" in result.stderr
    (out,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["id"] == "c1" and out["event_type"] == "SANCTION"


class _SureEncoder:
    """A stand-in pair encoder with fixed probabilities (the real one is tested in
    tests/events/test_pair_encoder.py)."""

    def __init__(self, probs):
        self.probs = probs

    def predict(self, records, batch_size=16):
        return [dict(self.probs) for _ in records]

    def calibrated(self, p):
        return p


@pytest.mark.parametrize(
    ("probs", "expected"),
    [
        ({"SANCTION": 0.9, "ACCUSE": 0.05, "NONE": 0.05}, "SANCTION"),  # sure: it answers
        ({"SANCTION": 0.6, "ACCUSE": 0.3, "NONE": 0.1}, "ACCUSE"),  # unsure: the path word stays
        ({"NONE": 0.95, "SANCTION": 0.05}, "ACCUSE"),  # "no event" never overrules a word
    ],
)
def test_classify_path_word_gives_way_only_to_a_sure_encoder(monkeypatch, probs, expected):
    import whimbrel.classify as classify

    def vote(found, prediction):  # the pair is linked only by a lexicon word on its path
        return {"event_type": "ACCUSE", "mode": None, "quad": 3, "factuality": "asserted",
                "confidence": 0.4}, "vote"  # fmt: skip

    monkeypatch.setattr(classify, "answer", vote)
    monkeypatch.setattr(classify, "load_pair_encoder", lambda: _SureEncoder(probs))
    record = pair("Tokyo protested over the seizure of a Japanese trawler by Moscow.",
                  "Tokyo", "Moscow")  # fmt: skip
    (got,) = classify_pairs([record], default_classifier())
    assert got["event_type"] == expected


def test_classify_prefers_the_given_sources_act_when_one_role_fits():
    # the threat is the envoy's, towards Somalia; the cut ties are Nairobi's, towards
    # Mogadishu: with one role matching each, the given source's own act is the relation,
    # however the two events' confidences compare
    text = (
        "The Kenyan envoy threatened that if Somalia did not free the fishermen by Friday, "
        "Nairobi would cut all ties with Mogadishu."
    )
    coded = default_classifier()(text, date="2024-05-01").events  # every event, as classify
    sure = [e.model_copy(update={"confidence": 0.1 if e.event_type == "THREATEN" else 0.99})
            for e in coded]  # fmt: skip
    src = (0, len("The Kenyan envoy"))
    tgt = (text.index("Mogadishu"), text.index("Mogadishu") + len("Mogadishu"))
    event, fit = _choose(sure, src, tgt)
    assert event.event_type == "THREATEN" and fit == 0.5
