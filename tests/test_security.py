import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from safetyquiz.training.models import new_certificate_code
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/join/", "/healthz/", "/certificates/nope/"]
)
def test_security_headers_on_every_response(client: Any, url: str) -> None:
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_load_no_inline_script_or_style(crew_client: Any) -> None:
    factories.PublishedModuleFactory(slug="m")
    for url in ["/modules/", "/modules/m/", "/certificates/"]:
        body = crew_client.get(url).content.decode()
        assert "<script>" not in body and "<style" not in body and " style=" not in body, url


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "quiz.example.com",
        **extra,
    }


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def login(client: Any, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_failed_sign_ins_lock_the_account_from_that_address(client: Any) -> None:
    factories.UserFactory(username="casey")
    for _ in range(4):
        assert login(client, "casey", "wrong").status_code == 200  # the form again
    assert login(client, "casey", "wrong").status_code == 429  # the fifth locks
    locked = login(client, "casey", factories.PASSWORD)
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_account_and_address(client: Any) -> None:
    factories.UserFactory(username="casey")
    factories.UserFactory(username="robin")
    for _ in range(5):
        login(client, "casey", "wrong")
    assert login(client, "robin", factories.PASSWORD).status_code == 302
    client.logout()
    assert login(client, "casey", factories.PASSWORD, ip="10.0.0.2").status_code == 302


def test_one_address_trying_many_accounts_is_locked_out(client: Any, settings: Any) -> None:
    settings.SAFETYQUIZ_LOGIN_FAILURES_PER_ADDRESS = 8
    factories.UserFactory(username="casey")
    for n in range(7):  # one wrong password for each of seven accounts: never 5 for one
        assert login(client, f"someone-{n}", "wrong").status_code == 200
    assert login(client, "someone-7", "wrong").status_code == 429  # the eighth locks
    assert login(client, "casey", factories.PASSWORD).status_code == 429
    assert login(client, "casey", factories.PASSWORD, ip="10.0.0.2").status_code == 302


def test_a_success_resets_the_count(client: Any) -> None:
    factories.UserFactory(username="casey")
    for _ in range(4):
        login(client, "casey", "wrong")
    assert login(client, "casey", factories.PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "casey", "wrong")
    assert login(client, "casey", factories.PASSWORD).status_code == 302


def test_password_validators_refuse_a_weak_password(client: Any) -> None:
    factories.ProductionFactory(join_code="DUST")
    data = {
        "code": "DUST",
        "first_name": "A",
        "last_name": "B",
        "username": "ab",
        "password1": "password",
        "password2": "password",
    }
    response = client.post("/join/", data)
    assert response.status_code == 400
    assert "too common" in response.content.decode()


def test_certificate_codes_carry_at_least_128_random_bits() -> None:
    codes = {new_certificate_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(code) * 6 >= 128 for code in codes)  # URL-safe base64: 6 bits a character
