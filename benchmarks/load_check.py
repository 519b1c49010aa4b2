"""Bounded load check of the web API on loopback: throughput, latency percentiles, and no memory growth.

    .venv/bin/python benchmarks/load_check.py [--seconds 10] [--clients 4] [--max-growth-mib 8]

Starts its own gunicorn (``make serve`` settings) on a free 127.0.0.1 port, sends a mix of requests
(/entitlement good and bad, a 100-household /entitlements batch, /revisions, stock /calculate) from
``--clients`` processes, in rounds of ``--seconds`` each: a warm-up round, then two measured rounds.
It prints requests/s and p50/p90/p99/max latency per round and the workers' resident memory after each,
and exits 1 if any request got a 5xx or if the workers' memory grew by more than ``--max-growth-mib``
between the two measured rounds. Every loop is bounded in time; the server stops at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import random
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support

from api_benchmark import batch_records, percentile, stock_situation  # noqa: E402

from tests.support import local_server  # noqa: E402
from openfisca_kz_housing.api.openapi_entitlement import EXAMPLE_SITUATION  # noqa: E402


def request_mix() -> list[tuple[str, str, bytes | None]]:
    bad_date = dict(EXAMPLE_SITUATION, date="2021-02-30")
    missing = json.loads(json.dumps(EXAMPLE_SITUATION))
    del missing["households"]["household"]["tenure"]
    mix = [("POST", "/entitlement", json.dumps(EXAMPLE_SITUATION).encode())] * 10
    mix += [("POST", "/entitlement?lang=ru", json.dumps(dict(EXAMPLE_SITUATION, date=f"20{y}-0{m}-01")).encode()) for y in (20, 21, 22, 23) for m in (1, 5, 9)]
    mix += [("POST", "/entitlement", json.dumps(bad_date).encode()), ("POST", "/entitlement", json.dumps(missing).encode()),
            ("POST", "/entitlement", b"{not json"), ("POST", "/entitlements", json.dumps(batch_records(100)).encode()),
            ("GET", "/revisions?date=2022-11-01", None), ("GET", "/revisions", None),
            ("POST", "/calculate", json.dumps(stock_situation()).encode())]
    return mix


def _client(args):
    url, seconds, seed = args
    rng = random.Random(seed)
    mix = request_mix()
    parsed = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    latencies, server_errors, failures = [], 0, 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        method, path, body = rng.choice(mix)
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
            response = connection.getresponse()
            response.read()
            server_errors += response.status >= 500
        except (OSError, http.client.HTTPException):
            failures += 1
            connection.close()
            connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        latencies.append(time.perf_counter() - start)
    connection.close()
    return latencies, server_errors, failures


def run_round(url, clients, seconds, seed):
    start = time.perf_counter()
    with multiprocessing.Pool(clients) as pool:
        results = pool.map(_client, [(url, seconds, seed + i) for i in range(clients)])
    elapsed = time.perf_counter() - start
    latencies = [x for lat, _, _ in results for x in lat]
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": 1000 * percentile(latencies, 50), "p90": 1000 * percentile(latencies, 90),
        "p99": 1000 * percentile(latencies, 99), "max": 1000 * max(latencies),
        "5xx": sum(e for _, e, _ in results), "failed": sum(f for _, _, f in results),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--max-growth-mib", type=float, default=8.0)
    args = parser.parse_args(argv)
    process, url = local_server.start()
    ok = True
    try:
        workers = local_server.worker_pids(process.pid)
        print(f"load check on {url}: {args.clients} clients, rounds of {args.seconds:.0f} s, workers {workers}")
        print(f"{'round':<10}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'max ms':>8}{'5xx':>5}{'failed':>7}{'workers RSS MiB':>17}")
        memory = []
        for number, name in enumerate(("warm-up", "round 1", "round 2")):
            r = run_round(url, args.clients, args.seconds, 1000 * number)
            rss = sum(local_server.rss_kib(pid) for pid in local_server.worker_pids(process.pid)) / 1024
            memory.append(rss)
            print(f"{name:<10}{r['requests']:>9}{r['rps']:>8.0f}{r['p50']:>8.2f}{r['p90']:>8.2f}{r['p99']:>8.2f}{r['max']:>8.1f}{r['5xx']:>5}{r['failed']:>7}{rss:>17.1f}")
            ok &= r["5xx"] == 0 and r["failed"] == 0
        growth = memory[2] - memory[1]
        print(f"memory growth between the measured rounds: {growth:+.1f} MiB (limit {args.max_growth_mib} MiB)")
        ok &= growth <= args.max_growth_mib
        if local_server.worker_pids(process.pid) != workers:
            print("a worker was restarted during the check")
            ok = False
    finally:
        local_server.stop(process)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
