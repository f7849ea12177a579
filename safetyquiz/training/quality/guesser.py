"""The chance that a test-wise guesser who knows nothing passes a module.

Pure and seeded. Forms are drawn as certifying attempts draw them (``drawing.draw_form``),
choices are shown in the order ``scoring.display_order`` gives an attempt, and every
answer goes through the real ``scoring.score`` and pass rules (``scoring.result``:
critical misses fail). The strategies use nothing but the page:

- longest: the longest choice; for multiple select the k longest boxes (each k is tried
  and the best reported); ties go to the choice shown first;
- always True / always False: that answer to every true/false question, longest elsewhere;
- random: any choice, any non-empty set of boxes.

An ordering question always gets a random order: its choices give no length cue.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from safetyquiz.content.rules import MULTIPLE, ORDERING, TRUE_FALSE
from safetyquiz.training import scoring
from safetyquiz.training.drawing import draw_form

from .bank import Bank, ChoiceItem, Item

Response = frozenset[str] | dict[str, int]  # boxes picked, or ordering: key -> place

LONGEST = "longest"
ALWAYS_TRUE = "always-true"
ALWAYS_FALSE = "always-false"
RANDOM = "random"
LABELS = {
    LONGEST: "always the longest choice",
    ALWAYS_TRUE: "always True, else the longest choice",
    ALWAYS_FALSE: "always False, else the longest choice",
    RANDOM: "random choices",
}


@dataclass(frozen=True)
class Strategy:
    name: str
    boxes: int | None = None  # multiple select: how many of the longest boxes to tick

    @property
    def label(self) -> str:
        if self.boxes is None:
            return LABELS[self.name]
        plural = "es" if self.boxes > 1 else ""
        return f"{LABELS[self.name]}; the {self.boxes} longest box{plural}"


@dataclass(frozen=True)
class GuessResult:
    strategy: Strategy
    passes: int
    forms: int

    @property
    def probability(self) -> float:
        return self.passes / self.forms if self.forms else 0.0

    @property
    def label(self) -> str:
        return self.strategy.label


@dataclass(frozen=True)
class Guessing:
    forms: int
    results: tuple[GuessResult, ...]  # one per strategy, each at its best number of boxes

    @property
    def worst(self) -> GuessResult | None:
        """The strategy that passes most often."""
        return max(self.results, key=lambda r: r.probability, default=None)


def guess(
    item: Item, strategy: Strategy, shown: Sequence[ChoiceItem], rng: random.Random
) -> Response:
    """The guesser's response to a question whose choices are ``shown`` in this order."""
    if item.kind == ORDERING:
        places = list(range(1, len(shown) + 1))
        rng.shuffle(places)
        return dict(zip([c.key for c in shown], places, strict=True))
    if not shown:
        return frozenset()
    if strategy.name == RANDOM:
        if item.kind != MULTIPLE:
            return frozenset({rng.choice(shown).key})
        while True:
            picked = frozenset(c.key for c in shown if rng.random() < 0.5)
            if picked:
                return picked
    if item.kind == TRUE_FALSE and strategy.name in (ALWAYS_TRUE, ALWAYS_FALSE):
        wanted = strategy.name == ALWAYS_TRUE
        return frozenset(c.key for c in shown if c.is_true == wanted)
    ranked = sorted(shown, key=lambda c: -c.length)  # stable: ties as shown
    count = min(strategy.boxes or 1, len(ranked)) if item.kind == MULTIPLE else 1
    return frozenset(c.key for c in ranked[:count])


def key_of(item: Item) -> scoring.Key:
    return scoring.Key(
        kind=item.kind,
        points=Decimal(item.points),
        correct=frozenset(c.key for c in item.choices if c.is_correct),
        positions={c.key: c.position for c in item.choices if c.position is not None},
        critical=item.critical,
        partial_credit=item.partial_credit,
    )


def strategies(bank: Bank) -> list[Strategy]:
    widest = max((len(i.choices) for i in bank.items if i.kind == MULTIPLE), default=0)
    boxes: list[int | None] = list(range(1, widest + 1)) or [None]
    named = [Strategy(n, k) for n in (LONGEST, ALWAYS_TRUE, ALWAYS_FALSE) for k in boxes]
    return [*named, Strategy(RANDOM)]


