"""`make serve` as it runs in production (scripts/serve.sh, gunicorn): the health check
answers while sign-ins hold the worker's CPU, each a password check of half a second."""

import contextlib
import http.cookiejar
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The test database, for the server to share."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(transactional_db: None, tmp_path: Path) -> Iterator[str]:
    """One worker, as serve.sh starts it otherwise; its log in tmp_path."""
    port = spare_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url(),
        SAFETYQUIZ_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        SAFETYQUIZ_ACCESS_LOG=str(tmp_path / "access.log"),
    )
    with (tmp_path / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "serve.sh")],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/healthz/", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail((tmp_path / "server.log").read_text())
                time.sleep(0.1)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def sign_in_form(base: str) -> tuple[Any, bytes]:
    """A browser of its own with the sign-in form open: its opener and the form's data."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/").read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    data = {"username": "nobody-here", "password": "a-wrong-password", "csrfmiddlewaretoken": token}
    return opener, urllib.parse.urlencode(data).encode()


def test_the_health_check_answers_while_sign_ins_hold_the_worker(server: str) -> None:
    forms = [sign_in_form(server) for _ in range(3)]
    finished: list[float] = []

    def sign_in(opener: Any, data: bytes) -> None:
        request = urllib.request.Request(
            f"{server}/accounts/login/", data=data, headers={"Origin": server}
        )
        with contextlib.suppress(urllib.error.HTTPError):
            opener.open(request, timeout=60).read()
        finished.append(time.monotonic())

    threads = [threading.Thread(target=sign_in, args=form) for form in forms]
    for thread in threads:
        thread.start()
    time.sleep(0.2)  # the three are in, each a password check of about half a second
    asked = time.monotonic()
    assert urllib.request.urlopen(f"{server}/healthz/", timeout=60).read() == b"ok"
    answered = time.monotonic()
    for thread in threads:
        thread.join(timeout=60)
    assert len(finished) == 3
    # One worker taking requests one at a time answers the health check after every sign-in
    # before it; with threads it answers at once, while the password checks go on.
    assert answered < max(finished), (answered - asked, [f - asked for f in finished])
