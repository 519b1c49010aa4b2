"""A real gunicorn serving the API on 127.0.0.1 at a free port, for the whole test session.

It stops by itself at the end of the session (and gunicorn's own timeout bounds every request).
"""

from __future__ import annotations

import pytest
import requests

from tests.support import local_server


@pytest.fixture(scope="session")
def server():
    process, url = local_server.start(workers=1, threads=4)
    try:
        yield url
    finally:
        local_server.stop(process)


@pytest.fixture(scope="session")
def http():
    with requests.Session() as session:
        yield session
