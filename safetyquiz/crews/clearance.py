"""Clearance: pure rules over a member's progress on the modules assigned to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db import models

from safetyquiz.training.progress import ModuleProgress, Status


class Standing(models.TextChoices):
    """A member's clearance on a production, as the roster shows and filters it."""

    CLEARED = "cleared", "Cleared"
    NOT_CLEARED = "not-cleared", "Not cleared"
    OVERDUE = "overdue", "Overdue"


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
        return self.progress.status == Status.PASSED

    @cached_property
    def status(self) -> Status:
        return Status.OVERDUE if self.overdue else self.progress.status

    # The cell's text, formatted here once: a 500-member roster has thousands of cells,
    # and a template filter per cell costs more than all of the page's queries.
    @property
    def label(self) -> str:
        return self.status.label

    @property
    def best(self) -> str:
        """The best score as a whole percentage (as ``floatformat:0`` rounds), or ""."""
        best = self.progress.best_percentage
        return "" if best is None else str(best.quantize(Decimal(1), ROUND_HALF_UP))

    @property
    def until(self) -> str:
        valid = self.progress.valid_until
        return f"{valid.day} {valid:%b %Y}" if valid else ""

    @property
    def answered(self) -> str:
        progress = self.progress
        return (
            f"{progress.answered}/{progress.planned}"
            if progress.status == Status.IN_PROGRESS
            else ""
        )


def applies_to(department_ids: frozenset[int], member_department_id: int | None) -> bool:
    """An assignment with no departments is for everyone; otherwise for members of those."""
    return not department_ids or member_department_id in department_ids


def is_cleared(cells: Iterable[Cell]) -> bool:
    """Cleared: a valid certificate for every module assigned to the member (and at least one)."""
    cells = list(cells)
    return bool(cells) and all(cell.passed for cell in cells)
