"""Fuzz whimbrel with generated and mutated articles: zero crashes, zero invalid records.

Run: python benchmarks/fuzz.py [--n 10000] [--cli 300] [--seed 7] [--workers 2] [--out DIR]

Seeds are the shipped examples (``examples/*.txt``, the HTML page and the corpus texts). Each
input is a seed cut to a random window and mutated (byte flips decoded as a file would be,
truncation, duplication, Unicode junk, control characters, huge repeats, random HTML, shuffled
lines, markup) or is text drawn from hypothesis strategies. In-process, inputs go through
``Pipeline.pipe`` (most) and ``pipeline(text, date=...)`` with odd dates (a tenth), and the
HTML ones through ``article_from_html``. Then a few hundred go through the real ``whimbrel
code`` process: JSONL corpora of mutated lines (some malformed on purpose) and raw files.

A crash is an exception that is not an :class:`~whimbrel.errors.InputError` (a ``StageError``
counts: it wraps an unexpected exception inside a stage), a process exit status other than 0
or 1, or a traceback on standard error. Every event emitted must validate against
``docs/event.schema.json`` (jsonschema if installed, else a pydantic round trip) and its
offsets must index the article text. Reproducers of failures are written under ``--out``.
Prints the size, duration and result; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "tests" / "hardening"))

JUNK = [
    "\u200b", "\ufeff", "\u202e", "\u00ad", "\x00", "\x07", "\x1b[31m", "\r", "\u2028", "\t",
    "\ud800", "\U0001f600", "東京", "\u0301", "ﬁ", "[/]", "[bold]", "<p>", "</div>", "&nbsp;",
    "«", "»", "“", "”", "...", "—", "\\", '"', "{", "}", "%s", "\u0000", "\U0010ffff", "İ", "ß",
]  # fmt: skip
DATES = [
    None, "2024-06-18", "2024-02-29", "1999-12-31", "1800-01-01", "2999-01-01", "0001-01-01",
    "yesterday", "2024-13-01", "", "  2024-06-18T10:00:00Z", "18/06/2024",
]  # fmt: skip


def seeds() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for line in (EXAMPLES / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line).get("text") or "")
    return [t for t in texts if t]


def _hypothesis_texts(rng: random.Random, count: int) -> list[str]:
    from hypothesis import strategies as st
    from hypothesis.errors import NonInteractiveExampleWarning

    strategy = st.one_of(
        st.text(max_size=300),
        st.text(alphabet=st.characters(codec="utf-8"), min_size=20, max_size=600),
        st.lists(
            st.sampled_from(
                [
                    "Russia",
                    "Ukraine",
                    "the",
                    "minister",
                    "said",
                    "attacked",
                    ",",
                    ".",
                    "\n",
                    "met",
                    "Biden",
                ]
            ),
            max_size=150,
        ).map(" ".join),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        return [strategy.example() for _ in range(count)]


def mutate(text: str, rng: random.Random) -> tuple[str, str]:
    """A mutated window of ``text``: (kind, text). ``kind`` "html" means markup."""
    start = rng.randrange(len(text))
    text = text[start : start + rng.choice([80, 300, 800, 1500])] or text[:500]
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(
            ["flip", "truncate", "duplicate", "junk", "control", "repeat", "html", "shuffle",
             "nospace", "upper", "newlines", "quote"]
        )  # fmt: skip
        if op == "flip":
            from whimbrel.ingest.readers import decode_bytes

            data = bytearray(text.encode("utf-8", "surrogatepass"))
            for _ in range(rng.randint(1, 20)):
                if data:
                    data[rng.randrange(len(data))] = rng.randrange(256)
            try:
                text = decode_bytes(bytes(data))
            except UnicodeDecodeError:
                text = data.decode("latin-1")
        elif op == "truncate":
            text = text[: rng.randrange(len(text) + 1)]
        elif op == "duplicate":
            text = text * rng.randint(2, 4)
        elif op in ("junk", "control"):
            pool = JUNK if op == "junk" else [chr(c) for c in range(32)] + ["\x7f", "\x85"]
            chars = list(text)
            for _ in range(rng.randint(1, 30)):
                chars.insert(rng.randrange(len(chars) + 1), rng.choice(pool))
            text = "".join(chars)
        elif op == "repeat":
            piece = text[: rng.randint(1, 40)] or "a"
            text += piece * rng.choice([10, 100, 100, 1000])
        elif op == "html":
            tags = ["p", "div", "span", "script", "nav", "article", "table", "b", "a"]
            parts = text.split("\n")
            body = "".join(f"<{rng.choice(tags)}>{p}</{rng.choice(tags)}>" for p in parts)
            return "html", f"<html><head><title>t</title></head><body>{body}</body></html>"
        elif op == "shuffle":
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        elif op == "nospace":
            text = text.replace(" ", "")
        elif op == "upper":
            text = text.upper()
        elif op == "newlines":
            text = "\n".join(text.split(" "))
        elif op == "quote":
            text = "“" + text.replace(".", ",” he said. “") + "”"
    return "text", text[:60_000]


def make_inputs(n: int, seed: int) -> list[tuple[str, str, str | None]]:
    """n inputs: (kind, text, date); a tenth from hypothesis, the rest mutated seeds."""
    rng = random.Random(seed)
    base = seeds()
    inputs: list[tuple[str, str, str | None]] = []
    for text in _hypothesis_texts(rng, n // 10):
        inputs.append(("text", text, rng.choice(DATES[:4])))
    while len(inputs) < n:
        kind, text = mutate(rng.choice(base), rng)
        date = rng.choice(DATES) if rng.random() < 0.1 else "2024-06-18"
        inputs.append((kind, text, date))
    rng.shuffle(inputs)
    return inputs


def _problems_of(article, index: int) -> list[str]:
    from hardening_helpers import article_problems

    return [f"input {index}: invalid record: {p}" for p in article_problems(article)]


def run_chunk(args: tuple[int, list[tuple[int, str, str, str | None]]]) -> dict:
    """Code one chunk in this process; returns counts and failures (with reproducers)."""
    _, chunk = args
    import whimbrel
    from whimbrel.errors import InputError, StageError
    from whimbrel.ingest.articles import article_from_html, article_from_text
    from whimbrel.pipeline import parse_date

    pipeline = whimbrel.load_pipeline()
    stats = {"inputs": 0, "coded": 0, "refused": 0, "events": 0, "crashes": [], "invalid": []}

    def crash(index: int, text: str, date: str | None, what: str) -> None:
        stats["crashes"].append({"index": index, "date": date, "text": text, "error": what})

    batch, meta = [], []
    for index, kind, text, date in chunk:
        stats["inputs"] += 1
        direct = index % 10 == 0 and kind == "text"
        try:
            if direct:
                article = pipeline(text, date=date)
                stats["coded"] += 1
                stats["events"] += len(article.events)
                stats["invalid"] += _problems_of(article, index)
                continue
            day = parse_date(date)
            build = article_from_html if kind == "html" else article_from_text
            batch.append(build(text, date=day, origin=f"input-{index}"))
            meta.append((index, text, date))
        except StageError as exc:
            crash(index, text, date, "".join(traceback.format_exception(exc.__cause__ or exc)))
        except InputError:
            stats["refused"] += 1
        except Exception:
            crash(index, text, date, traceback.format_exc())
    try:
        results = list(pipeline.pipe(batch))
    except Exception:
        for index, text, date in meta:
            crash(index, text, date, "pipe raised: " + traceback.format_exc())
        return stats
    for (index, text, date), result in zip(meta, results, strict=True):
        if isinstance(result, StageError):
            crash(index, text, date, "".join(traceback.format_exception(result.__cause__)))
        elif isinstance(result, InputError):
            stats["refused"] += 1
        elif isinstance(result, Exception):
            crash(index, text, date, repr(result))
        else:
            stats["coded"] += 1
            stats["events"] += len(result.events)
            stats["invalid"] += _problems_of(result, index)
    return stats


def in_process(n: int, seed: int, workers: int) -> dict:
    inputs = [(i, *x) for i, x in enumerate(make_inputs(n, seed))]
    chunks = [(k, inputs[k : k + 200]) for k in range(0, len(inputs), 200)]
    total = {"inputs": 0, "coded": 0, "refused": 0, "events": 0, "crashes": [], "invalid": []}
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers) as pool:
        for done, stats in enumerate(pool.imap_unordered(run_chunk, chunks), start=1):
            for key in ("inputs", "coded", "refused", "events", "crashes", "invalid"):
                total[key] += stats[key]
            if done % 5 == 0:
                print(f"  in-process: {total['inputs']:,}/{n:,} inputs", flush=True)
    return total


def through_cli(count: int, seed: int, workdir: Path) -> dict:
    """``count`` mutated inputs through the real ``whimbrel code`` process, in batches."""
    from hardening_helpers import record_problems

    rng = random.Random(seed + 1)
    base = seeds()
    stats = {"inputs": 0, "processes": 0, "events": 0, "failed_inputs": 0, "crashes": [],
             "invalid": []}  # fmt: skip
    files: list[list[str]] = []
    per_corpus = 50
    n_raw = max(10, count // 10)
    for c in range(-(-(count - n_raw) // per_corpus)):  # ceil: at least count inputs
        path = workdir / f"corpus-{c}.jsonl"
        lines = []
        for i in range(per_corpus):
            kind, text = mutate(rng.choice(base), rng)
            record = {"id": f"c{c}-{i}", ("html" if kind == "html" else "text"): text}
            roll = rng.random()
            if roll < 0.05:
                record["date"] = rng.choice(["2999-01-01", "yesterday", 20240101, None])
            elif roll < 0.1:
                record["text"] = rng.choice([None, 5, ["x"], {"a": 1}])
            line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
            if roll > 0.95:
                line = line[: rng.randrange(len(line))]  # malformed
            lines.append(line)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        files.append([str(path)])
        stats["inputs"] += per_corpus
    raw = []
    for r in range(n_raw):
        kind, text = mutate(rng.choice(base), rng)
        path = workdir / f"raw-{r}.{'html' if kind == 'html' else rng.choice(['txt', 'dat'])}"
        data = text.encode("utf-8", "surrogatepass")
        if rng.random() < 0.2:
            data = rng.choice([b"%PDF-1.4\n", b"PK\x03\x04", b"\xff\xfe", b"\x00"]) + data
        path.write_bytes(data)
        raw.append(str(path))
        stats["inputs"] += 1
    for k in range(0, len(raw), 25):
        files.append(raw[k : k + 25])
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for batch in files:
        command = [sys.executable, "-c", "from whimbrel.serve.cli import main; main()", "code"]
        proc = subprocess.run(
            [*command, *batch, "--date", "2024-06-18", "--format", "jsonl"],
            capture_output=True, text=True, env=env, timeout=600, check=False,
        )  # fmt: skip
        stats["processes"] += 1
        if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
            stats["crashes"].append({"inputs": batch, "status": proc.returncode,
                                     "stderr": proc.stderr[-4000:]})  # fmt: skip
        stats["failed_inputs"] += sum(
            1 for line in proc.stderr.splitlines() if line.startswith("whimbrel code: ")
        ) - (1 if " failed" in proc.stderr else 0)
        for line in proc.stdout.splitlines():
            stats["events"] += 1
            for problem in record_problems(json.loads(line)):
                stats["invalid"].append(f"{batch}: {problem}")
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="in-process inputs")
    parser.add_argument("--cli", type=int, default=500, help="inputs through the CLI process")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    parser.add_argument("--out", type=Path, default=None, help="where reproducers go")
    args = parser.parse_args()
    try:
        import jsonschema  # noqa: F401

        how = "jsonschema"
    except ImportError:
        how = "pydantic round trip (jsonschema not installed)"
    print(f"whimbrel fuzz: {args.n:,} in-process + {args.cli:,} CLI inputs, seed {args.seed}, "
          f"records checked by {how}", flush=True)  # fmt: skip
    started = time.perf_counter()
    inproc = in_process(args.n, args.seed, args.workers)
    t_in = time.perf_counter() - started
    print(f"in-process: {inproc['inputs']:,} inputs in {t_in:.0f} s: {inproc['coded']:,} coded "
          f"({inproc['events']:,} events), {inproc['refused']:,} refused with an InputError, "
          f"{len(inproc['crashes'])} crashes, {len(inproc['invalid'])} invalid records",
          flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        cli = through_cli(args.cli, args.seed, Path(tmp))
        t_cli = time.perf_counter() - started
    print(f"CLI: {cli['inputs']:,} inputs in {cli['processes']} whimbrel code processes, "
          f"{t_cli:.0f} s: {cli['events']:,} events, {cli['failed_inputs']:,} inputs refused "
          f"with a message, {len(cli['crashes'])} crashes, {len(cli['invalid'])} invalid records",
          flush=True)  # fmt: skip
    bad = inproc["crashes"] + inproc["invalid"] + cli["crashes"] + cli["invalid"]
    if bad:
        out = args.out or Path(tempfile.mkdtemp(prefix="whimbrel-fuzz-"))
        out.mkdir(parents=True, exist_ok=True)
        (out / "failures.json").write_text(json.dumps(bad, indent=1, ensure_ascii=True))
        for item in bad[:5]:
            print(json.dumps(item, ensure_ascii=True)[:1500])
        print(f"RESULT: FAIL ({len(bad)} failures; reproducers in {out}/failures.json)")
        return 1
    print(f"RESULT: PASS: {inproc['inputs'] + cli['inputs']:,} inputs, 0 crashes, "
          "0 invalid records")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
