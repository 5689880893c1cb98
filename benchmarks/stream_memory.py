"""Peak memory of ``whimbrel code`` streaming a large JSONL corpus (issue 7; not run in CI).

Run: python benchmarks/stream_memory.py [--size-mb 1024] [--code-mb 5] [--dir DIR]

Three runs of the real ``whimbrel code CORPUS --format jsonl -o /dev/null`` process, each in
its own child so that its peak resident set size (RUSAGE_CHILDREN ru_maxrss) is its own:

1. baseline: one example article (the model, knowledge base and lexicons loaded);
2. coded: a ``--code-mb`` corpus of the example articles, every line coded end to end;
3. streamed: a ``--size-mb`` corpus (1 GB by default) read line by line through the JSONL
   reader and the pipeline's checks. Coding 1 GB of news takes hours on a laptop, so its
   lines are long articles (about 100 kB) refused by ``--max-article-chars 5000`` after being
   parsed, and the first 32 lines (one batch) are short articles that are coded. Every line is
   still read, decoded and parsed as JSON, which is where a reader that slurped the file would
   grow.

If memory is bounded, run 3 peaks at the same height whatever ``--size-mb`` is (compare 100
and 1024), and near run 2. The corpora are
written to a temporary directory (or ``--dir``) and deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
#: Lines of the streamed corpus that are coded (one batch); the rest are refused as too long.
CODED_LINES = 32


def articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


def write_corpus(path: Path, size: int, *, long_lines: bool) -> int:
    """Write about ``size`` bytes of JSONL; returns the number of lines."""
    texts = articles()
    long_text = ("\n\n".join(texts) + "\n\n") * (100_000 // sum(map(len, texts)) + 1)
    written = lines = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < size:
            text = texts[lines % len(texts)]
            if long_lines and lines >= CODED_LINES:
                text = long_text
            line = json.dumps({"id": f"s-{lines}", "text": text, "date": "2024-06-18"}) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            lines += 1
    return lines


def run(corpus: Path, *extra: str) -> tuple[float, float, int]:
    """(peak RSS in MiB, seconds, exit status) of one ``whimbrel code`` child process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    code = (
        "import resource, sys\n"
        "from whimbrel.serve.cli import main\n"
        "try:\n    main()\n"
        "finally:\n"
        "    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, "code", str(corpus), "--format", "jsonl", "-o", os.devnull,
         *extra],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    peak = next(
        int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK ")
    )
    return peak / 1024, elapsed, proc.returncode  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1024, help="streamed corpus size")
    parser.add_argument("--code-mb", type=float, default=5, help="fully coded corpus size")
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        one = Path(tmp) / "one.jsonl"
        write_corpus(one, 1, long_lines=False)
        peak, secs, status = run(one)
        print(f"baseline: 1 article: peak RSS {peak:,.0f} MiB, {secs:.1f} s, exit {status}")

        coded = Path(tmp) / "coded.jsonl"
        n = write_corpus(coded, int(args.code_mb * 1024 * 1024), long_lines=False)
        peak, secs, status = run(coded)
        print(
            f"coded: {coded.stat().st_size / 1e6:,.1f} MB, {n:,} articles coded: "
            f"peak RSS {peak:,.0f} MiB, {secs:.1f} s, exit {status}"
        )

        big = Path(tmp) / "big.jsonl"
        n = write_corpus(big, int(args.size_mb * 1024 * 1024), long_lines=True)
        size = big.stat().st_size
        peak, secs, status = run(big, "--max-article-chars", "5000")
        print(
            f"streamed: {size / 1e6:,.0f} MB, {n:,} lines ({CODED_LINES} coded, the rest "
            f"refused as too long): peak RSS {peak:,.0f} MiB, {secs:.0f} s "
            f"({size / 1e6 / secs:,.0f} MB/s), exit {status}"
        )


if __name__ == "__main__":
    main()
