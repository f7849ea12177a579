"""The instructor's writes on a production: each one logged, the rules kept."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from safetyquiz.crews import services
from safetyquiz.crews.learner import assignments_for, modules_for_learner
from safetyquiz.crews.models import DueDateExtension, Membership, ProductionEvent
from safetyquiz.crews.rosters import roster
from safetyquiz.crews.selectors import crew_of
from safetyquiz.training.models import Attempt
from tests import factories
from tests.dates import today
from tests.worlds import World

pytestmark = pytest.mark.django_db


def events(world: World) -> list[tuple[str, str]]:
    return list(world.p1.events.order_by("at", "pk").values_list("kind", "summary"))


def test_assigning_to_a_department_logs_who_when_what(world: World) -> None:
    module = factories.PublishedModuleFactory(title="Inspect every round")
    camera = world.p1.memberships.get(user=world.crew_a).department
    assert camera is not None
    services.assignment_add(
        production=world.p1,
        module=module,
        departments=[camera],
        due_on=today() + timedelta(days=3),
        actor=world.instructor_1,
    )
    event = world.p1.events.get()
    assert event.actor == world.instructor_1 and event.kind == "assigned"
    assert event.summary.startswith("Assigned “Inspect every round” to Camera, due ")
    assert abs(event.at - timezone.now()) < timedelta(minutes=1)
    built = roster(world.p1)
    column = [a.module for a in built.assignments].index(module)
    cells = {row.membership.user.username: row.cells[column] for row in built.rows}
    assert cells["crew_a"] is not None and cells["crew_b"] is None  # crew_b is in props


def test_an_extension_moves_one_members_due_date_on_the_roster_and_their_list(
    world: World,
) -> None:
    assignment = world.p1.assignments.get()
    services.assignment_set_due(
        assignment=assignment, due_on=today() - timedelta(days=1), actor=world.instructor_1
    )
    membership = world.p1.memberships.get(user=world.crew_b)
    later = today() + timedelta(days=6)
    services.assignment_extend(
        assignment=assignment, membership=membership, due_on=later, actor=world.instructor_1
    )
    row = next(r for r in roster(world.p1).rows if r.membership.user == world.crew_b)
    cell = row.cells[0]
    assert cell is not None
    assert cell.due_on == later and cell.extended and not row.overdue
    assert [a.member_due for a in assignments_for(world.crew_b)] == [later]
    listed = next(r for r in modules_for_learner(world.crew_b) if r.module == world.module)
    assert listed.due_on == later and not listed.cell.overdue
    services.assignment_extend(
        assignment=assignment, membership=membership, due_on=None, actor=world.instructor_1
    )
    assert not DueDateExtension.objects.exists()
    assert [kind for kind, _ in events(world)] == ["due-changed", "extended", "extended"]
    assert "extension withdrawn" in events(world)[-1][1]


def test_removing_an_assignment_keeps_attempts_and_certificates(world: World) -> None:
    before = Attempt.objects.count()
    services.assignment_remove(assignment=world.p1.assignments.get(), actor=world.instructor_1)
    assert not world.p1.assignments.exists() and Attempt.objects.count() == before
    assert world.crew_a.certificates.exists()
    assert events(world) == [
        (
            "unassigned",
            "Removed the assignment of “Cold is a claim”; attempts and certificates stay.",
        )
    ]


def test_a_removed_member_leaves_the_roster_but_keeps_their_records(world: World) -> None:
    services.membership_remove(production=world.p1, user=world.crew_a, actor=world.instructor_1)
    membership = Membership.objects.get(production=world.p1, user=world.crew_a)
    assert membership.left_at is not None
    assert world.crew_a not in [m.user for m in crew_of(world.p1)]
    assert [r.membership.user for r in roster(world.p1).rows] == [world.crew_b]
    assert assignments_for(world.crew_a) == []  # nothing is asked of them any more
    assert world.crew_a.attempts.exists() and world.crew_a.certificates.exists()


def test_a_removed_member_comes_back_only_when_an_instructor_adds_them_back(
    world: World,
) -> None:
    services.membership_remove(production=world.p1, user=world.crew_a, actor=world.instructor_1)
    with pytest.raises(services.Refused, match="ask its safety officer to add you back"):
        services.membership_join(
            user=world.crew_a, production=world.p1, department=None, job_title="Grip"
        )
    assert world.crew_a not in [m.user for m in crew_of(world.p1)]
    services.membership_restore(production=world.p1, user=world.crew_a, actor=world.instructor_1)
    assert world.crew_a in [m.user for m in crew_of(world.p1)]
    membership = world.crew_a.memberships.get(production=world.p1)
    assert membership.joined_at.date() == timezone.now().date()  # their dates start again
    assert world.p1.events.values_list("kind", flat=True)[0] == "member-restored"


def test_a_new_join_code_ends_the_old_one(client: Any, world: World) -> None:
    old = world.p1.join_code
    new = services.join_code_rotate(production=world.p1, actor=world.instructor_1)
    world.p1.refresh_from_db()
    assert world.p1.join_code == new != old
    assert world.p1.events.values_list("kind", flat=True)[0] == "code-changed"
    client.force_login(factories.UserFactory())
    response = client.post("/join/", {"code": old})
    assert response.status_code == 400 and "No production has that code" in (
        response.content.decode()
    )
    assert client.post("/join/", {"code": new}).status_code == 302


def test_department_and_job_title_change_together_on_every_membership(world: World) -> None:
    services.instructor_set(
        production=world.p1, user=world.crew_a, instructor=True, actor=world.instructor_1
    )
    props = factories.DepartmentFactory(slug="props-armory")
    services.membership_update(
        production=world.p1,
        user=world.crew_a,
        department=props,
        job_title="  Armorer ",
        actor=world.instructor_1,
    )
    rows = Membership.objects.filter(user=world.crew_a, production=world.p1)
    assert {(m.role, m.department_id, m.job_title) for m in rows} == {
        ("crew", props.pk, "Armorer"),
        ("instructor", props.pk, "Armorer"),
    }


def test_the_last_instructor_can_neither_step_down_nor_be_removed(world: World) -> None:
    with pytest.raises(services.Refused, match="only instructor of Dust Devil"):
        services.instructor_set(
            production=world.p1, user=world.instructor_1, instructor=False, actor=world.instructor_1
        )
    with pytest.raises(services.Refused, match="make someone else an instructor first"):
        services.membership_remove(
            production=world.p1, user=world.instructor_1, actor=world.instructor_1
        )
    assert Membership.objects.active().filter(user=world.instructor_1).count() == 1
    assert not ProductionEvent.objects.exists()


def test_with_a_second_instructor_the_first_may_step_down(world: World) -> None:
    services.instructor_set(
        production=world.p1, user=world.crew_a, instructor=True, actor=world.instructor_1
    )
    services.instructor_set(
        production=world.p1, user=world.instructor_1, instructor=False, actor=world.instructor_1
    )
    instructors = Membership.objects.active().filter(production=world.p1, role="instructor")
    assert [m.user for m in instructors] == [world.crew_a]
    assert [kind for kind, _ in events(world)] == ["instructor-added", "instructor-removed"]
    # A second grant reuses the old row rather than breaking the unique constraint.
    services.instructor_set(
        production=world.p1, user=world.instructor_1, instructor=True, actor=world.crew_a
    )
    assert instructors.all().count() == 2


def test_setting_what_is_already_so_changes_and_logs_nothing(world: World) -> None:
    services.instructor_set(
        production=world.p1, user=world.crew_a, instructor=False, actor=world.instructor_1
    )
    assert not ProductionEvent.objects.exists()


def test_a_deleted_actor_leaves_the_log_entry(world: World, django_user_model: Any) -> None:
    other = factories.UserFactory()
    factories.InstructorMembershipFactory(production=world.p1, user=other)
    services.assignment_remove(assignment=world.p1.assignments.get(), actor=other)
    other.delete()
    assert world.p1.events.get().actor is None
