"""Signing in and password help: where people land, one-time sign-in links, and reset by
email only where email is set up."""

import re
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.test import Client
from django.utils import timezone

from safetyquiz.crews import outbox, passwords, services
from safetyquiz.crews.models import SignInFailure, SignInLink
from safetyquiz.crews.throttle import account_key
from tests import factories
from tests.worlds import World

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-unusual-passphrase"
SET_PASSWORD = "/accounts/link/set-password/"


def sign_in(client: Any, username: str, password: str = factories.PASSWORD) -> Any:
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.9"
    )


@pytest.mark.parametrize(
    ("who", "lands_on"),
    [("crew_a", "/modules/"), ("instructor_1", "/instructor/"), ("admin", "/instructor/")],
)
def test_instructors_and_admins_land_on_the_instructor_home(
    client: Any, world: World, who: str, lands_on: str
) -> None:
    response = sign_in(client, who)
    assert response.status_code == 302 and response["Location"] == lands_on


def test_a_next_address_still_wins(client: Any, world: World) -> None:
    response = client.post(
        "/accounts/login/?next=/certificates/",
        {"username": "instructor_1", "password": factories.PASSWORD, "next": "/certificates/"},
    )
    assert response["Location"] == "/certificates/"


def test_a_former_instructor_lands_on_their_modules(client: Any, world: World) -> None:
    world.instructor_2.memberships.update(left_at=timezone.now())
    assert sign_in(client, "instructor_2")["Location"] == "/modules/"


def make_link(world: World, replacing: int | None = None) -> str:
    return passwords.sign_in_link_create(
        production=world.p1, user=world.crew_a, actor=world.instructor_1, replacing=replacing
    )


def replace_link(world: World) -> str:
    """A newer link, made by saying which one it replaces."""
    return make_link(world, replacing=SignInLink.objects.get().pk)


def open_link(client: Any, token: str) -> Any:
    """Open the link as a browser does: its address, then the page it leads to."""
    first = client.get(f"/accounts/link/{token}/")
    assert first.status_code == 302 and first["Location"] == SET_PASSWORD
    assert first["Referrer-Policy"] == "no-referrer"
    return client.get(SET_PASSWORD)


def use_link(client: Any, token: str, password: str = NEW_PASSWORD) -> Any:
    open_link(client, token)
    return client.post(SET_PASSWORD, {"new_password1": password, "new_password2": password})


def test_a_link_stores_only_a_hash_of_its_token(world: World) -> None:
    token = make_link(world)
    link = SignInLink.objects.get()
    assert len(token) >= 40 and token not in link.token_hash
    assert link.token_hash == passwords.token_hash(token)
    assert link.expires_at - link.created_at == timedelta(days=1)
    assert world.p1.events.get().kind == "sign-in-link"


def test_opening_a_link_moves_its_token_out_of_the_address_and_uses_nothing_up(
    client: Any, world: World
) -> None:
    token = make_link(world)
    for _ in range(2):  # a messaging app's preview, then the person
        response = open_link(client, token)
        assert response.status_code == 200
    body = response.content.decode()
    assert "Set a new password" in body and token not in body
    assert response["Referrer-Policy"] == "same-origin"  # the address holds no token now
    assert response["Cache-Control"].startswith("max-age=0")
    assert SignInLink.objects.get().used_at is None and "_auth_user_id" not in client.session


def test_a_link_signs_in_sets_the_password_and_works_once(client: Any, world: World) -> None:
    token = make_link(world)
    response = use_link(client, token)
    assert response.status_code == 302 and response["Location"] == "/modules/"
    assert client.session["_auth_user_id"] == str(world.crew_a.pk)
    world.crew_a.refresh_from_db()
    assert world.crew_a.check_password(NEW_PASSWORD)
    client.logout()
    again = use_link(client, token)
    assert again.status_code == 404
    assert "already used" in again.content.decode() and "_auth_user_id" not in client.session


def test_a_bad_new_password_is_refused_and_keeps_the_link(client: Any, world: World) -> None:
    token = make_link(world)
    response = use_link(client, token, "password")
    assert response.status_code == 400 and "too common" in response.content.decode()
    assert SignInLink.objects.get().used_at is None and "_auth_user_id" not in client.session
    world.crew_a.refresh_from_db()
    assert world.crew_a.check_password(factories.PASSWORD)


def test_the_set_password_page_without_a_link_opened_does_not_work(client: Any) -> None:
    assert client.get(SET_PASSWORD).status_code == 404
    assert (
        client.post(SET_PASSWORD, {"new_password1": "x", "new_password2": "x"}).status_code == 404
    )


