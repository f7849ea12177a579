"""Joining a production, on a phone, from the link an instructor hands out: one screen, the
code filled in, the cursor where typing starts, nothing but the password lost on a mistake;
and nobody who joins today is overdue, on their list or on the instructor's pages."""

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pypdf import PdfReader

from tests import factories
from tests.browser.conftest import sign_in
from tests.worlds import World, build_world

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESK: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture
def world(transactional_db: None) -> World:
    """The first module was due two days ago for everyone on Dust Devil."""
    world = build_world()
    world.p1.assignments.update(due_on=timezone.localdate() - timedelta(days=2))
    factories.DepartmentFactory(slug="sound", name="Sound")
    return world


def phone(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    return context.new_page()


def test_joining_from_the_link_takes_one_phone_screen_and_nobody_is_overdue_on_joining(
    browser: Browser, live_server: Any, world: World
) -> None:
    officer = browser.new_context(viewport=DESK).new_page()
    sign_in(officer, live_server.url, "instructor_1")
    officer.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/people/")
    link = officer.get_by_label("Join link").input_value()
    assert link.endswith(f"/join/?code={world.p1.join_code}")

    page = phone(browser)
    page.goto(link)
    expect(page.get_by_label("Production join code")).to_have_value(world.p1.join_code)
    expect(page.get_by_label("First name")).to_be_focused()  # the first field to fill
    submit = page.get_by_role("button", name="Make my account and join")
    box = submit.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # one screen
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Díaz")
    page.get_by_label("Username").fill("rosa.diaz")
    page.get_by_label("Password", exact=True).fill("password")  # too common: refused
    page.get_by_label("Department (optional)").select_option(label="Sound")
    submit.click()
    expect(page.get_by_text("This password is too common.")).to_be_visible()
    for label, value in (("First name", "Rosa"), ("Last name", "Díaz"), ("Username", "rosa.diaz")):
        expect(page.get_by_label(label)).to_have_value(value)
    expect(page.get_by_label("Department (optional)").locator("option:checked")).to_have_text(
        "Sound"
    )
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    page.get_by_label("Show the password").check()
    page.get_by_label("Password", exact=True).fill("a-long-unusual-passphrase")
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "text")
    page.get_by_role("button", name="Make my account and join").click()

    expect(page.get_by_text("Welcome to Dust Devil.")).to_be_visible()
    own = timezone.localdate() + timedelta(days=world.p1.grace_days)
    summary = page.get_by_role("list", name="Where you stand")
    expect(summary).to_contain_text(f"due {own.day} {own:%b %Y}")
    expect(page.locator("main")).not_to_contain_text("overdue")

    officer.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/")
    row = officer.locator("#roster-table tbody tr").filter(has_text="Rosa Díaz")
    expect(row).to_contain_text(f"due {own.day} {own:%b %Y}")
    expect(row).not_to_contain_text("Overdue")
    expect(
        officer.locator("#roster-table tbody tr").filter(has_text="Crew_B Test")
    ).to_contain_text(
        "Overdue"  # on the production for a while: the date for everyone holds
    )
    officer.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/reminders/?within=0")
    expect(officer.locator("main")).not_to_contain_text("Rosa Díaz")


def test_the_poster_prints_the_join_link_as_a_qr_code_on_one_page(
    page: Page, live_server: Any, world: World
) -> None:
    page.set_viewport_size(DESK)
    sign_in(page, live_server.url, "instructor_1")
    page.goto(f"{live_server.url}/instructor/")
    page.get_by_role("link", name="Poster with a QR code").first.click()
    expect(page.get_by_role("heading", name="Dust Devil")).to_be_visible()
    qr = page.get_by_role("img", name="QR code of the link to join Dust Devil")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] > 250  # scannable from a step away
    expect(page.locator(".poster")).to_contain_text(f"/join/?code={world.p1.join_code}")
    page.emulate_media(media="print")
    expect(page.locator("header.site")).to_be_hidden()
    for paper in ("A4", "Letter"):
        pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
        assert len(pdf.pages) == 1
        assert world.p1.join_code in (pdf.pages[0].extract_text() or "")
