"""A session ending mid-module comes back to the same question with the answer chosen.
(Every page against axe-core: tests/browser/test_accessibility.py.)"""

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_session_ending_mid_module_comes_back_to_the_same_question(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/modules/{quiz.slug}/")
    page.get_by_role("button", name="Start the certifying attempt").click()
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    attempt_url = page.url
    Session.objects.all().delete()  # the session ends while the page is open
    page.get_by_label("Stop and call the armorer", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.locator("#question-panel")).to_have_count(0)  # a whole page, not a panel
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    assert page.url == attempt_url
    expect(page.get_by_text("You were signed out before this answer was saved")).to_be_visible()
    expect(page.get_by_label("Stop and call the armorer", exact=True)).to_be_checked()
