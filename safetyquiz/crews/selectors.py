"""Reads about productions: what a learner is assigned, who is cleared, who supervises."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from safetyquiz.content.models import Department
from safetyquiz.names import display_name

from .clearance import applies_to
from .models import (
    Assignment,
    DueDateExtension,
    Membership,
    Production,
    ProductionEvent,
    SignInLink,
)


def is_instructor(user: User | AnonymousUser) -> bool:
    """Who sees the instructor pages, and lands on them after signing in: instructors of at
    least one production they have not left, and superusers. Staff act through the admin
    and its permissions alone: ``is_staff`` gives no instructor page."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or Membership.objects.active().filter(user=user, role=Membership.Role.INSTRUCTOR).exists()
    )


def supervised_productions(user: User) -> QuerySet[Production]:
    """Every production for a superuser; otherwise those where the user is an instructor."""
    if user.is_superuser:
        return Production.objects.all()
    return Production.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.INSTRUCTOR,
        memberships__left_at=None,
    ).distinct()


@dataclass(frozen=True)
class Navigation:
    """What every page's header and notices need of the signed-in user: whether to link the
    instructor pages, and the newest live sign-in link made for them, if any."""

    instructor: bool
    link_id: int | None


def navigation(user: User | AnonymousUser) -> Navigation:
    """One query, for a signed-in user; none otherwise."""
    if not user.is_authenticated:
        return Navigation(False, None)
    instructs = Membership.objects.active().filter(
        user=OuterRef("pk"), role=Membership.Role.INSTRUCTOR
    )
    live = SignInLink.objects.filter(
        user=OuterRef("pk"), used_at=None, expires_at__gt=timezone.now()
    ).order_by("-created_at")
    instructor, link_id = (
        User.objects.filter(pk=user.pk)
        .values_list(Exists(instructs), Subquery(live.values("pk")[:1]))
        .get()
    )
    return Navigation(user.is_superuser or instructor, link_id)


def crew_of(production: Production) -> QuerySet[Membership]:
    return production.memberships.active().filter(role=Membership.Role.CREW)


def holder_productions(user: User) -> list[str]:
    """The names of the productions a certificate holder belongs to now."""
    return list(
        Production.objects.filter(memberships__user=user, memberships__left_at=None)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )


def production_log(production: Production, limit: int = 20) -> QuerySet[ProductionEvent]:
    return production.events.select_related("actor", "member")[:limit]


@dataclass
class Person:
    """Someone on a production, with their crew and instructor memberships (either may be
    missing: an instructor need not take the training)."""

    user: User
    crew: Membership | None = None
    instructor: Membership | None = None

    @property
    def membership(self) -> Membership:
        found = self.crew or self.instructor
        assert found is not None  # a Person is only made from a membership
        return found

    @property
    def name(self) -> str:
        return display_name(self.user)


def people_of(production: Production, user_id: int | None = None) -> list[Person]:
    """The production's current people (or the one with ``user_id``), by name: one query."""
    memberships = (
        production.memberships.active()
        .select_related("user", "department")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )
    if user_id is not None:
        memberships = memberships.filter(user_id=user_id)
    people: dict[int, Person] = {}
    for membership in memberships:
        person = people.setdefault(membership.user_id, Person(membership.user))
        if membership.role == Membership.Role.CREW:
            person.crew = membership
        else:
            person.instructor = membership
    return list(people.values())


def former_members(production: Production) -> QuerySet[Membership]:
    """Crew removed from the production (and not back since): their records stay."""
    return (
        production.memberships.filter(role=Membership.Role.CREW, left_at__isnull=False)
        .select_related("user")
        .order_by("-left_at")
    )


def former_member(production: Production, user_id: int) -> Membership | None:
    """The user's crew membership of the production, if they were removed from it."""
    return former_members(production).filter(user_id=user_id).first()


def instructor_count(production: Production) -> int:
    return production.memberships.active().filter(role=Membership.Role.INSTRUCTOR).count()


@dataclass
class AssignmentRow:
    """One assignment on the assignments page, with the people it applies to and their
    extensions; ``error``/``failed`` say which of its forms was refused, and why."""

    assignment: Assignment
    departments: list[Department]
    extensions: list[DueDateExtension]
    members: list[Membership]
    errors: list[str] = field(default_factory=list)
    failed: str = ""

    @property
    def anchor(self) -> str:
        """Its element's id: where the page comes back to after a change to it."""
        return f"assignment-{self.assignment.pk}"


def assignment_rows(production: Production) -> list[AssignmentRow]:
    """The production's assignments with their departments, extensions and the crew each
    applies to: four queries, whatever the number of assignments or people."""
    assignments = list(
        production.assignments.select_related("module")
        .prefetch_related(
            "departments",
            Prefetch(
                "extensions",
                DueDateExtension.objects.filter(membership__left_at=None)
                .select_related("membership__user")
                .order_by("due_on", "membership__user__last_name"),
            ),
        )
        .order_by("module__order", "module__title")
    )
    crew = list(
        crew_of(production)
        .select_related("user", "department")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    rows = []
    for assignment in assignments:
        departments = list(assignment.departments.all())
        ids = frozenset(d.pk for d in departments)
        rows.append(
            AssignmentRow(
                assignment,
                departments,
                list(assignment.extensions.all()),
                [m for m in crew if applies_to(ids, m.department_id)],
            )
        )
    return rows


def assignment_members(assignment: Assignment) -> QuerySet[Membership]:
    """The current crew an assignment applies to (everyone, or its departments')."""
    crew = crew_of(assignment.production).select_related("user")
    departments = list(assignment.departments.values_list("pk", flat=True))
    return crew.filter(department__in=departments) if departments else crew
