"""Throughput of whimbrel on a local Dask cluster with 1 and 2 workers, and the speed-up.

Run: python benchmarks/bench_scale.py [--repeat 30] [--partition-size 16] [--rounds 1]
                                      [--spacy] [--ingest]

The corpus is the shipped example articles (examples/*.txt), repeated under distinct ids,
as in docs/store.md. For each setting the pipeline is loaded and warmed up first (on every
worker), then the whole corpus is coded and timed: in this process without Dask, then on a
LocalCluster of 1 and of 2 worker processes (one thread each, 127.0.0.1). Reports
articles/s and words/s, the speed-up of 2 workers over 1, and each worker's resident
memory (current and peak, read on the workers with psutil/resource through
``client.run``). ``--spacy`` also times bare spaCy with ``n_process`` 1 and 2 on the same
texts, and ``--ingest`` the end-to-end ``whimbrel ingest`` into a DuckDB file. The load
average before and after is printed: other processes on the machine skew the figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_articles(repeat: int) -> list:
    import whimbrel
    from whimbrel.ingest.readers import read_input

    base = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        base.extend(a for a in read_input(str(path)) if isinstance(a, whimbrel.Article))
    return [a.model_copy(update={"id": f"{a.id}-{i}"}) for i in range(repeat) for a in base]


def write_jsonl(articles: list, path: Path) -> Path:
    import json

    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            record = {"id": a.id, "text": a.text, "date": a.date.isoformat() if a.date else None}
            out.write(json.dumps(record) + "\n")
    return path


def warm(config) -> int:
    """Runs on every worker: load the pipeline and code a few articles (lazy tables)."""
    from whimbrel.scale.runner import worker_pipeline

    articles = load_articles(1)[:3]
    return sum(len(a.events) for a in worker_pipeline(config).pipe(articles))


def memory() -> dict:
    """This process's resident memory now and at its peak (VmHWM), in MB, and CPU seconds."""
    import psutil

    peak = None
    with open("/proc/self/status", encoding="ascii") as status:  # Linux; ru_maxrss survives exec
        for line in status:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    me = psutil.Process()
    cpu = me.cpu_times()
    return {"rss": me.memory_info().rss / 2**20, "peak": peak, "cpu": cpu.user + cpu.system}


def time_local(articles: list, config, size: int) -> tuple[float, int, dict]:
    from whimbrel.scale import partition, run_partitions

    warm(config)
    cpu = memory()["cpu"]
    t0 = time.perf_counter()
    events = 0
    for _, outcome in run_partitions(partition(copies(articles), size), config):
        events += outcome.events
    return (
        time.perf_counter() - t0,
        events,
        {"this process": {**memory(), "cpu": memory()["cpu"] - cpu}},
    )


def time_cluster(articles: list, config, size: int, workers: int) -> tuple[float, int, dict]:
    from whimbrel.scale import dask_client, partition, prepare_workers, run_partitions

    with dask_client(workers=workers) as client:
        prepare_workers(client, config)
        client.run(warm, config)
        before = client.run(memory)
        own = memory()["cpu"]
        t0 = time.perf_counter()
        events = 0
        for _, outcome in run_partitions(partition(copies(articles), size), config, client=client):
            assert not outcome.failures and not outcome.fatal, outcome
            events += outcome.events
        seconds = time.perf_counter() - t0
        mem = client.run(memory)
        here = memory()
    for address, m in mem.items():
        m["cpu"] -= before[address]["cpu"]
    mem["client"] = {**here, "cpu": here["cpu"] - own}  # reads, ships, collects
    return seconds, events, mem


def time_ingest(corpus: Path, workers: int | None) -> float:
    """End to end as the command runs: loading the pipeline (or starting the cluster and
    loading it on the workers), reading, coding, storing, deduplicating."""
    import whimbrel
    from whimbrel import scale
    from whimbrel.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "b.duckdb")) as store:
        t0 = time.perf_counter()
        if workers is None:
            summary = store.ingest([str(corpus)], pipeline=whimbrel.load_pipeline())
        else:
            summary = scale.ingest(store, [str(corpus)], workers=workers)
        assert summary.failed == 0, summary.failures
        return time.perf_counter() - t0


