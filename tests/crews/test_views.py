"""The learner's module pages: the list of every published module with where the learner
stands, assigned ones first; a module's briefing, which starts attempts; the next module."""

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
    with django_assert_max_num_queries(10):
        assert crew_client.get("/modules/").status_code == 200


def build(crew: Any, modules: int, questions: int, past_attempts: int) -> None:
    for _ in range(modules):
        module = factories.PublishedModuleFactory(questions=questions)
        for _ in range(past_attempts):
            factories.CertificateFactory(attempt__user=crew, attempt__module=module)


@pytest.fixture
def shoot(crew: Any) -> Any:
    """The crew member on a production asking two modules, the later one already overdue."""
    membership = factories.MembershipFactory(user=crew, production__name="Dust Devil")
    today = timezone.localdate()
    first = factories.AssignmentFactory(
        production=membership.production,
        module__title="Cold is a claim",
        module__order=2,
        due_on=today + timedelta(days=5),
    )
    overdue = factories.AssignmentFactory(
        production=membership.production,
        module__title="Live ammunition never on set",
        module__order=1,
        due_on=today - timedelta(days=2),
    )
    factories.PublishedModuleFactory(title="Reading the coverage", order=3)
    return membership, first, overdue


def test_the_list_starts_with_where_the_learner_stands_per_production(
    crew_client: Any, crew: Any, shoot: Any
) -> None:
    membership, first, overdue = shoot
    body = crew_client.get("/modules/").content.decode()
    assert "Dust Devil: 0 of 2 required done" in body
    assert f'next: <a href="/modules/{overdue.module.slug}/">' in body
    assert "overdue since" in body
    required, optional = body.index("<h2>Required</h2>"), body.index("<h2>Optional</h2>")
    assert (
        required
        < body.index("Live ammunition", required)
        < body.index("Cold is a claim", required)
        < optional
    )
    assert optional < body.index("Reading the coverage")
    for assignment in (first, overdue):
        factories.CertificateFactory(attempt__user=crew, attempt__module=assignment.module)
    body = crew_client.get("/modules/").content.decode()
    assert "Cleared for Dust Devil" in body


def test_after_a_pass_next_goes_to_the_next_required_module_or_says_cleared(
    crew_client: Any, crew: Any, shoot: Any
) -> None:
    membership, first, overdue = shoot
    response = crew_client.get("/modules/next/")
    assert response["Location"] == f"/modules/{overdue.module.slug}/"
    factories.CertificateFactory(attempt__user=crew, attempt__module=overdue.module)
    assert crew_client.get("/modules/next/")["Location"] == f"/modules/{first.module.slug}/"
    factories.CertificateFactory(attempt__user=crew, attempt__module=first.module)
    response = crew_client.get("/modules/next/", follow=True)
    assert "You are cleared for Dust Devil." in response.content.decode()


def test_the_briefing_starts_with_the_due_date_and_the_start_button(
    crew_client: Any, crew: Any, shoot: Any
) -> None:
    membership, first, overdue = shoot
    body = crew_client.get(f"/modules/{first.module.slug}/").content.decode()
    due = f"Due {first.due_on:%-d %b %Y}"
    assert due in body
    assert (
        body.index(due) < body.index("Start the certifying attempt") < body.index("What happened")
    )


@pytest.fixture
def quiz(db: None) -> Any:
    module = factories.PublishedModuleFactory(
        slug="cold-is-a-claim",
        title="Cold is a claim",
        questions=0,
        excerpts=[factories.ExcerptFactory(source__title="Key insights", quote="A live round.")],
    )
    factories.QuestionFactory(module=module, order=1, kind="single", prompt="Who checks the gun?")
    factories.CriticalQuestionFactory(
        module=module, order=2, kind="true_false", prompt="Live rounds?"
    )
    factories.QuestionFactory(module=module, order=3, kind="multiple", prompt="Who is shown?")
    factories.QuestionFactory(module=module, order=4, kind="ordering", prompt="Put in order")
    factories.QuestionFactory(module=module, order=5, kind="decision", prompt="You are the 2nd AD")
    return module


def test_signed_out_visitors_are_sent_to_sign_in(client: Any, quiz: Any) -> None:
    for url in ["/modules/", f"/modules/{quiz.slug}/", "/certificates/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_briefing_quotes_excerpts_with_their_source_and_says_what_the_quiz_is(
    crew_client: Any, quiz: Any
) -> None:
    body = crew_client.get(f"/modules/{quiz.slug}/").content.decode()
    assert "“A live round.”" in body and "Key insights" in body
    assert "Check every round" in body  # an objective
    assert "asks 5 questions" in body and "Pass mark 80%" in body
    assert "1 question is critical" in body
    assert 'method="post"' in body


def test_draft_module_is_not_found_for_crew_but_previewed_by_editors(
    crew_client: Any, client: Any, editor: Any
) -> None:
    draft = factories.ModuleFactory()
    assert crew_client.get(f"/modules/{draft.slug}/").status_code == 404
    client.force_login(editor)
    assert "Draft: crew cannot see" in client.get(f"/modules/{draft.slug}/").content.decode()
    assert client.post(f"/modules/{draft.slug}/").status_code == 404


@pytest.mark.parametrize("bank", [3, 30])
def test_briefing_query_budget(
    crew_client: Any, crew: Any, django_assert_max_num_queries: Any, bank: int
) -> None:
    module = factories.PublishedModuleFactory(questions=bank)
    # The session, the user, the module with its quotes, failures, departments, slots and
    # questions (six), the learner's progress (three), an open practice round, their due
    # date (two), the instructor link, and whether a new certifying attempt may start (the
    # retake gate).
    with django_assert_max_num_queries(15):
        assert crew_client.get(f"/modules/{module.slug}/").status_code == 200


@pytest.mark.parametrize("bank", [3, 30])
def test_start_query_budget(
    crew_client: Any, crew: Any, django_assert_max_num_queries: Any, bank: int
) -> None:
    module = factories.PublishedModuleFactory(questions=bank)
    for _ in range(3):
        factories.FinishedAttemptFactory(user=crew, module=module)
    # The session, the user, the module with its slots (two), the open attempt, the past
    # forms, the bank (four), the insert in its savepoint (three), which languages the module
    # is offered in, for the form's wording.
    with django_assert_max_num_queries(15):
        response = crew_client.post(f"/modules/{module.slug}/", {"mode": "certifying"})
    assert response.status_code == 302
