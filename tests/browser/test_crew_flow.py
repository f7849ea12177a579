"""A crew member fails a certifying attempt on a critical question, reads the rule they
missed, practises it, retakes, passes and checks the certificate: with JavaScript, without
it, and by keyboard alone. A certifying result shows objectives, never the key; practice
gives feedback after each answer and no certificate."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import TEACHING, sign_in

pytestmark = pytest.mark.browser

RIGHT = {1: ["Stop and call the armorer"], 2: ["True"], 3: ["The armorer", "The first AD"]}
WRONG_CRITICAL = {**RIGHT, 1: ["Carry on if the AD says cold"]}


def take_quiz(page: Page, picks: dict[int, list[str]], *, htmx: bool) -> None:
    """A certifying attempt: each answer saved, the next question, no verdict until the end."""
    attempt_url = ""
    for number in (1, 2, 3):
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
        attempt_url = attempt_url or page.url
        assert page.url == attempt_url  # in place with htmx; redirected back without
        expect(page.get_by_text(re.compile("Right|Not right"))).to_have_count(0)
        for text in picks[number]:
            page.get_by_label(text, exact=True).check()
        last = number == 3
        page.get_by_role(
            "button", name="Save and see my result" if last else "Save and continue"
        ).click()


def fail_retake_pass_and_check(page: Page, base: str, *, htmx: bool) -> None:
    sign_in(page, base)
    expect(page.get_by_role("heading", name="Your modules")).to_be_visible()
    page.get_by_role("link", name="Cold is a claim").click()
    page.get_by_role("button", name="Start the certifying attempt").click()
    take_quiz(page, WRONG_CRITICAL, htmx=htmx)
    expect(page.get_by_role("heading", name="Your result: not passed")).to_be_visible()
    expect(page.get_by_text("critical objective was missed")).to_be_visible()
    expect(page.get_by_text(TEACHING)).to_be_visible()
    expect(page.get_by_text("Stop and call the armorer")).to_have_count(0)  # no key
    expect(page.get_by_role("button", name="Take a new certifying attempt")).to_have_count(0)

    page.get_by_role("button", name="Practise this objective").click()
    expect(page.get_by_text("Practice: The gun is handed to you. Who checks it?")).to_be_visible()
    page.get_by_label("Stop and call the armorer", exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_role("heading", name="Question 1: right")).to_be_visible()
    page.goto(f"{base}/modules/cold-is-a-claim/")
    page.get_by_role("button", name="Take a new certifying attempt").click()
    take_quiz(page, RIGHT, htmx=htmx)
    expect(page.get_by_role("heading", name="Your result: passed")).to_be_visible()

    page.get_by_role("link", name="Public check page").click()
    check_url = page.url
    page.get_by_role("button", name="Sign out").click()
    page.goto(check_url)
    expect(page.get_by_role("heading", name="Certificate: valid")).to_be_visible()
    expect(page.get_by_text("Casey Rivera")).to_be_visible()


def test_crew_fails_retakes_passes_and_checks_the_certificate(
    page: Page, live_server: Any, quiz: Any
) -> None:
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    fail_retake_pass_and_check(page, live_server.url, htmx=True)
    assert not errors, errors  # nothing refused by the Content Security Policy, no script errors


def test_the_same_flow_works_without_javascript(browser: Any, live_server: Any, quiz: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        fail_retake_pass_and_check(context.new_page(), live_server.url, htmx=False)
    finally:
        context.close()


def tab_to(page: Page, name: re.Pattern[str], limit: int = 30) -> None:
    """Press Tab until the focused element's text matches ``name``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        tag, text = page.evaluate(
            "[document.activeElement.tagName, document.activeElement.textContent]"
        )
        if tag in ("A", "BUTTON") and name.search(text or ""):
            return
    raise AssertionError(f"Tab never reached {name.pattern}")


def answer_by_keyboard(page: Page, picks: list[str], button: str) -> None:
    for text in picks:
        page.get_by_label(text, exact=True).focus()
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.type") in ("radio", "checkbox"):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == button
    page.keyboard.press("Enter")


