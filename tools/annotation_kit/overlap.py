"""Flag drafted records that may retell a story the corpus already holds.

Run: python tools/annotation_kit/overlap.py DRAFT.jsonl [THRESHOLD]   (default 0.30)

For each draft record (each paragraph of an article), the Jaccard overlap of its content
words (lower-cased, four letters or more, common news words left out) with every record or
paragraph of ``corpus/*.jsonl``. Pairs at or above the threshold are printed with the corpus
record's id and the score, and nothing else: an annotator writing unseen parts rewrites the
flagged draft with other places, actors and circumstances without opening the corpus files.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "been",
        "their",
        "they",
        "them",
        "there",
        "which",
        "while",
        "after",
        "before",
        "about",
        "against",
        "would",
        "could",
        "should",
        "will",
        "said",
        "says",
        "told",
        "also",
        "into",
        "over",
        "under",
        "than",
        "then",
        "when",
        "where",
        "what",
        "more",
        "most",
        "some",
        "other",
        "such",
        "only",
        "very",
        "just",
        "both",
        "each",
        "many",
        "much",
        "every",
        "between",
        "during",
        "since",
        "until",
        "because",
        "through",
        "across",
        "among",
        "along",
        "around",
        "within",
        "without",
        "upon",
        "onto",
        "last",
        "next",
        "first",
        "week",
        "month",
        "year",
        "years",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "officials",
        "official",
        "government",
        "minister",
        "ministry",
        "president",
        "country",
        "countries",
        "national",
        "people",
        "statement",
    ]
)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOP}


def chunks(record: dict) -> list[str]:
    """An article's paragraphs of more than six words, or the record's whole text."""
    return [p for p in record["text"].split("\n") if len(p.split()) > 6] or [record["text"]]


def corpus_chunks() -> list[tuple[str, set[str]]]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            out += [(record["id"], w) for c in chunks(record) if len(w := words(c)) >= 5]
    return out


def main(argv: list[str]) -> int:
    draft, threshold = Path(argv[0]), float(argv[1]) if len(argv) > 1 else 0.30
    corpus = corpus_chunks()
    flagged = 0
    for line in draft.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for i, chunk in enumerate(chunks(record)):
            w = words(chunk)
            if len(w) < 5:
                continue
            score, rid = max(
                ((len(w & cw) / len(w | cw), cid) for cid, cw in corpus), default=(0, None)
            )
            if score >= threshold:
                flagged += 1
                print(f"{record['id']} chunk {i}: {score:.2f} with {rid}")
    print(f"{flagged} chunk(s) at or above {threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
