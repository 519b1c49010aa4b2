"""The package works through OpenFisca's own tools and ours: `openfisca serve -c openfisca_kz_housing`
answers /calculate with the law's amount, and `kz-housing timeline` prints the act in force per month."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def stock_server():
    port = _free_port()
    process = subprocess.Popen(
        [
            str(BIN / "openfisca"),
            "serve",
            "-c",
            "openfisca_kz_housing",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/entities", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("openfisca serve did not start: " + process.stderr.read(4000).decode()) from None
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_openfisca_serve_computes_housing_aid(stock_server):
    """Item 2: 9,000 of utilities - 10 % of 60,000 (preceding quarter, item 3) = 3,000; one-room flat."""
    quarter = {"2021-10": 60000, "2021-11": 60000, "2021-12": 60000}
    body = {
        "persons": {"a": {"salary": quarter}},
        "households": {
            "h": {
                "applicant": "a",
                "dwelling_area": {"2022-01": 30},
                "dwelling_rooms": {"2022-01": 1},
                "utility_expense": {"2022-01": 9000},
                "housing_aid": {"2022-01": None},
                "housing_aid_act": {"2022-01": None},
            }
        },
    }
    request = urllib.request.Request(
        f"{stock_server}/calculate", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    answer = json.load(urllib.request.urlopen(request, timeout=10))
    assert answer["households"]["h"]["housing_aid"]["2022-01"] == pytest.approx(3000)
    assert answer["households"]["h"]["housing_aid_act"]["2022-01"] == "decision_3_5_VII"


def test_openfisca_serve_lists_parameters_with_their_metadata(stock_server):
    answer = json.load(
        urllib.request.urlopen(
            f"{stock_server}/parameter/local.east_kazakhstan.altai_district.housing_aid.income_share", timeout=10
        )
    )
    assert answer["values"]["2019-12-06"] == 0.1
    assert answer["values"]["2024-03-16"] is None
    assert answer["metadata"]["label_kk"]


def test_kz_housing_timeline_prints_each_month_with_its_act():
    result = subprocess.run(
        [str(BIN / "kz-housing"), "timeline", "--from", "2022-10", "--to", "2022-11"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("2022-")]
    assert lines[0].split()[:3] == ["2022-10", "yes", "3/5-VII"]
    assert lines[1].split()[:3] == ["2022-11", "yes", "23/2-VII"]


def test_kz_housing_timeline_refuses_a_malformed_month():
    result = subprocess.run(
        [str(BIN / "kz-housing"), "timeline", "--from", "2022-13"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "YYYY-MM" in result.stderr and "Traceback" not in result.stderr
