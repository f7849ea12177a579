"""Every page crew, instructors and visitors see passes axe-core with no critical or serious
violation, at phone and desk width: the pages as they first open, and as they look after
a change (a message where the change was made, a refused form, a link shown once).
The editors' admin pages: tests/browser/test_editor_admin.py."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from safetyquiz.crews.models import Assignment
from safetyquiz.training.models import Attempt, Certificate
from tests import factories
from tests.browser.conftest import serious_violations, sign_in
from tests.worlds import World, build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None) -> World:
    world = build_world()
    world.p1.assignments.update(due_on=timezone.localdate())
    factories.QuestionFactory(module=world.module, order=20, pool="practice")  # to practise
    factories.PublishedModuleFactory(slug="inspect-every-round", title="Inspect every round")
    return world


def check(page: Page, name: str, found: dict[str, list[str]]) -> None:
    expect(page.locator("main")).to_be_visible()
    found[name] = serious_violations(page)


def visitor_pages(page: Page, base: str, world: World, found: dict[str, list[str]]) -> None:
    certificate = Certificate.objects.get(user=world.crew_a)
    for name, url in [
        ("landing", "/"),
        ("sign in", "/accounts/login/"),
        ("join", f"/join/?code={world.p1.join_code}"),
        ("certificate check", f"/certificates/{certificate.code}/"),
        ("certificate missing", "/certificates/no-such-code/"),
        ("sign-in link not working", "/accounts/link/not-a-token/"),
    ]:
        page.goto(base + url)
        check(page, name, found)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("crew_a")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    check(page, "sign in refused", found)
    page.goto(f"{base}/join/?code={world.p1.join_code}")
    page.get_by_role("button", name="Make my account and join").click()
    check(page, "join refused", found)
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Díaz")
    page.get_by_label("Username").fill("rosa.diaz")
    page.get_by_label("Password", exact=True).fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Make my account and join").click()
    expect(page.get_by_text("Welcome to Dust Devil")).to_be_visible()
    check(page, "modules after joining (a message)", found)


def crew_pages(page: Page, base: str, world: World, found: dict[str, list[str]]) -> None:
    slug = world.module.slug
    passed = Attempt.objects.get(user=world.crew_a)
    certificate = Certificate.objects.get(user=world.crew_a)
    sign_in(page, base, "crew_a")
    for name, url in [
        ("modules", "/modules/"),
        ("briefing", f"/modules/{slug}/"),
        ("result passed", f"/attempts/{passed.pk}/"),
        ("answer feedback", f"/attempts/{passed.pk}/answers/0/"),
        ("certificates", "/certificates/"),
        ("certificate print", f"/certificates/{certificate.code}/print/"),
        ("join another", "/join/"),
    ]:
        page.goto(base + url)
        check(page, name, found)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, base, "crew_b")
    failed = Attempt.objects.get(user=world.crew_b)
    page.goto(f"{base}/attempts/{failed.pk}/")
    check(page, "result not passed", found)
    page.goto(f"{base}/modules/{slug}/")
    page.get_by_role("button", name=re.compile("certifying attempt")).first.click()
    expect(page.get_by_text(re.compile(r"Question \d+ of"))).to_be_visible()
    check(page, "question", found)
    page.goto(f"{base}/modules/{slug}/")
    page.get_by_role("button", name="Practise first").click()
    page.get_by_role("button", name="Check my answer").click()  # nothing chosen: refused
    check(page, "question refused", found)
    page.locator("main .option input").first.check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.locator("section.feedback")).to_be_visible()
    check(page, "practice feedback", found)
    page.get_by_role("button", name="Sign out").click()


def instructor_pages(page: Page, base: str, world: World, found: dict[str, list[str]]) -> None:
    p1, slug = f"/instructor/productions/{world.p1.pk}", world.module.slug
    assignment = Assignment.objects.get(production=world.p1)
    sign_in(page, base, "instructor_1")
    for name, url in [
        ("instructor home", "/instructor/"),
        ("roster", f"{p1}/"),
        ("roster filtered", f"{p1}/?status=not-cleared"),
        ("safety-meeting sheet", f"{p1}/print/"),
        ("learner record", f"{p1}/learners/{world.crew_a.pk}/"),
        ("module analysis", f"{p1}/modules/{slug}/"),
        ("assignments", f"{p1}/assignments/"),
        ("people", f"{p1}/people/"),
        ("person", f"{p1}/people/{world.crew_b.pk}/"),
        ("reminders", f"{p1}/reminders/"),
        ("poster", f"{p1}/poster/"),
    ]:
        page.goto(base + url)
        check(page, name, found)
    page.goto(f"{base}{p1}/assignments/")
    card = page.locator(f"#assignment-{assignment.pk}")
    card.get_by_label("Extend for one person").select_option(label="Crew_B Test (Props and armory)")
    card.get_by_label("Their due date").fill(timezone.localdate().isoformat())
    card.get_by_role("button", name="Extend").click()  # not later than theirs: refused in place
    expect(card.get_by_role("alert")).to_be_visible()
    check(page, "assignments refused", found)
    card.get_by_label("Extend for one person").select_option(label="Crew_B Test (Props and armory)")
    later = timezone.localdate() + timedelta(days=9)
    card.get_by_label("Their due date").fill(later.isoformat())
    card.get_by_role("button", name="Extend").click()
    expect(card.get_by_role("status")).to_contain_text("extended to")
    check(page, "assignments changed (a message in place)", found)
    page.get_by_label("Module").select_option(label="Inspect every round")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("status").filter(has_text="Assigned")).to_be_visible()
    check(page, "assignments added", found)
    page.goto(f"{base}{p1}/people/{world.crew_b.pk}/")
    page.get_by_label("Job title").fill("Assistant armorer")
    page.get_by_role("button", name="Save").click()
    check(page, "person saved (a message in place)", found)
    page.get_by_role("button", name="Make a sign-in link").click()
    check(page, "sign-in link shown once", found)
    page.reload()
    check(page, "person with a working link", found)
    page.goto(f"{base}{p1}/people/{world.crew_b.pk}/")
    page.locator("summary", has_text="Remove").click()
    page.get_by_role("button", name="Remove Crew_B Test").click()
    check(page, "people after a removal (a message in place)", found)


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_passes_axe(
    browser: Browser, live_server: Any, world: World, width: int
) -> None:
    page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
    found: dict[str, list[str]] = {}
    visitor_pages(page, live_server.url, world, found)
    page.get_by_role("button", name="Sign out").click()
    crew_pages(page, live_server.url, world, found)
    instructor_pages(page, live_server.url, world, found)
    assert len(found) > 35
    assert not any(found.values()), {name: v for name, v in found.items() if v}
