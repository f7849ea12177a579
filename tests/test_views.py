from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client: Any) -> None:
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_answers_503_when_the_database_does_not(client: Any) -> None:
    with mock.patch("safetyquiz.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz/")
    assert response.status_code == 503


def test_landing_page_says_what_the_app_is_for(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Firearm safety training for film and TV crews" in body
    assert '<meta name="viewport"' in body
    assert "/accounts/login/" in body


def test_landing_sends_a_signed_in_person_to_their_modules(crew_client: Any) -> None:
    response = crew_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/modules/"


def test_login_page_has_labelled_inputs(client: Any) -> None:
    body = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">' in body
    assert '<label for="id_password">' in body
