"""The editor's day in a browser: an edit made in the admin outlasts a content release,
which reports the conflict; a published module is changed through a draft, previewed
whole and published in one step, while a crew member's attempt keeps its questions; and
a publish refused for a slot far down the page says so at the top, with a link there."""

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, ViewportSize, expect

from safetyquiz.content.models import Module
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

AXE = Axe()
PHONE: ViewportSize = {"width": 390, "height": 844}
DESK: ViewportSize = {"width": 1280, "height": 800}


def serious_violations(page: Page) -> list[str]:
    violations = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def entry(model: str, **fields: Any) -> dict[str, Any]:
    return {"model": f"content.{model}", "fields": fields}


def a_release(summary: str, title: str = "Cold is a claim") -> list[dict[str, Any]]:
    """A module of one slot: three certifying questions and a practice one."""
    entries = [
        entry(
            "module", slug="cold", title=title, summary=summary, briefing="b.", status="published"
        ),
        entry("slot", module=["cold"], slug="who-checks", objective="Who checks a firearm"),
    ]
    for n, pool in enumerate(["certifying", "certifying", "certifying", "practice"], 1):
        question = [f"q{n}", "cold"]
        entries += [
            entry(
                "question",
                module=["cold"],
                slot=["who-checks", "cold"],
                slug=f"q{n}",
                order=n,
                pool=pool,
                kind="true_false",
                prompt=f"Statement {n}: only the armorer says a firearm is cold.",
                explanation="Only the armorer checks and shows it.",
            ),
            entry("choice", question=question, key="true", text="True", is_correct=True),
            entry("choice", question=question, key="false", text="False", feedback="No."),
        ]
    return entries


def load(tmp_path: Path, entries: list[dict[str, Any]]) -> None:
    path = tmp_path / "release.json"
    path.write_text(json.dumps(entries))
    call_command("loaddata", str(path), verbosity=0)


@pytest.fixture
def released(transactional_db: None, tmp_path: Path) -> Module:
    load(tmp_path, a_release("Who may say a firearm is cold."))
    factories.UserFactory(username="editor", is_staff=True, is_superuser=True)
    factories.UserFactory(username="casey", first_name="Casey", last_name="Rivera")
    return Module.objects.get(slug="cold")


def open_draft(page: Page, base: str, module: Module) -> None:
    page.goto(f"{base}/admin/content/module/{module.pk}/change/")
    expect(page.get_by_text("Published: crew see this module.")).to_be_visible()
    page.get_by_role("button", name="Edit as a draft").click()
    expect(page.get_by_text("Crew see the published module until you publish")).to_be_visible()


def publish(page: Page, expected_change: str) -> None:
    page.get_by_role("link", name="Read the changes and publish").click()
    expect(page.get_by_role("heading", name="Changes since the last publish")).to_be_visible()
    expect(page.get_by_role("cell", name=expected_change)).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Crew see it from now on")).to_be_visible()


def test_an_edit_in_the_admin_outlasts_a_content_release_which_reports_the_conflict(
    page: Page, live_server: Any, released: Module, tmp_path: Path
) -> None:
    page.set_viewport_size(DESK)
    base = live_server.url
    sign_in(page, base, "editor")
    open_draft(page, base, released)
    page.get_by_label("Summary:").fill("Edited in the admin")
    page.get_by_role("button", name="Save and continue editing").click()
    publish(page, "Edited in the admin")

    # The next release changes the summary too (a conflict) and the title (no conflict).
    load(tmp_path, a_release("The release's summary", title="Cold is only a claim"))
    page.goto(f"{base}/admin/content/module/{released.pk}/change/")
    expect(page.locator(".field-summary")).to_contain_text("Edited in the admin")
    expect(page.locator(".field-title")).to_contain_text("Cold is only a claim")
    page.goto(f"{base}/admin/")
    page.get_by_role("link", name="Content releases").click()
    page.get_by_role("link", name="Content release of").first.click()
    row = page.locator("#conflicts-group tr", has_text="summary")
    expect(row).to_contain_text("Edited in the admin")
    expect(row).to_contain_text("The release's summary")
    expect(row).to_contain_text("Changes made here")


