"""Every URL of the app against every role. Other people's attempts, learners, productions
and exports answer 404: never 403 with details, never 200."""

from typing import Any

import pytest
from django.contrib.auth.models import User

from safetyquiz.training.models import Attempt, Certificate
from tests import factories
from tests.worlds import World

pytestmark = pytest.mark.django_db

ROLES = ["signed-out", "crew_a", "crew_b", "instructor_1", "instructor_2", "admin"]
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
HOME = "modules"


def table(w: World, attempt: Attempt, certificate: Certificate) -> list[tuple[str, dict[str, Any]]]:
    p1, slug = w.p1.pk, w.module.slug
    everyone = dict.fromkeys(ROLES, 200)
    signed_in = {**everyone, "signed-out": LOGIN}
    only_a = {**dict.fromkeys(ROLES, 404), "signed-out": LOGIN, "crew_a": 200}
    p1_staff = {**dict.fromkeys(ROLES, 404), "signed-out": LOGIN, "instructor_1": 200, "admin": 200}
    staff = {**dict.fromkeys(ROLES, 404), "signed-out": LOGIN, "admin": 200}
    return [
        ("/", {**dict.fromkeys(ROLES, HOME), "signed-out": 200}),
        ("/healthz/", everyone),
        ("/join/", everyone),
        ("/accounts/login/", everyone),
        ("/modules/", signed_in),
        (f"/modules/{slug}/", signed_in),
        (f"/modules/{slug}/quality/", staff),
        (f"/attempts/{attempt.pk}/", only_a),
        # A certifying answer's feedback shows its key: the learner is sent to the result.
        (
            f"/attempts/{attempt.pk}/answers/0/",
            {**only_a, "crew_a": f"302 /attempts/{attempt.pk}/"},
        ),
        (f"/attempts/{attempt.pk}/form/", {**only_a, "crew_a": 409}),  # finished: nothing to keep
        ("/answers/", dict.fromkeys(ROLES, 405)),  # answers kept on a device are POSTed
        ("/sw.js", everyone),
        ("/manifest.webmanifest", everyone),
        ("/offline/", everyone),
        ("/certificates/", signed_in),
        (f"/certificates/{certificate.code}/", everyone),
        (f"/certificates/{certificate.code}/print/", only_a),
        ("/instructor/", {**p1_staff, "instructor_2": 200}),
        (f"/instructor/productions/{p1}/", p1_staff),
        (f"/instructor/productions/{p1}/print/", p1_staff),
        (f"/instructor/productions/{p1}/roster.csv", p1_staff),
        (f"/instructor/productions/{p1}/learners/{w.crew_a.pk}/", p1_staff),
        (f"/instructor/productions/{p1}/modules/{slug}/", p1_staff),
        (f"/instructor/productions/{p1}/modules/{slug}/analysis.csv", p1_staff),
        (f"/instructor/productions/{p1}/assignments/", p1_staff),
        (f"/instructor/productions/{p1}/people/", p1_staff),
        (f"/instructor/productions/{p1}/poster/", p1_staff),
        (f"/instructor/productions/{p1}/people/{w.crew_a.pk}/", p1_staff),
        (f"/instructor/productions/{p1}/reminders/", p1_staff),
        (f"/instructor/productions/{p1}/reminders.csv", p1_staff),
        (f"/instructor/modules/{slug}/", staff),
        (f"/instructor/modules/{slug}/analysis.csv", staff),
        ("/accounts/password_reset/", dict.fromkeys(ROLES, 404)),  # no email set up here
        ("/accounts/link/not-a-token/", dict.fromkeys(ROLES, "302 /accounts/link/set-password/")),
        ("/accounts/link/set-password/", dict.fromkeys(ROLES, 404)),  # no live link opened
        ("/admin/", {**dict.fromkeys(ROLES, ADMIN_LOGIN), "admin": 200}),
        ("/admin/training/attempt/", {**dict.fromkeys(ROLES, ADMIN_LOGIN), "admin": 200}),
    ]


def outcome(response: Any) -> Any:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location == "/modules/":
            return HOME
        return f"302 {location}"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_every_url_by_every_role(client: Any, world: World, role: str) -> None:
    attempt = Attempt.objects.filter(user=world.crew_a).get()
    certificate = Certificate.objects.get(user=world.crew_a)
    user: User | None = None if role == "signed-out" else getattr(world, role)
    if user is not None:
        client.force_login(user)
    for url, expected in table(world, attempt, certificate):
        assert outcome(client.get(url)) == expected[role], (role, url)


def test_posting_to_someone_elses_attempt_or_module_changes_nothing(
    client: Any, world: World
) -> None:
    attempt = factories.AttemptFactory(user=world.crew_a, module=factories.PublishedModuleFactory())
    client.force_login(world.crew_b)
    response = client.post(f"/attempts/{attempt.pk}/", {"question": "0", "choice": "0"})
    assert response.status_code == 404
    assert not attempt.answers.exists()


def test_a_404_says_nothing_about_what_exists(client: Any, world: World) -> None:
    client.force_login(world.crew_b)
    attempt = Attempt.objects.filter(user=world.crew_a).get()
    mine_missing = client.get("/attempts/999999/").content
    someone_elses = client.get(f"/attempts/{attempt.pk}/").content
    assert mine_missing == someone_elses


PUBLIC = {"/", "/healthz/", "/join/", "/accounts/login/", "/accounts/password_reset/"}


@pytest.mark.parametrize("role", ["crew_a", "instructor_1", "admin"])
def test_every_page_sent_to_someone_signed_in_is_private_and_not_stored(
    client: Any, world: World, role: str
) -> None:
    attempt = Attempt.objects.filter(user=world.crew_a).get()
    certificate = Certificate.objects.get(user=world.crew_a)
    client.force_login(getattr(world, role))
    checked = 0
    for url, _ in table(world, attempt, certificate):
        response = client.get(url)
        if url in PUBLIC or response.status_code != 200:
            continue
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= control, url
        checked += 1
    assert checked >= {"crew_a": 6, "instructor_1": 16, "admin": 18}[role]


def test_the_public_certificate_page_is_not_indexed(client: Any, world: World) -> None:
    certificate = Certificate.objects.get(user=world.crew_a)
    response = client.get(f"/certificates/{certificate.code}/")
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("role", ["signed-out", "crew_a", "instructor_1", "admin"])
def test_every_page_has_exactly_one_top_heading(client: Any, world: World, role: str) -> None:
    attempt = Attempt.objects.filter(user=world.crew_a).get()
    certificate = Certificate.objects.get(user=world.crew_a)
    if role != "signed-out":
        client.force_login(getattr(world, role))
    pages = 0
    for url, _ in table(world, attempt, certificate):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        if url.startswith("/admin/"):
            continue  # Django's own admin
        assert response.content.decode().count("<h1") == 1, url
        pages += 1
    assert pages >= {"signed-out": 3, "crew_a": 8, "instructor_1": 14, "admin": 16}[role]
