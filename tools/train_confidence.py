"""Train the confidence calibration (data/models/confidence.v1.json) on the gold train split.

Run: python tools/train_confidence.py   (after tools/train_arguments.py: docs/corpus.md)

Codes every train record, matches its events to the gold ones (the rules of
``whimbrel eval --mode e2e``), and fits a logistic model of "matched with the right type"
on how each event was found (its confidence factors, type, target, factuality, its actors'
sectors, and the trigger word read as its type where the split has it often enough).

The records are coded out of fold: in five folds by record, with a recipient model fitted
(``tools/train_arguments.py``'s fitting, at the shipped model's C) on the other four fifths.
The shipped recipient model was trained on these records, and events coded with it here are
right more often (0.70 of them in session 15) than on text it never saw (0.65 out of fold,
as on the test split): a calibration fitted to them was overconfident elsewhere (dev ECE
0.056 against 0.031). Deterministic; scikit-learn is needed for fitting only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import train_arguments  # noqa: E402
from split_corpus import read_records  # noqa: E402

from whimbrel.events.confidence import Finding  # noqa: E402

OUT = ROOT / "src" / "whimbrel" / "data" / "models" / "confidence.v1.json"
FOLDS = 5
#: A trigger word gets a weight of its own (type and lemma) only when at least this many
#: coded train events have it: fewer say more about the records than about the word.
MIN_TRIGGER_EVENTS = 5


def coded_out_of_fold(gold: list[dict]) -> dict[str, list[dict]]:
    """Each record's events (JSON, with ``explain``) as coded by a recipient model fitted on
    the other folds' records."""
    import whimbrel
    from whimbrel.evaluation.e2e import predict_e2e

    shipped = json.loads((train_arguments.MODELS / "recipient.v1.json").read_text())
    without = whimbrel.load_pipeline(**{"events.extract.recipient": ""})
    # each record's decision points once; a fold's model takes the other records' points
    points = [train_arguments.groups([record], without, "target") for record in gold]
    predicted: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(FOLDS):
            data = [p for i, group in enumerate(points) if i % FOLDS != k for p in group]
            model, vec = train_arguments.fit(data, shipped["C"])
            path = Path(tmp) / f"recipient-fold{k}.json"
            payload = train_arguments.model_payload("target", model, vec, shipped["C"], len(data))
            path.write_text(json.dumps(payload), encoding="utf-8")
            # every event, however unlikely: the calibration is fitted to what the floor reads
            pipeline = whimbrel.load_pipeline(
                **{
                    "events.extract.recipient": str(path),
                    "events.finalize.explain": True,
                    "events.finalize.min_probability": 0.0,
                }
            )
            held = [r for i, r in enumerate(gold) if i % FOLDS == k]
            predicted.update(predict_e2e(held, pipeline)[0])
    return predicted


def lemma_of(event: dict) -> str:
    """The lemma of the lexicon row that found a coded event (its ``explain``)."""
    return str(event["explain"]["lexicon_entry"]["lemma"])


def finding_of(event: dict, lemmas: Counter[str]) -> Finding:
    """What the calibration reads about a coded event (from its ``explain``); the trigger
    word only where at least MIN_TRIGGER_EVENTS coded events have it."""
    lemma = lemma_of(event)
    return Finding(
        event["event_type"],
        event["explain"]["confidence_factors"],
        event["factuality"],
        source=tuple((a["country"], a["sector"]) for a in event["source"]),
        target=tuple((a["country"], a["sector"]) for a in event["target"]),
        lemma=lemma if lemmas[lemma] >= MIN_TRIGGER_EVENTS else None,
    )


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from whimbrel.evaluation.e2e import match_events
    from whimbrel.events.confidence import confidence_features

    gold = read_records(ROOT / "corpus" / "splits" / "train.jsonl")
    predicted = coded_out_of_fold(gold)
    lemmas = Counter(lemma_of(p) for preds in predicted.values() for p in preds)
    X, y = [], []
    for record in gold:
        preds = predicted.get(str(record["id"]), [])
        right = {pi for gi, pi in match_events(record["events"], preds)
                 if preds[pi]["event_type"] == record["events"][gi]["event_type"]}  # fmt: skip
        for pi, p in enumerate(preds):
            X.append(confidence_features(finding_of(p, lemmas)))
            y.append(int(pi in right))
    vec = DictVectorizer(sort=True)
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(vec.fit_transform(X), y)
    names = vec.get_feature_names_out()
    weights = {names[j]: round(float(w), 4) for j, w in enumerate(model.coef_[0])}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    OUT.write_text(json.dumps({"version": "confidence.v1",
                               "trained_on": "corpus/splits/train.jsonl, coded out of fold",
                               "events": len(y), "right": sum(y), "weights": weights},
                              sort_keys=True, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    print(f"{len(y)} predicted events on the train split (out of fold), {sum(y)} right; "
          f"wrote {OUT}")  # fmt: skip


if __name__ == "__main__":
    main()
