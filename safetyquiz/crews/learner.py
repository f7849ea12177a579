"""The learner's side of their productions: which modules each asks of them, by when, and
where they stand, module by module and production by production."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.contrib.auth.models import User
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from safetyquiz.content.models import Module
from safetyquiz.training import selectors as training
from safetyquiz.training.progress import ModuleProgress

from .clearance import Cell, applies_to, effective_due, is_cleared, member_due
from .models import Assignment, DueDateExtension, Membership, Production
from .standings import joined_on


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


def crew_memberships(user: User) -> list[Membership]:
    """The productions the user crews on and has not left, with each production."""
    return list(
        Membership.objects.active()
        .filter(user=user, role=Membership.Role.CREW)
        .select_related("production")
        .order_by("production__name")
    )


def assignments_for(user: User, crewing: list[Membership] | None = None) -> list[Assignment]:
    """The assignments that apply to the user, through their crew memberships and departments,
    each with ``member_due``: the user's own due date (from the day they joined, and the
    later of that and their extension)."""
    crewing = crew_memberships(user) if crewing is None else crewing
    memberships = {m.production_id: m for m in crewing}
    extension = DueDateExtension.objects.filter(
        assignment=OuterRef("pk"), membership__user=user, membership__left_at=None
    ).values("due_on")[:1]
    assignments = (
        Assignment.objects.filter(production_id__in=memberships)
        .annotate(extended_to=Subquery(extension))
        .select_related("production")
        .prefetch_related("departments")
    )
    found: list[Assignment] = []
    for assignment in assignments:
        membership = memberships[assignment.production_id]
        if not applies_to(
            frozenset(d.pk for d in assignment.departments.all()), membership.department_id
        ):
            continue
        own = member_due(
            assignment.due_on,
            assignment.due_days,
            joined_on=joined_on(membership.joined_at),
            assigned_on=assignment.assigned_on,
            grace_days=assignment.production.grace_days,
        )
        assignment.member_due = effective_due(own, assignment.extended_to)
        found.append(assignment)
    return found


def modules_for_learner(
    user: User, assignments: list[Assignment] | None = None
) -> list[LearnerModuleRow]:
    """Published modules with the learner's progress: assigned ones first, by due date."""
    progress = training.progress_by_module(user)
    rows = {
        m.pk: LearnerModuleRow(module=m, progress=progress.get(m.pk, ModuleProgress()))
        for m in Module.objects.published()
    }
    for assignment in assignments_for(user) if assignments is None else assignments:
        row = rows.get(assignment.module_id)
        if row is None or assignment.production.name in row.productions:
            continue
        row.assigned = True
        row.productions += (assignment.production.name,)
        due = assignment.member_due
        if due and (row.due_on is None or due < row.due_on):
            row.due_on = due
    return sorted(
        rows.values(),
        key=lambda r: (not r.assigned, r.due_on or date.max, r.module.order, r.module.title),
    )


@dataclass
class ProductionSummary:
    """Where the learner stands with one production: cleared, or what is next."""

    production: Production
    required: list[LearnerModuleRow] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for row in self.required if row.cell.passed)

    @property
    def cleared(self) -> bool:
        return is_cleared(row.cell for row in self.required)

    @property
    def next(self) -> LearnerModuleRow | None:
        return next((row for row in self.required if not row.cell.passed), None)


@dataclass
class LearnerOverview:
    summaries: list[ProductionSummary]
    required: list[LearnerModuleRow]
    optional: list[LearnerModuleRow]

    def next_required(self) -> tuple[LearnerModuleRow | None, list[Production]]:
        """The first module still to do for any production, or the productions the learner
        is cleared for when there is none."""
        for summary in self.summaries:
            if summary.next is not None:
                return summary.next, []
        return None, [s.production for s in self.summaries if s.cleared]


def urgency(row: LearnerModuleRow) -> tuple[bool, date, int, str]:
    """Overdue first, then by due date, then in the course's order."""
    return (not row.cell.overdue, row.due_on or date.max, row.module.order, row.module.title)


def learner_overview(user: User) -> LearnerOverview:
    """The learner's modules, required ones apart and most urgent first, and a summary for
    each production they crew on: a fixed number of queries, whatever their history."""
    crewing = crew_memberships(user)
    assignments = assignments_for(user, crewing)
    rows = modules_for_learner(user, assignments)
    by_module = {row.module.pk: row for row in rows}
    summaries = {m.production_id: ProductionSummary(m.production) for m in crewing}
    for assignment in assignments:
        row = by_module.get(assignment.module_id)
        summary = summaries.get(assignment.production_id)
        if row is not None and summary is not None and all(r is not row for r in summary.required):
            summary.required.append(row)
    for summary in summaries.values():
        summary.required.sort(key=urgency)
    required = sorted((r for r in rows if r.assigned), key=urgency)
    optional = [r for r in rows if not r.assigned]
    return LearnerOverview(list(summaries.values()), required, optional)


def module_due(user: User, module: Module) -> date | None:
    """The learner's earliest due date for the module across their productions, if any."""
    dues = [a.member_due for a in assignments_for(user) if a.module_id == module.pk]
    return min((d for d in dues if d), default=None)
