"""When a learner may start another certifying attempt: pure, no ORM.

A failed certifying attempt is followed by practice, not by another form: the next one opens
once the learner has practised each objective they missed (answered a practice question of
it since). And a module allows so many certifying attempts a day; an instructor may grant a
learner one more on the day.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class History:
    """What the gate reads of one learner's record on one module."""

    failed: bool = False  # the latest finished certifying attempt failed
    missed: Collection[str] = ()  # the objectives (slot slugs) it missed
    practised: Collection[str] = ()  # objectives practised since it finished
    started_today: int = 0  # certifying attempts started today
    granted_today: int = 0  # further attempts instructors granted today


@dataclass(frozen=True)
class Gate:
    to_practise: tuple[str, ...] = ()  # missed objectives not practised yet, in order given
    limit_reached: bool = False
    opens_at: datetime | None = None  # when the daily limit lifts, if reached

    @property
    def open(self) -> bool:
        return not self.to_practise and not self.limit_reached


def retake_gate(history: History, *, daily_limit: int, tomorrow: datetime) -> Gate:
    """Whether a new certifying attempt may start now; ``tomorrow`` is when the next day
    begins, where the learner's day is counted."""
    practised = set(history.practised)
    to_practise = tuple(s for s in history.missed if s not in practised) if history.failed else ()
    reached = history.started_today >= daily_limit + history.granted_today
    return Gate(to_practise, reached, tomorrow if reached else None)
