"""The admin pages editors use, on the curriculum: no critical or serious axe violation at
desk and phone width, and the question list shows each question's slot, pool and purpose,
and filters by them."""

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from safetyquiz.content.models import Excerpt, Failure, Module, Question, Source
from tests import factories
from tests.browser.conftest import serious_violations
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture
def curriculum_editor(transactional_db: None) -> None:
    call_command("loaddata", *FIXTURES, verbosity=0)
    factories.UserFactory(username="editor", is_staff=True, is_superuser=True)


def sign_in_to_admin(page: Page, base: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log entries")).to_be_visible()


def editor_pages() -> list[str]:
    module = Module.objects.get(slug="cold-is-a-claim")
    question = module.questions.order_by("order").first()
    assert question is not None
    return [
        "/admin/",
        "/admin/content/module/",
        f"/admin/content/module/{module.pk}/change/",
        "/admin/content/module/add/",
        "/admin/content/question/",
        f"/admin/content/question/?module__id__exact={module.pk}",
        f"/admin/content/question/{question.pk}/change/",
        f"/admin/content/question/add/?module={module.pk}",
        "/admin/content/source/",
        f"/admin/content/source/{Source.objects.order_by('pk').first().pk}/change/",  # type: ignore[union-attr]
        "/admin/content/excerpt/",
        f"/admin/content/excerpt/{Excerpt.objects.order_by('pk').first().pk}/change/",  # type: ignore[union-attr]
        "/admin/content/failure/",
        f"/admin/content/failure/{Failure.objects.order_by('pk').first().pk}/change/",  # type: ignore[union-attr]
        "/admin/content/department/",
    ]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_editors_admin_pages_pass_axe(
    page: Page, live_server: Any, curriculum_editor: None, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 800})
    sign_in_to_admin(page, live_server.url)
    found = {}
    for url in editor_pages():
        page.goto(live_server.url + url)
        expect(page.locator("#content")).to_be_visible()
        page.wait_for_load_state("load")  # select2 drawn, and mended
        found[url] = serious_violations(page)
    assert not any(found.values()), {url: v for url, v in found.items() if v}


def test_the_question_list_shows_slot_pool_and_purpose_and_filters_by_them(
    page: Page, live_server: Any, curriculum_editor: None
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    module = Module.objects.get(slug="cold-is-a-claim")
    slot = module.slots.order_by("order").first()
    assert slot is not None
    sign_in_to_admin(page, live_server.url)
    page.goto(f"{live_server.url}/admin/content/question/")
    for column in ("Slot", "Pool", "Purpose"):
        expect(page.get_by_role("columnheader", name=column)).to_be_visible()
    filters = page.locator("#changelist-filter")
    expect(filters.get_by_text("By slot")).to_have_count(0)  # offered once a module is chosen
    filters.get_by_role("link", name=module.title, exact=True).click()
    filters.get_by_role("link", name=f"{slot.order}. {slot.slug}", exact=True).click()
    filters.get_by_role("link", name="Certifying", exact=True).click()
    rows = page.locator("#result_list tbody tr")
    wanted = Question.objects.filter(slot=slot, pool="certifying")
    expect(rows).to_have_count(wanted.count())
    for row in rows.all():
        expect(row).to_contain_text(f"{slot.order}. {slot.slug}")
        expect(row).to_contain_text("Certifying")
    filters.get_by_role("link", name="Safety decision", exact=True).click()
    decisions = wanted.filter(purpose="safety-decision").count()
    expect(rows if decisions else page.get_by_text("0 questions")).to_have_count(decisions or 1)
