"""The people page and a person's page: what each form saves or refuses."""

from typing import Any

import pytest

from safetyquiz.crews.models import Membership, SignInLink
from safetyquiz.crews.qr import qr_svg
from tests import factories
from tests.worlds import World, login

pytestmark = pytest.mark.django_db


def url(w: World, user: Any = None, rest: str = "") -> str:
    person = f"{user.pk}/" if user is not None else ""
    return f"/instructor/productions/{w.p1.pk}/people/{person}{rest}"


def test_the_people_page_lists_current_members_and_those_who_left(
    client: Any, world: World
) -> None:
    Membership.objects.filter(user=world.crew_b).update(left_at="2026-11-01T10:00Z")
    body = login(client, world.instructor_1).get(url(world)).content.decode()
    current, former = body.split("No longer on the production")
    assert "Crew_A Test" in current and "Instructor_1 Test" in current
    assert "Crew_B Test" not in current and "Crew_B Test" in former
    assert "Crew_C" not in body  # another production's


def test_change_department_and_job_title(client: Any, world: World) -> None:
    props = world.p1.memberships.get(user=world.crew_b).department
    assert props is not None
    response = login(client, world.instructor_1).post(
        url(world, world.crew_a), {"department": str(props.pk), "job_title": "Loader"}
    )
    assert response.status_code == 302
    membership = world.p1.memberships.get(user=world.crew_a)
    assert (membership.department, membership.job_title) == (props, "Loader")
    assert "Crew_A Test: department Props and armory" in world.p1.events.get().summary


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"department": "999999", "job_title": "Grip"}, "Choose one of the departments listed"),
        ({"department": "", "job_title": "x" * 121}, "at most 120 characters"),
    ],
)
def test_a_bad_member_change_is_refused(
    client: Any, world: World, data: dict[str, str], message: str
) -> None:
    response = login(client, world.instructor_1).post(url(world, world.crew_a), data)
    assert response.status_code == 400
    assert message in response.content.decode() and "Nothing was saved" in response.content.decode()
    assert world.p1.memberships.get(user=world.crew_a).job_title == "1st AC"