def promote_to_instructor_elsewhere(w: World) -> None:
    factories.MembershipFactory(production=w.p2, user=w.crew_a)
    services.instructor_set(production=w.p2, user=w.crew_a, instructor=True, actor=w.instructor_2)


def tick_staff_in_the_admin(w: World) -> None:
    w.crew_a.is_staff = True
    w.crew_a.save()


def change_own_password(w: World) -> None:
    client = Client()
    client.force_login(w.crew_a)
    data = {
        "old_password": factories.PASSWORD,
        "new_password1": "another-long-passphrase",
        "new_password2": "another-long-passphrase",
    }
    assert client.post("/accounts/password_change/", data).status_code == 302


def sign_in_as_usual(w: World) -> None:
    assert sign_in(Client(), "crew_a").status_code == 302


def password_set_by_an_admin(w: World) -> None:
    w.crew_a.set_password("set-by-the-admin-4471")
    w.crew_a.save()


def removed_then_added_back(w: World) -> None:
    services.membership_remove(production=w.p1, user=w.crew_a, actor=w.instructor_1)
    services.membership_restore(production=w.p1, user=w.crew_a, actor=w.instructor_1)


def made_an_instructor_then_not(w: World) -> None:
    for instructor in (True, False):
        services.instructor_set(
            production=w.p1, user=w.crew_a, instructor=instructor, actor=w.instructor_1
        )


@pytest.mark.parametrize(
    "change",
    [
        lambda w: SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1)),
        replace_link,
        lambda w: w.p1.memberships.filter(user=w.crew_a).update(left_at=timezone.now()),
        promote_to_instructor_elsewhere,
        tick_staff_in_the_admin,
        change_own_password,
        sign_in_as_usual,
        password_set_by_an_admin,
        removed_then_added_back,
        made_an_instructor_then_not,
    ],
    ids=[
        "expired",
        "replaced",
        "left",
        "instructor-elsewhere",
        "made-staff",
        "password-changed",
        "signed-in",
        "password-set-by-admin",
        "removed-and-back",
        "role-changed-and-back",
    ],
)
def test_a_link_ends_when_its_holder_changes(
    client: Any, world: World, change: Callable[[World], Any]
) -> None:
    token = make_link(world)
    change(world)
    response = use_link(client, token)
    assert response.status_code == 404
    assert "Ask your production's safety officer for a new one" in response.content.decode()
    assert "_auth_user_id" not in client.session
    world.crew_a.refresh_from_db()
    assert not world.crew_a.check_password(NEW_PASSWORD)


def test_an_unknown_or_overlong_token_does_not_work(client: Any, world: World) -> None:
    token = make_link(world)
    assert open_link(client, token[:-2] + "xx").status_code == 404
    assert open_link(client, "x" * 5000).status_code == 404


def test_a_link_lifts_the_sign_in_lockout(client: Any, world: World) -> None:
    for _ in range(5):
        sign_in(client, "crew_a", "wrong")
    assert sign_in(client, "crew_a").status_code == 429
    token = make_link(world)
    assert use_link(client, token).status_code == 302
    assert not SignInFailure.objects.filter(account=account_key("crew_a")).exists()
    client.logout()
    assert sign_in(client, "crew_a", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("target", "actor", "reason"),
    [
        ("admin", "instructor_1", "is an admin"),
        ("instructor_1", "instructor_1", "your own account"),
        ("instructor_2", "instructor_1", "is an instructor"),
        ("crew_c", "instructor_1", "is not on Dust Devil's crew"),
    ],
)
def test_a_link_is_only_for_crew_of_the_production_that_makes_it(
    world: World, target: str, actor: str, reason: str
) -> None:
    if target != "crew_c":
        factories.MembershipFactory(production=world.p1, user=getattr(world, target))
    with pytest.raises(passwords.Refused, match=reason):
        passwords.sign_in_link_create(
            production=world.p1, user=getattr(world, target), actor=getattr(world, actor)
        )
    assert not SignInLink.objects.exists()


def test_the_holder_is_told_on_their_next_page_and_can_end_the_link(
    client: Any, world: World
) -> None:
    client.force_login(world.crew_a)  # signed in on their phone when the link is made
    assert "made a one-time sign-in link" not in client.get("/modules/").content.decode()
    token = make_link(world)
    body = client.get("/modules/").content.decode()
    assert "Instructor_1 Test (Dust Devil) made a one-time sign-in link for your account" in body
    response = client.post("/accounts/link/end/")
    assert response.status_code == 302
    assert "made a one-time sign-in link" not in client.get("/modules/").content.decode()
    assert use_link(Client(), token).status_code == 404


