"""Rosters: each member of a production against each module it assigns them, with
clearance, in a fixed number of queries whatever the crew's size; the whole crew, or the
members of one page of their standings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from safetyquiz.names import display_name
from safetyquiz.training import selectors as training
from safetyquiz.training.models import Attempt
from safetyquiz.training.progress import ModuleProgress

from .clearance import Cell, Clearance, Standing, clearance_of
from .models import Assignment, Membership, Production
from .standings import (
    ROSTER_ORDER,
    ClearedOrNot,
    Duty,
    Extensions,
    MemberStanding,
    Standings,
    Tally,
    assignments_of,
    due_dates,
    duties,
    extensions_of,
    joined_on,
)


@dataclass
class RosterRow(ClearedOrNot):
    membership: Membership
    cells: list[Cell | None]  # one per assignment, None where it does not apply
    assignments: list[Assignment]  # the roster's, in order
    clearance: Clearance

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

    @property
    def standing(self) -> Standing:
        return Standing.CLEARED if self.cleared else Standing.NOT_CLEARED


@dataclass
class Roster(Tally):
    production: Production
    assignments: list[Assignment]
    rows: list[RosterRow] = field(default_factory=list)

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
    "department__name_en",  # the name in each language (content/translation.py)
    "department__name_es",
    "department__order",
    "joined_at",
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
    assignments = assignments_of(productions)
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
        .order_by(*ROSTER_ORDER)
    )
    records = Records.read(
        Q(user_id__in=crew.values("user_id")),
        assignments,
        extensions_of(crew, productions),
        today,
        # A former member's record as it stood when they left: what they did after is
        # none of this production's business.
        started_before=member.left_at if member is not None else None,
    )
    result = {
        production.pk: Roster(
            production, [a for a in assignments if a.production_id == production.pk]
        )
        for production in productions
    }
    plans = {pk: duties(built.assignments) for pk, built in result.items()}
    for member in members:
        built = result[member.production_id]
        built.rows.append(records.row(member, built.assignments, plans[member.production_id]))
    return result


def roster_page(crew: Standings, number: int, per_page: int) -> Page[RosterRow]:
    """Page ``number`` of the crew's standings (the first or the last when out of range, as
    ``Paginator.get_page`` falls back) with the full rows of its members alone."""
    paginator: Paginator[Any] = Paginator(crew.rows, per_page)
    found = paginator.get_page(number)
    return Page(roster_rows(crew, list(found)), found.number, paginator)


def roster_rows(crew: Standings, shown: Sequence[MemberStanding]) -> list[RosterRow]:
    """The full rows of the ``shown`` members of the crew, in their order: five queries,
    whatever the size of the crew, reading only the records of those shown."""
    members = {
        m.pk: m
        for m in Membership.objects.filter(pk__in=[s.membership_id for s in shown])
        .select_related("user", "department")
        .only(*ROSTER_FIELDS)
    }
    records = Records.read(
        Q(user_id__in=[s.user_id for s in shown]), crew.assignments, crew.extensions, crew.today
    )
    return [
        records.row(members[s.membership_id], crew.assignments, crew.duties)
        for s in shown
        if s.membership_id in members  # not deleted since the standings were read
    ]


@dataclass(frozen=True)
class Records:
    """What the rows of some members are built from: their progress on the modules
    assigned, their extensions, and the last attempts that missed a critical question."""

    extensions: Extensions
    progress: dict[tuple[int, int], ModuleProgress]
    missed: set[tuple[int, int]]
    today: date

    @classmethod
    def read(
        cls,
        who: Q,
        assignments: list[Assignment],
        extensions: Extensions,
        today: date,
        started_before: datetime | None = None,
    ) -> Records:
        """Four queries, for the members matching ``who`` (and their attempts started
        before ``started_before``, when it is given)."""
        modules = {a.module_id for a in assignments}
        return cls(
            extensions,
            training.progress_table(who, today, Q(module_id__in=modules), started_before),
            last_attempt_missed_critical(who, modules, started_before),
            today,
        )

    def row(self, member: Membership, assignments: list[Assignment], plan: list[Duty]) -> RosterRow:
        """The member's row: ``assignments`` are their production's, ``plan`` their duties."""
        joined = joined_on(member.joined_at)
        due = due_dates(plan, self.extensions, member.pk, member.department_id, joined)
        own = {d.module_id: d.own_due(joined) for d in plan}
        cells: list[Cell | None] = []
        for assignment in assignments:
            if assignment.module_id not in due:
                cells.append(None)
                continue
            key = (member.user_id, assignment.module_id)
            on = due[assignment.module_id]
            cells.append(
                Cell(
                    self.progress.get(key, ModuleProgress()),
                    on,
                    self.today,
                    extended=on != own[assignment.module_id],
                    critical_miss=key in self.missed,
                )
            )
        valid = {
            a.module_id
            for a, c in zip(assignments, cells, strict=True)
            if c is not None and c.passed
        }
        return RosterRow(member, cells, assignments, clearance_of(due, valid, self.today))


def last_attempt_missed_critical(
    who: Q, module_ids: set[int], started_before: datetime | None = None
) -> set[tuple[int, int]]:
    """(user id, module id) where the latest finished certifying attempt missed a critical
    question: one query, reading only the attempts that missed one."""
    finished = Attempt.objects.filter(mode=Attempt.Mode.CERTIFYING, finished_at__isnull=False)
    if started_before is not None:
        finished = finished.filter(started_at__lt=started_before)
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
