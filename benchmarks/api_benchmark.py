"""Benchmark of the web API on loopback, each figure beside the stock /calculate in the same run.

    .venv/bin/python benchmarks/api_benchmark.py [--seconds 5] [--clients 4] [--stock-batch 10000]

Starts its own gunicorn (the settings of ``make serve``: 2 workers x 4 threads) on a free 127.0.0.1
port, then prints:
  * /entitlement and /calculate on the same household: sequential (1 client) and N concurrent clients
    (separate processes, keep-alive connections): requests/s, p50, p99 latency;
  * /entitlements with 10,000 households (columns and records), beside /calculate with
    ``--stock-batch`` households (default 10,000; the stock JSON builder is O(n^2): 12-20 s; the
    server started here lifts the API's 5,000-entity limit on /calculate for that request).
Every loop is bounded in time; the server stops at the end. Targets (issue 3): >= 1,000 /entitlement
requests/s with 4 clients, p99 < 25 ms; a batch of 10,000 households < 1 s.
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import multiprocessing
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support

from openfisca_kz_housing.api.openapi_entitlement import EXAMPLE_SITUATION  # noqa: E402
from tests.support import local_server  # noqa: E402


def stock_situation(households: int = 1) -> dict:
    """The same household as EXAMPLE_SITUATION, as a stock /calculate request for housing_aid."""
    persons, groups = {}, {}
    for i in range(households):
        for pid, person in EXAMPLE_SITUATION["persons"].items():
            persons[f"{pid}{i}"] = copy.deepcopy(person)
        household = copy.deepcopy(EXAMPLE_SITUATION["households"]["household"])
        household["applicant"] = f"aigerim{i}"
        household["other_members"] = [f"bolat{i}"]
        for name in (
            "dwelling_area",
            "dwelling_rooms",
            "tenure",
            "maintenance_expense",
            "heating_expense",
            "utility_expense",
        ):
            household[name] = {"2021-05": household[name]}
        household["housing_aid"] = {"2021-05": None}
        groups[f"household{i}"] = household
    return {"persons": persons, "households": groups}


def batch_columns(n: int) -> dict:
    months = ["2021-01", "2021-02", "2021-03"]
    return {
        "date": "2021-05-01",
        "households": {
            "id": [f"h{i}" for i in range(n)],
            "dwelling_area": [54 + i % 20 for i in range(n)],
            "dwelling_rooms": [2] * n,
            "tenure": ["owner"] * n,
            "maintenance_expense": [3500] * n,
            "heating_expense": [14000] * n,
            "utility_expense": [6500] * n,
        },
        "persons": {
            "household": [i // 2 for i in range(2 * n)],
            "salary": {m: [70000, 0] * n for m in months},
            "pension": {m: [0, 45000] * n for m in months},
        },
    }


def batch_records(n: int) -> dict:
    months = ["2021-01", "2021-02", "2021-03"]
    return {
        "date": "2021-05-01",
        "households": [
            {
                "id": f"h{i}",
                "dwelling_area": 54 + i % 20,
                "dwelling_rooms": 2,
                "tenure": "owner",
                "maintenance_expense": 3500,
                "heating_expense": 14000,
                "utility_expense": 6500,
                "members": [{"salary": {m: 70000 for m in months}}, {"pension": {m: 45000 for m in months}}],
            }
            for i in range(n)
        ],
    }


def _client(args):
    """One client process: keep-alive POSTs for ``seconds`` (at most ``limit`` requests); latencies in s."""
    url, path, body, seconds, limit = args
    parsed = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    headers = {"Content-Type": "application/json"}
    latencies, errors = [], 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and len(latencies) < limit:
        start = time.perf_counter()
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        latencies.append(time.perf_counter() - start)
    connection.close()
    return latencies, errors


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def load(url, path, body: bytes, clients: int, seconds: float, limit: int = 200_000) -> dict:
    """Run ``clients`` client processes at once; requests/s and latency percentiles (ms)."""
    start = time.perf_counter()
    if clients == 1:
        results = [_client((url, path, body, seconds, limit))]
    else:
        with multiprocessing.Pool(clients) as pool:
            results = pool.map(_client, [(url, path, body, seconds, limit)] * clients)
    elapsed = time.perf_counter() - start
    latencies = [x for lat, _ in results for x in lat]
    errors = sum(e for _, e in results)
    return {
        "requests": len(latencies), "errors": errors,
        "rps": len(latencies) / elapsed if clients == 1 else len(latencies) / max(sum(lat) for lat, _ in results),
        "p50_ms": 1000 * statistics.median(latencies), "p99_ms": 1000 * percentile(latencies, 99),
    }


def timed_post(url, path, payload: bytes, repeat: int = 3, timeout: float = 120) -> tuple[float, int]:
    """Best wall time (s) of ``repeat`` POSTs, and the status of the last."""
    parsed = urllib.parse.urlparse(url)
    best, status = float("inf"), None
    for _ in range(repeat):
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
        start = time.perf_counter()
        connection.request("POST", path, body=payload, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        best = min(best, time.perf_counter() - start)
        status = response.status
        connection.close()
    return best, status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each load phase (default 5)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--stock-batch",
        type=int,
        default=10_000,
        help="households in the stock /calculate batch (default 10000: 12-20 s)",
    )
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--url", help="benchmark a running server instead of starting one (loopback only)")
    args = parser.parse_args(argv)

    process = None
    if args.url:
        if urllib.parse.urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
            parser.error("--url must be a loopback address")
        url = args.url.rstrip("/")
    else:
        # the stock batch is allowed past the API's entity limit and the worker timeout, for this run only
        process, url = local_server.start(
            timeout=300, env={"KZ_HOUSING_MAX_STOCK_ENTITIES": str(2 * args.stock_batch + 1)}
        )
    try:
        entitlement = json.dumps(EXAMPLE_SITUATION).encode()
        calculate = json.dumps(stock_situation()).encode()
        for path, payload in (("/entitlement", entitlement), ("/calculate", calculate)):  # warm every worker
            load(url, path, payload, 2, 1.0, 300)
        print(f"API benchmark on {url} (loopback; shared 2-core machine: figures are noisy)")
        workers = local_server.worker_pids(process.pid) if process is not None else []
        print(
            "server CPU ms/req: CPU time of the gunicorn workers per request (inflated too when the machine is shared)"
        )
        print(
            f"{'route':<34}{'clients':>8}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
            f"{'server CPU ms/req':>19}"
        )
        for clients in (1, args.clients):
            for path, payload in (("/entitlement", entitlement), ("/calculate (stock, same household)", calculate)):
                before = local_server.cpu_seconds(workers)
                r = load(url, path.split(" ")[0], payload, clients, args.seconds)
                cpu = 1000 * (local_server.cpu_seconds(workers) - before) / max(1, r["requests"])
                shown = f"{cpu:>19.3f}" if workers else f"{'n/a':>19}"
                print(f"{path:<34}{clients:>8}{r['requests']:>10}{r['rps']:>10.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}{r['errors']:>8}{shown}")
        print()
        for shape, body in (("columns", batch_columns(args.batch)), ("records", batch_records(args.batch))):
            payload = json.dumps(body).encode()
            seconds, status = timed_post(url, "/entitlements", payload)
            print(
                f"/entitlements {args.batch} households ({shape}, {len(payload) / 1e6:.1f} MB): "
                f"{seconds:.3f} s (best of 3), HTTP {status}"
            )
        payload = json.dumps(stock_situation(args.stock_batch)).encode()
        try:
            seconds, status = timed_post(url, "/calculate", payload, repeat=1)
            print(
                f"/calculate (stock) {args.stock_batch} households, same household each: {seconds:.3f} s, HTTP {status}"
            )
        except (OSError, http.client.HTTPException) as error:
            seconds = None
            print(f"/calculate (stock) {args.stock_batch} households: no answer within 120 s ({error})")
        payload = json.dumps(batch_columns(args.stock_batch)).encode()
        ours, _ = timed_post(url, "/entitlements", payload)
        ratio = f" -> {seconds / ours:.0f}x faster than stock" if seconds else ""
        print(f"/entitlements {args.stock_batch} households (columns): {ours:.3f} s{ratio}")
    finally:
        if process is not None:
            local_server.stop(process)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