def test_with_email_the_holder_is_emailed_when_a_link_is_made(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = True
    world.crew_a.email = "crew.a@example.com"
    world.crew_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        make_link(world)
    outbox.wait_for_sending()
    assert [m.to for m in mail.outbox] == [["crew.a@example.com"]]
    assert "Instructor_1 Test, of Dust Devil, made a one-time sign-in link" in mail.outbox[0].body


def test_without_email_no_reset_by_email_is_offered(client: Any, settings: Any) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = False
    body = client.get("/accounts/login/").content.decode()
    assert "/accounts/password_reset/" not in body and "one-time sign-in link" in body
    for url in (
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/done/",
    ):
        assert client.get(url).status_code == 404


def test_the_lockout_page_says_to_ask_for_a_link(client: Any, world: World) -> None:
    for _ in range(5):
        response = sign_in(client, "crew_a", "wrong")
    body = response.content.decode()
    assert response.status_code == 429
    assert "safety officer for a one-time sign-in link" in body and "password_reset" not in body


def test_with_email_the_reset_works_and_lifts_the_lockout(client: Any, settings: Any) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = True
    factories.UserFactory(username="casey", email="casey@example.com")
    assert "/accounts/password_reset/" in client.get("/accounts/login/").content.decode()
    for _ in range(5):
        sign_in(client, "casey", "wrong")
    response = client.post("/accounts/password_reset/", {"email": "casey@example.com"})
    outbox.wait_for_sending()
    assert response.status_code == 302 and len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    first = client.get(link.group(1))
    assert first["Referrer-Policy"] == "no-referrer"
    token_page = first["Location"]
    assert token_page.endswith("/set-password/")  # the token left the address at once
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    done = client.post(token_page, data)
    assert done.status_code == 302 and done["Location"] == "/accounts/reset/done/"
    assert sign_in(client, "casey", NEW_PASSWORD).status_code == 302


def test_resets_by_email_are_throttled(client: Any, settings: Any) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = True
    factories.UserFactory(username="casey", email="casey@example.com")
    for _ in range(passwords.RESETS_PER_EMAIL):
        assert (
            client.post("/accounts/password_reset/", {"email": "Casey@example.com"}).status_code
            == 302
        )
    response = client.post("/accounts/password_reset/", {"email": "casey@example.com"})
    assert response.status_code == 429 and "Too many reset requests" in response.content.decode()
    outbox.wait_for_sending()
    assert len(mail.outbox) == passwords.RESETS_PER_EMAIL


class HeldBackend(locmem.EmailBackend):
    """A mail server that answers only when the test lets it."""

    release = threading.Event()

    def send_messages(self, messages: Any) -> int:
        self.release.wait(timeout=5)
        return super().send_messages(messages)


def test_a_reset_answers_alike_whether_or_not_the_address_has_an_account(
    client: Any, settings: Any
) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = f"{__name__}.HeldBackend"
    factories.UserFactory(username="casey", email="casey@example.com")
    HeldBackend.release.clear()
    try:
        known = client.post("/accounts/password_reset/", {"email": "casey@example.com"})
        assert mail.outbox == []  # answered while the mail server was still busy
    finally:
        HeldBackend.release.set()
    unknown = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    outbox.wait_for_sending()
    assert [m.to for m in mail.outbox] == [["casey@example.com"]]


def test_a_working_link_is_replaced_only_when_named(world: World) -> None:
    """Sending the form again (a reload, a double tap) must not end the link just sent."""
    make_link(world)
    first = SignInLink.objects.get()
    with pytest.raises(passwords.LinkStillWorks):
        make_link(world)
    with pytest.raises(passwords.LinkStillWorks):
        make_link(world, replacing=first.pk + 1)
    assert SignInLink.objects.get() == first and passwords.live_link(world.crew_a) == first
    make_link(world, replacing=first.pk)
    second = passwords.live_link(world.crew_a)
    assert second is not None and second != first
    with pytest.raises(passwords.LinkStillWorks):  # the replacing form, sent again
        make_link(world, replacing=first.pk)
    assert passwords.live_link(world.crew_a) == second
    assert [e.summary.split(" Crew_A")[0] for e in world.p1.events.order_by("pk")] == [
        "Made a one-time sign-in link for",
        "Replaced the sign-in link of",
    ]
