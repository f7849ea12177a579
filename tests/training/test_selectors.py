"""The question page's written-out query says what the ORM would."""

from typing import Any

import pytest
from django.db.models import Count, Max

from safetyquiz.content import curriculum
from safetyquiz.training import selectors, services
from safetyquiz.training.models import Attempt
from tests import factories
from tests.training.helpers import answer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("answered", [0, 1, 4])
def test_the_attempt_with_its_places_agrees_with_the_orm(
    crew_client: Any, crew: Any, answered: int
) -> None:
    module = factories.PublishedModuleFactory(questions=5)
    attempt = services.attempt_start(user=crew, module=module)
    factories.AttemptFactory(module=module)  # someone else's, with answers of its own
    for index in range(answered):
        answer(crew_client, attempt, index)
    found = selectors.user_attempt_with_places(crew, attempt.pk)
    assert found is not None
    expected = (
        Attempt.objects.filter(pk=attempt.pk)
        .annotate(n=Count("answers"), last=Max("answers__index"))
        .get()
    )
    places = (getattr(found, "places_answered", None), getattr(found, "last_place", None))
    assert places == (expected.n, expected.last)
    assert found.form == expected.form and found.pass_mark == expected.pass_mark
    assert found.started_at == expected.started_at and found.mode == expected.mode
    assert list(selectors.answered_places(found)) == list(range(answered))


def test_someone_elses_attempt_is_not_found(crew: Any) -> None:
    other = services.attempt_start(
        user=factories.UserFactory(), module=factories.PublishedModuleFactory()
    )
    assert selectors.user_attempt_with_places(crew, other.pk) is None
    assert selectors.user_attempt_with_places(crew, other.pk + 1000) is None


def test_the_module_comes_from_the_curriculum_as_it_stands(crew: Any) -> None:
    module = factories.PublishedModuleFactory(title="Before")
    attempt = services.attempt_start(user=crew, module=module)
    found = selectors.user_attempt_with_places(crew, attempt.pk)
    assert found is not None and found.module is curriculum.current().module(module.slug)
    module.title = "After"
    module.save()
    found = selectors.user_attempt_with_places(crew, attempt.pk)
    assert found is not None and found.module.title == "After"
    module.status = module.Status.DRAFT  # no longer held: read from the database when asked
    module.save()
    found = selectors.user_attempt_with_places(crew, attempt.pk)
    assert found is not None and found.module.title == "After" and not found.module.is_published
