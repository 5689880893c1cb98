"""List records written after the test freeze that may retell a test-split record's story.

Run: python tools/check_test_overlap.py [FILE ...]   (default: every file written after the freeze)

Training on a paraphrase of a test sentence would flatter the frozen test figures, so every
record added to the corpus is compared with the test split before it is merged: a record is
listed when it shares three or more capitalised names with a test record published within a
year of it, two of them rare (in at most ``RARE`` records of the whole corpus). The rule is
the one sessions 2 and 5 applied by hand (docs/corpus.md); a listed record is read, then
dropped, or kept with the reason in ``KEPT``. Exit status 1 when anything is listed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split_corpus import ROOT, read_records, sources, split_of

#: A name is "rare" when at most this many records of the corpus use it.
RARE = 3
#: Shared names (and rare ones among them) that make two records look like one story.
MIN_SHARED, MIN_RARE = 3, 2
#: Publication dates further apart than this are different stories.
MAX_DAYS = 366
#: Records that were listed, read, and kept: a different story told with the same names.
KEPT = {
    "s11-0075": "a-003 (the 23 February 2019 aid convoys); this is the 2 February rallies",
}
_WORD = r"[A-Z][\w-]+(?:'s)?"
_NAME = re.compile(rf"(?<![.!?]\s)(?<!^)\b{_WORD}(?:\s+{_WORD})*")


def names(text: str) -> set[str]:
    """Runs of capitalised words ("People's Liberation Army", "Mike Pompeo") that do not open
    a sentence, a closing possessive "'s" dropped."""
    return {m.group().removesuffix("'s") for m in _NAME.finditer(text)}


def _day(value: str) -> date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def overlaps(
    candidates: list[dict], test: list[dict], counts: Counter
) -> list[tuple[dict, dict, set[str]]]:
    """(candidate, test record, shared names) for every pair the rule above flags."""
    test_names = [(t, names(t["text"]), _day(t["date"])) for t in test]
    found = []
    for rec in candidates:
        if rec["id"] in KEPT:
            continue
        own, day = names(rec["text"]), _day(rec["date"])
        for t, theirs, t_day in test_names:
            shared = own & theirs
            if (len(shared) >= MIN_SHARED and abs((day - t_day).days) <= MAX_DAYS
                    and sum(counts[n] <= RARE for n in shared) >= MIN_RARE):  # fmt: skip
                found.append((rec, t, shared))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="corpus files to check")
    args = parser.parse_args(argv)
    corpus = ROOT / "corpus"
    everything = {name: read_records(corpus / name) for name, _ in sources(corpus)}
    frozen = {name for name, is_frozen in sources(corpus) if is_frozen}
    test = [r for name in frozen for r in everything[name] if split_of(r["id"]) == "test"]
    counts = Counter(n for recs in everything.values() for r in recs for n in names(r["text"]))
    files = args.files or [corpus / name for name in everything if name not in frozen]
    found = [hit for path in files for hit in overlaps(read_records(path), test, counts)]
    for rec, t, shared in found:
        print(f"{rec['id']} ~ test {t['id']}: {', '.join(sorted(shared))}")
    print(f"{len(found)} record(s) listed", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
