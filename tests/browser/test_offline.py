"""On a set with no signal: the app installs, keeps a started attempt and answers given
offline on the device, sends them when the connection returns, shows every refusal and
failure, and never keeps an answer key or anyone else's pages. The browser's context is
taken offline, as a phone out of coverage is."""

import json
import re
import struct
import time
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import BrowserContext, Page, expect

from safetyquiz.training import services
from safetyquiz.training.models import Answer, Attempt
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

READY = "you can finish this attempt without a connection"
PICKS = {1: ["Stop and call the armorer"], 2: ["True"], 3: ["The armorer", "The first AD"]}

# Everything the device stores: each cache entry's address and text, each IndexedDB record.
READ_DEVICE = """async () => {
  const cached = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      cached.push({cache: name, url: request.url, text: await response.text()});
    }
  }
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("safetyquiz");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const stored = {};
  for (const name of db.objectStoreNames) {
    stored[name] = await new Promise((resolve) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
    });
  }
  db.close();
  return {cached, stored};
}"""


NO_PAGES_KEPT = "async () => !(await caches.keys()).some((name) => name.startsWith('pages-'))"


def eventually(page: Page, script: str, seconds: float = 20) -> None:
    """Until the script (async: wait_for_function would take its promise as true) says so."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script):
        assert time.monotonic() < deadline, script
        page.wait_for_timeout(100)


def device(page: Page) -> dict[str, Any]:
    return dict(page.evaluate(READ_DEVICE))


def records(page: Page) -> list[dict[str, Any]]:
    return sorted(device(page)["stored"].get("answers", []), key=lambda r: r["seq"])


def start_certifying(page: Page, base: str, module: Any) -> Attempt:
    page.goto(f"{base}/modules/{module.slug}/")
    page.get_by_role("button", name="Start the certifying attempt").click()
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    expect(page.get_by_text(READY)).to_be_visible()  # the questions and the page are kept
    return Attempt.objects.get(module=module, finished_at=None)


def pick(page: Page, number: int) -> None:
    expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
    for text in PICKS[number]:
        page.get_by_label(text, exact=True).check()
    button = "Save and see my result" if number == 3 else "Save and continue"
    page.get_by_role("button", name=button).click()


def offline(context: BrowserContext, page: Page, on: bool) -> None:
    context.set_offline(on)
    page.wait_for_function("(on) => navigator.onLine === !on", arg=on)


def test_three_answers_given_offline_are_stored_once_in_order(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    attempt = start_certifying(page, live_server.url, quiz)
    offline(page.context, page, True)
    for number in (1, 2, 3):
        pick(page, number)
    expect(page.get_by_text("Every question is answered.")).to_be_visible()
    expect(page.get_by_text("3 answers waiting to send")).to_be_visible()
    assert not Answer.objects.exists()

    page.reload()  # offline: the page and the answers come from the device
    expect(page.get_by_text("Every question is answered.")).to_be_visible()
    expect(page.get_by_text("3 answers waiting to send")).to_be_visible()
    for number in (1, 2, 3):
        expect(page.get_by_text(f"Question {number}: waiting to send")).to_be_visible()

    offline(page.context, page, False)
    expect(page.get_by_role("heading", name="Your result: passed")).to_be_visible()
    answers = list(Answer.objects.filter(attempt=attempt).order_by("answered_at", "pk"))
    assert [a.index for a in answers] == [0, 1, 2]
    keys = [r["key"] for r in records(page)]  # done with: the device keeps none
    assert keys == []
    assert len({a.key for a in answers}) == 3 and None not in {a.key for a in answers}
    attempt.refresh_from_db()
    assert attempt.passed and attempt.is_finished


def test_a_lost_reply_is_sent_again_and_stored_once(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    attempt = start_certifying(page, live_server.url, quiz)
    offline(page.context, page, True)
    pick(page, 1)
    pick(page, 2)
    expect(page.get_by_text("2 answers waiting to send")).to_be_visible()
    replies: list[int] = []

    def lose_the_first_reply(route: Any) -> None:
        replies.append(route.fetch().status)  # the server stores the answers...
        if len(replies) == 1:
            route.abort("connectionreset")  # ...and its reply never reaches the phone
        else:
            route.continue_()

    page.context.route("**/answers/", lose_the_first_reply)
    offline(page.context, page, False)
    expect(page.get_by_text("Question 2: saved")).to_be_visible()
    expect(page.get_by_text("answers waiting to send")).to_have_count(0)
    assert len(replies) >= 2 and replies[0] == 200  # sent twice: stored once
    assert list(attempt.answers.order_by("index").values_list("index", flat=True)) == [0, 1]


def test_a_queued_answer_for_an_attempt_closed_meanwhile_is_shown_as_refused(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    attempt = start_certifying(page, live_server.url, quiz)
    offline(page.context, page, True)
    pick(page, 1)
    expect(page.get_by_text("1 answer waiting to send")).to_be_visible()
    services.attempt_finish(attempt=attempt)  # closed elsewhere while this phone is offline
    offline(page.context, page, False)
    expect(page.get_by_text("Question 1: refused")).to_be_visible()
    closed = page.get_by_text("This attempt was finished before the answer arrived.")
    expect(closed).to_have_count(2)  # beside the answer, and in the header's list
    expect(page.get_by_text("1 answer refused")).to_be_visible()  # in the header, on every page
    assert not attempt.answers.exists()
    [record] = records(page)
    assert (record["state"], record["reason"], len(record["choices"])) == ("refused", "closed", 1)
    page.goto(f"{live_server.url}/modules/")
    page.get_by_text("1 answer refused").click()
    expect(page.get_by_text("This attempt was finished before the answer arrived.")).to_be_visible()
    page.get_by_role("button", name="Clear this list").click()
    expect(page.get_by_text("1 answer refused")).to_have_count(0)
    assert records(page) == []


SECRETS = {
    "explanation": "Because a gun is only safe once the armorer has shown it is.",
    "feedback": "About a.",  # each choice's feedback is "About <key>."
}


def test_no_cache_entry_or_stored_record_holds_a_key_feedback_or_explanation(
    page: Page, live_server: Any, quiz: Any
) -> None:
    quiz.review_after_pass = True  # the result shows every key and explanation
    quiz.save(update_fields=["review_after_pass"])
    membership = factories.MembershipFactory(user=factories.UserFactory(username="casey"))
    factories.AssignmentFactory(production=membership.production, module=quiz)
    sign_in(page, live_server.url)
    start_certifying(page, live_server.url, quiz)
    pick(page, 1)  # online
    offline(page.context, page, True)
    pick(page, 2)  # offline
    offline(page.context, page, False)
    expect(page.get_by_text("Question 2: saved")).to_be_visible()
    pick(page, 3)  # online: the result, with the keys and the explanations, is not kept
    expect(page.get_by_role("heading", name="Your result: passed")).to_be_visible()
    expect(page.get_by_text(SECRETS["explanation"]).first).to_be_visible()
    page.goto(f"{live_server.url}/modules/")
    page.get_by_role("link", name="Cold is a claim").first.click()
    page.get_by_role("button", name="Practise first").click()
    expect(page.get_by_text(READY)).to_be_visible()
    page.get_by_label("Stop and call the armorer", exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_role("heading", name=re.compile("Question 1: right"))).to_be_visible()

    found = device(page)
    urls = {entry["url"].removeprefix(live_server.url) for entry in found["cached"]}
    assert {"/modules/", f"/modules/{quiz.slug}/", "/offline/"} <= urls  # something was kept
    assert len(found["stored"]["forms"]) == 1  # the practice's; the graded one is forgotten
    everything = json.dumps(found)
    for what, text in SECRETS.items():
        assert text not in everything, what
    pages = [e for e in found["cached"] if e["cache"].startswith("pages-")]
    for entry in pages + found["stored"]["forms"]:
        text = json.dumps(entry)
        assert not re.search(r"is_correct|correct|explanation|feedback", text, re.I), entry
    for record in found["stored"]["answers"]:  # what was picked, and how it went: no key
        assert set(record) >= {"key", "choices", "state"}
        assert not re.search(r"correct|explanation|feedback", json.dumps(record), re.I)


def test_a_tap_with_a_stale_token_says_so_and_keeps_the_choice(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    attempt = start_certifying(page, live_server.url, quiz)
    other = page.context.new_page()  # another tab: out and in again, a new token
    other.goto(f"{live_server.url}/modules/")
    other.get_by_role("button", name="Sign out").click()
    sign_in(other, live_server.url)
    other.close()
    page.get_by_label("Stop and call the armorer", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("This page is out of date")
    expect(page.get_by_label("Stop and call the armorer", exact=True)).to_be_checked()
    expect(page.get_by_text("1 answer waiting to send")).to_be_visible()
    assert not attempt.answers.exists()
    page.get_by_role("alert").get_by_role("button", name="Reload and send").click()
    expect(page.get_by_text("Question 2 of 3")).to_be_visible()
    expect(page.get_by_text("Question 1: saved")).to_be_visible()
    assert list(attempt.answers.values_list("index", flat=True)) == [0]


@pytest.mark.parametrize("status", [500, 409])
def test_a_failed_save_online_says_what_happened_keeps_the_choice_and_retries(
    page: Page, live_server: Any, quiz: Any, status: int
) -> None:
    sign_in(page, live_server.url)
    attempt = start_certifying(page, live_server.url, quiz)
    failing = [True]

    def fail_while_asked(route: Any) -> None:
        if failing[0]:
            body = json.dumps({"reason": "other-learner"} if status == 409 else {})
            route.fulfill(status=status, body=body, content_type="application/json")
        else:
            route.continue_()

    page.context.route("**/answers/", fail_while_asked)
    page.get_by_label("Stop and call the armorer", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    message = "had a problem" if status == 500 else "Someone else is signed in"
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(page.get_by_label("Stop and call the armorer", exact=True)).to_be_checked()
    assert not attempt.answers.exists()
    if status == 500:
        failing[0] = False
        page.get_by_role("alert").get_by_role("button", name="Try again").click()
        expect(page.get_by_text("Question 1: saved")).to_be_visible()
        assert attempt.answers.count() == 1


def test_a_session_ending_offline_keeps_the_answers_for_the_next_sign_in(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    attempt = start_certifying(page, live_server.url, quiz)
    offline(page.context, page, True)
    pick(page, 1)
    Session.objects.all().delete()  # the session ends while the phone is offline
    offline(page.context, page, False)
    status = page.locator("#offline-status")
    expect(status).to_contain_text("You are signed out")
    expect(status).to_contain_text("1 answer waiting to send")
    status.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Question 1: saved")).to_be_visible()
    expect(page.get_by_text("Question 2 of 3")).to_be_visible()
    assert list(attempt.answers.values_list("index", flat=True)) == [0]


def test_after_a_sign_out_no_page_of_the_learner_is_kept(
    page: Page, live_server: Any, quiz: Any
) -> None:
    factories.UserFactory(username="robin", first_name="Robin")
    sign_in(page, live_server.url)
    start_certifying(page, live_server.url, quiz)
    page.goto(f"{live_server.url}/modules/")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()
    eventually(page, NO_PAGES_KEPT)
    sign_in(page, live_server.url, "robin")
    expect(page.get_by_role("heading", name="Your modules")).to_be_visible()
    offline(page.context, page, True)
    page.goto(f"{live_server.url}/attempts/{Attempt.objects.get().pk}/")  # casey's, kept before
    expect(page.get_by_role("heading", name="No connection")).to_be_visible()
    page.goto(f"{live_server.url}/modules/")
    expect(page.get_by_role("heading", name="Your modules")).to_be_visible()  # robin's
    caches = {e["cache"] for e in device(page)["cached"]}
    robin = str(factories.UserFactory(username="robin").pk)
    assert {c for c in caches if c.startswith("pages-")} == {f"pages-{robin}"}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_manifest_is_valid_and_the_service_worker_is_registered(
    page: Page, live_server: Any, quiz: Any
) -> None:
    sign_in(page, live_server.url)
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == f"{live_server.url}/"
    page.reload()
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")
    cdp = page.context.new_cdp_session(page)
    parsed = cdp.send("Page.getAppManifest")
    assert parsed["url"] == f"{live_server.url}/manifest.webmanifest"
    assert parsed["errors"] == []
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    manifest = page.request.get(f"{live_server.url}/manifest.webmanifest").json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/modules/"
    sizes = set()
    for icon in manifest["icons"]:
        width, height = png_size(page.request.get(live_server.url + icon["src"]).body())
        assert icon["sizes"] == f"{width}x{height}"
        sizes.add(width)
    assert {192, 512} <= sizes
