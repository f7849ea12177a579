"""Clearance: pure rules over a member's progress on the modules assigned to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from safetyquiz.training.selectors import PASSED, ModuleProgress

OVERDUE = "overdue"


@dataclass(frozen=True)
class Cell:
    """One member on one assigned module, as the roster shows it."""

    progress: ModuleProgress
    due_on: date | None
    today: date

    @property
    def overdue(self) -> bool:
        return self.due_on is not None and self.due_on < self.today and not self.passed

    @property
    def passed(self) -> bool:
        return self.progress.status == PASSED

    @property
    def status(self) -> str:
        return OVERDUE if self.overdue else self.progress.status


def applies_to(department_ids: frozenset[int], member_department_id: int | None) -> bool:
    """An assignment with no departments is for everyone; otherwise for members of those."""
    return not department_ids or member_department_id in department_ids


def is_cleared(cells: Iterable[Cell]) -> bool:
    """Cleared: a valid certificate for every module assigned to the member (and at least one)."""
    cells = list(cells)
    return bool(cells) and all(cell.passed for cell in cells)
