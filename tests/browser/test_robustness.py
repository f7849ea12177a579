"""A session ending mid-module loses no answer: with JavaScript it is kept and sent after
signing in; without, the same question comes back with it chosen. (Every page against
axe-core: tests/browser/test_accessibility.py.)"""

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from safetyquiz.training.models import Attempt
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_session_ending_mid_module_keeps_the_answer_and_sends_it_after_signing_in(
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
    message = page.get_by_role("alert")
    expect(message).to_contain_text("You are signed out")
    expect(page.get_by_label("Stop and call the armorer", exact=True)).to_be_checked()
    message.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Question 2 of 3")).to_be_visible()  # the answer was sent
    assert page.url == attempt_url
    assert Attempt.objects.get().answers.count() == 1


def test_without_javascript_a_session_ending_mid_module_comes_back_to_the_same_question(
    browser: Any, live_server: Any, quiz: Any
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server.url)
        page.goto(f"{live_server.url}/modules/{quiz.slug}/")
        page.get_by_role("button", name="Start the certifying attempt").click()
        expect(page.get_by_text("Question 1 of 3")).to_be_visible()
        attempt_url = page.url
        Session.objects.all().delete()  # the session ends while the page is open
        page.get_by_label("Stop and call the armorer", exact=True).check()
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        page.get_by_label("Username").fill("casey")
        page.get_by_label("Password").fill(factories.PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Question 1 of 3")).to_be_visible()
        assert page.url == attempt_url
        expect(page.get_by_text("You were signed out before this answer was saved")).to_be_visible()
        expect(page.get_by_label("Stop and call the armorer", exact=True)).to_be_checked()
    finally:
        context.close()
