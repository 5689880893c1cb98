"""Every accuracy figure whimbrel publishes, in one run, as Markdown (docs/ACCURACY.md).

Run: python benchmarks/accuracy_report.py [--pairs PAIRS.jsonl] [--test] [--unseen]

- end to end on the gold dev split (and, with --test, on the frozen test split; with
  --unseen, on the unseen split of parts written after the code they measure);
- pair mode on the dev and test splits' events turned into pairs (first source, first
  target), and on an external pair file if given (e.g. a labelled dev set);
- the example articles (events and reference resolution).
The test and unseen splits are for reporting, never for tuning: score them once per release
and read only their figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def e2e_row(name: str, path: Path, pipeline) -> str:
    from whimbrel.evaluation import evaluate_e2e, predict_e2e

    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    predicted, _ = predict_e2e(gold, pipeline)
    r = evaluate_e2e(gold, predicted)
    d = r["detection"]
    return (
        f"| {name} | {r['counts']['records']} | {r['counts']['gold_events']} | {r['macro_f1']:.3f} "
        f"| {r['quad']['macro_f1']:.3f} | {d['precision']:.3f} / {d['recall']:.3f} "
        f"| {r['country']['source']['accuracy']:.3f} | {r['country']['target']['accuracy']:.3f} "
        f"| {r['sector']['source']['accuracy']:.3f} | {r['factuality']['accuracy']:.3f} "
        f"| {r['calibration']['ece']:.3f} |"
    )


def pairs_from(path: Path) -> list[dict]:
    from whimbrel.evaluation import read_gold_pairs

    return read_gold_pairs(path)


def pair_row(name: str, gold: list[dict]) -> str:
    from whimbrel.classify import classify_pairs
    from whimbrel.evaluation import evaluate_pairs

    predictions = [p for p in classify_pairs(gold) if isinstance(p, dict)]
    r = evaluate_pairs(gold, predictions)
    return (
        f"| {name} | {r['n']} | {r['macro_f1']:.3f} "
        f"| {r['quad']['macro_f1']:.3f} | {r['accuracy']:.3f} | {r['coop_conflict']['accuracy']:.3f} "
        f"| {r['calibration']['ece']:.3f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, help="an external labelled pair file")
    parser.add_argument("--test", action="store_true", help="also score the frozen test split")
    parser.add_argument("--unseen", action="store_true", help="also score the unseen split")
    args = parser.parse_args()
    import whimbrel

    pipeline = whimbrel.load_pipeline()
    splits = [("dev split", ROOT / "corpus/splits/dev.jsonl")]
    if args.test:
        splits.append(("test split", ROOT / "corpus/splits/test.jsonl"))
    if args.unseen:
        splits.append(("unseen split", ROOT / "corpus/splits/unseen.jsonl"))
    print("### End to end\n")
    print("| set | records | gold events | type macro-F1 | quad macro-F1 | detection P / R "
          "| source country | target country | source sector | factuality | ECE |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, path in splits:
        print(e2e_row(name, path, pipeline))
    print("\n### Pair mode (whimbrel classify)\n")
    print("| set | pairs | macro-F1 | quad macro-F1 | accuracy | coop vs conflict | ECE |")
    print("|---|---|---|---|---|---|---|")
    for name, path in splits:
        print(pair_row(f"{name} pairs", pairs_from(path)))
    if args.pairs:
        gold = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines()]
        print(pair_row(args.pairs.name, gold))
    print("\n### Example articles\n")
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks/score_examples.py")],
                         capture_output=True, text=True, check=True)  # fmt: skip
    print("\n".join(f"- {line}" for line in out.stdout.splitlines()))


if __name__ == "__main__":
    main()
