"""Instructor pages run a fixed number of queries, with 5 members or 50 (and their extensions
and log entries); the home and the roster on screen as many with 3 members as with 150."""

import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from safetyquiz.crews.models import Production
from safetyquiz.crews.services import assignment_extend
from safetyquiz.devtools.simulate import take
from tests import factories
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=[5, 50], ids=["5-members", "50-members"])
def production(
    request: Any, django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[Production]:
    """A production with real attempts, made once for every page's test (``shared_data``)."""
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            made = make_production(request.param)
        yield made


def make_production(members: int) -> Production:
    production = factories.ProductionFactory()
    modules = [factories.PublishedModuleFactory(questions=4) for _ in range(3)]
    today = timezone.localdate()
    assignments = [
        factories.AssignmentFactory(
            production=production, module=module, due_on=today + timedelta(days=n)
        )
        for n, module in enumerate(modules)
    ]
    actor = factories.UserFactory()
    rng = random.Random(7)
    for n in range(members):
        membership = factories.MembershipFactory(production=production)
        user = membership.user
        take(user=user, module=modules[n % 3], skill=0.7, rng=rng)
        if n % 2:
            take(user=user, module=modules[(n + 1) % 3], skill=0.7, rng=rng, stop_after=2)
        if n % 4 == 0:  # extensions and log entries grow with the crew too
            assignment_extend(
                assignment=assignments[2],
                membership=membership,
                due_on=today + timedelta(days=30),
                actor=actor,
            )
    return production


@pytest.fixture
def instructor_client(client: Any, production: Any) -> Any:
    client.force_login(factories.InstructorMembershipFactory(production=production).user)
    return client


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/instructor/", 10),
        ("/instructor/productions/{pk}/", 18),
        ("/instructor/productions/{pk}/?status=overdue", 18),
        ("/instructor/productions/{pk}/print/", 14),
        ("/instructor/productions/{pk}/roster.csv", 13),
        ("/instructor/productions/{pk}/modules/{slug}/", 12),
        ("/instructor/productions/{pk}/modules/{slug}/analysis.csv", 12),
        # and the attempts started and granted today, per module: two grouped queries
        ("/instructor/productions/{pk}/learners/{user}/", 20),
        ("/instructor/productions/{pk}/learners/{user}/?module={slug}&page=2", 20),
        ("/instructor/productions/{pk}/assignments/", 10),
        ("/instructor/productions/{pk}/people/", 7),
        ("/instructor/productions/{pk}/people/{user}/", 10),  # the working sign-in link, if any
        ("/instructor/productions/{pk}/reminders/?within=30", 14),
        ("/instructor/productions/{pk}/reminders.csv?within=30", 13),
    ],
)
def test_instructor_page_query_budget(
    instructor_client: Any,
    production: Any,
    django_assert_max_num_queries: Any,
    path: str,
    budget: int,
) -> None:
    member = production.memberships.filter(role="crew").first()
    url = path.format(
        pk=production.pk, slug=production.assignments.first().module.slug, user=member.user_id
    )
    with django_assert_max_num_queries(budget):
        assert instructor_client.get(url).status_code == 200


def queries_of(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_home_and_the_roster_run_as_many_queries_for_3_members_as_for_150(
    client: Any,
) -> None:
    paths = [
        "/instructor/",
        "/instructor/productions/{pk}/",
        "/instructor/productions/{pk}/?status=not-cleared&page=2",
    ]
    counts = []
    for members in (3, 150):
        production = make_production(members)
        client.force_login(factories.InstructorMembershipFactory(production=production).user)
        counts.append([queries_of(client, path.format(pk=production.pk)) for path in paths])
    assert counts[0] == counts[1]
