"""Bounded load check of the web API on loopback: throughput, latency percentiles, and no memory growth.

    .venv/bin/python benchmarks/load_check.py [--seconds 20] [--clients 4] [--max-growth-mib 8]

Starts ``make serve`` (deploy/serve.py: nginx in front of gunicorn's gevent workers; worker recycling
off, so that growth shows) on a free 127.0.0.1 port, sends a mix of requests (/entitlement good and
bad, a 100-household /entitlements batch, /revisions, stock /calculate, and issue 10's attacks: huge
integers, lone surrogates, duplicate keys, NaN, week dates, oversized axes, negative stock inputs)
from ``--clients`` processes, in rounds of ``--seconds`` each: a warm-up round, then two measured
rounds (60 s in all by default), then the same clients on /entitlement alone and on the stock
/calculate alone, for figures side by side. It prints requests/s and p50/p90/p99/max latency per
round and the workers' resident memory after each, and exits 1 if any request got a 5xx, if the
workers' memory grew by more than ``--max-growth-mib`` between the two measured rounds, if a worker was
replaced, or if the error log holds a traceback. Every loop is bounded in time; the server stops.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support

from api_benchmark import batch_records, percentile, stock_situation  # noqa: E402

from openfisca_kz_housing.api.openapi_entitlement import EXAMPLE_SITUATION  # noqa: E402
from tests.support import local_server  # noqa: E402

ATTACKS = [
    b'{"date": "2021-05-01", "persons": {"a": {"salary": {"2021-01": ' + b"9" * 400 + b'}}}}',
    b'{"date": "2021-05-01", "households": {"h\\ud800": {}}}',
    b'{"date": "2021-05-01", "date": "2021-06-01"}',
    b'{"date": "2021-05-01", "persons": {"a": {"salary": {"2021-01": NaN}}}}',
    b'{"date": "2020-W05-3"}',
]


def stock_attacks() -> list[bytes]:
    situation = stock_situation()
    axes = dict(situation, axes=[[{"name": "salary", "count": 1800, "min": 0, "max": 1e5, "period": "2021-01"}],
                                 [{"name": "pension", "count": 1800, "min": 0, "max": 1e5, "period": "2021-01"}]])
    negative = json.loads(json.dumps(situation))
    negative["persons"]["aigerim0"]["salary"] = {"2021-01": -1_000_000}
    return [json.dumps(axes).encode(), json.dumps(negative).encode()]


def request_mix() -> list[tuple[str, str, bytes | None]]:
    bad_date = dict(EXAMPLE_SITUATION, date="2021-02-30")
    missing = json.loads(json.dumps(EXAMPLE_SITUATION))
    del missing["households"]["household"]["tenure"]
    mix = [("POST", "/entitlement", json.dumps(EXAMPLE_SITUATION).encode())] * 10
    mix += [
        ("POST", "/entitlement?lang=ru", json.dumps(dict(EXAMPLE_SITUATION, date=f"20{y}-0{m}-01")).encode())
        for y in (20, 21, 22, 23)
        for m in (1, 5, 9)
    ]
    mix += [
        ("POST", "/entitlement", json.dumps(bad_date).encode()),
        ("POST", "/entitlement", json.dumps(missing).encode()),
        ("POST", "/entitlement", b"{not json"),
        ("POST", "/entitlements", json.dumps(batch_records(100)).encode()),
        ("GET", "/revisions?date=2022-11-01", None),
        ("GET", "/revisions", None),
        ("POST", "/calculate", json.dumps(stock_situation()).encode()),
    ]
    mix += [("POST", "/entitlement", attack) for attack in ATTACKS]
    mix += [("POST", "/calculate", attack) for attack in stock_attacks()]
    mix += [("GET", "/deadlines?date=20200101", None), ("GET", "/diff?from=2020-W05&to=2023-01-01", None)]
    return mix


ONLY = {
    "/entitlement only": [("POST", "/entitlement", json.dumps(EXAMPLE_SITUATION).encode())],
    "stock /calculate only": [("POST", "/calculate", json.dumps(stock_situation()).encode())],
}


def _client(args):
    url, seconds, seed, only = args
    rng = random.Random(seed)
    mix = ONLY[only] if only else request_mix()
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


def run_round(url, clients, seconds, seed, only=None):
    start = time.perf_counter()
    with multiprocessing.Pool(clients) as pool:
        results = pool.map(_client, [(url, seconds, seed + i, only) for i in range(clients)])
    elapsed = time.perf_counter() - start
    latencies = [x for lat, _, _ in results for x in lat]
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": 1000 * percentile(latencies, 50), "p90": 1000 * percentile(latencies, 90),
        "p99": 1000 * percentile(latencies, 99), "max": 1000 * max(latencies),
        "5xx": sum(e for _, e, _ in results), "failed": sum(f for _, _, f in results),
    }


def start_serve(log_path: Path):
    """(process, url, gunicorn master pid) of deploy/serve.py on a free loopback port."""
    port = local_server.free_port()
    env = dict(os.environ, KZ_HOUSING_BIND=f"127.0.0.1:{port}", KZ_HOUSING_MAX_REQUESTS="0")
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, str(ROOT / "deploy" / "serve.py")], env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url + "/revisions", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    children = local_server.worker_pids(process.pid)  # gunicorn's master (and nginx) under serve.py
    masters = [pid for pid in children if local_server.worker_pids(pid) and "gunicorn" in _cmdline(pid)]
    return process, url, (masters[0] if masters else process.pid)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--max-growth-mib", type=float, default=8.0)
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="kz-load-")
    log_path = Path(folder) / "serve.log"
    process, url, master = start_serve(log_path)
    ok = True
    try:
        workers = local_server.worker_pids(master)
        print(
            f"load check on {url} (make serve): {args.clients} clients, rounds of {args.seconds:.0f} s, "
            f"workers {workers}"
        )
        print(
            f"{'round':<22}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'max ms':>8}{'5xx':>5}"
            f"{'failed':>7}{'workers RSS MiB':>17}"
        )
        memory = []
        rounds = [("warm-up", None), ("round 1 (mixed)", None), ("round 2 (mixed)", None),
                  ("/entitlement only", "/entitlement only"), ("stock /calculate only", "stock /calculate only")]
        for number, (name, only) in enumerate(rounds):
            seconds = args.seconds if only is None else args.seconds / 2
            r = run_round(url, args.clients, seconds, 1000 * number, only)
            rss = sum(local_server.rss_kib(pid) for pid in local_server.worker_pids(master)) / 1024
            memory.append(rss)
            print(f"{name:<22}{r['requests']:>9}{r['rps']:>8.0f}{r['p50']:>8.2f}{r['p90']:>8.2f}{r['p99']:>8.2f}{r['max']:>8.1f}{r['5xx']:>5}{r['failed']:>7}{rss:>17.1f}")
            ok &= r["5xx"] == 0 and r["failed"] == 0
        growth = memory[2] - memory[1]
        print(f"memory growth between the measured rounds: {growth:+.1f} MiB (limit {args.max_growth_mib} MiB)")
        ok &= growth <= args.max_growth_mib
        if local_server.worker_pids(master) != workers:
            print("a worker was restarted during the check")
            ok = False
    finally:
        process.terminate()
        process.wait(timeout=30)
    tracebacks = log_path.read_text(errors="replace").count("Traceback")
    print(f"tracebacks in the error log: {tracebacks}")
    ok &= tracebacks == 0
    shutil.rmtree(folder, ignore_errors=True)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
