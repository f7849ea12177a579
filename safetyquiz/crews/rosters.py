"""Rosters: each member of a production against each module it assigns them, with
clearance, in a fixed number of queries whatever the crew's size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from safetyquiz.content.models import Department
from safetyquiz.names import display_name
from safetyquiz.training import selectors as training
from safetyquiz.training.models import Attempt
from safetyquiz.training.progress import ModuleProgress

from .clearance import Cell, Standing, applies_to, effective_due, is_cleared
from .models import Assignment, DueDateExtension, Membership, Production


@dataclass
class RosterRow:
    membership: Membership
    cells: list[Cell | None]  # one per assignment, None where it does not apply
    assignments: list[Assignment] = field(default_factory=list)  # the roster's, in order

    @property
    def applicable(self) -> list[Cell]:
        return [c for c in self.cells if c is not None]

    @property
    def name(self) -> str:
        return display_name(self.membership.user)

    @property
    def todo(self) -> list[tuple[Assignment, Cell]]:
        """The assigned modules the member does not hold a valid certificate for."""
        return [
            (a, c)
            for a, c in zip(self.assignments, self.cells, strict=True)
            if c is not None and not c.passed
        ]

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

    def for_the_meeting(self) -> list[RosterRow]:
        """Not cleared first, then by department, then by name: the safety-meeting sheet."""

        def key(row: RosterRow) -> tuple[object, ...]:
            department = row.membership.department
            user = row.membership.user
            return (
                row.cleared,
                department is None,
                (department.order, department.name) if department else (0, ""),
                user.last_name.lower(),
                user.first_name.lower(),
                user.username,
            )

        return sorted(self.rows, key=key)

    def due_within(self, days: int) -> list[tuple[RosterRow, list[tuple[Assignment, Cell]]]]:
        """Who is overdue or due within ``days`` days, with what, most urgent first."""
        found = []
        for row in self.rows:
            items = [
                (a, c)
                for a, c in row.todo
                if c.due_on is not None and c.due_on <= c.today + timedelta(days=days)
            ]
            if items:
                items.sort(key=lambda item: item[1].due_on or date.max)
                found.append((row, items))
        found.sort(key=lambda entry: (entry[1][0][1].due_on or date.max, entry[0].name))
        return found


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


def roster(
    production: Production, today: date | None = None, member: Membership | None = None
) -> Roster:
    """The production's roster; or only ``member``'s row (even if they have left)."""
    return rosters(Production.objects.filter(pk=production.pk), today, member)[production.pk]


def rosters(
    productions: QuerySet[Production],
    today: date | None = None,
    member: Membership | None = None,
) -> dict[int, Roster]:
    """Each production's crew by assigned module: nine queries, whatever the number of
    productions, members, attempts or answers."""
    today = today or timezone.localdate()
    productions = productions.order_by("name")
    assignments = list(
        Assignment.objects.filter(production__in=productions)
        .select_related("module")
        .prefetch_related("departments")
        .order_by("module__order", "module__title")
    )
    crew = (
        Membership.objects.filter(pk=member.pk)
        if member is not None
        else Membership.objects.active().filter(
            production__in=productions, role=Membership.Role.CREW
        )
    )
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
    extensions = {
        (assignment_id, membership_id): due_on
        for assignment_id, membership_id, due_on in DueDateExtension.objects.filter(
            membership__in=crew, assignment__production__in=productions
        ).values_list("assignment_id", "membership_id", "due_on")
    }
    missed = last_attempt_missed_critical(
        Q(user_id__in=crew.values("user_id")), {a.module_id for a in assignments}
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
                key = (member.user_id, assignment.module_id)
                own = extensions.get((assignment.pk, member.pk))
                due = effective_due(assignment.due_on, own)
                state = progress.get(key, ModuleProgress())
                cells.append(
                    Cell(
                        state,
                        due,
                        today,
                        extended=due != assignment.due_on,
                        critical_miss=key in missed,
                    )
                )
            else:
                cells.append(None)
        built.rows.append(RosterRow(member, cells, built.assignments))
    return result


def last_attempt_missed_critical(who: Q, module_ids: set[int]) -> set[tuple[int, int]]:
    """(user id, module id) where the latest finished certifying attempt missed a critical
    question: one query, reading only the attempts that missed one."""
    finished = Attempt.objects.filter(mode=Attempt.Mode.CERTIFYING, finished_at__isnull=False)
    latest = (
        finished.filter(user_id=OuterRef("user_id"), module_id=OuterRef("module_id"))
        .order_by("-finished_at", "-pk")
        .values("pk")[:1]
    )
    return set(
        finished.filter(who, module_id__in=module_ids, critical_misses__gt=0)
        .filter(pk=Subquery(latest))
        .values_list("user_id", "module_id")
    )
