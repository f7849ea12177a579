"""The learner's module list: every published module with where the learner stands,
assigned ones first."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from safetyquiz.training.models import Attempt
from tests import factories
from tests.training.helpers import answer

pytestmark = pytest.mark.django_db


def test_module_list_shows_each_status(crew_client: Any, crew: Any) -> None:
    module = factories.PublishedModuleFactory(title="Cold is a claim", questions=5)
    other = factories.PublishedModuleFactory(title="Where the muzzle points")
    draft = factories.ModuleFactory(title="Draft only")
    factories.FinishedAttemptFactory(user=crew, module=other, passed=False, percentage=40)
    body = crew_client.get("/modules/").content.decode()
    assert "Cold is a claim" in body and "Not started" in body
    assert "Not passed" in body and "best 40%" in body
    assert draft.title not in body
    assert crew_client.post(f"/modules/{module.slug}/").status_code == 302
    answer(crew_client, Attempt.objects.get(module=module), 0)
    assert "question 2 of 5" in crew_client.get("/modules/").content.decode()


def test_assigned_modules_come_first_with_due_dates_and_overdue(
    crew_client: Any, crew: Any
) -> None:
    department = factories.DepartmentFactory(slug="camera")
    membership = factories.MembershipFactory(user=crew, department=department)
    factories.PublishedModuleFactory(title="Aaa not assigned", order=0)
    late = factories.AssignmentFactory(
        production=membership.production,
        module__title="Zzz assigned",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    factories.AssignmentFactory(
        production=membership.production,
        module__title="Other department only",
        departments=[factories.DepartmentFactory(slug="stunts")],
    )
    body = crew_client.get("/modules/").content.decode()
    assert body.index("Zzz assigned") < body.index("Aaa not assigned")
    assert "Overdue" in body and f"Required by {late.production.name}" in body
    assert body.index("Aaa not assigned") < body.index("Other department only")


@pytest.mark.parametrize(("modules", "questions", "past"), [(2, 3, 1), (12, 10, 5)])
def test_module_list_query_budget(
    crew_client: Any,
    crew: Any,
    django_assert_max_num_queries: Any,
    modules: int,
    questions: int,
    past: int,
) -> None:
    factories.MembershipFactory(user=crew)
    build(crew, modules, questions, past)
    with django_assert_max_num_queries(9):
        assert crew_client.get("/modules/").status_code == 200


def build(crew: Any, modules: int, questions: int, past_attempts: int) -> None:
    for _ in range(modules):
        module = factories.PublishedModuleFactory(questions=questions)
        for _ in range(past_attempts):
            factories.CertificateFactory(attempt__user=crew, attempt__module=module)
