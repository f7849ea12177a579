"""A reader of a module's certifying pool, scored: how they answer each question, the items
they get right, and the exact chance that they pass a first certifying form.

Pure, no ORM. A reader answers each question with one response (a person of a panel) or
with several, each with its chance (a reader who guesses: at random, or by a surface
feature of the choices). Every response is scored by the quiz's own scoring, and the pass
chance is ``pass_chance`` over every form the draw can make.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from math import comb, factorial

from safetyquiz.content.rules import MULTIPLE, ORDERING

from .. import scoring
from ..pass_chance import Spread, pass_chance
from .items import Bank, Item

# A response with its chance.
Guess = tuple[Fraction, scoring.Response]


def key_of(item: Item) -> scoring.Key:
    return scoring.Key(
        kind=item.kind,
        points=Decimal(item.points),
        correct=frozenset(c.key for c in item.choices if c.is_correct),
        positions={c.key: c.position for c in item.choices if c.position is not None},
        critical=item.critical,
        partial_credit=item.partial_credit,
    )


def spread(item: Item, guesses: Sequence[Guess]) -> Spread:
    """The outcomes of the responses, each scored on the question's key, with their chances."""
    key = key_of(item)
    outcomes: dict[scoring.Outcome, Fraction] = defaultdict(Fraction)
    for chance, response in guesses:
        outcomes[scoring.score(key, response)] += chance
    return [(chance, outcome) for outcome, chance in outcomes.items()]


def at_random(item: Item) -> list[Guess]:
    """Any choice alike; for multiple select any non-empty set of boxes; for ordering any
    order of the steps."""
    keys = [c.key for c in item.choices]
    if not keys:
        return []
    if item.kind == ORDERING:
        return random_order(item)
    if item.kind == MULTIPLE:
        sets = [frozenset(s) for n in range(1, len(keys) + 1) for s in combinations(keys, n)]
        return [(Fraction(1, len(sets)), s) for s in sets]
    return [(Fraction(1, len(keys)), frozenset([k])) for k in keys]


def random_order(item: Item) -> list[Guess]:
    """Every order of the steps alike, as orders with the same number of steps in their
    right place: credit depends on nothing else (rencontres numbers, not n! orders)."""
    steps = sorted(item.choices, key=lambda c: (c.position or 0, c.key))
    n = len(steps)
    guesses: list[Guess] = []
    for placed in range(n + 1):
        ways = comb(n, placed) * derangements(n - placed)
        if ways:
            # The first ``placed`` steps where they belong, each of the others one place on.
            rest = n - placed
            response = {steps[i].key: i + 1 for i in range(placed)}
            response |= {steps[placed + j].key: placed + (j + 1) % rest + 1 for j in range(rest)}
            guesses.append((Fraction(ways, factorial(n)), response))
    return guesses


def derangements(n: int) -> int:
    """Orders of n things with none in its place."""
    a, b = 1, 0  # n = 0, n = 1
    for k in range(2, n + 1):
        a, b = b, (k - 1) * (a + b)
    return a if n == 0 else b


@dataclass(frozen=True)
class Score:
    """A reader's picks scored against a certifying pool."""

    items: int
    right: int
    pass_chance: Fraction

    @property
    def all_right(self) -> bool:
        return self.items > 0 and self.right == self.items

    @property
    def passes(self) -> str:
        """The pass chance as a percentage, for pages and tables."""
        return f"{float(self.pass_chance):.2%}"


def score_reader(pool: Bank, answers: Mapping[int, Sequence[Guess]]) -> Score:
    """``answers``: question id -> the reader's responses with their chances, for every
    question of the pool (``pool.items``: the certifying questions). Items right counts a
    question right when every response to it earns full marks."""
    spreads = {item.id: spread(item, answers[item.id]) for item in pool.items}
    right = sum(
        all(outcome.correct for chance, outcome in spreads[item.id] if chance)
        for item in pool.items
    )
    chance = pass_chance(pool.drawable(), pool.rules, pool.pass_mark, spreads)
    return Score(items=len(pool.items), right=right, pass_chance=chance)
