"""Train the relation model (data/models/relation.v1.json) on the gold corpus's train split.

Run: python tools/train_relation.py [--c 1.0] [--eval corpus/splits/dev.jsonl]

Deterministic: the same corpus and lexicon give the same weights (lbfgs, fixed iteration
cap, features sorted). Also fits the calibration of ``whimbrel classify``'s confidence per
answer route (a coded event, a lexicon word on the path, the model), the model's answers
scored out of fold. Uses scikit-learn for fitting only; whimbrel reads the JSON weights
with no scikit-learn at run time. Only the project's own train split is used.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whimbrel" / "data" / "models" / "relation.v1.json"


def pairs(path: Path):
    """(pair record, label) for every gold pair of the file (labels as dyad readings)."""
    from whimbrel.evaluation import read_gold_pairs

    for pair in read_gold_pairs(path):
        label = pair.pop("event_type")
        pair.pop("event_type_candidates")
        yield pair, label


def featurise(path: Path, pipeline):
    """Features, labels and the rule analysis (for calibration) of every gold pair."""
    from whimbrel.classify import analyse_pair

    X, y, found = [], [], []
    for record, label in pairs(path):
        analysis = analyse_pair(pipeline, record)
        X.append(analysis["features"])
        y.append(label)
        found.append(analysis)
    return X, y, found


FOLDS = 5


def calibration(X, y, found, fit) -> dict[str, list[float]]:
    """Per answer route, (a, b) of a logistic map from raw score to P(right).

    The model's own answers are scored out of fold (trained on the other FOLDS-1 parts of the
    train split, pairs assigned by position), so their calibration does not learn the
    in-sample confidence of a model that has seen the pair.
    """
    from sklearn.linear_model import LogisticRegression

    from whimbrel.classify import answer

    predictions: list[tuple[str, float] | None] = [None] * len(y)
    for k in range(FOLDS):
        train = [i for i in range(len(y)) if i % FOLDS != k]
        held = [i for i in range(len(y)) if i % FOLDS == k]
        model, vec = fit([X[i] for i in train], [y[i] for i in train])
        probs = model.predict_proba(vec.transform([X[i] for i in held]))
        for i, row in zip(held, probs, strict=True):
            best = int(row.argmax())
            predictions[i] = (str(model.classes_[best]), float(row[best]))
    by_route: dict[str, tuple[list[list[float]], list[int]]] = {}
    for analysis, label, prediction in zip(found, y, predictions, strict=True):
        out, route = answer(analysis, prediction)
        if route is None:
            continue
        xs, ys = by_route.setdefault(route, ([], []))
        xs.append([out["confidence"]])
        ys.append(int(out["event_type"] == label))
    result = {}
    for route, (xs, ys) in sorted(by_route.items()):
        if len(set(ys)) < 2:
            continue
        lr = LogisticRegression(C=100.0, max_iter=1000).fit(xs, ys)
        a, b = float(lr.coef_[0][0]), float(lr.intercept_[0])
        if a < 0:  # a higher score must not mean less likely right: keep the route's base rate
            rate = sum(ys) / len(ys)
            a, b = 0.0, math.log(rate / (1 - rate))
        result[route] = [round(a, 4), round(b, 4)]
        print(
            f"calibration {route}: {len(ys)} answers, {sum(ys) / len(ys):.2f} right, a/b {result[route]}"
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--eval", type=Path, default=None, help="gold file to report accuracy on")
    args = parser.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    import whimbrel
    from whimbrel.events.finalize import EVERY_EVENT

    pipeline = whimbrel.load_pipeline(**EVERY_EVENT)
    X, y, found = featurise(ROOT / "corpus" / "splits" / "train.jsonl", pipeline)
    print(f"train pairs: {len(y)}  classes: {dict(sorted(Counter(y).items()))}")

    def fit(X, y):
        vec = DictVectorizer(sort=True)
        model = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced")
        return model.fit(vec.fit_transform(X), y), vec

    model, vec = fit(X, y)
    names = vec.get_feature_names_out()
    weights = {
        # weights under 0.01 change no decision on our data; dropping them keeps the file small
        cls: {names[j]: round(float(w), 3) for j, w in enumerate(row) if abs(w) >= 0.01}
        for cls, row in zip(model.classes_, model.coef_, strict=True)
    }
    for cls, b in zip(model.classes_, model.intercept_, strict=True):
        weights[cls]["bias"] = round(weights[cls].get("bias", 0.0) + float(b), 3)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = {"version": "relation.v1", "trained_on": "corpus/splits/train.jsonl", "C": args.c,
               "classes": list(model.classes_), "weights": weights,
               "calibration": calibration(X, y, found, fit)}  # fmt: skip
    OUT.write_text(
        json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(names)} features)")
    if args.eval:
        Xe, ye, _ = featurise(args.eval, pipeline)
        pred = model.predict(vec.transform(Xe))
        acc = sum(p == g for p, g in zip(pred, ye, strict=True)) / len(ye)
        print(f"accuracy on {args.eval}: {acc:.3f} over {len(ye)} pairs")


if __name__ == "__main__":
    main()
