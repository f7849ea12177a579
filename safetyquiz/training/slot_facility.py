"""Item analysis by slot: is each certifying question as easy as the others drawn for the
same objective?

Pure, no ORM: the callers count the answers in the database. A form asks one question of
each slot, so a question much easier or harder than its siblings makes one learner's form
easier than another's. Facility is the share of answers right; a question's siblings are
the other questions of its slot, their answers taken together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Tally:
    """The answers to one question, from finished certifying attempts."""

    question: int
    slot: int | None  # None: a slot of its own, with no siblings
    answers: int
    right: int


@dataclass(frozen=True)
class SlotFacility:
    question: int
    answers: int
    facility: float | None
    sibling_answers: int
    siblings: float | None  # the facility of the slot's other questions, together
    flagged: bool  # differs from its siblings by more than the margin, on enough answers

    @property
    def gap(self) -> float | None:
        if self.facility is None or self.siblings is None:
            return None
        return self.facility - self.siblings


def slot_facilities(
    tallies: Iterable[Tally], *, margin: float, min_answers: int
) -> dict[int, SlotFacility]:
    """Each question's facility beside its siblings', by question id. A question is flagged
    when it and its siblings have ``min_answers`` answers or more and their facilities
    differ by more than ``margin``."""
    tallies = list(tallies)
    slots: dict[int, tuple[int, int]] = {}  # slot -> answers, right
    for t in tallies:
        if t.slot is not None:
            answers, right = slots.get(t.slot, (0, 0))
            slots[t.slot] = (answers + t.answers, right + t.right)
    found = {}
    for t in tallies:
        others, others_right = 0, 0
        if t.slot is not None:
            answers, right = slots[t.slot]
            others, others_right = answers - t.answers, right - t.right
        facility = t.right / t.answers if t.answers else None
        siblings = others_right / others if others else None
        flagged = (
            facility is not None
            and siblings is not None
            and t.answers >= min_answers
            and others >= min_answers
            and abs(facility - siblings) > margin
        )
        found[t.question] = SlotFacility(t.question, t.answers, facility, others, siblings, flagged)
    return found
