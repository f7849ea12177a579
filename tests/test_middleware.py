"""What the app does before and after the views: unreadable requests are a 400, only a lost
database connection is a 503, private pages stay out of caches, and htmx is sent to sign in
with a full page."""

from typing import Any
from unittest import mock

import pytest
from django.db import DataError, IntegrityError, InterfaceError, OperationalError

from safetyquiz.middleware import DatabaseTroubleMiddleware
from safetyquiz.training.services import attempt_start
from tests import factories
from tests.training.helpers import answer_data

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def attempt(crew: Any) -> Any:
    return attempt_start(user=crew, module=factories.PublishedModuleFactory())


@pytest.mark.parametrize("url", ["/accounts/login/", "/join/", "/attempts/{pk}/"])
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (f"{FORM}; charset=latin-1", "username=caf\xe9".encode("latin-1")),
        (f"{FORM}; charset=utf-16", "username=casey".encode("utf-16")),
        (f"{FORM}; charset=no-such-charset", b"username=casey"),
        (FORM, b"username=caf%E9&password=x"),  # percent-encoded Latin-1
        (FORM, b"username=caf\xe9"),
        ("multipart/form-data; boundary=", b"--\r\nbroken"),
        ("multipart/form-data", b"no boundary at all"),
        (FORM, b"username=a%00b"),
    ],
)
def test_an_unreadable_body_is_a_400_before_any_view(
    crew_client: Any, attempt: Any, url: str, content_type: str, body: bytes, settings: Any
) -> None:
    settings.DEBUG = False
    crew_client.raise_request_exception = False
    response = crew_client.generic("POST", url.format(pk=attempt.pk), body, content_type)
    assert response.status_code == 400
    assert "That request could not be understood" in response.content.decode()


def test_a_utf8_form_with_an_explicit_charset_is_read(client: Any) -> None:
    factories.UserFactory(username="casey")
    body = f"username=casey&password={factories.PASSWORD}".encode()
    response = client.post("/accounts/login/", body, content_type=f"{FORM}; charset=UTF-8")
    assert response.status_code == 302


@pytest.mark.parametrize("url", ["/certificates/a%00b/", "/modules/?x=%00", "/join/?code=A%00"])
def test_a_nul_character_in_the_address_is_a_400(client: Any, url: str) -> None:
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("could not connect to server: Connection refused"),
        OperationalError("database is locked"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_lost_connection_is_the_outage_page(error: Exception, caplog: Any) -> None:
    request = mock.Mock(method="POST", path="/join/")
    response = DatabaseTroubleMiddleware(mock.Mock()).process_exception(request, error)
    assert response is not None and response.status_code == 503
    assert f"{type(error).__name__}: {error}" in caplog.text and "POST /join/" in caplog.text


@pytest.mark.parametrize(
    "error", [IntegrityError("duplicate key"), DataError("value too long for type")]
)
def test_other_database_errors_are_not_an_outage(error: Exception, caplog: Any) -> None:
    request = mock.Mock(method="POST", path="/join/")
    assert DatabaseTroubleMiddleware(mock.Mock()).process_exception(request, error) is None
    assert "Database unavailable" not in caplog.text


def test_a_data_error_in_a_view_is_a_500_not_a_503(crew_client: Any, attempt: Any) -> None:
    crew_client.raise_request_exception = False
    with mock.patch(
        "safetyquiz.training.views.services.answer_submit", side_effect=DataError("bad value")
    ):
        response = crew_client.post(f"/attempts/{attempt.pk}/", answer_data(attempt, 0))
    assert response.status_code == 500


def test_a_very_long_username_at_sign_in_is_refused_before_the_database(client: Any) -> None:
    response = client.post("/accounts/login/", {"username": "x" * 5000, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    from safetyquiz.crews.models import SignInFailure

    assert not SignInFailure.objects.exists()


def test_signed_out_pages_may_be_cached(client: Any) -> None:
    response = client.get("/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_an_htmx_request_that_needs_a_sign_in_gets_a_full_page_redirect(client: Any) -> None:
    response = client.get("/modules/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/modules/"
    assert "<form" not in response.content.decode()


def test_a_signed_in_htmx_redirect_elsewhere_is_left_alone(crew_client: Any) -> None:
    response = crew_client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 302 and "HX-Redirect" not in response
