"""Standings: each member's clearance read without their attempts, agreeing with the full
roster member by member."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from safetyquiz.content.models import Module
from safetyquiz.crews.clearance import is_cleared
from safetyquiz.crews.models import DueDateExtension, Membership, Production
from safetyquiz.crews.rosters import roster
from safetyquiz.crews.standings import departments_of, standings, standings_of
from tests import factories
from tests.crews.mixed import mixed_crew
from tests.dates import today

pytestmark = pytest.mark.django_db


def certify(user: User, module: Module, days: int, *, revoked: bool = False) -> None:
    factories.CertificateFactory(
        attempt__user=user,
        attempt__module=module,
        expires_on=today() + timedelta(days=days),
        revoked_at=timezone.now() if revoked else None,
    )


def test_standings_count_certificates_extensions_and_departments_as_the_roster_does() -> None:
    production = factories.ProductionFactory()
    camera, props = factories.DepartmentFactory(), factories.DepartmentFactory()
    general, armory = factories.PublishedModuleFactory(), factories.PublishedModuleFactory()
    late = factories.AssignmentFactory(
        production=production, module=general, due_on=today() - timedelta(days=1)
    )
    factories.AssignmentFactory(
        production=production,
        module=armory,
        due_on=today() + timedelta(days=5),
        departments=[props],
    )
    people = {
        name: factories.MembershipFactory(
            production=production,
            department=props if name.startswith("props") else camera,
            user=factories.UserFactory(username=name),
        )
        for name in [
            "valid",
            "today",
            "expired",
            "revoked",
            "extended",
            "props-both",
            "props-general",
            "gone",
        ]
    }
    certify(people["valid"].user, general, 30)
    certify(people["today"].user, general, 0)  # valid through its last day
    certify(people["expired"].user, general, -1)
    certify(people["revoked"].user, general, 30, revoked=True)
    DueDateExtension.objects.create(
        assignment=late, membership=people["extended"], due_on=today() + timedelta(days=3)
    )
    for name in ("props-both", "props-general", "gone"):
        certify(people[name].user, general, 30)
    certify(people["props-both"].user, armory, 30)
    Membership.objects.filter(pk=people["gone"].pk).update(left_at=timezone.now())
    factories.InstructorMembershipFactory(production=production)

    found = standings_of(production)

    by_name = {
        m.user.username: (s.cleared, s.overdue)
        for s in found.rows
        for m in people.values()
        if m.pk == s.membership_id
    }
    assert by_name == {
        "valid": (True, False),
        "today": (True, False),
        "expired": (False, True),
        "revoked": (False, True),
        "extended": (False, False),
        "props-both": (True, False),
        "props-general": (False, False),  # the armory module is not due yet
    }
    assert (found.members, found.cleared, found.not_cleared, found.overdue) == (7, 3, 4, 2)
    overdue = found.filtered(department=None, status="overdue")
    assert (overdue.members, overdue.cleared, overdue.overdue) == (2, 0, 2)
    in_props = found.filtered(department=props, status="")
    assert (in_props.members, in_props.cleared) == (2, 1)
    assert departments_of(found) == sorted([camera, props], key=lambda d: (d.order, d.name))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_standings_agree_with_the_full_roster_member_by_member(seed: int) -> None:
    mixed = mixed_crew(seed, 40)
    found = standings_of(mixed.production)
    rows = roster(mixed.production).rows
    assert [
        (s.membership_id, s.user_id, s.department_id, s.cleared, s.overdue) for s in found.rows
    ] == [
        (
            r.membership.pk,
            r.membership.user_id,
            r.membership.department_id,
            is_cleared(r.applicable),
            any(c.overdue for c in r.applicable),
        )
        for r in rows
    ]
    assert found.assignments == roster(mixed.production).assignments


def test_standings_of_several_productions_keep_each_to_its_own() -> None:
    first, second = mixed_crew(4, 12).production, mixed_crew(5, 12).production
    for found in standings(Production.objects.filter(pk__in=[first.pk, second.pk])).values():
        assert [s.membership_id for s in found.rows] == [
            r.membership.pk for r in roster(found.production).rows
        ]
        assert [s.cleared for s in found.rows] == [r.cleared for r in roster(found.production).rows]
