"""The assignments page: every form saves what it says, or refuses with a 400 and a clear
message and saves nothing."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from safetyquiz.crews.models import Assignment, DueDateExtension, Membership, ProductionEvent
from safetyquiz.crews.rosters import roster
from tests import factories
from tests.dates import today
from tests.worlds import World, login

pytestmark = pytest.mark.django_db


SOON = today() + timedelta(days=5)


def url(w: World, rest: str = "") -> str:
    return f"/instructor/productions/{w.p1.pk}/assignments/{rest}"


@pytest.fixture
def instructor(client: Any, world: World) -> Any:
    factories.PublishedModuleFactory(slug="inspect-every-round", title="Inspect every round")
    return login(client, world.instructor_1)


def saved(w: World) -> tuple[Any, ...]:
    return (
        list(Assignment.objects.order_by("pk").values_list("module__slug", "due_on")),
        list(DueDateExtension.objects.values_list("membership__user__username", "due_on")),
        ProductionEvent.objects.count(),
    )


def test_the_page_lists_assignments_and_offers_only_unassigned_published_modules(
    instructor: Any, world: World
) -> None:
    factories.ModuleFactory(slug="a-draft", title="A draft")
    body = instructor.get(url(world)).content.decode()
    assert "Cold is a claim" in body and "For everyone (2 people)" in body
    assert 'value="inspect-every-round"' in body
    assert 'value="a-draft"' not in body and 'value="cold-is-a-claim"' not in body


def test_assign_to_one_department_with_a_due_date_shows_on_the_roster(
    instructor: Any, world: World
) -> None:
    data = {"module": "inspect-every-round", "departments": ["camera"], "due_on": str(SOON)}
    response = instructor.post(url(world), data)
    assignment = Assignment.objects.get(module__slug="inspect-every-round")
    assert response.status_code == 302
    assert response["Location"] == url(world) + f"#assignment-{assignment.pk}"
    assert assignment.due_on == SOON and [d.slug for d in assignment.departments.all()] == [
        "camera"
    ]
    roster = instructor.get(f"/instructor/productions/{world.p1.pk}/").content.decode()
    assert "Inspect every round" in roster and "not for their department" in roster
    assert "Assigned “Inspect every round” to Camera" in roster  # the production's log
    assert "Instructor_1 Test: Assigned" in roster  # who did it


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"module": "nope", "due_on": str(SOON)}, "Choose a published module"),
        ({"module": "cold-is-a-claim"}, "Choose a published module"),  # already assigned
        ({"module": "inspect-every-round", "due_on": "31/12/2026"}, "year-month-day"),
        ({"module": "inspect-every-round", "due_on": "2026-02-30"}, "year-month-day"),
        (
            {"module": "inspect-every-round", "due_on": str(today() - timedelta(days=1))},
            "has passed",
        ),
        (
            {"module": "inspect-every-round", "departments": ["nope"]},
            "is not one of the departments",
        ),
        ({}, "This field is required"),
    ],
)
def test_a_bad_assignment_is_refused_with_a_message(
    instructor: Any, world: World, data: dict[str, Any], message: str
) -> None:
    before = saved(world)
    response = instructor.post(url(world), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and "Nothing was assigned" in body and 'role="alert"' in body
    assert saved(world) == before


def test_change_the_due_date_for_everyone_or_clear_it(instructor: Any, world: World) -> None:
    assignment = world.p1.assignments.get()
    assert (
        instructor.post(url(world, f"{assignment.pk}/due/"), {"due_on": str(SOON)}).status_code
        == 302
    )
    assignment.refresh_from_db()
    assert assignment.due_on == SOON
    assert instructor.post(url(world, f"{assignment.pk}/due/"), {"due_on": ""}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.due_on is None
    assert world.p1.events.count() == 2


@pytest.mark.parametrize(
    ("due_on", "message"), [("yesterday", "year-month-day"), ("2000-01-01", "has passed")]
)
def test_a_bad_due_date_is_refused(
    instructor: Any, world: World, due_on: str, message: str
) -> None:
    assignment = world.p1.assignments.get()
    before = saved(world)
    response = instructor.post(url(world, f"{assignment.pk}/due/"), {"due_on": due_on})
    assert response.status_code == 400 and message in response.content.decode()
    assert "Nothing was changed" in response.content.decode()
    assert saved(world) == before


def test_extend_for_one_person_then_withdraw(instructor: Any, world: World) -> None:
    assignment = world.p1.assignments.get()
    assignment.due_on = SOON
    assignment.save()
    later = SOON + timedelta(days=3)
    data = {"member": str(world.crew_b.pk), "due_on": str(later)}
    assert instructor.post(url(world, f"{assignment.pk}/extension/"), data).status_code == 302
    page = instructor.get(url(world)).content.decode()
    assert "Crew_B Test: until" in page
    roster = instructor.get(f"/instructor/productions/{world.p1.pk}/").content.decode()
    assert "(extended)" in roster and "extended to" in roster
    data["due_on"] = ""
    assert instructor.post(url(world, f"{assignment.pk}/extension/"), data).status_code == 302
    assert not DueDateExtension.objects.exists()


@pytest.mark.parametrize(
    ("member", "due_on", "message"),
    [
        ("crew_b", "same", "An extension is later than Crew_B Test&#x27;s own due date"),
        ("crew_c", "later", "Choose someone this module is assigned to"),  # another production
        ("instructor_1", "later", "Choose someone this module is assigned to"),  # not crew
        ("crew_b", "2026-13-01", "year-month-day"),
    ],
)
def test_a_bad_extension_is_refused(
    instructor: Any, world: World, member: str, due_on: str, message: str
) -> None:
    assignment = world.p1.assignments.get()
    assignment.due_on = SOON
    assignment.save()
    dates = {"same": str(SOON), "later": str(SOON + timedelta(days=2))}
    data = {"member": str(getattr(world, member).pk), "due_on": dates.get(due_on, due_on)}
    before = saved(world)
    response = instructor.post(url(world, f"{assignment.pk}/extension/"), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert saved(world) == before


def test_no_extension_without_a_due_date_for_everyone(instructor: Any, world: World) -> None:
    assignment = world.p1.assignments.get()
    data = {"member": str(world.crew_b.pk), "due_on": str(SOON)}
    response = instructor.post(url(world, f"{assignment.pk}/extension/"), data)
    assert response.status_code == 400 and "nothing to extend" in response.content.decode()


def test_remove_an_assignment(instructor: Any, world: World) -> None:
    assignment = world.p1.assignments.get()
    response = instructor.post(url(world, f"{assignment.pk}/remove/"), follow=True)
    assert "Removed the assignment of “Cold is a claim”; attempts and certificates stay" in (
        response.content.decode()
    )
    assert not world.p1.assignments.exists()
    assert instructor.post(url(world, f"{assignment.pk}/remove/")).status_code == 404


def test_the_crew_list_shows_a_new_assignment_at_once(
    client: Any, instructor: Any, world: World
) -> None:
    data = {"module": "inspect-every-round", "due_on": str(SOON)}
    instructor.post(url(world), data)
    body = login(client, world.crew_a).get("/modules/").content.decode()
    assert "Required by Dust Devil" in body and SOON.strftime("%-d %b %Y") in body


def test_assign_with_days_after_joining_gives_each_their_own_date(
    instructor: Any, world: World
) -> None:
    data = {"module": "inspect-every-round", "due_days": "14"}
    assert instructor.post(url(world), data).status_code == 302
    assignment = Assignment.objects.get(module__slug="inspect-every-round")
    assert (assignment.due_on, assignment.due_days) == (None, 14)
    newcomer = factories.MembershipFactory(production=world.p1, joined_at=timezone.now())
    Membership.objects.filter(pk=newcomer.pk).update(
        joined_at=timezone.now() + timedelta(days=3)  # joins three days from now
    )
    rows = {r.membership.pk: r for r in roster(world.p1).rows}
    dates = {pk: row.cells[1].due_on for pk, row in rows.items() if row.cells[1]}
    old_hand = world.p1.memberships.get(user=world.crew_a).pk
    assert dates[old_hand] == today() + timedelta(days=14)  # from the day it was assigned
    assert dates[newcomer.pk] == today() + timedelta(days=17)
    page = instructor.get(url(world)).content.decode()
    assert "due 14 days after joining" in page


def test_change_for_everyone_to_a_date_and_days_after_joining(
    instructor: Any, world: World
) -> None:
    assignment = world.p1.assignments.get()
    data = {"due_on": str(SOON), "due_days": "10"}
    response = instructor.post(url(world, f"{assignment.pk}/due/"), data, follow=True)
    assignment.refresh_from_db()
    assert (assignment.due_on, assignment.due_days) == (SOON, 10)
    said = f"{SOON.day} {SOON:%b %Y}, or 10 days after joining if later (was no due date)"
    assert said in response.content.decode()


def test_the_days_new_members_get_are_saved_and_logged(instructor: Any, world: World) -> None:
    response = instructor.post(url(world, "new-members/"), {"days": "3"})
    assert response.status_code == 302 and response["Location"].endswith("#new-members")
    world.p1.refresh_from_db()
    assert world.p1.grace_days == 3
    event = ProductionEvent.objects.get()
    assert "New members get 3 days from joining" in event.summary and "(was 7)" in event.summary


@pytest.mark.parametrize("days", ["", "-1", "366", "seven", "1e3"])
def test_bad_days_for_new_members_are_refused(instructor: Any, world: World, days: str) -> None:
    response = instructor.post(url(world, "new-members/"), {"days": days})
    assert response.status_code == 400 and "Nothing was changed" in response.content.decode()
    world.p1.refresh_from_db()
    assert world.p1.grace_days == 7 and not ProductionEvent.objects.exists()


@pytest.mark.parametrize("days", ["-3", "400", "x"])
def test_bad_days_after_joining_are_refused(instructor: Any, world: World, days: str) -> None:
    before = saved(world)
    data = {"module": "inspect-every-round", "due_days": days}
    response = instructor.post(url(world), data)
    assert response.status_code == 400
    assert "Enter a number of days, from 0 to 365" in response.content.decode()
    assert saved(world) == before


def test_an_extension_is_measured_against_the_members_own_date(
    instructor: Any, world: World
) -> None:
    """A newcomer's own date is later than everyone's: an extension must beat theirs."""
    assignment = world.p1.assignments.get()
    assignment.due_on = today()
    assignment.save()
    newcomer = factories.MembershipFactory(production=world.p1, joined_at=timezone.now())
    own = today() + timedelta(days=7)
    data = {"member": str(newcomer.user_id), "due_on": str(own)}
    response = instructor.post(url(world, f"{assignment.pk}/extension/"), data)
    assert response.status_code == 400 and f"own due date ({own.day} " in response.content.decode()
    data["due_on"] = str(own + timedelta(days=1))
    assert instructor.post(url(world, f"{assignment.pk}/extension/"), data).status_code == 302


def test_with_htmx_a_change_comes_back_as_the_assignments_alone_with_its_message(
    instructor: Any, world: World
) -> None:
    assignment = world.p1.assignments.get()
    assignment.due_on = SOON
    assignment.save()
    later = SOON + timedelta(days=4)
    data = {"member": str(world.crew_b.pk), "due_on": str(later)}
    response = instructor.post(
        url(world, f"{assignment.pk}/extension/"), data, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="assignment-{assignment.pk}"' in body
    said = f"“Cold is a claim” for Crew_B Test: extended to {later.day} {later:%b %Y}."
    assert said in body
    assert said not in instructor.get(url(world)).content.decode()  # shown once, in place


def test_without_javascript_the_message_waits_at_the_changed_assignment(
    instructor: Any, world: World
) -> None:
    assignment = world.p1.assignments.get()
    response = instructor.post(url(world, f"{assignment.pk}/due/"), {"due_on": str(SOON)})
    assert response["Location"] == url(world) + f"#assignment-{assignment.pk}"
    page = instructor.get(response["Location"]).content.decode()
    card = page[page.index(f'id="assignment-{assignment.pk}"') :]
    assert "“Cold is a claim” for everyone: due" in card.split("</li>")[0]
    top = page[: page.index("<h1")]
    assert "for everyone: due" not in top


def test_nobody_is_chosen_for_an_extension_until_the_instructor_chooses(
    instructor: Any, world: World
) -> None:
    assignment = world.p1.assignments.get()
    assignment.due_on = SOON
    assignment.save()
    page = instructor.get(url(world)).content.decode()
    select = page[page.index(f'id="member-{assignment.pk}"') :].split("</select>")[0]
    assert '<option value="">Choose a person</option>' in select and "selected" not in select
    response = instructor.post(url(world, f"{assignment.pk}/extension/"), {"due_on": str(SOON)})
    assert response.status_code == 400
    assert "Choose the person to extend it for" in response.content.decode()
