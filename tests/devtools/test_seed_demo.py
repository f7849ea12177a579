from typing import Any

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from safetyquiz.content.models import Module
from safetyquiz.crews.models import Assignment, DueDateExtension, Membership, Production
from safetyquiz.crews.standings import standings_of
from safetyquiz.devtools.demo import CREW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curriculum")]


def state() -> tuple[int, ...]:
    return (
        get_user_model().objects.count(),
        Production.objects.count(),
        Membership.objects.count(),
        Assignment.objects.count(),
    )


def test_seed_demo_is_idempotent_and_makes_the_demo_accounts(settings: Any) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = state()
    call_command("seed_demo", verbosity=0)
    assert state() == first
    for username in ("crew", "instructor", "admin"):
        request = RequestFactory().post("/accounts/login/")
        assert authenticate(request, username=username, password=f"{username}-demo") is not None
    assert get_user_model().objects.get(username="admin").is_staff
    assert Membership.objects.filter(user__username="instructor", role="instructor").exists()


def test_seed_demo_shows_the_instructors_tools(settings: Any, curriculum: None) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    production = Production.objects.get(join_code="DUSTDEVIL")
    assert [e.kind for e in production.events.order_by("at", "pk")] == [
        "extended",
        "member-removed",
    ]
    assert DueDateExtension.objects.filter(membership__user__username="kate.murphy").exists()
    assert production.memberships.get(user__username="ben.walker").left_at is not None
    assert any(
        a.due_on is not None and a.due_on < timezone.localdate()
        for a in production.assignments.all()
    )  # overdue


def test_seed_demo_refuses_when_debug_is_off(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DJANGO_DEBUG=1"):
        call_command("seed_demo")
    assert state() == (0, 0, 0, 0)


def test_seed_demo_dry_run_writes_nothing(settings: Any) -> None:
    settings.DEBUG = True
    Module.objects.update(status=Module.Status.DRAFT)  # quick: no attempts to simulate
    call_command("seed_demo", "--dry-run", verbosity=0)
    assert state() == (0, 0, 0, 0)


def test_the_demos_cleared_crew_are_cleared_and_the_rest_are_not(
    settings: Any, curriculum: None
) -> None:
    """The README sends people to maria.lopez for a certificate of someone cleared."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    production = Production.objects.get(join_code="DUSTDEVIL")
    cleared = {
        get_user_model().objects.get(pk=s.user_id).username
        for s in standings_of(production).rows
        if s.cleared
    }
    assert cleared == {row[0] for row in CREW if row[-1] == "cleared"}
    assert "maria.lopez" in cleared
