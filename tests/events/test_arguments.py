"""Argument models: candidates, features, scoring, and what the recipient model adds."""

import math

import pytest
import spacy
from spacy.tokens import Doc

import whimbrel
from whimbrel.events.arguments import (
    ArgumentModel,
    argument_features,
    candidates,
    load_argument_model,
)
from whimbrel.events.slots import tree_path

VOCAB = spacy.blank("en").vocab


def rejected_claim() -> Doc:
    """Chile rejected Peru 's claim on Tuesday (a hand-built parse)."""
    words = ["Chile", "rejected", "Peru", "'s", "claim", "on", "Tuesday"]
    return Doc(
        VOCAB,
        words=words,
        heads=[1, 1, 4, 2, 1, 1, 5],
        deps=["nsubj", "ROOT", "poss", "case", "dobj", "prep", "pobj"],
        pos=["PROPN", "VERB", "PROPN", "PART", "NOUN", "ADP", "PROPN"],
        tags=["NNP", "VBD", "NNP", "POS", "NN", "IN", "NNP"],
        lemmas=["Chile", "reject", "Peru", "'s", "claim", "on", "Tuesday"],
        ents=["B-GPE", "O", "B-GPE", "O", "O", "O", "B-DATE"],
        sent_starts=[True] + [False] * 6,
    )


def test_tree_path_climbs_from_each_token_to_where_they_meet():
    doc = rejected_claim()
    lca, up, down = tree_path(doc[1], doc[2])
    assert lca.i == 1 and up == [] and [t.text for t in down] == ["Peru", "claim"]
    lca, up, down = tree_path(doc[2], doc[0])
    assert (
        lca.i == 1
        and [t.text for t in up] == ["Peru", "claim"]
        and [t.text for t in down] == ["Chile"]
    )


def test_candidates_leave_out_trigger_source_dates_and_function_words():
    doc = rejected_claim()
    found = [t.text for t in candidates(doc[1], exclude={0}, actor_at={0: 0, 2: 1})]
    assert found == ["Peru", "claim"]  # not Chile (source), 's, on, Tuesday (a date)


def test_features_name_the_path_from_trigger_to_candidate():
    doc = rejected_claim()
    feats = argument_features(doc[1], doc[2], "REJECT", "2", "kb", is_event_noun=False)
    assert feats["path=|dobjvposs"] == 1.0
    assert feats["last2=poss<dobj"] == 1.0
    assert feats["head=claim|last=poss"] == 1.0
    assert feats["actor=kb|last=poss"] == 1.0
    assert feats["side=after"] == 1.0 and feats["bias"] == 1.0


def test_model_probability_is_the_logistic_of_the_weighted_sum():
    model = ArgumentModel(version="t", weights={"bias": -1.0, "a": 3.0}, threshold=0.5)
    assert model.probability({"bias": 1.0, "a": 1.0}) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert model.probability({"bias": 1.0, "unknown": 1.0}) == pytest.approx(1 / (1 + math.e))
    # extreme sums do not overflow
    assert model.probability({"a": 1e6}) == pytest.approx(1.0)


def test_shipped_model_loads_and_a_missing_one_is_none():
    model = load_argument_model()
    assert model is not None and model.threshold == 0.5 and len(model.weights) > 100
    assert load_argument_model("no-such-model") is None


CASES = [
    # the author of the act condemned is its recipient
    ("Kenya's president condemned the raid by Somali militants on a border village.",
     "ACCUSE", "Somali militants", "SOM"),
    # a demonym on the thing refused names who made it ("a Bolivian *demand*" is now coded as
    # the REQUEST the refusal answers, which names the target without the model)
    ("Chile dismissed the Bolivian claim to access to the sea.", "REJECT", "Bolivian", "BOL"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event_type", "target", "country"), CASES)
def test_model_names_the_recipient_the_slots_miss(pipeline, text, event_type, target, country):
    events = [e for e in pipeline(text, date="2024-05-02").events if e.event_type == event_type]
    assert [(t.text, t.country) for t in events[0].target] == [(target, country)]
    without = whimbrel.load_pipeline(**{"events.extract.recipient": ""})
    events = [e for e in without(text, date="2024-05-02").events if e.event_type == event_type]
    assert events[0].target == []


def test_argument_log_records_each_decision(pipeline):
    extract = next(s for s in pipeline.stages if s.name == "events.extract")
    extract.argument_log = []
    try:
        pipeline("Chile dismissed a Bolivian demand for access to the sea.", date="2024-05-02")
        (role, _article, trigger, scored) = extract.argument_log[0]
    finally:
        extract.argument_log = None
    assert (role, trigger.text) == ("target", "dismissed")
    assert "Bolivian" in [tok.text for tok, _ in scored]
    assert all("bias" in feats for _, feats in scored)
