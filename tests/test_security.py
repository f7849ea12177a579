import os
import secrets
import subprocess
import sys
from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db.models import F
from django.test import Client
from django.utils import timezone

from safetyquiz.crews.models import SignInFailure
from safetyquiz.crews.throttle import account_key
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


def login(client: Any, username: str, password: str, ip: str = "10.0.0.1", **headers: str) -> Any:
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        headers=headers,
    )


def test_failed_sign_ins_pause_the_account_from_anywhere(client: Any) -> None:
    factories.UserFactory(username="casey")
    for n in range(4):
        assert login(client, "casey", "wrong", ip=f"10.0.0.{n}").status_code == 200
    assert login(client, "casey", "wrong", ip="10.0.1.1").status_code == 429  # the fifth
    locked = login(client, "casey", factories.PASSWORD, ip="10.0.2.2")  # anywhere else
    assert locked.status_code == 429
    assert "signing in to it is paused until" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_paused_try_is_not_counted_and_each_failure_after_a_pause_doubles_it(
    client: Any,
) -> None:
    factories.UserFactory(username="casey")
    for _ in range(5):
        login(client, "casey", "wrong")
    assert login(client, "casey", "wrong").status_code == 429  # paused: not checked
    assert SignInFailure.objects.count() == 5
    SignInFailure.objects.update(at=F("at") - timedelta(minutes=16))  # the pause is over
    response = login(client, "casey", "wrong")
    assert response.status_code == 429
    pause = response.context["pause"]
    assert timedelta(minutes=29) < pause.until - timezone.now() <= timedelta(minutes=30)


def test_the_sign_in_page_warns_from_the_third_failure(client: Any) -> None:
    factories.UserFactory(username="casey")
    said = [login(client, "casey", "wrong").content.decode() for _ in range(4)]
    assert "tries left" not in said[0] + said[1]
    assert "2 tries left before a 15-minute pause." in said[2]
    assert "1 try left before a 15-minute pause." in said[3]


def test_an_unknown_name_is_counted_and_warned_like_an_account(client: Any) -> None:
    factories.UserFactory(username="casey")
    known = [login(client, "casey", "wrong").content.decode() for _ in range(3)]
    unknown = [login(client, "nobody-here", "wrong").content.decode() for _ in range(3)]
    assert "2 tries left" in known[2] and "2 tries left" in unknown[2]
    assert login(client, "Casey", "wrong").status_code == 200  # the same account, any case
    assert login(client, "CASEY", "wrong").status_code == 429


def test_a_crew_of_100_behind_one_address_with_30_typos_all_get_in(client: Any) -> None:
    crew = [factories.UserFactory(username=f"crew{n:03d}") for n in range(100)]
    typos = [user for user in crew[:20] for _ in range(2 if user in crew[:10] else 1)]
    assert len(typos) == 30
    for user in typos:
        assert login(client, user.username, "a typo").status_code == 200
    for user in crew:
        client.cookies.clear()  # each on their own phone, none signed in here before
        assert login(client, user.username, factories.PASSWORD).status_code == 302, user
    assert not SignInFailure.objects.filter(account__in=[account_key(u.username) for u in crew])


def test_one_address_guessing_gets_at_most_60_passwords_checked_an_hour(client: Any) -> None:
    for n in range(80):
        factories.UserFactory(username=f"crew{n:03d}")
    checks = mock.patch.object(
        ModelBackend, "authenticate", autospec=True, side_effect=ModelBackend.authenticate
    )
    with checks as checked:
        statuses = [
            login(client, f"crew{n % 80:03d}", f"guess-{n}").status_code for n in range(200)
        ]
    assert checked.call_count == 60
    assert statuses[:59] == [200] * 59 and set(statuses[59:]) == {429}
    response = login(client, "crew079", "guess")
    assert "paused until" in response.content.decode() and "from this network" in (
        response.content.decode()
    )
    SignInFailure.objects.update(at=F("at") - timedelta(minutes=61))
    assert login(client, "crew079", factories.PASSWORD).status_code == 302  # an hour later


def test_a_correct_password_for_an_account_without_failures_gets_in_from_a_busy_address(
    client: Any, settings: Any
) -> None:
    settings.SAFETYQUIZ_LOGIN_FAILURES_PER_ADDRESS = 10
    factories.UserFactory(username="casey")
    for n in range(9):  # someone on the set's Wi-Fi guessing, one try per name
        login(client, f"someone-{n}", "wrong")
    phone = Client()
    assert login(phone, "casey", factories.PASSWORD).status_code == 302
    phone.post("/accounts/logout/")
    login(client, "someone-9", "wrong")  # the address's tenth: now slowed
    assert login(Client(), "casey", factories.PASSWORD).status_code == 429  # a new browser
    assert login(phone, "casey", factories.PASSWORD).status_code == 302  # her own phone
    assert login(Client(), "casey", factories.PASSWORD, ip="10.9.9.9").status_code == 302


def test_the_throttle_counts_the_client_behind_a_trusted_proxy(client: Any, settings: Any) -> None:
    settings.SAFETYQUIZ_LOGIN_FAILURES_PER_ADDRESS = 10
    settings.SAFETYQUIZ_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.SAFETYQUIZ_TRUSTED_PROXIES = [ip_network("127.0.0.1/32")]
    factories.UserFactory(username="casey")
    for n in range(10):
        login(client, f"someone-{n}", "wrong", ip="127.0.0.1", X_Forwarded_For="203.0.113.5")
    guessing = login(
        client, "casey", factories.PASSWORD, "127.0.0.1", X_Forwarded_For="203.0.113.5"
    )
    assert guessing.status_code == 429
    casey = Client()
    elsewhere = login(
        casey, "casey", factories.PASSWORD, "127.0.0.1", X_Forwarded_For="198.51.100.7"
    )
    assert elsewhere.status_code == 302
    forged = Client()  # a client writing its own header is read past it
    spoofed = "198.51.100.7, 203.0.113.5"
    assert (
        login(forged, "casey", factories.PASSWORD, "127.0.0.1", X_Forwarded_For=spoofed).status_code
        == 429
    )


def test_the_admin_sign_in_shares_the_throttle(client: Any) -> None:
    factories.UserFactory(username="boss", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "boss", "password": factories.PASSWORD})
    assert "signing in to it is paused for 15 more minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_success_clears_the_account_count(client: Any) -> None:
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
