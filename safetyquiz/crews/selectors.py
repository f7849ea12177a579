"""Reads about productions: what a learner is assigned, and who is cleared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.utils import timezone

from safetyquiz.content.models import Module
from safetyquiz.training import selectors as training

from .models import Assignment, Membership


@dataclass
class LearnerModuleRow:
    module: Module
    progress: training.ModuleProgress
    assigned: bool = False
    due_on: date | None = None
    productions: tuple[str, ...] = ()

    @property
    def overdue(self) -> bool:
        return (
            self.assigned
            and self.due_on is not None
            and self.due_on < timezone.localdate()
            and self.progress.status != training.PASSED
        )


def assignments_for(user: User) -> list[Assignment]:
    """The assignments that apply to the user, through their crew memberships and departments."""
    memberships = list(
        Membership.objects.filter(user=user, role=Membership.Role.CREW).values_list(
            "production_id", "department_id"
        )
    )
    if not memberships:
        return []
    departments: dict[int, set[int | None]] = {}
    for production_id, department_id in memberships:
        departments.setdefault(production_id, set()).add(department_id)
    assignments = (
        Assignment.objects.filter(production_id__in=departments)
        .select_related("production")
        .prefetch_related("departments")
    )
    return [
        a
        for a in assignments
        if not a.departments.all()
        or departments[a.production_id] & {d.pk for d in a.departments.all()}
    ]


def modules_for_learner(user: User) -> list[LearnerModuleRow]:
    """Published modules with the learner's progress: assigned ones first, by due date."""
    progress = training.progress_by_module(user)
    rows = {
        m.pk: LearnerModuleRow(module=m, progress=progress.get(m.pk, training.ModuleProgress()))
        for m in training.published_modules()
    }
    for assignment in assignments_for(user):
        row = rows.get(assignment.module_id)
        if row is None:
            continue
        row.assigned = True
        row.productions += (assignment.production.name,)
        if assignment.due_on and (row.due_on is None or assignment.due_on < row.due_on):
            row.due_on = assignment.due_on
    return sorted(
        rows.values(),
        key=lambda r: (not r.assigned, r.due_on or date.max, r.module.order, r.module.title),
    )
