"""Sweep the pair encoder's training settings on a GPU lease, from files this machine prepares.

The lease machine has torch and transformers but not whimbrel's other dependencies (spaCy,
DuckDB, ...) nor the MiniLM package, and only 64 MiB travel to it. So the work is split:

1. Here: ``python tools/train_encoder.py --export W/bundle.json`` (the prepared pairs), then
   ``python tools/sweep_encoder.py pack W`` writes into W the base encoder's weights with only
   the vocabulary rows the bundle's texts use (the other rows are never read when training on
   them, so what is trained is the same as with the whole table), compressed.
2. There: ``python tools/sweep_encoder.py run W OUT --device cuda`` rebuilds the base model,
   trains every setting of the grid (several at once on the one GPU), scores each on the dev
   split's pairs (accuracy, macro-F1, how often it answers NONE on pairs no event links), and
   writes ``results.json`` plus the adapters of the best settings to OUT. A deadline stops
   it cleanly with what finished.

Choosing by the dev split's pairs keeps plv-dev and the test split out of the choice.
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
import time
import types as pytypes
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKENIZER_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt",
                   "special_tokens_map.json")  # fmt: skip
EMBEDDINGS = "embeddings.word_embeddings.weight"

#: The settings tried: the shipped one (three seeds), then rank, learning rate, epochs, batch,
#: the share of no-event pairs, and a full fine-tune as a reference (not shippable: 90 MB).
BASE = {"epochs": 10, "rank": 8, "alpha": 16.0, "lr": 5e-4, "batch": 16, "seed": 0,
        "none_share": 0.4}  # fmt: skip
GRID = [
    {},
    {"seed": 1},
    {"seed": 2},
    {"rank": 16, "alpha": 32.0},
    {"rank": 32, "alpha": 64.0},
    {"rank": 64, "alpha": 128.0},
    {"lr": 1e-3},
    {"rank": 16, "alpha": 32.0, "lr": 1e-3},
    {"rank": 16, "alpha": 32.0, "lr": 1e-3, "seed": 1},
    {"rank": 16, "alpha": 32.0, "lr": 1e-3, "seed": 2},
    {"rank": 16, "alpha": 16.0, "lr": 1e-3},
    {"rank": 32, "alpha": 64.0, "lr": 1e-3},
    {"rank": 16, "alpha": 32.0, "lr": 2e-3},
    {"rank": 16, "alpha": 32.0, "lr": 3e-4},
    {"rank": 16, "alpha": 32.0, "lr": 1e-3, "epochs": 20},
    {"rank": 16, "alpha": 32.0, "lr": 1e-3, "batch": 32},
    {"none_share": 0.0},
    {"none_share": 1.0},
    {"none_share": 2.0},
    {"rank": 16, "alpha": 32.0, "lr": 1e-3, "none_share": 1.0},
    {"rank": 16, "alpha": 32.0, "lr": 1e-3, "none_share": 100.0, "epochs": 6},
    {"full": True, "alpha": 0.0, "rank": 1, "lr": 5e-5},
]


def setting_name(change: dict) -> str:
    return "base" if not change else "_".join(f"{k}{v}" for k, v in sorted(change.items()))


def pack(work: Path, preset: int = 6) -> None:
    """Write the base weights (used vocabulary rows only) and tokenizer files into ``work``."""
    import torch
    from safetensors.torch import load_file, save

    sys.path.insert(0, str(ROOT / "src"))
    from transformers import AutoTokenizer

    from whimbrel.events.pair_encoder import MAX_LENGTH, base_model_dir, mark

    base = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    bundle = read_bundle(work)
    ids = set(tokenizer.all_special_ids)
    for key in ("events", "none", "dev", "dev_none"):
        for p in bundle[key]:
            text = mark(p["text"], (p["source"]["start"], p["source"]["end"]),
                        (p["target"]["start"], p["target"]["end"]))[0]  # fmt: skip
            ids.update(tokenizer(text, truncation=True, max_length=MAX_LENGTH)["input_ids"])
    state = load_file(str(base / "model.safetensors"))
    rows = torch.tensor(sorted(ids))
    state["vocab_rows"] = rows
    state["vocab_size"] = torch.tensor([state[EMBEDDINGS].shape[0]])
    state[EMBEDDINGS] = state[EMBEDDINGS][rows].contiguous()
    (work / "base.safetensors.xz").write_bytes(lzma.compress(save(state), preset=preset))
    for name in TOKENIZER_FILES:
        (work / name).write_bytes((base / name).read_bytes())
    print(f"packed {len(rows)} of {int(state['vocab_size'][0])} vocabulary rows into {work}")


def read_bundle(work: Path) -> dict:
    """The exported pairs: ``bundle.json``, or ``bundle.json.xz`` (a fiftieth of the size)."""
    packed = work / "bundle.json.xz"
    if packed.exists():
        return json.loads(lzma.decompress(packed.read_bytes()))
    return json.loads((work / "bundle.json").read_text(encoding="utf-8"))


def unpack(work: Path, into: Path) -> Path:
    """Rebuild a loadable base model directory (unused vocabulary rows are zeros)."""
    import torch
    from safetensors.torch import load, save_file

    state = load(lzma.decompress((work / "base.safetensors.xz").read_bytes()))
    rows, size = state.pop("vocab_rows"), int(state.pop("vocab_size")[0])
    table = torch.zeros(size, state[EMBEDDINGS].shape[1])
    table[rows] = state[EMBEDDINGS]
    state[EMBEDDINGS] = table
    into.mkdir(parents=True, exist_ok=True)
    save_file(state, str(into / "model.safetensors"), metadata={"format": "pt"})
    for name in TOKENIZER_FILES:
        (into / name).write_bytes((work / name).read_bytes())
    return into


def _use_source_tree(base: str) -> None:
    """Import whimbrel's pair encoder without the package's __init__ (and its dependencies),
    reading the base model from ``base``."""
    package = pytypes.ModuleType("whimbrel")
    package.__path__ = [str(ROOT / "src" / "whimbrel")]
    sys.modules.setdefault("whimbrel", package)
    sys.path.insert(0, str(ROOT / "tools"))
    import whimbrel.events.pair_encoder as pair_encoder

    pair_encoder.base_model_dir = lambda: Path(base)


def _one(change: dict, work: str, base: str, device: str, weights_dir: str) -> dict:
    """Train and score one setting (runs in a worker process)."""
    import torch

    torch.set_num_threads(2)
    _use_source_tree(base)
    from safetensors.torch import save_file
    from train_encoder import NONE, calibrate, fit, training_pairs

    from whimbrel.events.pair_encoder import probabilities, trained_state

    bundle = read_bundle(Path(work))
    config = {**BASE, **change}
    types = bundle["types"]
    pairs = training_pairs(bundle, config["none_share"])
    net, tokenizer, seconds = fit(pairs, types, config, device)
    calibration, accuracy = calibrate(net, tokenizer, types, bundle["dev"])
    dev = probabilities(net, tokenizer, bundle["dev"])
    guesses = [types[row.index(max(row))] for row in dev]
    gold = [p["event_type"] for p in bundle["dev"]]
    none = probabilities(net, tokenizer, bundle["dev_none"])
    name = setting_name(change)
    if not config.get("full"):
        save_file(trained_state(net), str(Path(weights_dir) / f"{name}.safetensors"))
    return {"name": name, "config": config, "pairs": len(pairs), "seconds": seconds,
            "dev_accuracy": accuracy, "dev_macro_f1": macro_f1(gold, guesses, types[:-1]),
            "dev_said_none": round(sum(g == NONE for g in guesses) / len(guesses), 4),
            "none_pairs_said_none": round(sum(types[r.index(max(r))] == NONE for r in none)
                                          / max(1, len(none)), 4),
            "calibration": calibration,
            "dev_probabilities": [[round(x, 5) for x in row] for row in dev]}  # fmt: skip


def macro_f1(gold: list[str], guess: list[str], labels: list[str]) -> float:
    """Macro-F1 over the labels gold uses (the dev pairs hold no NONE)."""
    scores = []
    for label in sorted(set(gold) & set(labels)):
        tp = sum(g == label and p == label for g, p in zip(gold, guess, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, guess, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, guess, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(scores) / len(scores), 4)


def run(args: argparse.Namespace) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    started = time.time()
    work, out = Path(args.work), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = unpack(work, Path(args.scratch) / "base")
    weights_dir = Path(args.scratch) / "weights"
    weights_dir.mkdir(parents=True, exist_ok=True)
    grid = (json.loads(args.grid) if args.grid else GRID)[: args.limit or None]
    results: list[dict] = []
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(args.workers, mp_context=context)
    pending = {pool.submit(_one, c, str(work), str(base), args.device, str(weights_dir))
               for c in grid}  # fmt: skip
    while pending:
        left = args.deadline - (time.time() - started)
        if left <= 0:
            print(f"deadline: {len(pending)} settings left unfinished", flush=True)
            break
        done, pending = wait(pending, timeout=left, return_when=FIRST_COMPLETED)
        for future in done:
            try:
                result = future.result()
            except Exception as error:  # one failed setting must not lose the others
                print(f"a setting failed: {error!r}", flush=True)
                continue
            results.append(result)
            print(f"{result['name']}: dev acc {result['dev_accuracy']} macro-F1 "
                  f"{result['dev_macro_f1']} none->NONE {result['none_pairs_said_none']} "
                  f"({result['seconds']} s)", flush=True)  # fmt: skip
            _write(results, out, weights_dir, args.keep)
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    _write(results, out, weights_dir, args.keep)
    print(f"{len(results)} settings in {time.time() - started:.0f} s", flush=True)


def _write(results: list[dict], out: Path, weights_dir: Path, keep: int) -> None:
    """results.json, and the adapters of the ``keep`` best shippable settings by dev accuracy."""
    ranked = sorted(results, key=lambda r: -r["dev_accuracy"])
    (out / "results.json").write_text(json.dumps(ranked), encoding="utf-8")
    best = [r["name"] for r in ranked if not r["config"].get("full")][:keep]
    for old in out.glob("*.safetensors"):
        if old.stem not in best:
            old.unlink()
    for name in best:
        (out / f"{name}.safetensors").write_bytes(
            (weights_dir / f"{name}.safetensors").read_bytes()
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack", help="Write the base weights the bundle needs into WORK.")
    p.add_argument("work")
    r = sub.add_parser("run", help="Train and score the grid from WORK, results to OUT.")
    r.add_argument("work")
    r.add_argument("out")
    r.add_argument("--device", default="cuda")
    r.add_argument("--workers", type=int, default=8)
    r.add_argument("--deadline", type=float, default=420.0, help="Seconds before stopping.")
    r.add_argument("--keep", type=int, default=6, help="Adapters of the N best to write.")
    r.add_argument("--scratch", default="/tmp/sweep")
    r.add_argument("--grid", help="A JSON list of changes to the base setting, for GRID.")
    r.add_argument("--limit", type=int, default=0, help="Only the first N settings (tests).")
    args = parser.parse_args()
    if args.command == "pack":
        pack(Path(args.work))
    else:
        run(args)


if __name__ == "__main__":
    main()
