"""Train the argument models (data/models/agent.v1.json, recipient.v1.json) on the train split.

Run: python tools/train_arguments.py [--eval corpus/splits/dev.jsonl] [--agent]

Codes every train record with a model turned off and collects each point where the slot
rules found no source (for the agent model) or an event had a source but no target (for the
recipient model): ``events.extract``'s ``argument_log``. Each point becomes a group of
candidate words, and a word is right when it lies inside one of the gold event's actors of
that role; when the gold event has none, every candidate is wrong. For the agent model, a
point on a word that is no gold trigger is a group with no right word too: an event the
rules dropped for want of a source should stay dropped when it is no event. The recipient
model leaves such points out: a target does not make an event.

The agent model is off by default (``[events.extract] agent = ""``): on the dev split it
added 0.004 type macro-F1 and cost 0.007 source-country and 0.009 factuality accuracy
(docs/ACCURACY.md). With ``--agent`` it is trained first (both models off) and the
recipient model then with it on, since the sources it finds make new points for recipients. A binary
logistic regression over the candidates' features is fitted per role; the regularisation is
chosen by 5-fold cross-validation over groups on the train split (the share of points
answered right: the right word, or no word when gold has none there; on a tie the stronger
regularisation). The grid reaches C = 10 because in session 15 the best value sat at the
old edge (3.0, tied with 0.3, which names fewer recipients and cost 0.018 dev type
macro-F1). Deterministic; scikit-learn is needed for fitting only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from split_corpus import read_records  # tools/ is on the path of a script run from there

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "src" / "whimbrel" / "data" / "models"
TRAIN = ROOT / "corpus" / "splits" / "train.jsonl"
FOLDS = 5
THRESHOLD = 0.5  # name an actor when the model finds it more likely right than wrong
#: role → (model file name, the setting that turns it off or on)
ROLES = {"source": ("agent.v1", "agent"), "target": ("recipient.v1", "recipient")}


def groups(
    records: list[dict], pipeline, role: str
) -> list[tuple[list[dict[str, float]], list[int]]]:
    """(candidate features, candidate labels) per decision point of ``role``."""
    from whimbrel.evaluation.e2e import gold_article
    from whimbrel.pipeline import parse_date

    extract = next(s for s in pipeline.stages if s.name == "events.extract")
    out = []
    for record in records:
        extract.argument_log = []
        article = gold_article(record, parse_date(record.get("date")))
        pipeline.run(article)
        for logged_role, _, trigger, scored in extract.argument_log:
            if logged_role != role or not scored:
                continue
            start, end = trigger.idx, trigger.idx + len(trigger)
            gold = next(
                (e for e in record["events"]
                 if e.get("trigger") and e["trigger"]["start"] < end and start < e["trigger"]["end"]),
                None,
            )  # fmt: skip
            if gold is None and role == "target":
                continue  # no gold event here: nothing says who its recipient would be
            spans = [(a["start"], a["end"]) for a in (gold or {}).get(role, [])]
            labels = [int(any(s <= tok.idx < e for s, e in spans)) for tok, _ in scored]
            out.append(([f for _, f in scored], labels))
    extract.argument_log = None
    return out


def fit(data, c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X = [f for feats, _ in data for f in feats]
    y = [label for _, labels in data for label in labels]
    vec = DictVectorizer(sort=True)
    model = LogisticRegression(C=c, max_iter=3000)
    return model.fit(vec.fit_transform(X), y), vec


def model_payload(role: str, model, vec, c: float, points: int) -> dict:
    """The JSON whimbrel reads (``events/arguments.py``): the weights, bias folded in."""
    names = vec.get_feature_names_out()
    weights = {
        names[j]: round(float(w), 3) for j, w in enumerate(model.coef_[0]) if abs(w) >= 0.005
    }
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 3)
    return {"version": ROLES[role][0], "role": role, "trained_on": "corpus/splits/train.jsonl",
            "C": c, "threshold": THRESHOLD, "decision_points": points,
            "weights": weights}  # fmt: skip


def decisions_right(data, model, vec) -> tuple[int, int, int]:
    """(points answered right, actors named, actors named right)."""
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


def train_role(role: str, pipeline, eval_path: Path | None) -> None:
    """Fit, choose C by cross-validation, write the model, report on ``eval_path``."""
    data = groups(read_records(TRAIN), pipeline, role)
    found = sum(1 for _, labels in data if any(labels))
    print(f"[{role}] {len(data)} decision points; {found} with the gold actor among the "
          f"candidates; {sum(len(x) for _, x in data)} candidates")  # fmt: skip
    best_c, best_score = 1.0, -1
    for c in (0.1, 0.3, 1.0, 3.0, 10.0):
        score = 0
        for k in range(FOLDS):
            train = [g for i, g in enumerate(data) if i % FOLDS != k]
            held = [g for i, g in enumerate(data) if i % FOLDS == k]
            model, vec = fit(train, c)
            score += decisions_right(held, model, vec)[0]
        print(f"[{role}] C={c}: {score / len(data):.3f} of decision points right out of fold")
        if score > best_score:
            best_c, best_score = c, score
    model, vec = fit(data, best_c)
    out = MODELS / f"{ROLES[role][0]}.json"
    payload = model_payload(role, model, vec, best_c, len(data))
    weights = payload["weights"]
    out.write_text(json.dumps(payload, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(
        f"[{role}] wrote {out} (C={best_c}, {len(weights)} weights, {out.stat().st_size // 1024} KB)"
    )
    if eval_path:
        held = groups(read_records(eval_path), pipeline, role)
        right, named, named_right = decisions_right(held, model, vec)
        print(f"[{role}] {eval_path}: {right}/{len(held)} decision points right; "
              f"{named_right}/{named} actors named right")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=None, help="gold file to report on")
    parser.add_argument(
        "--agent", action="store_true", help="also train the agent model (off by default)"
    )
    args = parser.parse_args()
    import whimbrel
    from whimbrel.events.arguments import load_argument_model

    if args.agent:
        off = {"events.extract.agent": "", "events.extract.recipient": ""}
        train_role("source", whimbrel.load_pipeline(**off), args.eval)
        load_argument_model.cache_clear()  # the agent model just written is read afresh
    settings = {"events.extract.recipient": ""}
    if args.agent:
        settings["events.extract.agent"] = ROLES["source"][0]
    train_role("target", whimbrel.load_pipeline(**settings), args.eval)


if __name__ == "__main__":
    main()
