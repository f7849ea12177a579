"""Standings: where each crew member of a production stands (cleared, overdue, their
department), read without their attempts, so the roster on screen counts and filters
everyone and builds the full rows of only the people on its page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone

from safetyquiz.content.models import Department
from safetyquiz.training import selectors as training

from .clearance import Clearance, applies_to, clearance_of, effective_due, member_due
from .models import Assignment, DueDateExtension, Membership, Production

# The roster's order, on screen and in the CSV.
ROSTER_ORDER = ("user__last_name", "user__first_name", "user__username")

Extensions = dict[tuple[int, int], date]  # (assignment id, membership id) -> their due date


class ClearedOrNot:
    """A row of a roster, as the counts read it: from its member's clearance."""

    clearance: Clearance

    @property
    def cleared(self) -> bool:
        return self.clearance.cleared

    @property
    def overdue(self) -> bool:
        return self.clearance.overdue


class Tally:
    """The counts above a roster: everyone in its rows."""

    rows: Sequence[ClearedOrNot]

    @property
    def members(self) -> int:
        return len(self.rows)

    @property
    def cleared(self) -> int:
        return sum(1 for r in self.rows if r.cleared)

    @property
    def not_cleared(self) -> int:
        return self.members - self.cleared

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.overdue)


@dataclass(frozen=True)
class MemberStanding(ClearedOrNot):
    """One member as the counts, the filters and the pages read them."""

    membership_id: int
    user_id: int
    department_id: int | None
    clearance: Clearance


class Duty(NamedTuple):
    """An assignment as a member's due dates read it."""

    assignment_id: int
    module_id: int
    due_on: date | None
    due_days: int | None
    assigned_on: date
    grace_days: int  # its production's
    departments: frozenset[int]  # the ids of the departments it is for; none: everyone

    def own_due(self, joined_on: date) -> date | None:
        """The due date of a member who joined on ``joined_on``, before any extension."""
        return member_due(
            self.due_on,
            self.due_days,
            joined_on=joined_on,
            assigned_on=self.assigned_on,
            grace_days=self.grace_days,
        )


@dataclass
class Standings(Tally):
    """A production's crew in the roster's order, each member's clearance alone."""

    production: Production
    assignments: list[Assignment]
    duties: list[Duty]  # the assignments', in the same order
    extensions: Extensions
    today: date
    rows: list[MemberStanding] = field(default_factory=list)

    def filtered(self, *, department: Department | None, status: str) -> Standings:
        """The members of one department and/or standing ("" for everyone)."""
        rows = [
            row
            for row in self.rows
            if (department is None or row.department_id == department.pk)
            and row.clearance.shows_under(status)
        ]
        return replace(self, rows=rows)


def assignments_of(productions: Iterable[Production]) -> list[Assignment]:
    """The productions' assignments with their modules and departments: two queries."""
    return list(
        Assignment.objects.filter(production__in=productions)
        .select_related("module", "production")
        .prefetch_related("departments")
        .order_by("module__order", "module__title")
    )


def duties(assignments: Iterable[Assignment]) -> list[Duty]:
    """The assignments as duties, their departments read from the prefetch and their
    production from the join: no query."""
    return [
        Duty(
            a.id,
            a.module_id,
            a.due_on,
            a.due_days,
            a.assigned_on,
            a.production.grace_days,
            frozenset(d.id for d in a.departments.all()),
        )
        for a in assignments
    ]


def extensions_of(crew: QuerySet[Membership], productions: Iterable[Production]) -> Extensions:
    """The crew's own due dates on the productions' assignments: one query."""
    return {
        (assignment_id, membership_id): due_on
        for assignment_id, membership_id, due_on in DueDateExtension.objects.filter(
            membership__in=crew, assignment__production__in=productions
        ).values_list("assignment_id", "membership_id", "due_on")
    }


def joined_on(joined_at: datetime) -> date:
    """The day a member joined, where the production is."""
    return timezone.localdate(joined_at)


def own_due(assignment: Assignment, membership: Membership) -> date | None:
    """The member's own due date for the assignment, before any extension."""
    return member_due(
        assignment.due_on,
        assignment.due_days,
        joined_on=joined_on(membership.joined_at),
        assigned_on=assignment.assigned_on,
        grace_days=assignment.production.grace_days,
    )


def due_dates(
    duties: Iterable[Duty],
    extensions: Extensions,
    membership_id: int,
    department_id: int | None,
    joined: date,
) -> dict[int, date | None]:
    """Module id -> the member's due date, for each of their production's duties that
    applies to them: their own (from the day they ``joined``), or their extension."""
    return {
        d.module_id: effective_due(
            d.own_due(joined), extensions.get((d.assignment_id, membership_id))
        )
        for d in duties
        if applies_to(d.departments, department_id)
    }


def standings_of(production: Production, today: date | None = None) -> Standings:
    """One production's crew with their clearance: five queries."""
    return standings([production], today)[production.pk]


def standings(productions: Iterable[Production], today: date | None = None) -> dict[int, Standings]:
    """Each production's crew with their clearance: five queries, whatever the number of
    productions or members, and none of their attempts."""
    today = today or timezone.localdate()
    productions = list(productions)
    assignments = assignments_of(productions)
    crew = Membership.objects.active().filter(production__in=productions, role=Membership.Role.CREW)
    extensions = extensions_of(crew, productions)
    valid = training.valid_certificates(
        Q(user_id__in=crew.values("user_id")),
        today,
        Q(module_id__in={a.module_id for a in assignments}),
    )
    result: dict[int, Standings] = {}
    for production in productions:
        own = [a for a in assignments if a.production_id == production.pk]
        result[production.pk] = Standings(production, own, duties(own), extensions, today)
    members = crew.order_by(*ROSTER_ORDER).values_list(
        "pk", "production_id", "user_id", "department_id", "joined_at"
    )
    for pk, production_id, user_id, department_id, joined_at in members:
        built = result[production_id]
        due = due_dates(built.duties, extensions, pk, department_id, joined_on(joined_at))
        held = {module for module in due if (user_id, module) in valid}
        clearance = clearance_of(due, held, today)
        built.rows.append(MemberStanding(pk, user_id, department_id, clearance))
    return result


def departments_of(crew: Standings) -> list[Department]:
    """The departments the crew are in: one query."""
    ids = {r.department_id for r in crew.rows if r.department_id is not None}
    return sorted(Department.objects.filter(pk__in=ids), key=lambda d: (d.order, d.name))