@pytest.mark.parametrize("size", [PHONE, DESK], ids=["phone", "desk"])
def test_a_published_module_is_drafted_previewed_whole_and_published_in_one_step(
    browser: Browser, page: Page, live_server: Any, released: Module, size: ViewportSize
) -> None:
    base = live_server.url
    # A crew member is half-way through a certifying attempt when the editor starts.
    crew = browser.new_context(viewport=PHONE)
    crew_page = crew.new_page()
    sign_in(crew_page, base, "casey")
    crew_page.goto(f"{base}/modules/cold/")
    crew_page.get_by_role("button", name="Start the certifying attempt").click()
    expect(crew_page.get_by_text("Question 1 of")).to_be_visible()
    asked = crew_page.locator("legend").inner_text()

    page.set_viewport_size(size)
    sign_in(page, base, "editor")
    page.goto(f"{base}/admin/content/question/{released.questions.get(slug='q1').pk}/change/")
    page.get_by_role("button", name="Edit in the module's draft").click()
    page.get_by_label("Prompt:").fill("Statement 1, as the editor put it.")
    page.get_by_role("button", name="Save and continue editing").click()
    draft = Module.objects.get(draft_of=released)
    page.goto(f"{base}/admin/content/module/{draft.pk}/change/")
    page.get_by_role("link", name="Preview", exact=True).click()
    expect(page.get_by_role("heading", name="Certifying questions (3)")).to_be_visible()
    expect(page.get_by_role("heading", name="Practice questions (1)")).to_be_visible()
    expect(page.get_by_text("Statement 1, as the editor put it.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert serious_violations(page) == []
    page.go_back()
    publish(page, "Statement 1, as the editor put it.")
    assert not Module.objects.filter(pk=draft.pk).exists()

    crew_page.reload()  # the attempt in progress keeps the question it was given
    expect(crew_page.locator("legend")).to_have_text(asked)
    crew.close()
    page.goto(f"{base}/modules/cold/preview/")
    expect(page.get_by_text("Statement 1, as the editor put it.")).to_be_visible()


@pytest.mark.parametrize("size", [PHONE, DESK], ids=["phone", "desk"])
def test_a_publish_refused_for_a_slot_far_down_is_said_at_the_top_with_a_link_there(
    page: Page, live_server: Any, released: Module, size: ViewportSize
) -> None:
    base = live_server.url
    page.set_viewport_size(size)
    sign_in(page, base, "editor")
    open_draft(page, base, released)
    draft = Module.objects.get(draft_of=released)
    factories.SlotFactory(module=draft, slug="spot-a-dummy", objective="Spot a dummy", order=9)
    page.get_by_role("link", name="Read the changes and publish").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("slot spot-a-dummy has no certifying question")
    box = summary.bounding_box()
    assert box is not None and box["y"] + box["height"] <= size["height"]  # the first screen
    expect(summary).to_be_focused()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    assert serious_violations(page) == []
    summary.get_by_role("link").click()
    row = page.locator("#slots-1")
    expect(row).to_be_in_viewport()
    expect(row.locator("input[name$='-slug']")).to_have_value("spot-a-dummy")


@pytest.mark.parametrize("size", [PHONE, DESK], ids=["phone", "desk"])
def test_a_refused_save_lists_its_errors_at_the_top_of_the_module_page(
    page: Page, live_server: Any, transactional_db: None, size: ViewportSize
) -> None:
    """A module never published, published from its own page with an empty slot: the bank
    rule is reported at the top, focused, with a link to the slot's row."""
    factories.UserFactory(username="editor", is_staff=True, is_superuser=True)
    module = factories.ModuleFactory(title="Storage and control")
    filled = factories.SlotFactory(module=module, slug="locked-up", objective="Locked up", order=1)
    factories.QuestionFactory(module=module, slot=filled)
    factories.SlotFactory(module=module, slug="signed-out", objective="Signed out", order=2)
    page.set_viewport_size(size)
    sign_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/content/module/{module.pk}/change/")
    page.get_by_label("Status:").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("slot signed-out has no certifying question")
    box = summary.bounding_box()
    assert box is not None and box["y"] + box["height"] <= size["height"]
    summary.get_by_role("link").click()
    expect(page.locator("#slots-1")).to_be_in_viewport()
