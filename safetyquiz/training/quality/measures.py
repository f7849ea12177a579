"""The item-quality measures, each a pure function of a bank returning a small result."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from itertools import combinations
from typing import Any

from safetyquiz.content.rules import (
    CASE_FACT,
    DECISION,
    MULTIPLE,
    ORDERING,
    SINGLE,
    TRUE_FALSE,
    normalise,
)

from .items import Bank, Item, slots_of

NEGATION = re.compile(r"\b(?:not|never|no|none|cannot|nobody|nothing)\b|n['\u2019]t\b")
ABOVE = re.compile(r"\b(?:all|none|both|neither)\s+of\s+the\s+(?:above|options|answers)\b")
WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class LengthCue:
    """Single-answer and decision questions: is the right answer the longest choice?"""

    questions: int = 0
    longest_right: tuple[str, ...] = ()  # slugs whose right choice is strictly the longest
    right_total: int = 0
    right_count: int = 0
    wrong_total: int = 0
    wrong_count: int = 0

    @property
    def share(self) -> float | None:
        return len(self.longest_right) / self.questions if self.questions else None

    @property
    def ratio(self) -> float | None:
        if not (self.right_count and self.wrong_count and self.wrong_total):
            return None
        return (self.right_total / self.right_count) / (self.wrong_total / self.wrong_count)

    def __add__(self, other: LengthCue) -> LengthCue:
        return LengthCue(*(a + b for a, b in zip(_values(self), _values(other), strict=True)))


def _values(cue: LengthCue) -> list[Any]:
    return [getattr(cue, f.name) for f in fields(cue)]


def length_cue(items: Iterable[Item]) -> LengthCue:
    cue = LengthCue()
    for item in items:
        if item.kind not in (SINGLE, DECISION) or not item.choices:
            continue
        right = [c.length for c in item.choices if c.is_correct]
        wrong = [c.length for c in item.choices if not c.is_correct]
        longest = bool(right) and (not wrong or max(right) > max(wrong))
        cue += LengthCue(
            1, (item.slug,) if longest else (), sum(right), len(right), sum(wrong), len(wrong)
        )
    return cue


@dataclass(frozen=True)
class TrueFalseBalance:
    questions: int = 0
    keyed_true: int = 0
    negated_false: tuple[str, ...] = ()  # slugs: a negated stem keyed False (a double negative)

    @property
    def share_true(self) -> float | None:
        return self.keyed_true / self.questions if self.questions else None

    def __add__(self, other: TrueFalseBalance) -> TrueFalseBalance:
        return TrueFalseBalance(
            self.questions + other.questions,
            self.keyed_true + other.keyed_true,
            self.negated_false + other.negated_false,
        )


def true_false_balance(items: Iterable[Item]) -> TrueFalseBalance:
    balance = TrueFalseBalance()
    for item in items:
        if item.kind != TRUE_FALSE:
            continue
        keyed_true = any(c.is_correct and c.is_true for c in item.choices)
        negated = not keyed_true and bool(NEGATION.search(item.prompt.lower()))
        balance += TrueFalseBalance(1, int(keyed_true), (item.slug,) if negated else ())
    return balance


@dataclass(frozen=True)
class RightCounts:
    """How many boxes are right in each multiple-select question."""

    counts: tuple[int, ...] = ()

    @property
    def distinct(self) -> int:
        return len(set(self.counts))


def right_counts(items: Iterable[Item]) -> RightCounts:
    return RightCounts(
        tuple(sum(c.is_correct for c in i.choices) for i in items if i.kind == MULTIPLE)
    )


@dataclass(frozen=True)
class AboveChoice:
    slug: str
    text: str


def above_choices(items: Iterable[Item]) -> tuple[AboveChoice, ...]:
    """Choices such as "all of the above" or "none of the above"."""
    return tuple(
        AboveChoice(i.slug, c.text)
        for i in items
        for c in i.choices
        if ABOVE.search(normalise(c.text).lower())
    )


@dataclass(frozen=True)
class Duplicate:
    a: tuple[str, str]  # (module slug, question slug), the smaller of the pair first
    b: tuple[str, str]
    similarity: float


def _signature(item: Item) -> frozenset[str]:
    if item.kind == ORDERING:
        key = [c.text for c in sorted(item.choices, key=lambda c: c.position or 0)]
    else:
        key = [c.text for c in item.choices if c.is_correct]
    return frozenset(WORD.findall(normalise(" ".join([item.prompt, *key])).lower()))


def similarity(a: Item, b: Item) -> float:
    """Token-set Jaccard of the stems with their keys, from 0 (nothing shared) to 1."""
    left, right = _signature(a), _signature(b)
    return len(left & right) / len(left | right) if left | right else 0.0


def near_duplicates(
    banks: Sequence[Bank], threshold: float, *, involving: str | None = None
) -> tuple[Duplicate, ...]:
    """Pairs asked in different modules, or in different slots of one module, whose stem
    and key are at least ``threshold`` alike (the questions of one slot are meant to be
    variants of each other), and a practice question this close to a certifying one of its
    own slot, whose feedback would give that question's key away. ``involving``: only the
    pairs with a question of that module."""
    entries = [
        (b.slug, item.slug, b.slot_of(item), item.pool, _signature(item))
        for b in banks
        for item in b.items
    ]
    found = []
    for (ma, qa, sa, pa, wa), (mb, qb, sb, pb, wb) in combinations(entries, 2):
        if (ma == mb and sa == sb and pa == pb) or (involving and involving not in (ma, mb)):
            continue
        score = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
        if score >= threshold:
            a, b = sorted([(ma, qa), (mb, qb)])
            found.append(Duplicate(a, b, round(score, 2)))
    return tuple(found)


@dataclass(frozen=True)
class CaseFacts:
    questions: int
    case_facts: int
    forced: int  # the most case facts a drawn form may be unable to avoid
    most: int  # the most case facts a drawn form can ask
    form_size: int  # the fewest questions a form asks
    cap: int | None

    @property
    def share(self) -> float | None:
        return self.case_facts / self.questions if self.questions else None

    @property
    def form_share(self) -> float | None:
        return self.most / self.form_size if self.form_size else None

    @property
    def over_cap(self) -> bool:
        return self.cap is not None and self.forced > self.cap


def case_facts(bank: Bank) -> CaseFacts:
    """Case-fact questions in the bank, and on a form as ``drawing.draw_form`` draws it: a
    slot's case facts are swapped for its other questions while the cap is exceeded."""
    per, slots = bank.per_slot, list(slots_of(bank).values())

    def size(qs: list[Item]) -> int:
        return min(per, len(qs))

    def facts(qs: list[Item]) -> int:
        return sum(q.purpose == CASE_FACT for q in qs)

    def forced(qs: list[Item]) -> int:
        return max(0, size(qs) - (len(qs) - facts(qs)))

    critical = [qs for qs in slots if any(q.critical for q in qs)]
    others = [qs for qs in slots if not any(q.critical for q in qs)]
    room = len(others)
    if bank.form_slots is not None and len(slots) > bank.form_slots:
        room = max(0, bank.form_slots - len(critical))

    def total(measure: Any, largest: bool) -> int:
        chosen = sorted((measure(qs) for qs in others), reverse=largest)[:room]
        return sum(measure(qs) for qs in critical) + sum(chosen)

    worst_forced = total(forced, True)
    available = total(lambda qs: min(per, facts(qs)), True)
    most = available if bank.max_case_facts is None else min(bank.max_case_facts, available)
    return CaseFacts(
        questions=len(bank.items),
        case_facts=facts(list(bank.items)),
        forced=worst_forced,
        most=max(worst_forced, most),
        form_size=total(size, False),
        cap=bank.max_case_facts,
    )
