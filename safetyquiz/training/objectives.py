"""A certifying result by objective: which objectives of the form were met. Pure, no ORM.

An objective (a slot) is met when every question of it on the form was answered right. The
result shows this, and for an objective missed its teaching point, never the key of the
question drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from safetyquiz.choices import gettext_noop, translated


@dataclass(frozen=True)
class Answered:
    """What the result reads of one answer: its question's objective, as the form showed it."""

    slot: str  # the slot's slug; "" for a question with no slot
    objective: str
    correct: bool
    critical: bool = False


@dataclass(frozen=True)
class Objective:
    slot: str
    objective: str
    met: bool
    critical: bool


def objectives_of(answers: Iterable[Answered]) -> list[Objective]:
    """The form's objectives in the order first asked; a question with no slot stands as an
    objective of its own."""
    found: dict[str, Objective] = {}
    for number, a in enumerate(answers, start=1):
        key = a.slot or f"question {number}"
        seen = found.get(key)
        found[key] = Objective(
            slot=a.slot,
            objective=a.objective
            or translated(gettext_noop("Question %(number)d")) % {"number": number},
            met=a.correct and (seen is None or seen.met),
            critical=a.critical or (seen is not None and seen.critical),
        )
    return list(found.values())


def missed(objectives: Iterable[Objective]) -> list[str]:
    """The slugs of the objectives not met (those with a slot: the ones that can be practised)."""
    return [o.slot for o in objectives if not o.met and o.slot]
