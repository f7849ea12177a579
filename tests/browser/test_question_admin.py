"""An editor's question page fits a 1,280 px screen and shows the fields its kind uses."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests import factories

pytestmark = pytest.mark.browser

LONG = "The armorer checks every round on the cart, one by one, before the scene begins. " * 3


@pytest.fixture
def question(transactional_db: None) -> Any:
    factories.UserFactory(username="editor", is_staff=True, is_superuser=True)
    excerpts = [factories.ExcerptFactory(quote=LONG + str(n)) for n in range(3)]
    question = factories.QuestionFactory(
        kind="ordering",
        prompt="You suspect there is a live round on set. " * 4,
        excerpts=excerpts,
        choices=[
            {"key": k, "text": LONG[:490], "position": p, "feedback": LONG}
            for k, p in (("a", 2), ("b", 1), ("c", 4), ("d", 3))
        ],
    )
    factories.SlotFactory(module=question.module, objective="What to do with a found round")
    return question


def sign_in_to_admin(page: Page, base: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log entries")).to_be_visible()


def test_question_page_fits_1280_and_follows_the_kind(
    page: Page, live_server: Any, question: Any
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in_to_admin(page, live_server.url)
    page.goto(f"{live_server.url}/admin/content/question/{question.pk}/change/")
    expect(page.get_by_text("Choice: The armorer checks every round").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    position, is_correct = (
        page.locator("#id_choices-0-position"),
        page.locator("#id_choices-0-is_correct"),
    )
    expect(position).to_be_visible()
    expect(is_correct).to_be_hidden()
    expect(page.locator("#id_role")).to_be_hidden()
    expect(page.locator("#id_partial_credit")).to_be_visible()

    page.get_by_label("Kind:").select_option("decision")
    expect(position).to_be_hidden()
    expect(is_correct).to_be_visible()
    expect(page.locator("#id_role")).to_be_visible()
    expect(page.locator("#id_partial_credit")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_without_javascript_every_field_shows(
    browser: Any, live_server: Any, question: Any
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    sign_in_to_admin(page, live_server.url)
    page.goto(f"{live_server.url}/admin/content/question/{question.pk}/change/")
    for field in ("#id_role", "#id_partial_credit", "#id_choices-0-is_correct"):
        expect(page.locator(field)).to_be_visible()
    context.close()
