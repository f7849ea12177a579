"""A session ending mid-module loses no answer (with JavaScript it is kept and sent after
signing in; without, the same question comes back with it chosen), and the main pages pass
axe-core with no serious or critical violation."""

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from safetyquiz.training.models import Attempt, Certificate
from tests import factories
from tests.browser.conftest import sign_in
from tests.worlds import World, build_world

pytestmark = pytest.mark.browser

AXE = Axe()  # axe-core, bundled by the package (requirements-dev.lock pins it)


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


def serious_violations(page: Page) -> list[str]:
    # Injected through the debugging protocol, which the page's CSP allows.
    violations = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_main_pages_pass_axe(page: Page, live_server: Any, world: World, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    base, slug, p1 = live_server.url, world.module.slug, world.p1.pk
    attempt = Attempt.objects.filter(user=world.crew_a).get()
    certificate = Certificate.objects.get(user=world.crew_a)
    crew_pages = [
        "/modules/",
        f"/modules/{slug}/",
        f"/attempts/{attempt.pk}/",  # finished: the result
        f"/attempts/{attempt.pk}/answers/0/",  # the feedback on one answer
        f"/certificates/{certificate.code}/",
    ]
    instructor_pages = [
        "/instructor/",
        f"/instructor/productions/{p1}/",
        f"/instructor/productions/{p1}/modules/{slug}/",
        f"/instructor/productions/{p1}/learners/{world.crew_a.pk}/",
    ]
    found: dict[str, list[str]] = {}
    sign_in(page, base, world.crew_a.username)
    for url in crew_pages:
        page.goto(base + url)
        found[url] = serious_violations(page)
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{base}/modules/{slug}/")  # the question page, from a fresh attempt
    sign_in(page, base, world.crew_c.username)
    page.goto(f"{base}/modules/{slug}/")
    page.get_by_role("button", name=re.compile("certifying attempt")).first.click()
    expect(page.get_by_text(re.compile(r"Question \d+ of"))).to_be_visible()
    found["question"] = serious_violations(page)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, base, world.instructor_1.username)
    for url in instructor_pages:
        page.goto(base + url)
        found[url] = serious_violations(page)
    assert not any(found.values()), {url: v for url, v in found.items() if v}
