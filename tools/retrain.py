"""Retrain every shipped model from the gold train split, in the order their inputs require.

Run: python tools/retrain.py [--skip-encoder]   (after the corpus, lexicon or coder changed)

Each step reads what the earlier ones wrote (docs/corpus.md, "What the train split
trains"): induced trigger rows change what the coder finds; the recipient model is trained
with itself turned off; the confidence model learns how events were found, recipients
included; the relation model's calibration maps event confidence to P(right); the pair
encoder reads the corpus only. The split files are rebuilt first, so a corpus edit cannot
be trained on stale splits. Every step is deterministic: run twice, the files are identical.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
#: The steps, in order.
STEPS = (
    "split_corpus.py",
    "induce_triggers.py",
    "train_arguments.py",
    "train_confidence.py",
    "train_relation.py",
    "train_encoder.py",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-encoder", action="store_true",
                        help="leave the pair encoder as it is (its training takes about 40 "
                             "minutes on two CPU cores; it needs the [encoder] extra)")  # fmt: skip
    args = parser.parse_args(argv)
    for script in STEPS:
        if args.skip_encoder and script == "train_encoder.py":
            print("skipped train_encoder.py: the shipped pair encoder is unchanged")
            continue
        started = time.perf_counter()
        print(f"== {script}", flush=True)
        done = subprocess.run([sys.executable, str(TOOLS / script)], check=False)
        if done.returncode != 0:
            print(f"{script} failed (exit {done.returncode}); later steps not run", file=sys.stderr)
            return done.returncode
        print(f"   {script}: {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
