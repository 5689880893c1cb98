"""Train the recipient model (data/models/recipient.v1.json) on the gold train split.

Run: python tools/train_recipient.py [--eval corpus/splits/dev.jsonl]

Codes every train record with the model turned off and collects each point where an event
had a source but the slot rules found no target (``events.extract``'s ``recipient_log``).
Points on the trigger of a gold event become training groups: a candidate word is right
when it lies inside one of that gold event's targets; when the gold event has no target,
every candidate is wrong. A binary logistic regression over the candidates' features is
fitted; the regularisation is chosen by 5-fold cross-validation over groups on the train
split (the share of decision points answered right: the right word, or no word when gold
has no recipient right there). Deterministic; scikit-learn is needed for fitting only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whimbrel" / "data" / "models" / "recipient.v1.json"
FOLDS = 5
THRESHOLD = 0.5  # name a recipient when the model finds it more likely right than wrong


def groups(path: Path, pipeline) -> list[tuple[list[dict[str, float]], list[int]]]:
    """(candidate features, candidate labels) per decision point on a gold event's trigger."""
    from whimbrel.pipeline import parse_date
    from whimbrel.records import Article

    extract = next(s for s in pipeline.stages if s.name == "events.extract")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        extract.recipient_log = []
        article = Article(id=record["id"], text=record["text"], date=parse_date(record.get("date")))
        pipeline.run(article)
        for _, trigger, scored in extract.recipient_log:
            start, end = trigger.idx, trigger.idx + len(trigger)
            gold = next(
                (e for e in record["events"]
                 if e.get("trigger") and e["trigger"]["start"] < end and start < e["trigger"]["end"]),
                None,
            )  # fmt: skip
            if gold is None or not scored:
                continue  # no gold event here: nothing says who its recipient would be
            spans = [(t["start"], t["end"]) for t in gold["target"]]
            labels = [int(any(s <= tok.idx < e for s, e in spans)) for tok, _ in scored]
            out.append(([f for _, f in scored], labels))
    extract.recipient_log = None
    return out


def fit(data, c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X = [f for feats, _ in data for f in feats]
    y = [label for _, labels in data for label in labels]
    vec = DictVectorizer(sort=True)
    model = LogisticRegression(C=c, max_iter=3000)
    return model.fit(vec.fit_transform(X), y), vec


def decisions_right(data, model, vec) -> tuple[int, int, int]:
    """(points answered right, recipients named, recipients named right)."""
    right = named = named_right = 0
    for feats, labels in data:
        probs = model.predict_proba(vec.transform(feats))[:, 1]
        best = int(probs.argmax())
        if probs[best] >= THRESHOLD:
            named += 1
            named_right += labels[best]
            right += labels[best]
        else:
            right += int(not any(labels))
    return right, named, named_right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=None, help="gold file to report on")
    args = parser.parse_args()
    import whimbrel

    pipeline = whimbrel.load_pipeline(**{"events.extract.recipient": ""})
    data = groups(ROOT / "corpus" / "splits" / "train.jsonl", pipeline)
    with_target = sum(1 for _, labels in data if any(labels))
    print(f"{len(data)} decision points on gold triggers; {with_target} with the recipient "
          f"among the candidates; {sum(len(x) for _, x in data)} candidates")  # fmt: skip
    best_c, best_score = 1.0, -1.0
    for c in (0.1, 0.3, 1.0, 3.0):
        score = 0
        for k in range(FOLDS):
            train = [g for i, g in enumerate(data) if i % FOLDS != k]
            held = [g for i, g in enumerate(data) if i % FOLDS == k]
            model, vec = fit(train, c)
            score += decisions_right(held, model, vec)[0]
        print(f"C={c}: {score / len(data):.3f} of decision points right out of fold")
        if score > best_score:
            best_c, best_score = c, score
    model, vec = fit(data, best_c)
    names = vec.get_feature_names_out()
    weights = {
        names[j]: round(float(w), 3) for j, w in enumerate(model.coef_[0]) if abs(w) >= 0.005
    }
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 3)
    payload = {"version": "recipient.v1", "trained_on": "corpus/splits/train.jsonl", "C": best_c,
               "threshold": THRESHOLD, "decision_points": len(data), "weights": weights}  # fmt: skip
    OUT.write_text(json.dumps(payload, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT} (C={best_c}, {len(weights)} weights, {OUT.stat().st_size // 1024} KB)")
    if args.eval:
        held = groups(args.eval, pipeline)
        right, named, named_right = decisions_right(held, model, vec)
        print(f"{args.eval}: {right}/{len(held)} decision points right; "
              f"{named_right}/{named} recipients named right")  # fmt: skip


if __name__ == "__main__":
    main()
