"""Slow clients against the API: how long a normal /entitlement waits while 50 connections trickle headers.

    .venv/bin/python benchmarks/slow_clients.py [--slow 50] [--seconds 8] [--setups gthread,gevent,nginx]

For each setup, on loopback only: start the server, open ``--slow`` connections that send a request
line and then one header line a second (never finishing), then time 20 normal /entitlement requests
(each on a new connection), then the throughput of 4 clients for ``--seconds`` on /entitlement and
on the stock /calculate, still with the slow connections open. Setups:

* gthread: gunicorn, 2 workers x 4 threads (the class before issue 10);
* gevent: gunicorn, 2 gevent workers (``make serve``);
* nginx: nginx (plain HTTP, the buffering of deploy/nginx.conf) in front of gunicorn gthread;
* nginx+gevent: the same in front of gunicorn gevent.
A request that gets no answer in 5 s counts as timed out. Prints a markdown table (docs/api.md).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support

from api_benchmark import percentile, stock_situation  # noqa: E402

from openfisca_kz_housing.api.openapi_entitlement import EXAMPLE_SITUATION  # noqa: E402
from tests.support import local_server  # noqa: E402

ENTITLEMENT = json.dumps(EXAMPLE_SITUATION).encode()
CALCULATE = json.dumps(stock_situation()).encode()
NGINX_PROXY = """
worker_processes 1; pid {prefix}/nginx.pid; error_log {prefix}/error.log warn; daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off; client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/f; uwsgi_temp_path {prefix}/u; scgi_temp_path {prefix}/s;
  client_header_timeout 10s; client_body_timeout 10s; client_max_body_size 16m;
  upstream api {{ server {upstream}; keepalive 16; }}
  server {{ listen 127.0.0.1:{port};
    location / {{ proxy_pass http://api; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_request_buffering on; proxy_buffering on; proxy_read_timeout 15s; }} }}
}}
"""


class SlowClients:
    """``count`` connections that send a request line, then a header line a second, never ending."""

    def __init__(self, host: str, port: int, count: int):
        self.sockets, self.stop = [], threading.Event()
        for _ in range(count):
            sock = socket.create_connection((host, port), timeout=5)
            sock.sendall(b"POST /entitlement HTTP/1.1\r\nHost: localhost\r\n")
            self.sockets.append(sock)
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self):
        while not self.stop.wait(1.0):
            for sock in self.sockets:
                try:
                    sock.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass

    def close(self):
        self.stop.set()
        self.thread.join(timeout=5)
        for sock in self.sockets:
            sock.close()


def one_request(host, port, path, body, timeout=5.0):
    """(seconds, status) of one request on a new connection; status None when it timed out or failed."""
    start = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        connection.close()
        return time.perf_counter() - start, response.status
    except (OSError, http.client.HTTPException):
        return time.perf_counter() - start, None


def _loop(args):
    host, port, path, body, seconds = args
    connection = http.client.HTTPConnection(host, port, timeout=10)
    done, errors, deadline = 0, 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            done += response.status == 200
            errors += response.status != 200
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=10)
    return done, errors


def throughput(host, port, path, body, seconds, clients=4) -> float:
    start = time.perf_counter()
    with multiprocessing.Pool(clients) as pool:
        results = pool.map(_loop, [(host, port, path, body, seconds)] * clients)
    return sum(done for done, _ in results) / (time.perf_counter() - start)


def start_setup(name: str, folder: Path):
    """(host, port, stop) of a running setup."""
    worker_class = "gevent" if "gevent" in name else "gthread"
    process, url = local_server.start(workers=2, threads=4, env={"KZ_HOUSING_WORKER_CLASS": worker_class})
    host, port = "127.0.0.1", int(url.rsplit(":", 1)[1])
    if not name.startswith("nginx"):
        return host, port, lambda: local_server.stop(process)
    proxy_port = local_server.free_port()
    (folder / "nginx.conf").write_text(NGINX_PROXY.format(prefix=folder, upstream=f"{host}:{port}", port=proxy_port))
    nginx = subprocess.Popen([shutil.which("nginx"), "-p", str(folder), "-c", str(folder / "nginx.conf")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        if one_request(host, proxy_port, "/entitlement", ENTITLEMENT)[1] == 200:
            break
        time.sleep(0.1)

    def stop():
        nginx.terminate()
        nginx.wait(timeout=10)
        local_server.stop(process)

    return host, proxy_port, stop


def measure(name: str, slow: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        host, port, stop = start_setup(name, Path(folder))
        try:
            base_calculate = throughput(host, port, "/calculate", CALCULATE, seconds)
            clients = SlowClients(host, port, slow)
            time.sleep(1.0)
            try:
                times = [one_request(host, port, "/entitlement", ENTITLEMENT) for _ in range(20)]
                answered = [t for t, status in times if status == 200]
                entitlement = throughput(host, port, "/entitlement", ENTITLEMENT, seconds)
                calculate = throughput(host, port, "/calculate", CALCULATE, seconds)
            finally:
                clients.close()
        finally:
            stop()
    return {
        "setup": name, "answered": f"{len(answered)}/20",
        "median_ms": 1000 * percentile(answered, 50) if answered else float("nan"),
        "max_ms": 1000 * max(answered) if answered else float("nan"),
        "entitlement_rps": entitlement, "calculate_rps": calculate, "calculate_rps_no_slow": base_calculate,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slow", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--setups", default="gthread,gevent,nginx,nginx+gevent")
    args = parser.parse_args(argv)
    setups = [s for s in args.setups.split(",") if not s.startswith("nginx") or shutil.which("nginx")]
    print(f"{args.slow} slow-header connections open; 4 clients for {args.seconds:.0f} s per throughput figure")
    print("| setup | normal /entitlement answered | median ms | max ms | /entitlement req/s (4 clients) "
          "| stock /calculate req/s (4 clients) | stock /calculate req/s, no slow clients |")
    print("|---|---|---|---|---|---|---|")
    for name in setups:
        r = measure(name, args.slow, args.seconds)
        print(f"| {r['setup']} | {r['answered']} | {r['median_ms']:.1f} | {r['max_ms']:.1f} "
              f"| {r['entitlement_rps']:.0f} "
              f"| {r['calculate_rps']:.0f} | {r['calculate_rps_no_slow']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
