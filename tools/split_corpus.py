"""Split the gold corpus into fixed train / dev / test / unseen files by a hash of each record's id.

Run: python tools/split_corpus.py            (writes corpus/splits/*.jsonl)
     python tools/split_corpus.py --check    (exit 1 if the files on disk differ)

The split of a record depends only on its id, so adding records never moves old ones, and
the frozen test split changes only when a test record's annotation does. Its sha256 is in
docs/corpus.md; tests/corpus/test_splits.py fails when the two disagree.

The unseen split holds whole files written by annotators who never ran the coder, outside any
session's reading of errors (listed in ``UNSEEN``, from session 30): nothing is trained on them
and only their figures are read, so they say how the coder does on text written after its
rules were. Each session adds the parts it writes for that purpose; the split only grows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The files that existed when the test split was frozen (2026-11-25): only their records can be
#: test records.
SOURCES = ["sentences-part1.jsonl", "sentences-part2.jsonl", "articles.jsonl"]
#: Files written after the freeze (corpus/sentences-part3.jsonl and articles-part2-*.jsonl
#: onwards, in name order): their records go to train and dev only, so that growing the corpus
#: never touches the test split.
LATER = ("sentences-part*.jsonl", "articles-part*.jsonl")
#: Files held out whole as the unseen split (docs/corpus.md, "The unseen split"): every
#: record goes there, none to train or dev.
UNSEEN = (
    "sentences-part55.jsonl",
    "articles-part17-a.jsonl",
    "sentences-part56.jsonl",
    "articles-part18-a.jsonl",
    "sentences-part57.jsonl",
    "articles-part19-a.jsonl",
    "sentences-part58.jsonl",
    "articles-part20-a.jsonl",
    "sentences-part59.jsonl",
    "articles-part21-a.jsonl",
    "sentences-part60.jsonl",
    "articles-part22-a.jsonl",
    "sentences-part61.jsonl",
    "articles-part23-a.jsonl",
    "sentences-part62.jsonl",
    "articles-part24-a.jsonl",
    "sentences-part63.jsonl",
    "articles-part25-a.jsonl",
    "sentences-part64.jsonl",
    "articles-part26-a.jsonl",
    "articles-part27-a.jsonl",
    "sentences-part65.jsonl",
    "articles-part28-a.jsonl",
    "sentences-part66.jsonl",
    "articles-part29-a.jsonl",
    "sentences-part67.jsonl",
    "articles-part30-a.jsonl",
    "sentences-part68.jsonl",
    "articles-part31-a.jsonl",
    "sentences-part69.jsonl",
    "articles-part32-a.jsonl",
    "sentences-part70.jsonl",
    "articles-part33-a.jsonl",
    "sentences-part71.jsonl",
    "articles-part34-a.jsonl",
    "sentences-part72.jsonl",
    "articles-part35-a.jsonl",
    "sentences-part73.jsonl",
    "sentences-part74.jsonl",
    "articles-part36-a.jsonl",
    "sentences-part75.jsonl",
    "articles-part37-a.jsonl",
    "sentences-part76.jsonl",
    "articles-part38-a.jsonl",
    "sentences-part77.jsonl",
    "articles-part39-a.jsonl",
    "sentences-part78.jsonl",
    "articles-part40-a.jsonl",
    "sentences-part79.jsonl",
    "articles-part41-a.jsonl",
    "sentences-part80.jsonl",
    "articles-part42-a.jsonl",
    "sentences-part81.jsonl",
    "articles-part43-a.jsonl",
    "sentences-part82.jsonl",
    "articles-part44-a.jsonl",
    "sentences-part83.jsonl",
    "articles-part45-a.jsonl",
    "sentences-part84.jsonl",
    "articles-part46-a.jsonl",
    "sentences-part85.jsonl",
    "articles-part47-a.jsonl",
    "sentences-part86.jsonl",
    "articles-part48-a.jsonl",
    "sentences-part87.jsonl",
    "articles-part49-a.jsonl",
    "sentences-part88.jsonl",
    "articles-part50-a.jsonl",
    "sentences-part89.jsonl",
    "articles-part51-a.jsonl",
    "sentences-part90.jsonl",
    "articles-part52-a.jsonl",
    "sentences-part91.jsonl",
    "articles-part53-a.jsonl",
    "sentences-part92.jsonl",
    "articles-part54-a.jsonl",
    "sentences-part93.jsonl",
    "articles-part55-a.jsonl",
    "sentences-part94.jsonl",
    "articles-part56-a.jsonl",
    "sentences-part95.jsonl",
    "articles-part57-a.jsonl",
    "sentences-part96.jsonl",
    "articles-part58-a.jsonl",
    "sentences-part97.jsonl",
    "articles-part59-a.jsonl",
    "sentences-part98.jsonl",
    "articles-part60-a.jsonl",
    "sentences-part99.jsonl",
    "articles-part61-a.jsonl",
    "sentences-part100.jsonl",
    "articles-part62-a.jsonl",
    "sentences-part101.jsonl",
    "articles-part63-a.jsonl",
    "sentences-part102.jsonl",
    "articles-part64-a.jsonl",
    "sentences-part103.jsonl",
    "articles-part65-a.jsonl",
    "sentences-part104.jsonl",
    "articles-part66-a.jsonl",
    "sentences-part105.jsonl",
    "articles-part67-a.jsonl",
    "sentences-part106.jsonl",
    "articles-part68-a.jsonl",
    "sentences-part107.jsonl",
    "articles-part69-a.jsonl",
    "sentences-part108.jsonl",
    "articles-part70-a.jsonl",
    "sentences-part109.jsonl",
    "articles-part71-a.jsonl",
    "sentences-part110.jsonl",
    "articles-part72-a.jsonl",
    "sentences-part111.jsonl",
    "articles-part73-a.jsonl",
    "sentences-part112.jsonl",
    "articles-part74-a.jsonl",
    "sentences-part113.jsonl",
    "articles-part75-a.jsonl",
    "sentences-part114.jsonl",
    "articles-part76-a.jsonl",
    "sentences-part115.jsonl",
    "articles-part77-a.jsonl",
    "sentences-part116.jsonl",
    "articles-part78-a.jsonl",
    "sentences-part117.jsonl",
    "articles-part79-a.jsonl",
    "sentences-part118.jsonl",
    "articles-part80-a.jsonl",
    "sentences-part119.jsonl",
    "articles-part81-a.jsonl",
    "sentences-part120.jsonl",
    "articles-part82-a.jsonl",
    "sentences-part121.jsonl",
    "articles-part83-a.jsonl",
    "sentences-part122.jsonl",
    "articles-part84-a.jsonl",
    "sentences-part123.jsonl",
    "articles-part85-a.jsonl",
    "sentences-part124.jsonl",
    "articles-part86-a.jsonl",
    "sentences-part125.jsonl",
    "articles-part87-a.jsonl",
)
SPLITS = ("train", "dev", "test", "unseen")


def split_of(record_id: str, frozen: bool = True) -> str:
    """test for 20 % of sentence ids, dev for 15 %, train for the rest.

    Whole articles (ids "a-…") are few and score the coder end to end, so 30 % of them go to
    test and 15 % to dev. Records written after the freeze (``frozen=False``) go to dev for
    15 % of ids and to train otherwise.
    """
    bucket = int(hashlib.sha256(record_id.encode()).hexdigest()[:8], 16) % 100
    if not frozen:
        return "dev" if bucket < 15 else "train"
    test, dev = (30, 45) if record_id.startswith("a-") else (20, 35)
    return "test" if bucket < test else "dev" if bucket < dev else "train"


def read_records(path: Path) -> list[dict]:
    """The records of a corpus or split file (JSON Lines; blank lines skipped)."""

    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def sources(corpus: Path) -> list[tuple[str, bool]]:
    """(file name, written before the freeze) for every corpus file, frozen ones first."""
    later = sorted({p.name for g in LATER for p in corpus.glob(g)} - set(SOURCES))
    return [(name, True) for name in SOURCES] + [(name, False) for name in later]


def build(corpus: Path = ROOT / "corpus") -> dict[str, str]:
    """The text of each split file, lines in source order."""

    out: dict[str, list[str]] = {s: [] for s in SPLITS}
    for name, frozen in sources(corpus):
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            split = "unseen" if name in UNSEEN else split_of(json.loads(line)["id"], frozen)
            out[split].append(line)
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
