"""Train the confidence calibration (data/models/confidence.v1.json) on the gold train split.

Run: python tools/train_confidence.py

Codes every train record, matches its events to the gold ones (the rules of
``whimbrel eval --mode e2e``), and fits a logistic model of "matched with the right type"
on how each event was found (its confidence factors, type, target, factuality).
Deterministic; scikit-learn is needed for fitting only.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whimbrel" / "data" / "models" / "confidence.v1.json"


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    import whimbrel
    from whimbrel.evaluation.e2e import match_events, predict_e2e
    from whimbrel.events.confidence import confidence_features

    gold = [
        json.loads(line)
        for line in (ROOT / "corpus" / "splits" / "train.jsonl").read_text().splitlines()
    ]
    pipeline = whimbrel.load_pipeline(**{"events.finalize.explain": True})
    predicted, _ = predict_e2e(gold, pipeline)
    X, y = [], []
    for record in gold:
        preds = predicted.get(str(record["id"]), [])
        right = {pi for gi, pi in match_events(record["events"], preds)
                 if preds[pi]["event_type"] == record["events"][gi]["event_type"]}  # fmt: skip
        for pi, p in enumerate(preds):
            factors = p["explain"]["confidence_factors"]
            X.append(
                confidence_features(p["event_type"], factors, bool(p["target"]), p["factuality"])
            )
            y.append(int(pi in right))
    vec = DictVectorizer(sort=True)
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(vec.fit_transform(X), y)
    names = vec.get_feature_names_out()
    weights = {names[j]: round(float(w), 4) for j, w in enumerate(model.coef_[0])}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    OUT.write_text(json.dumps({"version": "confidence.v1", "trained_on": "corpus/splits/train.jsonl",
                               "events": len(y), "right": sum(y), "weights": weights},
                              sort_keys=True, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    print(f"{len(y)} predicted events on the train split, {sum(y)} right; wrote {OUT}")


if __name__ == "__main__":
    main()
