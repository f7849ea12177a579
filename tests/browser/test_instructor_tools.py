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
    said = f"Assigned “Inspect every round” to Camera, due {due.day} {due:%b %Y}."
    expect(page.get_by_role("status").filter(has_text=said)).to_be_visible()
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


def test_reloading_the_page_that_shows_a_sign_in_link_keeps_that_link_working(
    browser: Browser, live_server: Any, world: World
) -> None:
    officer = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(officer, live_server.url, "instructor_1")
    officer.goto(
        f"{live_server.url}/instructor/productions/{world.p1.pk}/people/{world.crew_b.pk}/"
    )
    officer.get_by_role("button", name="Make a sign-in link").click()
    sent = officer.get_by_label("The link").input_value()
    officer.reload()  # the browser sends the form again
    expect(officer.get_by_text("still works: nothing was changed")).to_be_visible()
    expect(officer.get_by_label("The link")).to_have_count(0)  # shown once
    assert officer.url.endswith("#sign-in-help")

    member = browser.new_context().new_page()
    member.goto(sent)
    expect(member.get_by_label("New password", exact=True)).to_be_visible()  # still works

    officer.get_by_role("button", name="Replace the sign-in link").click()
    replacement = officer.get_by_label("The link").input_value()
    assert replacement != sent
    member.goto(sent)
    expect(member.get_by_role("heading", name="This sign-in link does not work")).to_be_visible()
    member.goto(replacement)
    expect(member.get_by_label("New password", exact=True)).to_be_visible()


@pytest.fixture
def long_assignments(world: World) -> World:
    """Six assignments, so the one changed is far down a phone's page."""
    for n in range(5):
        module = factories.PublishedModuleFactory(title=f"Module {n + 2}", order=n + 2)
        factories.AssignmentFactory(
            production=world.p1,
            module=module,
            due_on=timezone.localdate() + timedelta(days=3 + n),
        )
    return world


@pytest.mark.parametrize(("width", "javascript"), [(390, True), (390, False), (1280, True)])
def test_the_assignments_page_keeps_its_place_after_a_change(
    browser: Browser, live_server: Any, long_assignments: World, width: int, javascript: bool
) -> None:
    world = long_assignments
    page = browser.new_context(
        viewport={"width": width, "height": 844}, java_script_enabled=javascript
    ).new_page()
    sign_in(page, live_server.url, "instructor_1")
    page.goto(f"{live_server.url}/instructor/productions/{world.p1.pk}/assignments/")
    last = world.p1.assignments.order_by("-module__order").first()
    assert last is not None
    card = page.locator(f"#assignment-{last.pk}")
    person = card.get_by_label("Extend for one person")
    expect(person.locator("option:checked")).to_have_text("Choose a person")  # none chosen
    person.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    assert before > 1000 or width > 390  # far down a phone's page
    later = (last.due_on or timezone.localdate()) + timedelta(days=4)
    person.select_option(label="Crew_B Test (Props and armory)")
    card.get_by_label("Their due date").fill(later.isoformat())
    card.get_by_role("button", name="Extend").click()

    said = f"for Crew_B Test: extended to {later.day} {later:%b %Y}."
    notice = page.locator(f"#assignment-{last.pk}").get_by_role("status")
    expect(notice).to_contain_text(said)
    expect(notice).to_be_in_viewport()
    if javascript:  # swapped in place: at most the card's top comes into view
        assert abs(page.evaluate("window.scrollY") - before) < 844
    else:  # a new page, at the anchor of the assignment changed
        assert page.url.endswith(f"#assignment-{last.pk}")
    expect(page.locator(".messages")).not_to_contain_text(said)  # not at the top as well


@pytest.mark.parametrize("width", [390, 1280])
def test_the_learner_record_and_analysis_show_every_column_on_a_phone(
    browser: Browser, live_server: Any, world: World, width: int
) -> None:
    page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in(page, live_server.url, "instructor_1")
    base = f"{live_server.url}/instructor/productions/{world.p1.pk}"
    for url, label in (
        (f"{base}/learners/{world.crew_a.pk}/", "Certificate"),
        (f"{base}/modules/{world.module.slug}/", "Most chosen wrong answer"),
    ):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        table = page.locator("table.stacked")
        if width == 390:  # a card per row, each value named
            expect(table.locator("thead")).not_to_be_in_viewport()
            cell = table.locator(f'td[data-label="{label}"]').first
            expect(cell).to_be_visible()
            box = cell.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width
            wrap = page.locator(".table-wrap").first
            assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")
        else:
            expect(table.get_by_role("columnheader", name=label)).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_people_pages_come_back_where_the_change_was_made(
    browser: Browser, live_server: Any, world: World, javascript: bool
) -> None:
    for n in range(12):  # a long list, so the top of the page is far from the change
        factories.MembershipFactory(
            production=world.p1, user=factories.UserFactory(first_name=f"Extra{n}")
        )
    page = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    ).new_page()
    sign_in(page, live_server.url, "instructor_1")
    person = f"{live_server.url}/instructor/productions/{world.p1.pk}/people/{world.crew_b.pk}/"
    page.goto(person)
    page.get_by_label("Job title").fill("Assistant armorer")
    page.get_by_role("button", name="Save").click()
    notice = page.locator("#department").locator("xpath=following-sibling::p[1]")
    expect(notice).to_contain_text("Crew_B Test: department Props and armory, job title")
    expect(notice).to_be_in_viewport()
    page.locator("summary", has_text="Remove").click()
    page.get_by_role("button", name="Remove Crew_B Test").click()
    assert page.url.endswith("/people/#former")
    said = page.get_by_role("status").filter(has_text="Crew_B Test is no longer on Dust Devil")
    expect(said).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 844  # below the list of people, not at the top