def test_remove_a_member_keeps_their_record_readable(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    response = client.post(url(world, world.crew_a, "remove/"))
    assert response.status_code == 302 and response["Location"] == url(world) + "#former"
    assert world.p1.memberships.get(user=world.crew_a).left_at is not None
    people = client.get(url(world)).content.decode()
    former = people.split('id="former"')[1]
    assert "Crew_A Test is no longer on Dust Devil. Their records stay." in former
    roster = client.get(f"/instructor/productions/{world.p1.pk}/").content.decode()
    table, log = roster.split('id="roster-table"')[1].split("<h2>Changes</h2>")
    assert "Crew_A Test" not in table and "Removed Crew_A Test" in log
    record = client.get(f"/instructor/productions/{world.p1.pk}/learners/{world.crew_a.pk}/")
    assert record.status_code == 200 and "Removed" in record.content.decode()
    assert client.get(url(world, world.crew_a)).status_code == 404  # no longer a member


def test_make_an_instructor_and_stop(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    assert (
        client.post(url(world, world.crew_a, "instructor/"), {"instructor": "yes"}).status_code
        == 302
    )
    client.force_login(world.crew_a)
    assert client.get(f"/instructor/productions/{world.p1.pk}/").status_code == 200
    client.force_login(world.instructor_1)
    assert (
        client.post(url(world, world.crew_a, "instructor/"), {"instructor": "no"}).status_code
        == 302
    )
    client.force_login(world.crew_a)
    assert client.get(f"/instructor/productions/{world.p1.pk}/").status_code == 404


def test_the_last_instructor_cannot_demote_or_remove_themselves(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    page = client.get(url(world, world.instructor_1)).content.decode()
    assert "only instructor" in page and "Stop being an instructor</button>" not in page
    for rest, data in (("instructor/", {"instructor": "no"}), ("remove/", {})):
        response = client.post(url(world, world.instructor_1, rest), data)
        assert response.status_code == 400
        assert "the only instructor of Dust Devil" in response.content.decode()
    assert Membership.objects.active().filter(user=world.instructor_1).exists()


def test_an_instructor_who_steps_down_goes_home(client: Any, world: World) -> None:
    factories.InstructorMembershipFactory(production=world.p1)
    login(client, world.instructor_1)
    response = client.post(url(world, world.instructor_1, "instructor/"), {"instructor": "no"})
    assert response["Location"] == "/modules/"  # they supervise nothing now


@pytest.mark.parametrize("value", ["maybe", "", "1"])
def test_a_bad_instructor_choice_is_refused(client: Any, world: World, value: str) -> None:
    response = login(client, world.instructor_1).post(
        url(world, world.crew_a, "instructor/"), {"instructor": value}
    )
    assert response.status_code == 400 and "yes or no" in response.content.decode()
    assert not Membership.objects.filter(user=world.crew_a, role="instructor").exists()


def test_a_sign_in_link_is_shown_once_and_not_cached(client: Any, world: World) -> None:
    response = login(client, world.instructor_1).post(url(world, world.crew_a, "password-link/"))
    body = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Shown once" in body and "http://testserver/accounts/link/" in body
    token = body.split("/accounts/link/")[1].split("/")[0]
    assert SignInLink.objects.get().token_hash != token
    assert token not in client.get(url(world, world.crew_a)).content.decode()


def test_no_link_for_an_admin_member(client: Any, world: World) -> None:
    factories.MembershipFactory(production=world.p1, user=world.admin)
    login(client, world.instructor_1)
    assert "is an admin" in client.get(url(world, world.admin)).content.decode()
    response = client.post(url(world, world.admin, "password-link/"))
    assert response.status_code == 400 and not SignInLink.objects.exists()


def test_an_instructor_adds_a_removed_member_back(client: Any, world: World) -> None:
    Membership.objects.filter(user=world.crew_b).update(left_at="2026-11-01T10:00Z")
    login(client, world.instructor_1)
    former = client.get(url(world)).content.decode().split("No longer on the production")[1]
    assert "Add Crew_B Test back" in former
    response = client.post(url(world, world.crew_b, "restore/"))
    assert response.status_code == 302 and response["Location"] == url(world) + "#former"
    current = client.get(url(world)).content.decode().split("No longer on the production")[0]
    assert "Crew_B Test" in current
    assert client.post(url(world, world.crew_a, "restore/")).status_code == 404  # not removed


def test_an_instructor_changes_the_join_code(client: Any, world: World) -> None:
    old = world.p1.join_code
    response = login(client, world.instructor_1).post(url(world, rest="join-code/"), follow=True)
    world.p1.refresh_from_db()
    assert world.p1.join_code != old
    assert f"The new join code is {world.p1.join_code}" in response.content.decode()


def test_a_job_title_is_saved_without_direction_controls(client: Any, world: World) -> None:
    response = login(client, world.instructor_1).post(
        url(world, world.crew_a), {"department": "", "job_title": "\u202erorromA"}
    )
    assert response.status_code == 302
    assert world.p1.memberships.get(user=world.crew_a).job_title == "rorromA"


def test_sending_the_link_form_again_keeps_the_link_shown_working(
    client: Any, world: World
) -> None:
    login(client, world.instructor_1)
    first = client.post(url(world, world.crew_a, "password-link/"))
    token = first.content.decode().split("/accounts/link/")[1].split("/")[0]
    again = client.post(url(world, world.crew_a, "password-link/"))  # the reload's re-post
    assert again.status_code == 302
    assert again["Location"] == url(world, world.crew_a) + "#sign-in-help"
    page = client.get(again["Location"]).content.decode()
    help_section = page.split('id="sign-in-help"')[1].split("<h2")[0]
    assert "still works: nothing was changed" in help_section
    assert "Replace the sign-in link" in help_section and "/accounts/link/" not in page
    assert SignInLink.objects.count() == 1
    client.logout()
    assert client.get(f"/accounts/link/{token}/", follow=True).status_code == 200  # still works


def test_replacing_a_link_is_its_own_button_and_ends_the_old_one(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    first = client.post(url(world, world.crew_a, "password-link/"))
    old = first.content.decode().split("/accounts/link/")[1].split("/")[0]
    live = SignInLink.objects.get()
    page = client.get(url(world, world.crew_a)).content.decode()
    assert f'name="replacing" value="{live.pk}"' in page and "Make a sign-in link" not in page
    replaced = client.post(url(world, world.crew_a, "password-link/"), {"replacing": live.pk})
    new = replaced.content.decode().split("/accounts/link/")[1].split("/")[0]
    assert replaced.status_code == 200 and new != old
    again = client.post(url(world, world.crew_a, "password-link/"), {"replacing": live.pk})
    assert again.status_code == 302  # the replace sent twice replaces nothing more
    client.logout()
    assert client.get(f"/accounts/link/{old}/", follow=True).status_code == 404
    assert client.get(f"/accounts/link/{new}/", follow=True).status_code == 200


@pytest.mark.parametrize("replacing", ["x", "-1", "99999999999999999999999"])
def test_a_garbled_replacing_field_changes_nothing(
    client: Any, world: World, replacing: str
) -> None:
    login(client, world.instructor_1)
    client.post(url(world, world.crew_a, "password-link/"))
    response = client.post(url(world, world.crew_a, "password-link/"), {"replacing": replacing})
    assert response.status_code == 302 and SignInLink.objects.count() == 1


def test_a_get_of_the_link_address_makes_nothing(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    assert client.get(url(world, world.crew_a, "password-link/")).status_code == 405
    assert not SignInLink.objects.exists()


def test_the_people_page_hands_out_a_join_link_and_a_poster(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    code = world.p1.join_code
    link = f"http://testserver/join/?code={code}"
    people = client.get(url(world)).content.decode()
    assert (
        f'value="{link}"' in people and f"/instructor/productions/{world.p1.pk}/poster/" in people
    )
    assert link in client.get("/instructor/").content.decode()
    poster = client.get(f"/instructor/productions/{world.p1.pk}/poster/").content.decode()
    assert qr_svg(link, "QR code of the link to join Dust Devil") in poster
    assert code in poster and link in poster


def test_the_join_link_opens_the_join_page_with_the_code(client: Any, world: World) -> None:
    page = client.get(f"/join/?code={world.p1.join_code}").content.decode()
    assert f'name="code" value="{world.p1.join_code}"' in page
