"""Every change an instructor can make, posted by every role: only the production's own
instructors and admins change anything; everyone else gets the sign-in page or a 404 and
nothing changes. (Reading pages: the table in tests/test_permissions.py.)"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from safetyquiz.crews.models import (
    Assignment,
    Membership,
    Production,
    ProductionEvent,
    SignInLink,
)
from tests import factories
from tests.test_permissions import LOGIN, ROLES, outcome
from tests.worlds import World

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + timedelta(days=10)
LATER = SOON + timedelta(days=5)


@dataclass
class Change:
    path: str  # under /instructor/productions/<p1>/
    data: Callable[[World], dict[str, Any]]
    state: Callable[[World], Any]
    success: int | str = 302
    before: Callable[[World], Any] = lambda w: None  # noqa: E731


def assignment(w: World) -> Assignment:
    return Assignment.objects.get(production=w.p1, module=w.module)


def crew_a(w: World) -> Membership:
    return Membership.objects.get(production=w.p1, user=w.crew_a, role="crew")


CHANGES = {
    "assign": Change(
        "assignments/",
        lambda w: {"module": "second-module", "departments": ["camera"], "due_on": str(SOON)},
        lambda w: Assignment.objects.filter(production=w.p1).count(),
    ),
    "due": Change(
        "assignments/{a}/due/",
        lambda w: {"due_on": str(LATER)},
        lambda w: assignment(w).due_on,
    ),
    "extend": Change(
        "assignments/{a}/extension/",
        lambda w: {"member": str(w.crew_a.pk), "due_on": str(LATER)},
        lambda w: list(assignment(w).extensions.values_list("due_on", flat=True)),
    ),
    "unassign": Change(
        "assignments/{a}/remove/",
        lambda w: {},
        lambda w: Assignment.objects.filter(production=w.p1).count(),
    ),
    "edit-member": Change(
        "people/{crew_a}/",
        lambda w: {"department": "", "job_title": "Grip"},
        lambda w: (crew_a(w).department_id, crew_a(w).job_title),
    ),
    "make-instructor": Change(
        "people/{crew_a}/instructor/",
        lambda w: {"instructor": "yes"},
        lambda w: Membership.objects.active().filter(user=w.crew_a, role="instructor").count(),
    ),
    "remove-member": Change(
        "people/{crew_a}/remove/",
        lambda w: {},
        lambda w: crew_a(w).left_at,
    ),
    "new-members": Change(
        "assignments/new-members/",
        lambda w: {"days": "3"},
        lambda w: Production.objects.get(pk=w.p1.pk).grace_days,
    ),
    "sign-in-link": Change(
        "people/{crew_a}/password-link/",
        lambda w: {},
        lambda w: SignInLink.objects.count(),
        success=200,
    ),
    "restore-member": Change(
        "people/{crew_a}/restore/",
        lambda w: {},
        lambda w: crew_a(w).left_at,
        before=lambda w: Membership.objects.filter(pk=crew_a(w).pk).update(left_at=timezone.now()),
    ),
    "join-code": Change(
        "people/join-code/",
        lambda w: {},
        lambda w: Production.objects.get(pk=w.p1.pk).join_code,
    ),
}


def expected(role: str, change: Change) -> Any:
    return {"signed-out": LOGIN, "instructor_1": change.success, "admin": change.success}.get(
        role, 404
    )


@pytest.mark.parametrize("name", list(CHANGES))
@pytest.mark.parametrize("role", ROLES)
def test_every_change_by_every_role(client: Any, world: World, role: str, name: str) -> None:
    factories.PublishedModuleFactory(slug="second-module")
    Assignment.objects.filter(production=world.p1).update(due_on=SOON)
    change = CHANGES[name]
    change.before(world)
    path = change.path.format(a=assignment(world).pk, crew_a=world.crew_a.pk)
    before, events = change.state(world), ProductionEvent.objects.count()
    if role != "signed-out":
        client.force_login(getattr(world, role))
    response = client.post(f"/instructor/productions/{world.p1.pk}/{path}", change.data(world))
    allowed = role in ("instructor_1", "admin")
    got = response.status_code if allowed else outcome(response)
    assert got == expected(role, change), (role, name)
    assert (change.state(world) != before) is allowed, (role, name)
    assert ProductionEvent.objects.count() == events + allowed  # logged, once, when done


@pytest.mark.parametrize("name", list(CHANGES))
def test_an_instructor_cannot_reach_another_productions_objects_through_their_own(
    client: Any, world: World, name: str
) -> None:
    """instructor_2 supervises p2: p1's assignment or member under p2's address is not found."""
    Assignment.objects.filter(production=world.p1).update(due_on=SOON)
    change = CHANGES[name]
    if "{" not in change.path:
        return
    change.before(world)
    path = change.path.format(a=assignment(world).pk, crew_a=world.crew_a.pk)
    before = change.state(world)
    client.force_login(world.instructor_2)
    response = client.post(f"/instructor/productions/{world.p2.pk}/{path}", change.data(world))
    assert response.status_code == 404
    assert change.state(world) == before


@pytest.mark.parametrize(
    "path",
    [
        "assignments/1/due/",
        "assignments/1/extension/",
        "assignments/1/remove/",
        "assignments/new-members/",
        "people/1/instructor/",
        "people/1/remove/",
        "people/1/password-link/",
        "people/1/restore/",
        "people/join-code/",
    ],
)
def test_changes_are_posted_never_got(client: Any, world: World, path: str) -> None:
    client.force_login(world.instructor_1)
    assert client.get(f"/instructor/productions/{world.p1.pk}/{path}").status_code == 405
