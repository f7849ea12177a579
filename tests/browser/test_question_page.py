"""The question page on a phone: for every question of the curriculum, shown as the first
of a certifying attempt (the longest way it is shown: with the note on final answers), the
button that saves the answer sits on the first screen of a 390x844 phone, with the header's
language switch and the question's Listen control shown."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, ViewportSize, expect

from safetyquiz.content.models import Question
from safetyquiz.training.models import Attempt
from safetyquiz.training.services import question_snapshot
from tests import factories
from tests.browser.conftest import SPEECH, sign_in
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def questions(transactional_db: None) -> Iterator[list[Question]]:
    call_command("loaddata", *FIXTURES, verbosity=0)
    factories.UserFactory(username="casey")
    yield list(
        Question.objects.select_related("module", "slot")
        .prefetch_related("choices", "excerpts__source")
        .order_by("module__order", "order", "pk")
    )


def attempt_at(question: Question) -> Attempt:
    """A certifying attempt whose first question is this one, the only one open."""
    Attempt.objects.filter(finished_at=None).update(finished_at=timezone.now())
    return factories.AttemptFactory(
        user=User.objects.get(username="casey"),
        module=question.module,
        question_ids=[question.pk],
        form=[question_snapshot(question, "phone")],
        seed="phone",
    )


def test_save_is_on_the_first_phone_screen_for_every_question(
    browser: Browser, live_server: Any, questions: list[Question]
) -> None:
    assert len(questions) > 100  # the whole curriculum, not a sample
    page = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    ).new_page()
    # A browser with a voice for the page's language, so the Listen control shows too.
    page.add_init_script("window.__voices = [{ lang: 'en-US', name: 'Sam' }];" + SPEECH)
    sign_in(page, live_server.url)
    below: dict[str, float] = {}
    for question in questions:
        page.goto(f"{live_server.url}{attempt_at(question).get_absolute_url()}")
        button = page.get_by_role("button", name="Save and see my result")
        expect(button).to_be_visible()
        expect(page.locator("#question-panel button.listen")).to_be_visible()
        box = button.bounding_box()
        assert box is not None
        if box["y"] + box["height"] > PHONE["height"]:
            below[f"{question.module.slug}/{question.slug}"] = box["y"] + box["height"]
    assert not below, f"Save below the first screen for {len(below)} questions: {below}"
