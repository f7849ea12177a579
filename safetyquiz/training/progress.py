"""Where a learner stands on a module: the status words and their labels, and the plain
value the selectors fill in. No ORM here, so the clearance rules above can use it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from safetyquiz.choices import Choices, gettext_noop


class Status(Choices):
    """A learner's state on one module, as badges, the roster and its CSV name it."""

    NOT_STARTED = "not-started", gettext_noop("Not started")
    IN_PROGRESS = "in-progress", gettext_noop("In progress")
    PASSED = "passed", gettext_noop("Passed")
    FAILED = "failed", gettext_noop("Not passed")
    EXPIRED = "expired", gettext_noop("Expired")
    REVOKED = "revoked", gettext_noop("Certificate revoked")
    # Assigned, past its due date and not passed: a roster cell or module list row only.
    OVERDUE = "overdue", gettext_noop("Overdue")


@dataclass
class ModuleProgress:
    """Where one learner stands on one module."""

    open_attempt_id: int | None = None
    answered: int = 0
    planned: int = 0
    finished_attempts: int = 0
    best_percentage: Decimal | None = None
    valid_until: date | None = None
    lapsed_on: date | None = None  # latest expiry of certificates no longer valid
    revoked: bool = False
    # The language of the attempt behind a valid certificate ("es"); where more than one is
    # valid, Spanish if any was taken in it (the latest code), so no Spanish pass is hidden.
    valid_language: str = ""

    @property
    def status(self) -> Status:
        if self.open_attempt_id:
            return Status.IN_PROGRESS
        if self.valid_until:
            return Status.PASSED
        if self.lapsed_on:
            return Status.EXPIRED
        if self.revoked:
            return Status.REVOKED
        if self.finished_attempts:
            return Status.FAILED
        return Status.NOT_STARTED

    @property
    def status_label(self) -> str:
        return self.status.label
