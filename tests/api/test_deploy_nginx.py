"""deploy/nginx.conf, the production template of docs/api.md, run for real on loopback in front of the API.

Its placeholders are filled with free 127.0.0.1 ports, a temporary folder and a self-signed certificate
made here with openssl; then each rule is exercised: TLS termination, the HTTP -> HTTPS redirect, the
body limit (413), rate limiting (429), the header timeout for a slow client. nginx and openssl come
from the system (.ci/run installs nginx-light); without them the test is skipped, saying why.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import warnings
from pathlib import Path

import pytest
import requests

from openfisca_kz_housing.api.openapi_entitlement import EXAMPLE_SITUATION
from tests.support import local_server

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
OPENSSL = shutil.which("openssl")

pytestmark = pytest.mark.skipif(NGINX is None or OPENSSL is None,
                                reason="nginx or openssl is not installed (.ci/run installs nginx-light)")


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """(https url, http url, prefix) of deploy/nginx.conf in front of gunicorn on free loopback ports."""
    prefix = tmp_path_factory.mktemp("nginx")
    prefix.chmod(0o755)
    subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(prefix / "key.pem"), "-out", str(prefix / "cert.pem")],
                   check=True, capture_output=True, timeout=60)
    api, api_url = local_server.start(workers=1)
    http_port, https_port = local_server.free_port(), local_server.free_port()
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    for key, value in {"@PREFIX@": str(prefix), "@HTTP_PORT@": f"127.0.0.1:{http_port}",
                       "@HTTPS_PORT@": f"127.0.0.1:{https_port}", "@UPSTREAM@": api_url.split("//")[1],
                       "@CERT@": str(prefix / "cert.pem"), "@KEY@": str(prefix / "key.pem")}.items():
        text = text.replace(key, value)
    # the shared test machine may not reach 20 requests/s through TLS: the rate is lowered to one a minute
    # (the burst of 40 kept), so that the 41st quick request meets the limit; every other line is as shipped
    assert "rate=20r/s" in text
    text = text.replace("rate=20r/s", "rate=1r/m")
    # the redirect names the public port: keep the number only where a port (not an address) is expected
    text = text.replace(f"$host:127.0.0.1:{https_port}", f"$host:{https_port}")
    assert not any("@" in line.split("#")[0] for line in text.splitlines())  # every placeholder filled
    config = prefix / "nginx.conf"
    config.write_text(text)
    checked = subprocess.run([NGINX, "-t", "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)],
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen([NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config), "-g",
                              "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    https, http = f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                requests.get(https + "/revisions", verify=False, timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.2)
        yield https, http, prefix
    finally:
        nginx.terminate()
        nginx.wait(timeout=15)
        local_server.stop(api)


@pytest.fixture(autouse=True)
def _quiet_tls_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def test_tls_termination_and_the_redirect(proxied):
    https, http, _ = proxied
    answer = requests.post(https + "/entitlement", json=EXAMPLE_SITUATION, verify=False, timeout=30)
    assert answer.status_code == 200 and answer.json()["households"]["household"]["housing_aid"] > 0
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
    redirect = requests.get(http + "/spec", allow_redirects=False, timeout=10)
    assert redirect.status_code == 301 and redirect.headers["Location"].startswith("https://")


def test_a_body_over_16_mib_is_refused_by_the_proxy(proxied):
    https, _, _ = proxied
    answer = requests.post(https + "/entitlements", data=b"x" * (17 * 1024 * 1024), verify=False, timeout=60,
                           headers={"Content-Type": "application/json"})
    assert answer.status_code == 413


def test_rate_limiting_answers_429_beyond_the_burst(proxied):
    https, _, _ = proxied
    from concurrent.futures import ThreadPoolExecutor

    def statuses(_):
        with requests.Session() as session:
            return [session.get(https + "/revisions?date=2021-05-01", verify=False, timeout=20).status_code
                    for _ in range(10)]

    with ThreadPoolExecutor(8) as pool:  # 80 requests: more than the burst of 40 allowed to one address
        seen = [code for codes in pool.map(statuses, range(8)) for code in codes]
    assert 429 in seen and 200 in seen and set(seen) <= {200, 429}


def test_a_slow_client_is_cut_after_the_header_timeout(proxied):
    https, _, _ = proxied
    port = int(https.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        start = time.monotonic()
        sock.sendall(b"\x16\x03\x01")  # the start of a TLS hello, never finished
        try:
            data = sock.recv(1024)
        except (ConnectionResetError, socket.timeout):
            data = b""
        assert data == b"" and time.monotonic() - start < 25  # closed by client_header_timeout (10 s)
