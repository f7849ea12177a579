"""Signing in and password help: where people land, one-time sign-in links, and reset by
email only where email is set up."""

import re
from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.utils import timezone

from safetyquiz.crews import passwords
from safetyquiz.crews.models import SignInLink
from tests import factories
from tests.worlds import World

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-unusual-passphrase"


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


def test_a_link_stores_only_a_hash_of_its_token(world: World) -> None:
    token = make_link(world)
    link = SignInLink.objects.get()
    assert len(token) >= 40 and token not in link.token_hash
    assert link.token_hash == passwords.token_hash(token)
    assert link.expires_at - link.created_at == timedelta(days=1)
    assert world.p1.events.get().kind == "sign-in-link"


def test_opening_a_link_uses_nothing_up(client: Any, world: World) -> None:
    token = make_link(world)
    for _ in range(2):  # a messaging app's preview, then the person
        response = client.get(f"/accounts/link/{token}/")
        assert response.status_code == 200
    assert "Set a new password" in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert SignInLink.objects.get().used_at is None and "_auth_user_id" not in client.session


def test_a_link_signs_in_sets_the_password_and_works_once(client: Any, world: World) -> None:
    token = make_link(world)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(f"/accounts/link/{token}/", data)
    assert response.status_code == 302 and response["Location"] == "/modules/"
    assert client.session["_auth_user_id"] == str(world.crew_a.pk)
    world.crew_a.refresh_from_db()
    assert world.crew_a.check_password(NEW_PASSWORD)
    client.logout()
    again = client.post(f"/accounts/link/{token}/", data)
    assert again.status_code == 404
    assert "already used" in again.content.decode() and "_auth_user_id" not in client.session


def test_a_bad_new_password_is_refused_and_keeps_the_link(client: Any, world: World) -> None:
    token = make_link(world)
    response = client.post(
        f"/accounts/link/{token}/", {"new_password1": "password", "new_password2": "password"}
    )
    assert response.status_code == 400 and "too common" in response.content.decode()
    assert SignInLink.objects.get().used_at is None and "_auth_user_id" not in client.session
    world.crew_a.refresh_from_db()
    assert world.crew_a.check_password(factories.PASSWORD)


@pytest.mark.parametrize("why", ["expired", "replaced", "member-left", "unknown"])
def test_a_link_stops_working(client: Any, world: World, why: str) -> None:
    token = make_link(world)
    if why == "expired":
        SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    elif why == "replaced":
        make_link(world, replacing=SignInLink.objects.get().pk)
    elif why == "member-left":
        world.p1.memberships.filter(user=world.crew_a).update(left_at=timezone.now())
    else:
        token = token[:-2] + "xx"
    response = client.get(f"/accounts/link/{token}/")
    assert response.status_code == 404
    assert "Ask your production's safety officer for a new one" in response.content.decode()


def test_a_link_lifts_the_sign_in_lockout(client: Any, world: World) -> None:
    for _ in range(5):
        sign_in(client, "crew_a", "wrong")
    assert sign_in(client, "crew_a").status_code == 429
    token = make_link(world)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(f"/accounts/link/{token}/", data).status_code == 302
    assert not AccessAttempt.objects.filter(username="crew_a").exists()
    client.logout()
    assert sign_in(client, "crew_a", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("target", "actor", "reason"),
    [
        ("admin", "instructor_1", "is an admin"),
        ("instructor_1", "instructor_1", "your own account"),
        ("instructor_2", "instructor_1", "supervises a production you do not"),
    ],
)
def test_a_link_never_hands_over_more_than_the_maker_holds(
    world: World, target: str, actor: str, reason: str
) -> None:
    factories.MembershipFactory(production=world.p1, user=getattr(world, target))
    with pytest.raises(passwords.Refused, match=reason):
        passwords.sign_in_link_create(
            production=world.p1, user=getattr(world, target), actor=getattr(world, actor)
        )
    assert not SignInLink.objects.exists()


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
    assert response.status_code == 302 and len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form = client.get(link.group(1), follow=True)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    done = client.post(form.redirect_chain[-1][0], data)
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
    assert len(mail.outbox) == passwords.RESETS_PER_EMAIL


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
