from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import path

from safetyquiz.training import services
from safetyquiz.training.models import Answer
from tests import factories
from tests.training.helpers import answer_data

pytestmark = pytest.mark.django_db


def down(*args: Any, **kwargs: Any) -> None:
    raise OperationalError("could not connect to server: Connection refused")


@pytest.mark.parametrize("url", ["/modules/", "/certificates/", "/instructor/", "/join/"])
def test_an_unreachable_database_shows_a_friendly_page(client: Any, url: str) -> None:
    client.force_login(factories.UserFactory(is_staff=True))
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=down):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 503
    assert "Back in a moment" in body and "Traceback" not in body and "OperationalError" not in body


def test_an_answer_posted_while_the_database_is_down_writes_nothing(
    crew_client: Any, crew: Any
) -> None:
    attempt = services.attempt_start(user=crew, module=factories.PublishedModuleFactory())
    data = answer_data(attempt, 0)
    with mock.patch("safetyquiz.training.models.Answer.save", side_effect=down):
        response = crew_client.post(f"/attempts/{attempt.pk}/", data)
    assert response.status_code == 503
    assert not Answer.objects.exists()


def test_a_database_locked_past_the_busy_timeout_shows_the_page_and_runs_the_view_once(
    crew_client: Any, crew: Any
) -> None:
    attempt = services.attempt_start(user=crew, module=factories.PublishedModuleFactory())
    locked = OperationalError("database is locked")
    with mock.patch(
        "safetyquiz.training.views.services.answer_submit", side_effect=locked
    ) as submit:
        response = crew_client.post(f"/attempts/{attempt.pk}/", answer_data(attempt, 0))
    assert response.status_code == 503 and "Back in a moment" in response.content.decode()
    assert submit.call_count == 1
    assert not Answer.objects.exists()


def boom(request: Any) -> Any:
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", boom)]


def test_the_app_has_its_own_404_page(client: Any, settings: Any) -> None:
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode() and "safetyquiz" in response.content.decode()


def test_the_app_has_its_own_500_page_without_a_trace(client: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body and "something broke" not in body
