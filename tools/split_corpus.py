"""Split the gold corpus into fixed train / dev / test files by a hash of each record's id.

Run: python tools/split_corpus.py            (writes corpus/splits/*.jsonl)
     python tools/split_corpus.py --check    (exit 1 if the files on disk differ)

The split of a record depends only on its id, so adding records never moves old ones, and
the frozen test split changes only when a test record's annotation does. Its sha256 is in
docs/corpus.md; tests/corpus/test_splits.py fails when the two disagree.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["sentences-part1.jsonl", "sentences-part2.jsonl", "articles.jsonl"]
SPLITS = ("train", "dev", "test")


def split_of(record_id: str) -> str:
    """test for 20 % of sentence ids, dev for 15 %, train for the rest.

    Whole articles (ids "a-…") are few and score the coder end to end, so 30 % of them go to
    test and 15 % to dev.
    """
    bucket = int(hashlib.sha256(record_id.encode()).hexdigest()[:8], 16) % 100
    test, dev = (30, 45) if record_id.startswith("a-") else (20, 35)
    return "test" if bucket < test else "dev" if bucket < dev else "train"


def build(corpus: Path = ROOT / "corpus") -> dict[str, str]:
    """The text of each split file, lines in source order."""
    import json

    out: dict[str, list[str]] = {s: [] for s in SPLITS}
    for name in SOURCES:
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out[split_of(json.loads(line)["id"])].append(line)
    return {s: "\n".join(lines) + "\n" for s, lines in out.items()}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    target = ROOT / "corpus" / "splits"
    target.mkdir(exist_ok=True)
    stale = False
    for split, text in build().items():
        path = target / f"{split}.jsonl"
        if args.check:
            stale |= not path.exists() or path.read_text(encoding="utf-8") != text
        else:
            path.write_text(text, encoding="utf-8")
        print(f"{split}: {text.count(chr(10))} records, sha256 {sha256(text)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
