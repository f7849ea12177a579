"""A safety officer's tools in a real browser: assigning a module to one department, a
sign-in link for a locked-out member, the safety-meeting sheet printed to PDF, and the
roster on a phone."""

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests import factories
from tests.browser.conftest import sign_in
from tests.worlds import World, build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None) -> World:
    world = build_world()
    factories.PublishedModuleFactory(slug="inspect-every-round", title="Inspect every round")
    return world


def roster_row(page: Page, name: str) -> Any:
    return page.locator("#roster-table tbody tr").filter(has_text=name)


def test_an_instructor_assigns_a_module_to_one_department_and_the_roster_shows_it(
    page: Page, live_server: Any, world: World
) -> None:
    due = timezone.localdate() + timedelta(days=4)
    sign_in(page, live_server.url, "instructor_1")
    expect(page.get_by_role("heading", name="Your productions")).to_be_visible()  # lands here
    page.get_by_role("link", name="Dust Devil").click()
    production_nav = page.get_by_role("navigation", name="Dust Devil")
    production_nav.get_by_role("link", name="Assignments").click()
    page.get_by_label("Module").select_option(label="Inspect every round")
    page.get_by_label("Camera").check()
    page.get_by_label("Due date (optional)").fill(due.isoformat())
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("Assigned “Inspect every round”.")).to_be_visible()
    expect(page.get_by_text("For Camera (1 person)")).to_be_visible()

    page.get_by_role("link", name="Roster", exact=True).click()
    header = page.get_by_role("columnheader", name=re.compile("Inspect every round"))
    expect(header).to_contain_text(f"due {due.day} {due:%b}")
    expect(roster_row(page, "Crew_A Test")).to_contain_text("Not started")
    expect(roster_row(page, "Crew_B Test")).to_contain_text("not for their department")
    expect(page.get_by_text("Assigned “Inspect every round” to Camera")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, "crew_a")
    # At the top of their list: the summary names it as what is next, then the card.
    summary = page.get_by_role("list", name="Where you stand")
    expect(summary).to_contain_text("Dust Devil: 1 of 2 required done")
    summary.get_by_role("link", name="Inspect every round").click()
    expect(page.get_by_text(f"Due {due.day} {due:%b %Y}")).to_be_visible()
    page.get_by_role("button", name="Start the certifying attempt").click()
    for number in (1, 2, 3):
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
        page.get_by_label("Stop and call the armorer", exact=True).check()
        last = number == 3
        page.get_by_role(
            "button", name="Save and see my result" if last else "Save and continue"
        ).click()
    expect(page.get_by_role("heading", name="Your result: passed")).to_be_visible()
    page.get_by_role("link", name="Go to your next required module").click()
    expect(page.get_by_text("You are cleared for Dust Devil.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, "instructor_1")
    page.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/")
    expect(roster_row(page, "Crew_A Test").locator(".badge.cleared")).to_have_text("Cleared")


def test_a_locked_out_member_signs_in_with_a_link_from_their_instructor(
    browser: Browser, live_server: Any, world: World
) -> None:
    member = browser.new_context().new_page()
    for _ in range(5):
        member.goto(f"{live_server.url}/accounts/login/")
        member.get_by_label("Username").fill("crew_b")
        member.get_by_label("Password").fill("not-the-password")
        member.get_by_role("button", name="Sign in").click()
    expect(member.get_by_role("heading", name="Signing in is paused")).to_be_visible()
    expect(member.get_by_text("one-time sign-in link")).to_be_visible()

    officer = browser.new_context().new_page()
    sign_in(officer, live_server.url, "instructor_1")
    officer.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/people/")
    officer.get_by_role("link", name="Crew_B Test").click()
    officer.get_by_role("button", name="Make a sign-in link").click()
    expect(officer.get_by_text("Shown once.")).to_be_visible()
    link = officer.get_by_label("The link").input_value()
    assert "/accounts/link/" in link

    member.goto(link)
    member.get_by_label("New password", exact=True).fill("a-long-unusual-passphrase")
    member.get_by_label("New password confirmation").fill("a-long-unusual-passphrase")
    member.get_by_role("button", name="Set my password and sign in").click()
    expect(member.get_by_text("Your new password is set and you are signed in.")).to_be_visible()
    member.get_by_role("button", name="Sign out").click()

    member.goto(f"{live_server.url}/accounts/login/")  # the lock-out is lifted
    member.get_by_label("Username").fill("crew_b")
    member.get_by_label("Password").fill("a-long-unusual-passphrase")
    member.get_by_role("button", name="Sign in").click()
    expect(member.get_by_role("heading", name="Your modules")).to_be_visible()
    member.goto(link)  # used up
    expect(member.get_by_role("heading", name="This sign-in link does not work")).to_be_visible()


def test_the_safety_meeting_sheet_prints_what_a_member_is_missing(
    page: Page, live_server: Any, world: World
) -> None:
    world.p1.assignments.update(due_on=timezone.localdate() + timedelta(days=2))
    sign_in(page, live_server.url, "instructor_1")
    page.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/print/")
    page.emulate_media(media="print")
    expect(page.locator("header.site")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this sheet")).to_be_hidden()
    widths = page.evaluate(
        """() => [...document.querySelectorAll('table.meeting thead th')]
            .map(th => th.getBoundingClientRect().width)"""
    )
    assert widths[-1] / sum(widths) > 0.25  # room to sign
    for paper in ("A4", "Letter"):
        pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
        page_width = float(pdf.pages[0].mediabox.width)
        assert page_width < float(pdf.pages[0].mediabox.height)  # portrait
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
        assert text.index("Crew_B Test") < text.index("Crew_A Test")  # not cleared first
        assert "NO" in text and "Signature" in text
        assert re.search(r"Cold is a claim: not passed \(best 0%\); missed a critical", text)
        assert "due " in text.split("Crew_B Test")[1]


def test_the_roster_on_a_phone_is_a_card_per_person_without_sideways_scrolling(
    browser: Browser, live_server: Any, world: World
) -> None:
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, live_server.url, "instructor_1")
    page.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/")
    card = roster_row(page, "Crew_B Test")
    expect(card).to_contain_text("Cold is a claim:")  # what they are missing, named
    expect(card).to_contain_text("Not passed")
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    passed = roster_row(page, "Crew_A Test")
    expect(passed.locator("td.ok")).to_be_hidden()  # nothing to do: only the name and Cleared
    expect(passed).to_contain_text("Cleared")

    desk = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(desk, live_server.url, "instructor_1")
    desk.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/")
    table = desk.locator("table.roster").bounding_box()
    assert table is not None and table["width"] > 1200  # the page's width, not a column


def test_the_crew_list_on_a_phone_starts_with_the_summary_without_sideways_scrolling(
    browser: Browser, live_server: Any, world: World
) -> None:
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, live_server.url, "crew_b")
    summary = page.get_by_role("list", name="Where you stand")
    expect(summary).to_contain_text("Dust Devil: 0 of 1 required done")
    box = summary.bounding_box()
    assert box is not None and box["y"] < 300  # before the cards, near the top
    card = page.locator(".card").first
    card_box = card.bounding_box()
    assert card_box is not None and card_box["x"] + card_box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