def time_spacy(texts: list[str], n_process: int, batch: int) -> tuple[float, int, dict]:
    from whimbrel.nlp.parse import load_spacy

    nlp = load_spacy("auto")
    list(nlp.pipe(texts[:8], batch_size=batch))
    t0 = time.perf_counter()  # with n_process=2 this includes starting the 2 processes
    for _ in nlp.pipe(texts, batch_size=batch, n_process=n_process):
        pass
    return time.perf_counter() - t0, 0, {}


def copies(articles: list) -> list:
    return [a.model_copy(deep=True) for a in articles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument(
        "--rounds", type=int, default=1, help="time each setting N times (in turn), keep the best"
    )
    parser.add_argument(
        "--spacy", action="store_true", help="also time bare spaCy, 1 and 2 processes"
    )
    parser.add_argument("--ingest", action="store_true", help="also time ingest into DuckDB")
    args = parser.parse_args()

    from whimbrel.config import load_config

    config = load_config()
    articles = load_articles(args.repeat)
    words = sum(len(a.text.split()) for a in articles)
    n = len(articles)
    print(f"corpus: {n} articles, {words} words; partitions of {args.partition_size}")
    print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()}")

    # The settings take turns, round after round, so a change of load on the machine hits
    # them alike; each keeps its fastest round.
    settings = {
        "one process, no Dask": lambda: time_local(articles, config, args.partition_size),
        "Dask, 1 worker": lambda: time_cluster(articles, config, args.partition_size, 1),
        "Dask, 2 workers": lambda: time_cluster(articles, config, args.partition_size, 2),
    }
    texts = [a.text for a in articles]
    if args.spacy:
        settings["bare spaCy, n_process=1"] = lambda: time_spacy(texts, 1, 32)
        settings["bare spaCy, n_process=2"] = lambda: time_spacy(texts, 2, 32)
    results: dict[str, list] = {label: [] for label in settings}
    for round_ in range(args.rounds):
        for label, run in settings.items():
            results[label].append(run())
            seconds = results[label][-1][0]
            print(f"round {round_ + 1}: {label}: {seconds:.1f} s (load {os.getloadavg()[0]:.2f})")
    fastest = {label: min(found, key=lambda r: r[0]) for label, found in results.items()}

    print()
    print(
        "| setting | wall s | articles/s | words/s | events | CPU s per process "
        "| articles per CPU-s | RSS now / peak per process (MB) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, (seconds, events, mem) in fastest.items():
        cpu = [m["cpu"] for m in mem.values()]
        rss = ", ".join(f"{m['rss']:.0f} / {m['peak']:.0f}" for m in mem.values())
        print(
            f"| {label} | {seconds:.1f} | {n / seconds:.2f} | {words / seconds:,.0f} | {events} "
            f"| {', '.join(f'{c:.1f}' for c in cpu) or '—'} "
            f"| {f'{n / sum(cpu):.2f}' if cpu else '—'} | {rss or '—'} |"
        )
    one, two = fastest["Dask, 1 worker"], fastest["Dask, 2 workers"]
    print(f"\nspeed-up, 2 workers over 1 (wall clock): {one[0] / two[0]:.2f}x")
    per_cpu = {k: n / sum(m["cpu"] for a, m in v[2].items() if a != "client") for k, v in
               (("one", one), ("two", two))}  # fmt: skip
    print(
        "articles per worker CPU-second: "
        f"{per_cpu['one']:.2f} with 1 worker, {per_cpu['two']:.2f} with 2; "
        f"speed-up 2 busy cores would give: {2 * per_cpu['two'] / per_cpu['one']:.2f}x"
    )
    if args.spacy:
        sp1, sp2 = fastest["bare spaCy, n_process=1"][0], fastest["bare spaCy, n_process=2"][0]
        print(f"bare spaCy, 2 processes over 1 (wall clock): {sp1 / sp2:.2f}x")
    print(
        f"client process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )

    if args.ingest:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = write_jsonl(articles, Path(tmp) / "corpus.jsonl")
            for workers in (None, 1, 2):
                seconds = time_ingest(corpus, workers)
                label = "one process" if workers is None else f"--workers {workers}"
                print(f"ingest into DuckDB, {label}: {seconds:.1f} s, {n / seconds:.2f} articles/s")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
