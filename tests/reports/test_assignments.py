"""The assignments page: every form saves what it says, or refuses with a 400 and a clear
message and saves nothing."""

from datetime import timedelta
from typing import Any

import pytest

from safetyquiz.crews.models import Assignment, DueDateExtension, ProductionEvent
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
    assert response.status_code == 302 and response["Location"] == url(world)
    assignment = Assignment.objects.get(module__slug="inspect-every-round")
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
        ("crew_b", "same", "An extension is later than everyone"),
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
    assert "is no longer assigned" in response.content.decode()
    assert not world.p1.assignments.exists()
    assert instructor.post(url(world, f"{assignment.pk}/remove/")).status_code == 404


def test_the_crew_list_shows_a_new_assignment_at_once(
    client: Any, instructor: Any, world: World
) -> None:
    data = {"module": "inspect-every-round", "due_on": str(SOON)}
    instructor.post(url(world), data)
    body = login(client, world.crew_a).get("/modules/").content.decode()
    assert "Required by Dust Devil" in body and SOON.strftime("%-d %b %Y") in body
