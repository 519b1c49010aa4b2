"""A real gunicorn serving the API on 127.0.0.1 at a free port, for the whole test session.

It stops by itself at the end of the session (and gunicorn's own timeout bounds every request).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workers: int = 1, threads: int = 4):
    """Start gunicorn on a free loopback port; return (process, base_url). Retries on a port race."""
    for _attempt in range(3):
        port = free_port()
        env = dict(os.environ, KZ_HOUSING_BIND=f"127.0.0.1:{port}", KZ_HOUSING_WORKERS=str(workers),
                   KZ_HOUSING_THREADS=str(threads), KZ_HOUSING_LOGLEVEL="warning")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        process = subprocess.Popen(
            [str(gunicorn), "-c", "python:openfisca_kz_housing.api.gunicorn_conf", "openfisca_kz_housing.api.wsgi:app"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if requests.get(url + "/revisions", timeout=2).status_code == 200:
                    return process, url
            except requests.ConnectionError:
                time.sleep(0.2)
        stop_server(process)
    raise RuntimeError("gunicorn did not start")


def stop_server(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def server():
    process, url = start_server()
    try:
        yield url
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def http():
    with requests.Session() as session:
        yield session
