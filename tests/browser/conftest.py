import os
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests import factories

# A busy two-core machine can take a few seconds to answer; waiting longer costs nothing
# when the page is already there.
expect.set_options(timeout=20_000)

# The browser's speech synthesis, replaced before the page loads: it records what it is
# asked to say, in which language, and whether it was paused.
SPEECH = """
window.__spoken = [];
window.__paused = false;
window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; };
Object.defineProperty(window, "speechSynthesis", { value: {
  getVoices: function () { return window.__voices; },
  speak: function (u) { window.__spoken.push({ text: u.text, lang: u.lang }); },
  pause: function () { window.__paused = true; this.paused = true; },
  resume: function () { window.__paused = false; this.paused = false; },
  cancel: function () {},
  paused: false,
  addEventListener: function () {}
}});
"""


@pytest.fixture(scope="session", autouse=True)
def async_unsafe_allowed() -> Iterator[None]:
    """Playwright's sync API runs an event loop in the test's thread, where Django then
    refuses database calls (the test's data, the test database itself); the app under test
    is synchronous, so allow them, for the browser tests only (they run last)."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def quiz(transactional_db: None) -> Any:
    """A crew member and a module of three objectives, the first critical, each with a
    certifying question and a practice question of the same kind."""
    factories.UserFactory(username="casey", first_name="Casey", last_name="Rivera")
    module = factories.PublishedModuleFactory(
        slug="cold-is-a-claim", title="Cold is a claim", questions=0
    )
    asked = [
        (
            "who-checks",
            "Who checks a firearm",
            "single",
            "The gun is handed to you. Who checks it?",
        ),
        ("blanks", "What blanks can do", "true_false", "Blanks can kill."),
        ("who-sees", "Who sees the check", "multiple", "Who must see the check?"),
    ]
    for order, (slug, objective, kind, prompt) in enumerate(asked, start=1):
        slot = factories.SlotFactory(
            module=module,
            slug=slug,
            objective=objective,
            order=order,
            teaching_point=TEACHING if order == 1 else "",
        )
        factory = factories.CriticalQuestionFactory if order == 1 else factories.QuestionFactory
        factory(module=module, slot=slot, order=order, kind=kind, prompt=prompt)
        factory(
            module=module,
            slot=slot,
            order=10 + order,
            kind=kind,
            pool="practice",
            prompt=f"Practice: {prompt}",
        )
    return module


TEACHING = "Only the armorer checks a firearm, and shows it is safe before it is handed over."


def sign_in(page: Any, base: str, username: str = "casey") -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()


AXE = Axe()  # axe-core, bundled by the package (requirements-dev.lock pins it)


def serious_violations(page: Page) -> list[str]:
    """axe-core's critical and serious violations on the page, one line each."""
    # Injected through the debugging protocol, which the page's CSP allows.
    violations = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
