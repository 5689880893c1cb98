"""The pair encoder (MiniLM + whimbrel's adapters) and how ``whimbrel classify`` uses it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from whimbrel.events.pair_encoder import mark

ROOT = Path(__file__).resolve().parents[2]


def pair(text, source, target, id="x"):
    s, t = text.index(source), text.index(target)
    return {"id": id, "text": text, "source": {"text": source, "start": s, "end": s + len(source)},
            "target": {"text": target, "start": t, "end": t + len(target)}}  # fmt: skip


def test_mark_wraps_both_spans_and_points_at_the_opening_markers():
    text = "Peru expelled two Bolivian diplomats."
    marked, s, t = mark(text, (0, 4), (14, 36))
    assert marked == " @ Peru @  expelled  # two Bolivian diplomats # ."
    assert marked[s] == "@" and marked[t] == "#"
    assert marked[s + 2 : s + 6] == "Peru"


def test_mark_finds_its_markers_by_offset_not_by_character():
    # the sentence's own '#' and '@' come first; the offsets still name the inserted ones
    text = "#StandWithKyiv @ministry: Poland sent tanks to Ukraine."
    src, tgt = text.index("Poland"), text.index("Ukraine")
    marked, s, t = mark(text, (src, src + 6), (tgt, tgt + 7))
    assert marked[s : s + 8] == "@ Poland" and marked[t : t + 9] == "# Ukraine"


def test_mark_target_before_source():
    text = "Ukraine was shelled by Russia."
    marked, s, t = mark(text, (23, 29), (0, 7))
    assert t < s and marked[t : t + 9] == "# Ukraine" and marked[s : s + 8] == "@ Russia"


def test_mark_closes_one_span_before_opening_the_next_at_the_same_offset():
    text = "Kyiv-Moscow talks"
    marked, s, t = mark(text, (0, 4), (4, 11))
    assert marked == " @ Kyiv @  # -Moscow #  talks"
    assert (marked[s], marked[t]) == ("@", "#") and s < t


def test_without_torch_the_encoder_is_off_and_classify_still_answers(monkeypatch):
    import whimbrel.events.pair_encoder as pe
    from whimbrel.classify import classify_pairs, default_classifier

    monkeypatch.setitem(sys.modules, "torch", None)  # import torch now raises ImportError
    pe.load_pair_encoder.cache_clear()
    try:
        assert pe.load_pair_encoder() is None
        record = pair("The weather in Oslo and Stockholm was mild.", "Oslo", "Stockholm")
        (result,) = classify_pairs([record], default_classifier())
        assert result["event_type"] is None
    finally:
        pe.load_pair_encoder.cache_clear()


#: The tests below need torch (whimbrel[encoder]); the ones above run without it.
needs_torch = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None, reason="the pair encoder needs whimbrel[encoder]"
)


@pytest.fixture(scope="module")
def encoder():
    pytest.importorskip("torch", reason="the pair encoder needs whimbrel[encoder]")
    from whimbrel.events.pair_encoder import load_pair_encoder

    model = load_pair_encoder()
    assert model is not None, "the shipped pair encoder did not load"
    return model


def test_encode_puts_marker_positions_on_the_marker_tokens(encoder):
    from whimbrel.events.pair_encoder import encode

    records = [pair("Ghana sent food aid to Burkina Faso.", "Ghana", "Burkina Faso"),
               pair("#News: Chile recalled its envoy from Peru.", "Chile", "Peru")]  # fmt: skip
    batch, s, t = encode(encoder.tokenizer, records)
    for row in range(2):
        ids = batch["input_ids"][row]
        assert encoder.tokenizer.convert_ids_to_tokens([ids[s[row]], ids[t[row]]]) == ["@", "#"]


def test_shipped_encoder_scores_every_type_and_no_event(encoder):
    from whimbrel.records import EVENT_TYPES

    (probs,) = encoder.predict(
        [pair("Ghana sent food aid to Burkina Faso.", "Ghana", "Burkina Faso")]
    )
    assert set(probs) == {*EVENT_TYPES, "NONE"}
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-4)
    assert 0.0 < encoder.calibrated(max(probs.values())) < 1.0


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("Cuban doctors have staffed clinics across rural Angola since the 1970s.",
         "Cuban doctors", "rural Angola", "AID"),
        # the route only: since session 16 the encoder reads this as AID (0.48) over ASSAULT
        # (0.42), drones being what Iran sends in many train sentences (docs/ACCURACY.md)
        ("Iranian drones have rained on Ukrainian cities all winter.",
         "Iranian drones", "Ukrainian cities", ...),
        ("The weather in Oslo and Stockholm was mild.", "Oslo", "Stockholm", None),
    ],
)  # fmt: skip
def test_classify_asks_the_encoder_where_no_rule_links_the_pair(
    encoder, text, source, target, expected
):
    from whimbrel.classify import classify_pairs, default_classifier

    pipeline = default_classifier()
    record = pair(text, source, target)
    # no lexicon row links these two: the rules alone have no answer
    (rules,) = classify_pairs([record], pipeline, encoder=False)
    assert rules["event_type"] is None
    (mixed,) = classify_pairs([record], pipeline)
    (probs,) = encoder.predict([record])
    top = max(probs, key=probs.__getitem__)
    assert mixed["event_type"] == (None if top == "NONE" else top)  # the encoder answered
    if expected is not ...:
        assert top == (expected or "NONE")
    if mixed["event_type"]:
        assert 0 < mixed["confidence"] < 1 and mixed["quad"] in (1, 2, 3, 4)


def test_classify_keeps_the_rules_answer_where_an_event_links_the_pair(encoder):
    from whimbrel.classify import classify_pairs, default_classifier

    pipeline = default_classifier()
    coded = pair(
        "Ghana sent emergency food aid to Burkina Faso on Monday.", "Ghana", "Burkina Faso"
    )
    (with_encoder,) = classify_pairs([coded], pipeline)
    (without,) = classify_pairs([coded], pipeline, encoder=False)
    assert with_encoder == without and with_encoder["event_type"] == "AID"


@needs_torch
def test_training_tool_writes_a_model_that_loads(tmp_path):
    from safetensors.torch import load_file

    from whimbrel.events.pair_encoder import PairEncoder, model_files

    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "train_encoder.py"), "--limit", "24",
         "--epochs", "1", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    meta_path, weights_path = model_files(tmp_path)
    import json

    meta = json.loads(meta_path.read_text())
    assert meta["types"][-1] == "NONE" and len(meta["calibration"]) == 2
    model = PairEncoder(meta, load_file(str(weights_path)))
    (probs,) = model.predict([pair("Chile recalled its envoy from Peru.", "Chile", "Peru")])
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-4)


def _sweep_tool():
    spec = importlib.util.spec_from_file_location(
        "sweep_encoder", ROOT / "tools" / "sweep_encoder.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sweep_macro_f1_over_the_labels_gold_uses():
    # AID: tp 1, fp 1, fn 0 -> 2/3; ACCUSE: tp 1, fp 0, fn 1 -> 2/3; NONE never in gold
    gold = ["AID", "ACCUSE", "ACCUSE"]
    guess = ["AID", "ACCUSE", "AID"]
    assert _sweep_tool().macro_f1(gold, guess, ["AID", "ACCUSE", "NONE"]) == pytest.approx(
        0.6667, abs=1e-4
    )


@needs_torch
def test_sweep_packs_only_the_vocabulary_rows_its_pairs_use(tmp_path):
    import json

    import torch
    from safetensors.torch import load_file
    from transformers import AutoTokenizer

    from whimbrel.events.pair_encoder import base_model_dir

    tool = _sweep_tool()
    one = pair("Chile recalled its envoy from Peru.", "Chile", "Peru")
    bundle = {"types": ["RETREAT", "NONE"], "events": [one], "none": [], "dev": [one],
              "dev_none": []}  # fmt: skip
    (tmp_path / "bundle.json").write_text(json.dumps(bundle))
    tool.pack(tmp_path, preset=0)
    rebuilt = tool.unpack(tmp_path, tmp_path / "base")
    table = load_file(str(rebuilt / "model.safetensors"))[tool.EMBEDDINGS]
    original = load_file(str(base_model_dir() / "model.safetensors"))[tool.EMBEDDINGS]
    used = AutoTokenizer.from_pretrained(str(rebuilt))(mark(one["text"], (0, 5), (30, 34))[0])
    ids = torch.tensor(used["input_ids"])
    assert table.shape == original.shape
    assert torch.equal(table[ids], original[ids])  # every row the pair reads is the original
    assert int((table.abs().sum(1) > 0).sum()) < 200  # the rest of the vocabulary is zeros
