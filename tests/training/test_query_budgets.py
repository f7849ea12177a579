"""Crew pages run a fixed number of queries, whatever the number of questions or attempts."""

from typing import Any

import pytest

from safetyquiz.training.models import Attempt
from tests import factories
from tests.training.helpers import answer, answer_data

pytestmark = pytest.mark.django_db


def build(crew: Any, modules: int, questions: int, past_attempts: int) -> Attempt:
    built = [factories.PublishedModuleFactory(questions=questions) for _ in range(modules)]
    for module in built:
        for _ in range(past_attempts):
            factories.CertificateFactory(attempt__user=crew, attempt__module=module)
    return Attempt.objects.create(
        user=crew,
        module=built[0],
        question_ids=list(built[0].questions.values_list("pk", flat=True)),
        seed="s",
        pass_mark=80,
    )


@pytest.mark.parametrize(("questions", "answered"), [(3, 1), (20, 15)])
def test_question_page_query_budget(
    crew_client: Any, crew: Any, django_assert_max_num_queries: Any, questions: int, answered: int
) -> None:
    attempt = build(crew, 1, questions, 3)
    for index in range(answered):
        answer(crew_client, attempt, index)
    with django_assert_max_num_queries(7):
        assert crew_client.get(f"/attempts/{attempt.pk}/").status_code == 200


@pytest.mark.parametrize(("questions", "answered"), [(3, 1), (20, 15)])
def test_answer_post_query_budget(
    crew_client: Any, crew: Any, django_assert_max_num_queries: Any, questions: int, answered: int
) -> None:
    attempt = build(crew, 1, questions, 3)
    for index in range(answered):
        answer(crew_client, attempt, index)
    data = answer_data(attempt, answered)
    with django_assert_max_num_queries(16):
        response = crew_client.post(f"/attempts/{attempt.pk}/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_final_answer_post_query_budget(
    crew_client: Any, crew: Any, django_assert_max_num_queries: Any
) -> None:
    attempt = build(crew, 1, 10, 3)
    for index in range(9):
        answer(crew_client, attempt, index)
    data = answer_data(attempt, 9)
    with django_assert_max_num_queries(20):
        crew_client.post(f"/attempts/{attempt.pk}/", data, HTTP_HX_REQUEST="true")
    attempt.refresh_from_db()
    assert attempt.passed
