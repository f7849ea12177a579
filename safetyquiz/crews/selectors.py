"""Reads about productions: what a learner is assigned, who is cleared, who supervises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.utils import timezone

from safetyquiz.content.models import Department, Module
from safetyquiz.training import selectors as training
from safetyquiz.training.progress import ModuleProgress

from .clearance import Cell, Standing, applies_to, is_cleared
from .models import Assignment, Membership, Production


@dataclass
class LearnerModuleRow:
    module: Module
    progress: ModuleProgress
    assigned: bool = False
    due_on: date | None = None
    productions: tuple[str, ...] = ()

    @cached_property
    def cell(self) -> Cell:
        """The row as a roster cell: overdue only when assigned with a due date past."""
        due_on = self.due_on if self.assigned else None
        return Cell(self.progress, due_on, timezone.localdate())


def assignments_for(user: User) -> list[Assignment]:
    """The assignments that apply to the user, through their crew memberships and departments."""
    memberships = list(
        Membership.objects.filter(user=user, role=Membership.Role.CREW).values_list(
            "production_id", "department_id"
        )
    )
    assignments = (
        Assignment.objects.filter(production_id__in={p for p, _ in memberships})
        .select_related("production")
        .prefetch_related("departments")
    )
    return [
        a
        for a in assignments
        for production_id, department_id in memberships
        if production_id == a.production_id
        and applies_to(frozenset(d.pk for d in a.departments.all()), department_id)
    ]


def modules_for_learner(user: User) -> list[LearnerModuleRow]:
    """Published modules with the learner's progress: assigned ones first, by due date."""
    progress = training.progress_by_module(user)
    rows = {
        m.pk: LearnerModuleRow(module=m, progress=progress.get(m.pk, ModuleProgress()))
        for m in Module.objects.published()
    }
    for assignment in assignments_for(user):
        row = rows.get(assignment.module_id)
        if row is None or assignment.production.name in row.productions:
            continue
        row.assigned = True
        row.productions += (assignment.production.name,)
        if assignment.due_on and (row.due_on is None or assignment.due_on < row.due_on):
            row.due_on = assignment.due_on
    return sorted(
        rows.values(),
        key=lambda r: (not r.assigned, r.due_on or date.max, r.module.order, r.module.title),
    )


def is_instructor(user: User | AnonymousUser) -> bool:
    """Who sees the instructor pages: staff, and instructors of at least one production."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, role=Membership.Role.INSTRUCTOR).exists()
    )


def supervised_productions(user: User) -> QuerySet[Production]:
    """Every production for staff; otherwise those where the user is an instructor."""
    if user.is_staff:
        return Production.objects.all()
    return Production.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.INSTRUCTOR
    ).distinct()


def crew_of(production: Production) -> QuerySet[Membership]:
    return production.memberships.filter(role=Membership.Role.CREW)


@dataclass
class RosterRow:
    membership: Membership
    cells: list[Cell | None]  # one per assignment, None where it does not apply

    @property
    def applicable(self) -> list[Cell]:
        return [c for c in self.cells if c is not None]

    @cached_property  # asked by the row, the roster's counts and its filters
    def cleared(self) -> bool:
        return is_cleared(self.applicable)

    @cached_property
    def overdue(self) -> bool:
        return any(c.overdue for c in self.applicable)

    @property
    def standing(self) -> Standing:
        return Standing.CLEARED if self.cleared else Standing.NOT_CLEARED

    def has(self, standing: str) -> bool:
        """Whether the row shows under a roster filter (every row for "")."""
        return {
            "": True,
            Standing.CLEARED: self.cleared,
            Standing.NOT_CLEARED: not self.cleared,
            Standing.OVERDUE: self.overdue,
        }[standing]


@dataclass
class Roster:
    production: Production
    assignments: list[Assignment]
    rows: list[RosterRow] = field(default_factory=list)

    @property
    def cleared(self) -> int:
        return sum(1 for r in self.rows if r.cleared)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.overdue)

    @property
    def members(self) -> int:
        return len(self.rows)

    @property
    def departments(self) -> list[Department]:
        found = {r.membership.department for r in self.rows if r.membership.department}
        return sorted(found, key=lambda d: (d.order, d.name))

    def filtered(self, *, department: Department | None, status: str) -> Roster:
        """The rows of one department and/or standing ("" for every row)."""
        rows = [
            row
            for row in self.rows
            if (department is None or row.membership.department_id == department.pk)
            and row.has(status)
        ]
        return Roster(self.production, self.assignments, rows)

    @property
    def not_cleared(self) -> int:
        return self.members - self.cleared


# What the roster, its print and CSV show of each member: nothing else is fetched.
ROSTER_FIELDS = (
    "production",
    "job_title",
    "user__username",
    "user__first_name",
    "user__last_name",
    "department__slug",
    "department__name",
    "department__order",
)


def roster(production: Production, today: date | None = None) -> Roster:
    return rosters(Production.objects.filter(pk=production.pk), today)[production.pk]


def rosters(productions: QuerySet[Production], today: date | None = None) -> dict[int, Roster]:
    """Each production's crew by assigned module: seven queries, whatever the number of
    productions, members, attempts or answers."""
    today = today or timezone.localdate()
    productions = productions.order_by("name")
    assignments = list(
        Assignment.objects.filter(production__in=productions)
        .select_related("module")
        .prefetch_related("departments")
        .order_by("module__order", "module__title")
    )
    crew = Membership.objects.filter(production__in=productions, role=Membership.Role.CREW)
    members = list(
        crew.select_related("user", "department")
        .only(*ROSTER_FIELDS)  # 500 members: the full user rows cost more than the query
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    progress = training.progress_table(
        Q(user_id__in=crew.values("user_id")),
        today,
        Q(module_id__in={a.module_id for a in assignments}),
    )
    result = {
        production.pk: Roster(
            production, [a for a in assignments if a.production_id == production.pk]
        )
        for production in productions
    }
    departments = {a.pk: frozenset(d.pk for d in a.departments.all()) for a in assignments}
    for member in members:
        built = result[member.production_id]
        cells: list[Cell | None] = []
        for assignment in built.assignments:
            if applies_to(departments[assignment.pk], member.department_id):
                state = progress.get((member.user_id, assignment.module_id), ModuleProgress())
                cells.append(Cell(state, assignment.due_on, today))
            else:
                cells.append(None)
        built.rows.append(RosterRow(member, cells))
    return result
