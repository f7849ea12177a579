"""An instructor signs in, filters the roster, downloads the CSV and opens a module analysis."""

import csv
import io
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.worlds import World, build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


def test_instructor_filters_downloads_and_analyses(
    page: Page, live_server: Any, world: World
) -> None:
    sign_in(page, live_server.url, "instructor_1")
    page.get_by_role("link", name="Instructor").click()
    page.get_by_role("link", name="Dust Devil").click()
    table = page.locator("#roster-table")
    expect(table.get_by_text("Crew_A Test")).to_be_visible()
    expect(table.get_by_text("Crew_B Test")).to_be_visible()

    page.get_by_label("Status").select_option("not-cleared")  # htmx swaps the table in place
    expect(table.get_by_text("Crew_A Test")).to_have_count(0)
    expect(table.get_by_text("Crew_B Test")).to_be_visible()
    assert "status=not-cleared" in page.url

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the roster (CSV)").click()
    download = download_info.value
    content = download.path().read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel reads UTF-8 by
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert {r["username"] for r in rows} == {"crew_a", "crew_b"}

    page.get_by_role("link", name="Cold is a claim").click()
    expect(page.get_by_role("heading", name="Cold is a claim: analysis")).to_be_visible()
    expect(page.get_by_role("img", name="Attempts by score, in 10-point bands")).to_be_visible()
