"""Scoring: pure functions of a question's answer key and a learner's response.

No ORM here; the services build a ``Key`` from the answer snapshot and store what
these return, and the tests exercise every rule without a database.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from safetyquiz.choices import gettext_noop
from safetyquiz.content.rules import MULTIPLE, ONE_RIGHT_KINDS, ORDERING, TRUE_FALSE
from safetyquiz.parsing import strict_int

ONE_PICK = ONE_RIGHT_KINDS
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Key:
    """What a question's answer key says, whatever its kind."""

    kind: str
    points: Decimal
    correct: frozenset[str] = frozenset()  # choice keys that are right (choice kinds)
    positions: Mapping[str, int] = field(default_factory=dict)  # key -> right position (ordering)
    critical: bool = False
    partial_credit: bool = False


# A response: the set of choice keys picked, or for ordering, key -> position given.
Response = frozenset[str] | Mapping[str, int]


@dataclass(frozen=True)
class Outcome:
    points: Decimal
    max_points: Decimal
    correct: bool  # full marks
    critical_miss: bool


def _quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def credit(key: Key, response: Response) -> Decimal:
    """The share of the question's points earned, from 0 to 1."""
    if key.kind == ORDERING:
        given = response if isinstance(response, Mapping) else {}
        total = len(key.positions)
        placed = sum(1 for k, pos in key.positions.items() if given.get(k) == pos)
        if placed == total:
            return Decimal(1)
        return Decimal(placed) / Decimal(total) if key.partial_credit and total else Decimal(0)
    picked = frozenset(response) if not isinstance(response, Mapping) else frozenset()
    if picked == key.correct:
        return Decimal(1)
    if key.kind == MULTIPLE and key.partial_credit and key.correct:
        net = len(picked & key.correct) - len(picked - key.correct)
        return max(Decimal(0), Decimal(net) / Decimal(len(key.correct)))
    return Decimal(0)


def score(key: Key, response: Response) -> Outcome:
    share = credit(key, response)
    correct = share == 1
    return Outcome(
        points=_quantize(key.points * share),
        max_points=_quantize(key.points),
        correct=correct,
        critical_miss=key.critical and not correct,
    )


@dataclass(frozen=True)
class Result:
    points: Decimal
    max_points: Decimal
    percentage: Decimal
    critical_misses: int
    passed: bool


def result(outcomes: Iterable[Outcome], pass_mark: int) -> Result:
    """Percentage = points / maximum; passed = at or above the mark and no critical miss."""
    outcomes = list(outcomes)
    points = sum((o.points for o in outcomes), Decimal(0))
    max_points = sum((o.max_points for o in outcomes), Decimal(0))
    percentage = _quantize(points * 100 / max_points) if max_points else Decimal(0)
    misses = sum(1 for o in outcomes if o.critical_miss)
    return Result(
        points=_quantize(points),
        max_points=_quantize(max_points),
        percentage=percentage,
        critical_misses=misses,
        passed=bool(max_points) and percentage >= pass_mark and misses == 0,
    )


def display_order(
    kind: str, keys: Sequence[str], seed: str, positions: Mapping[str, int] | None = None
) -> list[str]:
    """The order a question's choices are shown in: shuffled per attempt and stable within it.

    True/false keeps true before false. An ordering question is never shown already
    in its right order, which would give the answer away.
    """
    ordered = sorted(keys)
    if kind == TRUE_FALSE:
        return sorted(ordered, key=lambda k: (k != "true", k))
    shuffled = ordered[:]
    random.Random(seed).shuffle(shuffled)
    right = sorted(positions.values()) if positions else []
    in_right_order = bool(right) and [positions.get(k) for k in shuffled] == right  # type: ignore[union-attr]
    if kind == ORDERING and len(shuffled) > 1 and in_right_order:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


class ResponseError(ValueError):
    """A response that cannot be an answer to the question as shown: its message in English,
    and through ``said`` in the page's language (the messages are marked for translation)."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.message, self.params = message, params

    def said(self, translate: Callable[[str], str]) -> str:
        text = translate(self.message)
        return text % self.params if self.params else text


MAX_CHOICE = 999


def read_response(kind: str, shown: Sequence[str], values: Sequence[str]) -> Response:
    """Turn the posted values into a response, or raise ``ResponseError`` saying why not.

    ``shown`` is the choice keys in display order. For choice kinds the form posts the
    display numbers of the choices picked; for ordering it posts one position per item
    shown, in display order. Nothing posted is trusted beyond that.
    """
    numbers = []
    for value in values:
        number = strict_int(value, limit=MAX_CHOICE)
        if number is None:
            raise ResponseError(gettext_noop("That answer is not one of the options shown."))
        numbers.append(number)
    if kind == ORDERING:
        if len(numbers) != len(shown):
            raise ResponseError(gettext_noop("Give every step a place."))
        if sorted(numbers) != list(range(1, len(shown) + 1)):
            raise ResponseError(
                gettext_noop("Use each place from 1 to %(last)d exactly once."), last=len(shown)
            )
        return dict(zip(shown, numbers, strict=True))
    if len(set(numbers)) != len(numbers):
        raise ResponseError(gettext_noop("Each option can be picked only once."))
    if any(n < 0 or n >= len(shown) for n in numbers):
        raise ResponseError(gettext_noop("That answer is not one of the options shown."))
    if not numbers:
        one, many = gettext_noop("Pick an answer."), gettext_noop("Pick at least one answer.")
        raise ResponseError(one if kind in ONE_PICK else many)
    if kind in ONE_PICK and len(numbers) != 1:
        raise ResponseError(gettext_noop("Pick one answer."))
    return frozenset(shown[n] for n in numbers)
