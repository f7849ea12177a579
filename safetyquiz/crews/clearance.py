"""Clearance: pure rules over a member's progress on the modules assigned to them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from safetyquiz.choices import Choices, gettext_noop, translated
from safetyquiz.training.progress import ModuleProgress, Status


class Standing(Choices):
    """A member's clearance on a production, as the roster shows and filters it."""

    CLEARED = "cleared", gettext_noop("Cleared")
    NOT_CLEARED = "not-cleared", gettext_noop("Not cleared")
    OVERDUE = "overdue", gettext_noop("Overdue")


# Django's own catalogs translate these ("ene" in Spanish), so they need no entry of ours.
MONTHS_3 = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def day(value: date) -> str:
    """A date as the roster and the safety-meeting sheet print it: "5 Mar 2027"."""
    month = translated(MONTHS_3[value.month - 1]).capitalize()
    return f"{value.day} {month} {value.year}"


def tr(message: str, **params: object) -> str:
    """A message marked for translation (``gettext_noop``), in the page's language."""
    return translated(message) % params if params else translated(message)


def member_due(
    due_on: date | None,
    due_days: int | None,
    *,
    joined_on: date,
    assigned_on: date,
    grace_days: int,
) -> date | None:
    """A member's own due date for an assignment, before any extension.

    With "N days after joining", N days from the day the member joined, or from the day it
    was assigned for someone already on the production; with a due date as well, the
    later of the two. With a due date alone, someone who joins late still gets the
    production's grace days. So nobody is overdue on the day they join."""
    if due_days is not None:
        own = max(joined_on, assigned_on) + timedelta(days=due_days)
        return own if due_on is None else max(due_on, own)
    if due_on is None:
        return None
    return max(due_on, joined_on + timedelta(days=grace_days))


def effective_due(own: date | None, extension: date | None) -> date | None:
    """A member's due date: an extension only ever moves their own date later, and means
    nothing when the assignment has no due date."""
    if own is None or extension is None:
        return own
    return max(own, extension)


@dataclass(frozen=True)
class Cell:
    """One member on one assigned module, as the roster shows it."""

    progress: ModuleProgress
    due_on: date | None
    today: date
    extended: bool = False  # the due date is this member's own
    critical_miss: bool = False  # the last finished attempt missed a critical question

    @property
    def overdue(self) -> bool:
        return is_overdue(self.due_on, passed=self.passed, today=self.today)

    @property
    def passed(self) -> bool:
        """A valid certificate, even while a retake is under way."""
        return self.progress.valid_until is not None

    @cached_property
    def status(self) -> Status:
        if self.overdue:
            return Status.OVERDUE
        return Status.PASSED if self.passed else self.progress.status

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
        return day(valid) if valid else ""

    @property
    def taken_in(self) -> str:
        """The language the valid certificate was taken in ("es"), or "" for none."""
        return self.progress.valid_language if self.passed else ""

    @property
    def answered(self) -> str:
        progress = self.progress
        if progress.status != Status.IN_PROGRESS or self.passed:
            return ""
        return f"{progress.answered}/{progress.planned}"

    @property
    def missing(self) -> str:
        """What stands between the member and a valid certificate, in words; "" if nothing."""
        if self.passed:
            return ""
        progress = self.progress
        if progress.open_attempt_id:
            said = tr(
                gettext_noop("started, %(answered)s of %(planned)s questions answered"),
                answered=progress.answered,
                planned=progress.planned,
            )
        elif progress.lapsed_on:
            said = tr(gettext_noop("certificate expired %(day)s"), day=day(progress.lapsed_on))
        elif progress.revoked:
            said = tr(gettext_noop("certificate revoked"))
        elif progress.finished_attempts:
            said = (
                tr(gettext_noop("not passed (best %(best)s%%)"), best=self.best)
                if self.best
                else tr(gettext_noop("not passed"))
            )
        else:
            said = tr(gettext_noop("not started"))
        if self.critical_miss:
            said += tr(gettext_noop("; missed a critical question in the last attempt"))
        return said

    @property
    def due(self) -> str:
        """When it is due, for a cell not passed: "due 5 Mar 2027", "overdue since ..."."""
        if self.passed or self.due_on is None:
            return ""
        when = day(self.due_on)
        if self.extended:
            if self.overdue:
                return tr(gettext_noop("overdue since %(day)s (extended)"), day=when)
            return tr(gettext_noop("due %(day)s (extended)"), day=when)
        if self.overdue:
            return tr(gettext_noop("overdue since %(day)s"), day=when)
        return tr(gettext_noop("due %(day)s"), day=when)


def applies_to(department_ids: frozenset[int], member_department_id: int | None) -> bool:
    """An assignment with no departments is for everyone; otherwise for members of those."""
    return not department_ids or member_department_id in department_ids


def is_overdue(due_on: date | None, *, passed: bool, today: date) -> bool:
    """Past its due date without a valid certificate: due today is not late yet."""
    return due_on is not None and due_on < today and not passed


def all_passed(passed: Iterable[bool]) -> bool:
    """Cleared: a valid certificate for every module assigned to the member (and at least one)."""
    passed = list(passed)
    return bool(passed) and all(passed)


def is_cleared(cells: Iterable[Cell]) -> bool:
    return all_passed(cell.passed for cell in cells)


@dataclass(frozen=True)
class Clearance:
    """Where a member stands on a production, as the roster counts and filters it."""

    cleared: bool
    overdue: bool

    def shows_under(self, status: str) -> bool:
        """Whether the member shows under a roster filter (everyone for "")."""
        return {
            "": True,
            Standing.CLEARED: self.cleared,
            Standing.NOT_CLEARED: not self.cleared,
            Standing.OVERDUE: self.overdue,
        }[status]


def clearance_of(due: Mapping[int, date | None], valid: Collection[int], today: date) -> Clearance:
    """A member's clearance from the modules assigned to them (module id -> their due date,
    extensions included) and the modules they hold a valid certificate for."""
    return Clearance(
        cleared=all_passed(module in valid for module in due),
        overdue=any(
            is_overdue(on, passed=module in valid, today=today) for module, on in due.items()
        ),
    )
