"""Pages in a real browser: Debian's chromium driven by Selenium, against a real gunicorn on loopback.

Without chromium and chromium-driver the browser tests say how to install them and skip (the reason is
printed); under ``CI=true`` they fail instead: CI must run them (.ci/run installs both).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import requests

from tests.support import local_server

CHROMIUM = os.environ.get("KZ_HOUSING_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KZ_HOUSING_CHROMEDRIVER", "/usr/bin/chromedriver")
INSTALL = "apt-get update && apt-get install -y chromium chromium-driver"


def browser_missing() -> str | None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(path)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package (pip install -e '.[dev]')")
    if not missing:
        return None
    return f"browser tests need {', '.join(missing)}: install them with `{INSTALL}` (Debian/Ubuntu)"


@pytest.fixture(scope="session")
def site():
    """A real gunicorn serving the API and the pages on a free loopback port."""
    process, url = local_server.start(workers=2, threads=4, timeout=120)
    try:
        yield url
    finally:
        local_server.stop(process)


@pytest.fixture(scope="session")
def http():
    with requests.Session() as session:
        yield session


@pytest.fixture(scope="session")
def downloads():
    folder = Path(tempfile.mkdtemp(prefix="kz-pages-downloads-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(downloads):
    reason = browser_missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {reason}")
        print(f"\nSKIPPED browser tests: {reason}", file=sys.stderr)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kz-pages-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu",
                 f"--user-data-dir={profile}", "--window-size=1280,800"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    """Say, even under -q, why the browser tests were skipped and how to run them."""
    reason = browser_missing()
    if reason and os.environ.get("CI", "").lower() != "true":
        terminalreporter.write_line(f"tests/web: browser tests SKIPPED because {reason}", yellow=True)
