"""Start the API under gunicorn on a free loopback port (tests and benchmarks); it stops with ``stop``.

Only 127.0.0.1 is ever bound. ``start()`` waits until /revisions answers, at most ``wait`` seconds.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(workers: int = 2, threads: int = 4, timeout: int = 30, wait: float = 60, env: dict | None = None):
    """(process, base_url) of a fresh gunicorn; retries on a port race."""
    for _attempt in range(3):
        port = free_port()
        environment = dict(
            os.environ,
            KZ_HOUSING_BIND=f"127.0.0.1:{port}",
            KZ_HOUSING_WORKERS=str(workers),
            KZ_HOUSING_THREADS=str(threads),
            KZ_HOUSING_TIMEOUT=str(timeout),
            KZ_HOUSING_LOGLEVEL="warning",
            **(env or {}),
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        process = subprocess.Popen(
            [str(gunicorn), "-c", "python:openfisca_kz_housing.api.gunicorn_conf", "openfisca_kz_housing.api.wsgi:app"],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(url + "/revisions", timeout=2) as response:
                    if response.status == 200:
                        return process, url
            except OSError:
                time.sleep(0.2)
        stop(process)
    raise RuntimeError("gunicorn did not start")


def stop(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def worker_pids(master_pid: int) -> list[int]:
    """The gunicorn workers of a master (Linux /proc)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == master_pid:
                    pids.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return sorted(pids)


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pids) -> float:
    """User + system CPU time consumed so far by these processes (Linux /proc), in seconds."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")
