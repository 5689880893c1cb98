"""Train the relation model (data/models/relation.v1.json) on the gold corpus's train split.

Run: python tools/train_relation.py [--c 1.0] [--eval corpus/splits/dev.jsonl]

Deterministic: the same corpus and lexicon give the same weights (lbfgs, fixed iteration
cap, features sorted). Uses scikit-learn for fitting only; whimbrel reads the JSON weights
with no scikit-learn at run time. Only the project's own train split is used.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whimbrel" / "data" / "models" / "relation.v1.json"


def pairs(path: Path):
    """(pair record, label) for every gold pair of the file (labels as dyad readings)."""
    from whimbrel.evaluation import gold_pairs

    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    for pair in gold_pairs(records):
        label = pair.pop("event_type")
        pair.pop("event_type_candidates")
        yield pair, label


def featurise(path: Path, pipeline):
    from whimbrel.classify import analyse_pair

    X, y = [], []
    for record, label in pairs(path):
        X.append(analyse_pair(pipeline, record)["features"])
        y.append(label)
    return X, y


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--eval", type=Path, default=None, help="gold file to report accuracy on")
    args = parser.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    import whimbrel

    pipeline = whimbrel.load_pipeline(**{"events.finalize.min_confidence": 0.0})
    X, y = featurise(ROOT / "corpus" / "splits" / "train.jsonl", pipeline)
    print(f"train pairs: {len(y)}  classes: {dict(sorted(Counter(y).items()))}")
    vec = DictVectorizer(sort=True)
    model = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced")
    model.fit(vec.fit_transform(X), y)
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
               "classes": list(model.classes_), "weights": weights}  # fmt: skip
    OUT.write_text(
        json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(names)} features)")
    if args.eval:
        Xe, ye = featurise(args.eval, pipeline)
        pred = model.predict(vec.transform(Xe))
        acc = sum(p == g for p, g in zip(pred, ye, strict=True)) / len(ye)
        print(f"accuracy on {args.eval}: {acc:.3f} over {len(ye)} pairs")


if __name__ == "__main__":
    main()
