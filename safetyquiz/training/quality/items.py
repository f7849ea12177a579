"""A module's bank as plain values, for the item-quality measures, the surface-cue readers
and the blind panels."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from safetyquiz.content.rules import CASE_FACT, CERTIFYING, RULE, normalise
from safetyquiz.training.drawing import BankQuestion, FormRules


@dataclass(frozen=True)
class ChoiceItem:
    key: str
    text: str
    is_correct: bool = False
    position: int | None = None  # ordering: the right position, from 1
    feedback: str = ""

    @cached_property
    def length(self) -> int:
        """Characters as a learner sees them: runs of whitespace count once."""
        return len(normalise(self.text))

    @cached_property
    def is_true(self) -> bool:
        """The "True" choice of a true/false question."""
        return self.key.lower() == "true" or normalise(self.text).lower() == "true"


@dataclass(frozen=True)
class Item:
    """One question of the bank."""

    id: int
    slug: str
    kind: str
    prompt: str
    choices: tuple[ChoiceItem, ...]
    purpose: str = RULE
    critical: bool = False
    slot: int | None = None  # None: a slot of its own
    points: int = 1
    partial_credit: bool = False
    role: str = ""  # a decision's: whose seat the learner is in
    explanation: str = ""
    pool: str = CERTIFYING


@dataclass(frozen=True)
class Bank:
    """A module's questions and the rules its certifying forms are drawn by."""

    slug: str
    items: tuple[Item, ...]
    title: str = ""
    id: int | None = None  # the module's, when read from the database
    pass_mark: int = 80
    per_slot: int = 1
    form_slots: int | None = None
    max_case_facts: int | None = 1
    briefing: str = ""

    @property
    def certifying(self) -> Bank:
        """The bank's certifying pool: what forms are drawn from."""
        return replace(self, items=tuple(i for i in self.items if i.pool == CERTIFYING))

    def slot_of(self, item: Item) -> int:
        # Question ids are positive, so a slot of its own never meets a real slot's id.
        return item.slot if item.slot is not None else -item.id

    @property
    def rules(self) -> FormRules:
        return FormRules(
            per_slot=self.per_slot, form_slots=self.form_slots, max_case_facts=self.max_case_facts
        )

    def drawable(self) -> list[BankQuestion]:
        return [
            BankQuestion(
                id=item.id,
                slot=self.slot_of(item),
                critical=item.critical,
                case_fact=item.purpose == CASE_FACT,
            )
            for item in self.items
        ]


def slots_of(bank: Bank) -> dict[int, list[Item]]:
    """The bank's questions by slot, in the bank's order."""
    slots: dict[int, list[Item]] = {}
    for item in bank.items:
        slots.setdefault(bank.slot_of(item), []).append(item)
    return slots
