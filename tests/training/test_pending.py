"""A session that ends mid-module: the answer posted is kept, the learner signs in and comes
back to the same question with it selected, and nothing was saved meanwhile."""

from typing import Any

import pytest
from django.test import Client

from safetyquiz.training.models import Answer
from safetyquiz.training.services import attempt_start
from tests import factories
from tests.training.helpers import answer_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(crew: Any) -> Any:
    module = factories.PublishedModuleFactory(questions=0)
    factories.QuestionFactory(module=module, order=1, kind="multiple")
    factories.QuestionFactory(module=module, order=2, kind="single")
    return attempt_start(user=crew, module=module)


def expired_post(client: Client, attempt: Any, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(f"/attempts/{attempt.pk}/", data, **extra)


def sign_in(client: Client, username: str, next_url: str) -> Any:
    return client.post(
        "/accounts/login/",
        {"username": username, "password": factories.PASSWORD, "next": next_url},
    )


def test_an_answer_posted_after_the_session_ended_comes_back_selected(
    client: Client, attempt: Any
) -> None:
    data = answer_data(attempt, 0)
    response = expired_post(client, attempt, data)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/attempts/{attempt.pk}/"
    assert not Answer.objects.exists()
    signed_in = sign_in(client, "crew-a", f"/attempts/{attempt.pk}/")
    assert signed_in["Location"] == f"/attempts/{attempt.pk}/"
    page = client.get(f"/attempts/{attempt.pk}/").content.decode()
    assert "Question 1 of 2" in page and "You were signed out before this answer was saved" in page
    for value in data["choice"]:
        assert f'value="{value}" checked' in page
    again = client.get(f"/attempts/{attempt.pk}/").content.decode()  # then it is forgotten
    assert "You were signed out" not in again and " checked" not in again
    assert not Answer.objects.exists()


def test_an_htmx_post_after_the_session_ended_reloads_the_whole_page(
    client: Client, attempt: Any
) -> None:
    response = expired_post(client, attempt, answer_data(attempt, 0), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/accounts/login/?next=/attempts/{attempt.pk}/"


def test_a_kept_answer_for_another_question_is_not_shown(client: Client, attempt: Any) -> None:
    expired_post(client, attempt, {"question": "1", "choice": ["0"]})  # not the current one
    sign_in(client, "crew-a", f"/attempts/{attempt.pk}/")
    page = client.get(f"/attempts/{attempt.pk}/").content.decode()
    assert "You were signed out" not in page and " checked" not in page


def test_someone_else_signing_in_never_sees_the_kept_answer(client: Client, attempt: Any) -> None:
    factories.UserFactory(username="robin")
    expired_post(client, attempt, answer_data(attempt, 0))
    sign_in(client, "robin", f"/attempts/{attempt.pk}/")
    assert client.get(f"/attempts/{attempt.pk}/").status_code == 404


def test_what_is_kept_is_bounded_and_trusted_for_nothing(client: Client, attempt: Any) -> None:
    expired_post(client, attempt, {"question": "٠", "choice": ["x" * 1000] * 500})
    kept = client.session["pending_answer"]
    assert kept["question"] is None
    assert len(kept["choices"]) == 50 and all(len(v) == 10 for v in kept["choices"])
    sign_in(client, "crew-a", f"/attempts/{attempt.pk}/")
    page = client.get(f"/attempts/{attempt.pk}/").content.decode()
    assert "You were signed out" not in page
