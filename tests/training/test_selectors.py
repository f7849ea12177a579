"""The quiz's reads: an attempt is its owner's alone, with the places of its form answered;
a briefing's module is published, or a draft for a preview."""

from typing import Any

import pytest

from safetyquiz.training import selectors, services
from tests import factories
from tests.training.helpers import answer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("answered", [0, 1, 4])
def test_the_places_answered_are_the_attempts_own(
    crew_client: Any, crew: Any, answered: int
) -> None:
    module = factories.PublishedModuleFactory(questions=5)
    attempt = services.attempt_start(user=crew, module=module)
    factories.AttemptFactory(module=module)  # someone else's, with answers of its own
    for index in range(answered):
        answer(crew_client, attempt, index)
    found = selectors.user_attempt(crew, attempt.pk).get()
    assert sorted(selectors.answered_places(found)) == list(range(answered))


def test_someone_elses_attempt_is_not_found(crew: Any) -> None:
    other = services.attempt_start(
        user=factories.UserFactory(), module=factories.PublishedModuleFactory()
    )
    assert selectors.user_attempt(crew, other.pk).first() is None
    assert selectors.user_attempt(crew, other.pk + 1000).first() is None


def test_a_briefing_reads_the_module_as_it_stands_and_a_draft_only_for_a_preview() -> None:
    module = factories.PublishedModuleFactory(title="Before")
    found = selectors.module_for_briefing(module.slug, include_drafts=False)
    assert found is not None and found.title == "Before"
    module.title, module.status = "After", module.Status.DRAFT
    module.save()
    assert selectors.module_for_briefing(module.slug, include_drafts=False) is None
    found = selectors.module_for_briefing(module.slug, include_drafts=True)
    assert found is not None and found.title == "After"
