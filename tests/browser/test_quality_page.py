"""An editor opens a module's item-quality page from the admin, on a wide screen and a phone."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (375, 740)], ids=["wide", "phone"])
def test_editor_reads_the_quality_page_without_scrolling_sideways(
    page: Page, live_server: Any, quiz: Any, width: int, height: int
) -> None:
    factories.UserFactory(username="editor", is_staff=True, is_superuser=True)
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/content/module/{quiz.pk}/change/")
    page.get_by_role("link", name="Surface cues, key balance, duplicates").click()
    expect(page.get_by_role("heading", name="Cold is a claim: item quality")).to_be_visible()
    expect(
        page.get_by_role("row", name="Chance that a reader who follows a surface cue passes")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Blind panel")).to_be_visible()
    expect(page.get_by_role("heading", name="Item analysis by slot")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