class _Marker:
    """Scores each (question, response) once, and each set of outcomes once."""

    def __init__(self, bank: Bank) -> None:
        self.pass_mark = bank.pass_mark
        self.keys = {item.id: key_of(item) for item in bank.items}
        self.index: dict[tuple[int, Hashable], int] = {}
        self.outcomes: list[scoring.Outcome] = []
        self.passed: dict[tuple[int, ...], bool] = {}

    def mark(self, item: Item, response: Response) -> int:
        hashable = response if isinstance(response, frozenset) else tuple(sorted(response.items()))
        at = self.index.get((item.id, hashable))
        if at is None:
            at = self.index[(item.id, hashable)] = len(self.outcomes)
            self.outcomes.append(scoring.score(self.keys[item.id], response))
        return at

    def passes(self, marks: tuple[int, ...]) -> bool:
        if marks not in self.passed:
            outcomes = [self.outcomes[m] for m in marks]
            self.passed[marks] = scoring.result(outcomes, self.pass_mark).passed
        return self.passed[marks]


def guess_passes(bank: Bank, *, forms: int = 2000, seed: int = 0) -> Guessing:
    """How often each strategy passes, over ``forms`` forms drawn for a first attempt."""
    items = {item.id: item for item in bank.items}
    if not items or forms < 1:
        return Guessing(0, ())
    draw_rng, guess_rng = random.Random(f"draw:{seed}"), random.Random(f"guess:{seed}")
    drawable, rules = bank.drawable(), bank.rules
    tied = {pk for pk, item in items.items() if _has_ties(item)}
    marker = _Marker(bank)
    # Strategies that guess alike on every question of this bank are played once.
    groups: dict[tuple[Hashable, ...], list[Strategy]] = {}
    for plan in strategies(bank):
        groups.setdefault(tuple(_facet(plan, i) for i in bank.items), []).append(plan)
    heads = {
        members[0]: {i.id: _facet(members[0], i) for i in bank.items} for members in groups.values()
    }
    passes = dict.fromkeys(heads, 0)
    # A rule's guess depends on the question and, when lengths tie, on the order shown.
    memo: dict[tuple[int, Hashable, tuple[str, ...]], int] = {}
    for number in range(forms):
        form = [items[pk] for pk in draw_form(drawable, rules, draw_rng)]
        attempt_seed = f"guesser-{seed}-{number}"
        orders = {item.id: _shown(item, attempt_seed) for item in form if item.id in tied}
        marks: dict[tuple[int, Hashable], int] = {}  # this form's, by question and facet
        for head, facets in heads.items():
            for item in form:
                at = (item.id, facets[item.id])
                if at in marks:
                    continue
                shown = orders.get(item.id, item.choices)
                if at[1] in (RANDOM, ORDERING):
                    marks[at] = marker.mark(item, guess(item, head, shown, guess_rng))
                    continue
                order = tuple(c.key for c in shown) if item.id in tied else ()
                if (*at, order) not in memo:
                    memo[(*at, order)] = marker.mark(item, guess(item, head, shown, guess_rng))
                marks[at] = memo[(*at, order)]
            passes[head] += marker.passes(tuple(marks[(i.id, facets[i.id])] for i in form))
    counted = {plan: passes[members[0]] for members in groups.values() for plan in members}
    return Guessing(forms, _best_per_strategy(counted, forms))


def _facet(plan: Strategy, item: Item) -> Hashable:
    """What of a strategy its guess at this question depends on."""
    if plan.name == RANDOM:
        return RANDOM
    if item.kind == ORDERING:
        return ORDERING  # one random order per form, shared by the rule-based strategies
    if item.kind == TRUE_FALSE:
        return plan.name
    return plan.boxes if item.kind == MULTIPLE else LONGEST


def _has_ties(item: Item) -> bool:
    lengths = [c.length for c in item.choices]
    return len(set(lengths)) < len(lengths)


def _shown(item: Item, attempt_seed: str) -> list[ChoiceItem]:
    by_key = {c.key: c for c in item.choices}
    positions = {c.key: c.position for c in item.choices if c.position is not None}
    order = scoring.display_order(item.kind, list(by_key), f"{attempt_seed}:{item.id}", positions)
    return [by_key[key] for key in order]


def _best_per_strategy(passes: dict[Strategy, int], forms: int) -> tuple[GuessResult, ...]:
    best: dict[str, GuessResult] = {}
    for plan, count in passes.items():
        if plan.name not in best or count > best[plan.name].passes:
            best[plan.name] = GuessResult(plan, count, forms)
    return tuple(best.values())
