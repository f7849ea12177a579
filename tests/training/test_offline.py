"""Answering offline, as the server sees it: a device keeps an open attempt's questions
(never a key), and sends the answers it kept; each is stored once, in order, or refused
with its reason by the quiz's own rules."""

import json
import re
import uuid
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from safetyquiz import offline
from safetyquiz.devtools.simulate import posted_values
from safetyquiz.training import services
from safetyquiz.training.models import Attempt, Certificate
from tests import factories
from tests.training.helpers import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(crew: Any) -> Attempt:
    module = factories.PublishedModuleFactory(slug="cold-is-a-claim", questions=3)
    return services.attempt_start(user=crew, module=module)


def item(attempt: Attempt, place: int, *, right: bool = True, key: str = "") -> dict[str, Any]:
    values = posted_values(attempt, place, right=right)
    return {
        "key": key or str(uuid.uuid4()),
        "attempt": attempt.pk,
        "place": place,
        "choices": values,
    }


def send(client: Any, learner: Any, *answers: dict[str, Any]) -> Any:
    body = {"learner": str(learner.pk), "answers": list(answers)}
    return client.post("/answers/", json.dumps(body), content_type="application/json")


def results(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.content
    return [(r["state"], r["reason"]) for r in response.json()["results"]]


def test_kept_answers_are_stored_in_order_and_the_last_grades_the_attempt(
    crew_client: Any, crew: Any, attempt: Attempt
) -> None:
    response = send(crew_client, crew, *(item(attempt, place) for place in range(3)))
    assert results(response) == [("saved", "")] * 3
    assert [(r["next"], r["finished"]) for r in response.json()["results"]] == [
        (1, False),
        (2, False),
        (None, True),
    ]
    assert list(attempt.answers.order_by("pk").values_list("index", flat=True)) == [0, 1, 2]
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.passed
    assert Certificate.objects.filter(attempt=attempt).exists()


def test_a_batch_sent_twice_is_stored_once(crew_client: Any, crew: Any, attempt: Attempt) -> None:
    kept = [item(attempt, 0), item(attempt, 1)]
    assert results(send(crew_client, crew, *kept)) == [("saved", "")] * 2
    again = send(crew_client, crew, *kept)  # the reply was lost: the device sends them again
    assert results(again) == [("saved", "")] * 2
    assert again.json()["results"][1]["next"] == 2
    stored = list(attempt.answers.order_by("index").values_list("index", "key"))
    assert stored == [(0, uuid.UUID(kept[0]["key"])), (1, uuid.UUID(kept[1]["key"]))]


def test_an_answer_given_elsewhere_first_stands_and_the_kept_one_is_refused(
    crew_client: Any, crew: Any, attempt: Attempt
) -> None:
    answer(crew_client, attempt, 0, right=False)  # another tab, online
    kept = item(attempt, 0, right=True)
    assert results(send(crew_client, crew, kept)) == [("refused", "answered")]
    assert not attempt.answers.get().correct
    same_key_elsewhere = {**item(attempt, 1), "key": kept["key"]}
    assert results(send(crew_client, crew, same_key_elsewhere)) == [("saved", "")]


def test_the_quiz_rules_decide_each_answer_and_say_why_one_is_refused(
    crew_client: Any, crew: Any, attempt: Attempt
) -> None:
    someone_else = services.attempt_start(
        user=factories.UserFactory(), module=factories.PublishedModuleFactory()
    )
    answers = [
        item(attempt, 1),  # question 1 is not answered yet
        item(attempt, 0),
        {**item(attempt, 1), "choices": ["0", "0"]},
        {**item(attempt, 1), "place": 3},
        {**item(someone_else, 0), "attempt": someone_else.pk},
        {**item(attempt, 1), "attempt": 2**31 - 1},
        item(attempt, 1),
    ]
    response = send(crew_client, crew, *answers)
    assert results(response) == [
        ("refused", "out-of-turn"),
        ("saved", ""),
        ("refused", "invalid"),
        ("refused", "not-in-form"),
        ("refused", "not-found"),
        ("refused", "not-found"),
        ("saved", ""),
    ]
    assert response.json()["results"][2]["detail"] == "Each option can be picked only once."
    assert list(attempt.answers.order_by("index").values_list("index", flat=True)) == [0, 1]
    assert not someone_else.answers.exists()


def test_an_answer_to_an_attempt_closed_meanwhile_is_refused(
    crew_client: Any, crew: Any, attempt: Attempt
) -> None:
    services.attempt_finish(attempt=attempt)
    assert results(send(crew_client, crew, item(attempt, 0))) == [("refused", "closed")]
    assert not attempt.answers.exists()


def test_answers_are_only_sent_for_the_learner_signed_in(
    client: Any, crew: Any, attempt: Attempt
) -> None:
    signed_out = send(client, crew, item(attempt, 0))
    assert (signed_out.status_code, signed_out.json()) == (401, {"reason": "signed-out"})
    client.force_login(factories.UserFactory())
    other = send(client, crew, item(attempt, 0))
    assert (other.status_code, other.json()) == (409, {"reason": "other-learner"})
    assert not attempt.answers.exists()


@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"\xff\xfe", b"[" * 100_000, b'{"learner": "1", "answers": []}', b"null"],
)
def test_a_body_the_app_cannot_read_is_a_400_that_says_why(
    crew_client: Any, attempt: Attempt, body: bytes
) -> None:
    response = crew_client.post("/answers/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["reason"] == "unreadable" and response.json()["detail"]
    assert not attempt.answers.exists()


def test_sending_needs_the_page_s_token_and_a_post(crew: Any, attempt: Attempt) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(crew)
    assert send(client, crew, item(attempt, 0)).status_code == 403
    assert client.get("/answers/").status_code == 405
    assert not attempt.answers.exists()


@pytest.mark.parametrize("size", [1, 10])
def test_sending_runs_a_fixed_number_of_queries_per_answer(
    crew_client: Any, crew: Any, size: int
) -> None:
    module = factories.PublishedModuleFactory(questions=12)
    attempt = services.attempt_start(user=crew, module=module)
    answers = [item(attempt, place) for place in range(size)]
    with CaptureQueriesContext(connection) as captured:
        assert results(send(crew_client, crew, *answers)) == [("saved", "")] * size
    # The session and the user, then for each answer, in a transaction of its own (a
    # savepoint here, two statements): the attempt locked, its places answered, whether its
    # question still exists, the insert.
    assert len(captured) <= 2 + 6 * size


# The questions a device keeps


def test_the_kept_questions_are_those_not_answered_yet_as_the_page_shows_them(
    crew_client: Any, attempt: Attempt
) -> None:
    answer(crew_client, attempt, 0)
    response = crew_client.get(f"/attempts/{attempt.pk}/form/")
    assert response.status_code == 200
    places = response.json()["places"]
    assert [p["place"] for p in places] == [1, 2]
    page = crew_client.get(f"/attempts/{attempt.pk}/", HTTP_HX_REQUEST="true").content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="\w+"')  # masked anew each time
    assert token.sub("", places[0]["html"]) == token.sub("", page)  # the panel, as served


def test_kept_questions_carry_no_key_feedback_or_explanation(
    crew_client: Any, attempt: Attempt
) -> None:
    text = crew_client.get(f"/attempts/{attempt.pk}/form/").content.decode()
    assert not re.search(r"is_correct|correct|position|explanation|feedback", text, re.I)
    for snapshot in attempt.form:
        assert snapshot["explanation"] not in text
        for choice in snapshot["choices"]:
            assert choice["feedback"] not in text


def test_only_the_learner_s_open_attempt_can_be_kept(
    client: Any, crew: Any, attempt: Attempt
) -> None:
    url = f"/attempts/{attempt.pk}/form/"
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(crew)
    services.attempt_finish(attempt=attempt)
    assert (client.get(url).status_code, client.get(url).json()) == (409, {"finished": True})


@pytest.mark.parametrize("questions", [3, 20])
def test_the_kept_questions_cost_a_fixed_number_of_queries(
    crew_client: Any, crew: Any, django_assert_max_num_queries: Any, questions: int
) -> None:
    attempt = services.attempt_start(
        user=crew, module=factories.PublishedModuleFactory(questions=questions)
    )
    # The session, the user, the attempt with its places answered and its module.
    with django_assert_max_num_queries(3):
        response = crew_client.get(f"/attempts/{attempt.pk}/form/")
    assert len(response.json()["places"]) == questions


# Which pages a device may keep, and for whom


def test_the_pages_a_device_may_keep_say_so(crew_client: Any, crew: Any, attempt: Attempt) -> None:
    slug, url = attempt.module.slug, f"/attempts/{attempt.pk}/"
    for kept in ["/modules/", f"/modules/{slug}/", url]:
        assert crew_client.get(kept)[offline.KEEP] == "1", kept
    not_kept = [
        crew_client.get(url, HTTP_HX_REQUEST="true"),  # a panel, not a page
        crew_client.post(url, {"question": "0", "choice": ["9"]}),  # an answer refused
        crew_client.get("/certificates/"),
    ]
    for index in range(3):
        answer(crew_client, attempt, index)
    not_kept += [crew_client.get(url), crew_client.get(f"{url}answers/0/")]  # result, review
    for response in not_kept:
        assert offline.KEEP not in response, response.request["PATH_INFO"]


def test_a_draft_previewed_by_an_editor_is_not_kept(client: Any, editor: Any) -> None:
    draft = factories.ModuleFactory()
    client.force_login(editor)
    response = client.get(f"/modules/{draft.slug}/")
    assert response.status_code == 200 and offline.KEEP not in response


def test_every_page_names_the_learner_signed_in_and_no_one_else(
    client: Any, crew: Any, attempt: Attempt
) -> None:
    assert offline.LEARNER not in client.get("/accounts/login/")
    client.force_login(crew)
    assert client.get("/modules/")[offline.LEARNER] == str(crew.pk)
    assert client.get("/no-such-page/")[offline.LEARNER] == str(crew.pk)
    assert offline.LEARNER not in client.get(f"/attempts/{attempt.pk}/form/")  # not a page


def test_the_offline_page_names_no_one_and_holds_no_token(crew_client: Any, crew: Any) -> None:
    body = crew_client.get("/offline/").content.decode()
    assert "No connection" in body
    assert "csrf" not in body.lower() and "data-learner" not in body and crew.username not in body


def test_the_service_worker_is_served_at_the_root_with_its_settings(client: Any) -> None:
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    first, _ = response.content.decode().split("\n", 1)
    config = json.loads(first.removeprefix("self.CONFIG = ").removesuffix(";"))
    assert config["offline"] == "/offline/" and config["signOut"] == "/accounts/logout/"
    assert (config["keepHeader"], config["learnerHeader"]) == (offline.KEEP, offline.LEARNER)
    static = [address for address in config["shell"] if address.startswith("/static/")]
    pages = [address for address in config["shell"] if address not in static]
    assert pages == ["/offline/"] and len(static) == len(offline.SHELL_FILES)
    for address in static:
        assert finders.find(address.removeprefix("/static/")), address


def test_the_worker_s_version_follows_its_files(monkeypatch: Any) -> None:
    before = offline.build_worker_script()
    read = offline._read_bytes
    monkeypatch.setattr(
        offline, "_read_bytes", lambda name: read(name) + (b"/**/" if name.endswith("css") else b"")
    )
    assert offline.build_worker_script().split("\n")[0] != before.split("\n")[0]


def test_the_manifest_describes_an_installable_app(client: Any) -> None:
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["start_url"] == "/modules/" and manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon
