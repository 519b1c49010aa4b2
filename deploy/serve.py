"""``make serve``: the web API on 127.0.0.1:5000 (``KZ_HOUSING_BIND``).

nginx (deploy/nginx-local.conf) listens on that address and hands complete requests to gunicorn's
gevent workers (openfisca_kz_housing/api/gunicorn_conf.py) on a Unix socket in a private run folder:
slow clients hold nginx, not a worker, and requests are shared out over both workers. Without nginx
on the machine (or with ``KZ_HOUSING_PROXY=none``) gunicorn's gevent workers listen on the address
themselves (still safe against slow headers; docs/api.md has the figures of each setup).
Ctrl-C or SIGTERM stops both, so does the end of the parent (``make``); either one stopping stops the
other.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx-local.conf"
GUNICORN_ARGS = ["-c", "python:openfisca_kz_housing.api.gunicorn_conf", "openfisca_kz_housing.api.wsgi:app"]
START_WAIT = 90  # seconds for gunicorn to build the tax-benefit system and answer


def _die_with_parent():
    """Children get SIGTERM if this launcher dies, even by SIGKILL (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass


def _find_nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None)


def _answers(socket_path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(str(socket_path))
            sock.sendall(b"GET /revisions HTTP/1.0\r\nHost: localhost\r\n\r\n")
            return sock.recv(16).startswith(b"HTTP/1.")
    except OSError:
        return False


def _stop(*processes) -> None:
    for process in processes:
        if process is not None and process.poll() is None:
            process.terminate()
    for process in processes:
        if process is not None:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def main() -> int:
    _die_with_parent()  # `make serve` stopped by a signal to make alone: stop too, and the servers with us
    bind = os.environ.get("KZ_HOUSING_BIND", "127.0.0.1:5000")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    nginx = None if os.environ.get("KZ_HOUSING_PROXY") == "none" else _find_nginx()
    if nginx is None:
        print(f"kz-housing serve: no nginx; gunicorn (gevent workers) listens on {bind} itself", file=sys.stderr)
        os.execv(gunicorn, [gunicorn, *GUNICORN_ARGS])
    run = Path(tempfile.mkdtemp(prefix="kz-housing-serve-"))
    run.chmod(0o755)  # nginx's workers (user nobody when started as root) reach the socket and temp files
    upstream = run / "api.sock"
    api = web = None
    stopping = []

    def on_signal(signum, _frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        api = subprocess.Popen([gunicorn, *GUNICORN_ARGS], env=dict(os.environ, KZ_HOUSING_BIND=f"unix:{upstream}"),
                               preexec_fn=_die_with_parent)
        deadline = time.monotonic() + START_WAIT
        while not _answers(upstream):
            if api.poll() is not None or stopping or time.monotonic() > deadline:
                print("kz-housing serve: gunicorn did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        config = TEMPLATE.read_text().replace("@PREFIX@", str(run)).replace("@LISTEN@", bind)
        (run / "nginx.conf").write_text(config.replace("@UPSTREAM@", f"unix:{upstream}"))
        web = subprocess.Popen([nginx, "-p", str(run), "-e", str(run / "error.log"), "-c", str(run / "nginx.conf")],
                               preexec_fn=_die_with_parent)
        print(f"kz-housing serve: nginx on http://{bind} -> gunicorn (gevent) on {upstream}", file=sys.stderr,
              flush=True)
        while not stopping and api.poll() is None and web.poll() is None:
            time.sleep(0.2)
        if web.poll() not in (None, 0):
            print(f"kz-housing serve: nginx stopped (is {bind} already in use?); see {run}/error.log", file=sys.stderr)
            return 1
        return 0 if stopping else 1
    finally:
        _stop(web, api)
        shutil.rmtree(run, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
