"""The quiz's reads: an attempt is its owner's alone, with the places of its form answered
(the written-out query says what the ORM would); a briefing's module is published, or a
draft for a preview."""

from typing import Any

import pytest
from django.db.models import Count, Max

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
    assert found.module == module
    assert list(selectors.answered_places(found)) == list(range(answered))
    plain = selectors.user_attempt(crew, attempt.pk).get()
    assert sorted(selectors.answered_places(plain)) == list(range(answered))


def test_someone_elses_attempt_is_not_found(crew: Any) -> None:
    other = services.attempt_start(
        user=factories.UserFactory(), module=factories.PublishedModuleFactory()
    )
    assert selectors.user_attempt_with_places(crew, other.pk) is None
    assert selectors.user_attempt_with_places(crew, other.pk + 1000) is None
    assert selectors.user_attempt(crew, other.pk).first() is None


def test_a_briefing_reads_the_module_as_it_stands_and_a_draft_only_for_a_preview() -> None:
    module = factories.PublishedModuleFactory(title="Before")
    found = selectors.module_for_briefing(module.slug, include_drafts=False)
    assert found is not None and found.title == "Before"
    module.title, module.status = "After", module.Status.DRAFT
    module.save()
    assert selectors.module_for_briefing(module.slug, include_drafts=False) is None
    found = selectors.module_for_briefing(module.slug, include_drafts=True)
    assert found is not None and found.title == "After"
