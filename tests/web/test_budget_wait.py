"""The budget desk's downloads wait for the background export within one request's time (Flask's test
client, no browser). Rule: the wait ends before the workers' timeout (api/gunicorn_conf.py) and before
nginx's proxy_read_timeout (deploy/nginx.conf, deploy/nginx-local.conf); files still being written then
get a page, in the page's language, asking to reload (503, Retry-After)."""

from __future__ import annotations

import json
import re
import shutil
import uuid
from pathlib import Path

import pytest

from openfisca_kz_housing.api import gunicorn_conf
from openfisca_kz_housing.web import budget_desk, text

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.fixture(scope="module")
def client():
    from openfisca_kz_housing.api import create_app

    return create_app().test_client()


@pytest.fixture
def run_folder():
    folder = budget_desk.runs_root() / uuid.uuid4().hex
    folder.mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("conf", ["nginx.conf", "nginx-local.conf"])
def test_the_wait_ends_within_the_request_timeouts(conf):
    """WAIT_FOR_FILES_SECONDS < the workers' timeout and < the proxy's read timeout, with room to answer."""
    proxy = int(re.search(r"proxy_read_timeout (\d+)s;", (DEPLOY / conf).read_text()).group(1))
    assert 0 < budget_desk.WAIT_FOR_FILES_SECONDS <= gunicorn_conf.timeout * 2 / 3
    assert budget_desk.WAIT_FOR_FILES_SECONDS <= proxy - 5


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_files_not_ready_get_a_page_asking_to_reload(client, run_folder, monkeypatch, lang):
    """Past the wait: 503 with Retry-After and the page's reload text (web/strings.yaml) in its language."""
    monkeypatch.setattr(budget_desk, "WAIT_FOR_FILES_SECONDS", 0.3)
    path = f"/budget/runs/{run_folder.name}/workbook?lang={lang}"
    response = client.get(path)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(budget_desk.RETRY_AFTER_SECONDS)
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    expected = text.strings()["files_pending"][lang].format(seconds=budget_desk.RETRY_AFTER_SECONDS, hours=6)
    assert expected in html
    assert f'id="files-pending-reload" href="{path}"' in html
    assert f'<meta http-equiv="refresh" content="{budget_desk.RETRY_AFTER_SECONDS}">' in html


def test_files_written_during_the_wait_are_sent(client, run_folder, monkeypatch):
    """Once the export has written its files (the 'done' list), the download is the file itself."""
    monkeypatch.setattr(budget_desk, "WAIT_FOR_FILES_SECONDS", 0.3)
    (run_folder / "files").mkdir()
    (run_folder / "files" / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (run_folder / "done").write_text(json.dumps(["budget.xlsx"]), encoding="utf-8")
    response = client.get(f"/budget/runs/{run_folder.name}/workbook")
    assert response.status_code == 200 and response.data == b"PK\x03\x04"
