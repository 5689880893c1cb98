"""A bounded load test of ``whimbrel serve`` on loopback (docs/BENCHMARKS.md, "REST API load").

N concurrent clients (default 50) send requests for a fixed time (default 30 s), each with a
30 s client timeout: half of the clients ``POST /api/code`` a ~2 KB article, the other half
page through ``GET /api/events`` (limit 50, varying filters and offsets). Reports requests,
failures, throughput and p50/p95/p99 latency per endpoint and overall. A failure is any
non-2xx answer, timeout or connection error; the run exits 1 when there is one.

    python benchmarks/load_api.py --db /tmp/x.duckdb          # starts and stops a server
    python benchmarks/load_api.py --url http://127.0.0.1:8000  # against a running one
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def article_text(size: int = 2048) -> str:
    """About ``size`` characters of the example articles, cut at a paragraph."""
    text = (ROOT / "examples" / "diplomatic-visit.txt").read_text(encoding="utf-8")
    out = ""
    for block in text.split("\n\n"):
        if len(out) + len(block) > size and out:
            break
        out += block + "\n\n"
    return out.strip()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.failures: list[str] = []

    def summary(self, seconds: float) -> dict[str, float | int]:
        ok = self.latencies
        return {
            "requests": len(ok) + len(self.failures),
            "failed": len(self.failures),
            "per_second": round(len(ok) / seconds, 1),
            "p50_ms": round(percentile(ok, 50) * 1000, 1),
            "p95_ms": round(percentile(ok, 95) * 1000, 1),
            "p99_ms": round(percentile(ok, 99) * 1000, 1),
            "mean_ms": round(statistics.fmean(ok) * 1000, 1) if ok else float("nan"),
        }


async def client_loop(
    n: int, base: str, deadline: float, timeout: float, text: str, total: int, tallies: dict
) -> None:
    rng = random.Random(n)
    filters = [{}, {"source": "RUS"}, {"actor": "PRK"}, {"quad": "4"}, {"factuality": "all"}]
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
        while time.monotonic() < deadline:
            if n % 2 == 0:
                name = "POST /api/code"
                request = client.post("/api/code", json={"text": text, "date": "2024-03-12"})
            else:
                name = "GET /api/events"
                params = {**rng.choice(filters), "limit": 50,
                          "offset": rng.randrange(0, max(1, total), 50)}  # fmt: skip
                request = client.get("/api/events", params=params)
            started = time.monotonic()
            try:
                response = await request
                ok = 200 <= response.status_code < 300
                reason = f"HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                ok, reason = False, type(exc).__name__
            elapsed = time.monotonic() - started
            tally = tallies[name]
            if ok:
                tally.latencies.append(elapsed)
            else:
                tally.failures.append(reason)


async def run(base: str, clients: int, seconds: float, timeout: float) -> dict:
    text = article_text()
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
        total = (await client.get("/api/events", params={"limit": 1})).json()["total"]
        warm = await client.post("/api/code", json={"text": text})  # loads the pipeline
        warm.raise_for_status()
    tallies = {"POST /api/code": Tally(), "GET /api/events": Tally()}
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(client_loop(n, base, deadline, timeout, text, total, tallies) for n in range(clients))
    )
    elapsed = time.monotonic() - started
    overall = Tally()
    for t in tallies.values():
        overall.latencies += t.latencies
        overall.failures += t.failures
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "article_bytes": len(text.encode()),
        "events_in_store": total,
        "endpoints": {k: t.summary(elapsed) for k, t in tallies.items()},
        "overall": overall.summary(elapsed),
        "failures": sorted(set(overall.failures)),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "whimbrel.serve.cli", "serve", "--db", db, "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        [sys.executable, "-c", "from whimbrel.serve.cli import main; main()", *command[3:]],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/api/events", params={"limit": 1}, timeout=1).raise_for_status()
            return server, base
        except httpx.HTTPError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def table(result: dict) -> str:
    lines = [
        "| endpoint | requests | failed | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    rows = {**result["endpoints"], "all": result["overall"]}
    for name, s in rows.items():
        lines.append(
            f"| {name} | {s['requests']} | {s['failed']} | {s['per_second']} | "
            f"{s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="A running server, e.g. http://127.0.0.1:8000")
    where.add_argument("--db", help="Start a server on this store (127.0.0.1, a free port)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--json", help="Also write the result here")
    args = parser.parse_args()
    server = None
    base = args.url
    if args.db:
        server, base = start_server(args.db)
    try:
        result = asyncio.run(run(base, args.clients, args.seconds, args.timeout))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
    print(table(result))
    print(json.dumps({k: v for k, v in result.items() if k != "endpoints"}, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    sys.exit(1 if result["overall"]["failed"] else 0)


if __name__ == "__main__":
    main()
