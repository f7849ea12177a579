"""Crew pages run a fixed number of queries, whatever the number of questions or attempts."""

from typing import Any

import pytest

from safetyquiz.training import services
from safetyquiz.training.models import Attempt
from tests import factories
from tests.training.helpers import answer, answer_data

pytestmark = pytest.mark.django_db


def build(
    crew: Any, modules: int, questions: int, past_attempts: int, mode: str = "certifying"
) -> Attempt:
    # Practice asks its own pool; the past attempts are all today, so the day allows more.
    built = [
        factories.PublishedModuleFactory(
            questions=questions, practice=questions, attempts_per_day=past_attempts + 1
        )
        for _ in range(modules)
    ]
    for module in built:
        for _ in range(past_attempts):
            factories.CertificateFactory(attempt__user=crew, attempt__module=module)
    return services.attempt_start(user=crew, module=built[0], mode=mode)


MODES = ["certifying", "practice"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("questions", "answered"), [(3, 1), (20, 15)])
def test_question_page_query_budget(
    crew_client: Any,
    crew: Any,
    django_assert_max_num_queries: Any,
    questions: int,
    answered: int,
    mode: str,
) -> None:
    attempt = build(crew, 1, questions, 3, mode)
    for index in range(answered):
        answer(crew_client, attempt, index)
    # The session, the user, the attempt with its places answered, its module (for the
    # title), the instructor link.
    with django_assert_max_num_queries(5):
        assert crew_client.get(f"/attempts/{attempt.pk}/").status_code == 200
    # htmx asks for the question's panel: no title and no navigation, so neither the
    # module nor the instructor link is looked up.
    with django_assert_max_num_queries(3):
        response = crew_client.get(f"/attempts/{attempt.pk}/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<nav" not in response.content and b'name="question"' in response.content


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("questions", "answered"), [(3, 1), (20, 15)])
def test_answer_post_query_budget(
    crew_client: Any,
    crew: Any,
    django_assert_max_num_queries: Any,
    questions: int,
    answered: int,
    mode: str,
) -> None:
    attempt = build(crew, 1, questions, 3, mode)
    for index in range(answered):
        answer(crew_client, attempt, index)
    data = answer_data(attempt, answered)
    # The session, the user, then in the transaction (a savepoint here, inside the test's own
    # transaction): the attempt locked, its places answered, whether the question still
    # exists, the insert; nothing after.
    with django_assert_max_num_queries(8):
        response = crew_client.post(f"/attempts/{attempt.pk}/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200


@pytest.mark.parametrize("mode", MODES)
def test_final_answer_post_query_budget(
    crew_client: Any, crew: Any, django_assert_max_num_queries: Any, mode: str
) -> None:
    attempt = build(crew, 1, 10, 3, mode)
    for index in range(9):
        answer(crew_client, attempt, index)
    data = answer_data(attempt, 9)
    # As any answer, then the answers for the score, the attempt's result, and for a pass
    # the certificate with its module's validity.
    with django_assert_max_num_queries(12):
        crew_client.post(f"/attempts/{attempt.pk}/", data, HTTP_HX_REQUEST="true")
    attempt.refresh_from_db()
    assert attempt.passed
    assert hasattr(attempt, "certificate") == (mode == "certifying")