def test_a_certifying_attempt_can_be_taken_by_keyboard_alone(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/modules/cold-is-a-claim/")
    page.get_by_role("button", name="Start the certifying attempt").focus()
    page.keyboard.press("Enter")
    for number, picks in RIGHT.items():
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
        if number > 1:  # the next question replaced the last in place: focus is on it
            expect(page.locator("#question-progress")).to_be_focused()
        answer_by_keyboard(
            page, picks, "Save and see my result" if number == 3 else "Save and continue"
        )
    expect(page.get_by_role("heading", name="Your result: passed")).to_be_visible()


def test_practice_by_keyboard_gives_feedback_after_each_answer_and_no_certificate(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/modules/cold-is-a-claim/")
    page.get_by_role("button", name="Practise first").focus()
    page.keyboard.press("Enter")
    for number, picks in RIGHT.items():
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
        answer_by_keyboard(page, picks, "Check my answer")
        heading = page.get_by_role("heading", name=f"Question {number}: right")
        expect(heading).to_be_focused()
        tab_to(page, re.compile("Next question|See your result"))
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Practice result")).to_be_visible()
    expect(page.get_by_text("Practice earns no certificate")).to_be_visible()
    expect(page.get_by_role("link", name="Print it")).to_have_count(0)


def test_an_invalid_ordering_answer_keeps_its_selections_and_says_why(
    page: Page, live_server: Any, quiz: Any
) -> None:
    order = factories.PublishedModuleFactory(slug="in-order", title="In order", questions=0)
    factories.QuestionFactory(module=order, kind="ordering", prompt="Put the steps in order")
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/modules/in-order/")
    page.get_by_role("button", name="Start the certifying attempt").click()
    selects = page.locator("select[name=choice]")
    expect(selects).to_have_count(4)
    for n, place in enumerate(["2", "2", "1", "4"]):  # two steps in the same place
        selects.nth(n).select_option(place)
    page.get_by_role("button", name="Save and see my result").click()
    message = page.get_by_role("alert")
    expect(message).to_have_text("Use each place from 1 to 4 exactly once.")
    expect(message).to_be_focused()
    assert [selects.nth(n).input_value() for n in range(4)] == ["2", "2", "1", "4"]
    expect(page.get_by_role("heading", level=1)).to_have_count(1)  # the page, not a fragment


@pytest.mark.parametrize("width", [390, 1280])
def test_practice_never_says_the_attempt_fails(
    browser: Any, live_server: Any, quiz: Any, width: int
) -> None:
    page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/modules/cold-is-a-claim/")
    page.get_by_role("button", name="Practise first").click()
    for number, picks in WRONG_CRITICAL.items():
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
        for text in picks:
            page.get_by_label(text, exact=True).check()
        page.get_by_role("button", name="Check my answer").click()
        feedback = page.locator("section.feedback")
        expect(feedback).to_be_visible()
        expect(feedback).not_to_contain_text("fails the attempt")
        if number == 1:  # the critical one, missed
            expect(feedback).to_contain_text(
                "in a certifying attempt, a wrong answer here fails it"
            )
        page.get_by_role("link", name=re.compile("Next question|See your result")).click()
    expect(page.get_by_role("heading", name="Practice result")).to_be_visible()
    main = page.locator("main")
    expect(main).not_to_contain_text(re.compile("not passed|fails the attempt", re.IGNORECASE))
    expect(page.get_by_text("You missed a critical question.")).to_be_visible()


@pytest.mark.parametrize("javascript", [False, True])
def test_the_print_pages_work_with_and_without_javascript(
    browser: Any, live_server: Any, quiz: Any, javascript: bool
) -> None:
    user = factories.UserFactory(username="pat")
    certificate = factories.CertificateFactory(attempt__user=user, attempt__module=quiz)
    page = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    ).new_page()
    sign_in(page, live_server.url, "pat")
    page.get_by_role("link", name="Certificates").click()
    page.get_by_role("link", name="Print").click()  # a link to the print view
    assert page.url.endswith(f"/certificates/{certificate.code}/print/")
    button = page.get_by_role("button", name="Print the certificate")
    hint = page.get_by_text("use your browser's Print")
    if javascript:
        expect(button).to_be_visible()
        expect(hint).to_be_hidden()
    else:  # no dead button: the page says how to print it
        expect(button).to_be_hidden()
        expect(hint).to_be_visible()
