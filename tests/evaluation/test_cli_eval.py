"""``whimbrel eval`` through typer's CliRunner, scoring small files written here."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import whimbrel.serve.cli  # noqa: F401  (registers the commands)
from whimbrel.serve.cli.app import app

SPAN_S = {"text": "Chad", "start": 0, "end": 4}
SPAN_T = {"text": "Niger", "start": 14, "end": 19}
TEXT = "Chad attacked Niger."

PAIR_GOLD = [
    {"id": "a", "text": TEXT, "source": SPAN_S, "target": SPAN_T, "event_type": "ASSAULT",
     "event_type_candidates": ["ASSAULT"]},
    {"id": "b", "text": TEXT, "source": SPAN_S, "target": SPAN_T, "event_type": None,
     "event_type_candidates": ["CONCEDE", "RETREAT"]},
    {"id": "c", "text": TEXT, "source": SPAN_S, "target": SPAN_T, "event_type": "ACCUSE",
     "event_type_candidates": ["ACCUSE"]},
]  # fmt: skip
PAIR_PRED = [
    {"id": "a", "event_type": "ASSAULT", "mode": None, "quad": 4, "factuality": "asserted",
     "confidence": 0.9},
    {"id": "b", "event_type": "RETREAT", "mode": None, "quad": 2, "factuality": "asserted",
     "confidence": 0.7},
    {"id": "c", "event_type": None, "mode": None, "quad": None, "factuality": None,
     "confidence": 0.2},
]  # fmt: skip


def actor(span, country):
    return {**span, "country": country, "sector": "GOV"}


E2E_GOLD = [
    {"id": "s1", "text": TEXT, "date": "2024-06-18", "events": [
        {"event_type": "ASSAULT", "mode": None, "trigger": {"text": "attacked", "start": 5, "end": 13},
         "source": [actor(SPAN_S, "TCD")], "target": [actor(SPAN_T, "NER")],
         "factuality": "asserted", "attributed_to": None, "date": None}]},
    {"id": "s2", "text": "It rained.", "date": "2024-06-18", "events": []},
]  # fmt: skip
E2E_PRED = [
    {"id": "s1", "events": [
        {"event_type": "ASSAULT", "source": [actor(SPAN_S, "TCD")],
         "target": [actor(SPAN_T, "NGA")], "factuality": "asserted", "confidence": 0.8}]},
    {"id": "s2", "events": []},
]  # fmt: skip


def write_jsonl(path, rows, extra_lines=()):
    lines = [json.dumps(r) for r in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def pair_files(tmp_path):
    return (
        write_jsonl(tmp_path / "gold.jsonl", PAIR_GOLD),
        write_jsonl(tmp_path / "pred.jsonl", PAIR_PRED),
    )


def test_pair_json_report(runner, pair_files):
    gold, pred = pair_files
    result = runner.invoke(
        app, ["eval", gold, "--mode", "pair", "--predictions", pred, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {
        "gold", "predictions", "mode", "n", "classes", "merged_classes", "accuracy",
        "per_class", "macro_f1", "macro_precision", "macro_recall", "quad", "coop_conflict",
        "factuality", "confusion", "calibration", "counts",
    }  # fmt: skip
    assert report["mode"] == "pair" and report["gold"] == gold
    # ASSAULT 1/1, CONCEDE/RETREAT 1/1, ACCUSE missed (null) -> macro (1 + 1 + 0) / 3
    assert report["classes"] == ["CONCEDE/RETREAT", "ACCUSE", "ASSAULT"]
    assert report["macro_f1"] == 0.6667
    assert report["accuracy"] == 0.6667
    assert report["per_class"]["ACCUSE"] == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1, "predicted": 0, "tp": 0,
    }  # fmt: skip
    # quads: (4,4) (2,2) (3,None) -> 1, 1, 0 over three quads
    assert report["quad"]["macro_f1"] == 0.6667
    # ECE: bins .9 (right) .7 (right) .2 (wrong) -> (.1 + .3 + .2) / 3 = 0.2
    assert report["calibration"]["ece"] == 0.2
    assert set(report["calibration"]["bins"][0]) == {
        "lower",
        "upper",
        "n",
        "accuracy",
        "confidence",
    }
    assert report["confusion"]["labels"][-1] == "NONE"


def test_pair_table_report(runner, pair_files, tmp_path):
    gold, pred = pair_files
    result = runner.invoke(app, ["eval", gold, "-m", "pair", "-p", pred])
    assert result.exit_code == 0, result.output
    for text in ("macro-F1 (3 types)", "0.667", "CONCEDE/RETREAT", "confusion", "calibration"):
        assert text in result.stdout
    out = tmp_path / "report.json"
    result = runner.invoke(
        app, ["eval", gold, "-m", "pair", "-p", pred, "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["macro_f1"] == 0.6667


def test_e2e_json_report(runner, tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", E2E_GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", E2E_PRED)
    result = runner.invoke(app, ["eval", gold, "--mode", "e2e", "-p", pred, "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {
        "gold", "predictions", "mode", "classes", "per_class", "macro_f1", "macro_precision",
        "macro_recall", "micro", "detection", "quad", "coop_conflict", "country", "sector",
        "factuality", "mode_accuracy", "confusion", "calibration", "counts",
    }  # fmt: skip
    assert report["macro_f1"] == 1.0
    assert report["country"]["source"] == {"accuracy": 1.0, "n": 1}
    assert report["country"]["target"] == {"accuracy": 0.0, "n": 1}  # NGA is not NER
    assert report["calibration"]["ece"] == 0.2  # one right prediction at 0.8
    assert report["counts"]["no_event_records"] == 1
    assert report["counts"]["no_event_records_with_false_positives"] == 0


def test_bad_gold_lines_are_named_skipped_and_exit_1(runner, tmp_path):
    gold = write_jsonl(
        tmp_path / "gold.jsonl", E2E_GOLD[:1], ["{not json", json.dumps({"id": "s9", "text": "x"})]
    )
    pred = write_jsonl(tmp_path / "pred.jsonl", E2E_PRED)
    result = runner.invoke(app, ["eval", gold, "--mode", "e2e", "-p", pred, "-f", "json"])
    assert result.exit_code == 1
    assert f"{gold}:2: not JSON" in result.stderr
    assert f"{gold}:3: missing 'events'" in result.stderr
    report = json.loads(result.stdout)  # the good lines are still scored
    assert report["counts"]["records"] == 1 and report["counts"]["unknown_records"] == 1


def test_bad_prediction_lines_exit_1(runner, pair_files, tmp_path):
    gold, _ = pair_files
    pred = write_jsonl(tmp_path / "p.jsonl", PAIR_PRED[:2], ['{"event_type": "AID"}'])
    result = runner.invoke(app, ["eval", gold, "--mode", "pair", "-p", pred, "-f", "json"])
    assert result.exit_code == 1
    assert f"{pred}:3: missing 'id'" in result.stderr
    assert json.loads(result.stdout)["counts"]["missing_predictions"] == 1


@pytest.mark.parametrize(
    "args",
    [[], ["--mode", "both"], ["--mode", "pair", "--format", "csv"]],
    ids=["no-mode", "bad-mode", "bad-format"],
)
def test_usage_errors_exit_2(runner, pair_files, args):
    gold, pred = pair_files
    result = runner.invoke(app, ["eval", gold, "-p", pred, *args])
    assert result.exit_code == 2
    assert "whimbrel eval:" in result.stderr


def test_missing_gold_file_exits_2(runner, tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path / "nope.jsonl"), "--mode", "e2e"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_e2e_runs_the_coder_and_saves_its_predictions(runner, tmp_path):
    """Without --predictions the pipeline codes each record (figures depend on the coder)."""
    text = "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday."
    start = text.index("Kharkiv")
    gold_rows = [
        {"id": "k1", "text": text, "date": "2024-06-18", "events": [
            {"event_type": "ASSAULT", "trigger": {"text": "shelled", "start": 15, "end": 22},
             "source": [{"text": "Russian troops", "start": 0, "end": 14, "country": "RUS",
                         "sector": "MIL"}],
             "target": [{"text": "Kharkiv", "start": start, "end": start + 7, "country": "UKR",
                         "sector": None}],
             "factuality": "asserted"}]},
    ]  # fmt: skip
    gold = write_jsonl(tmp_path / "gold.jsonl", gold_rows)
    saved = tmp_path / "pred.jsonl"
    result = runner.invoke(
        app, ["eval", gold, "--mode", "e2e", "-f", "json", "--save-predictions", str(saved)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["predictions"] is None and report["counts"]["records"] == 1
    lines = [json.loads(line) for line in saved.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["k1"]
    # scoring the saved file gives the same report
    again = runner.invoke(app, ["eval", gold, "--mode", "e2e", "-f", "json", "-p", str(saved)])
    assert json.loads(again.stdout) | {"predictions": None} == report
