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

from .items import Bank, ChoiceItem, Item

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


RANDOM_PLAY = Strategy(RANDOM)


def strategies(bank: Bank) -> list[Strategy]:
    widest = max((len(i.choices) for i in bank.items if i.kind == MULTIPLE), default=0)
    boxes: list[int | None] = list(range(1, widest + 1)) or [None]
    named = [Strategy(n, k) for n in (LONGEST, ALWAYS_TRUE, ALWAYS_FALSE) for k in boxes]
    return [*named, RANDOM_PLAY]


class _Marker:
    """Scores each (question, response) once, and each set of outcomes once. A mark stands
    for an outcome: two responses that score alike share it."""

    def __init__(self, bank: Bank) -> None:
        self.pass_mark = bank.pass_mark
        self.keys = {item.id: key_of(item) for item in bank.items}
        self.index: dict[tuple[int, Hashable], int] = {}
        self.marks: dict[scoring.Outcome, int] = {}
        self.outcomes: list[scoring.Outcome] = []
        self.passed: dict[tuple[int, ...], bool] = {}

    def mark(self, item: Item, response: Response) -> int:
        hashable = response if isinstance(response, frozenset) else tuple(sorted(response.items()))
        at = self.index.get((item.id, hashable))
        if at is None:
            outcome = scoring.score(self.keys[item.id], response)
            if outcome not in self.marks:
                self.marks[outcome] = len(self.outcomes)
                self.outcomes.append(outcome)
            at = self.index[(item.id, hashable)] = self.marks[outcome]
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
    heads = [members[0] for members in groups.values() if members[0].name != RANDOM]
    passes = dict.fromkeys([*heads, RANDOM_PLAY], 0)
    ruled: dict[tuple[int, Hashable, tuple[str, ...]], int] = {}

    def by_rule(item: Item, head: Strategy, shown: Sequence[ChoiceItem]) -> int:
        # Depends only on the question, the strategy's facet and, on a tie, the order shown.
        at = (item.id, _facet(head, item), tuple(c.key for c in shown) if item.id in tied else ())
        if at not in ruled:
            ruled[at] = marker.mark(item, guess(item, head, shown, guess_rng))
        return ruled[at]

    # Forms that ask the same questions, show tied choices in the same order and give the
    # ordering questions' random orders the same outcome pass or fail alike under each rule.
    verdicts: dict[Hashable, list[bool]] = {}
    for number in range(forms):
        form = [items[pk] for pk in draw_form(drawable, rules, draw_rng)]
        attempt_seed = f"guesser-{seed}-{number}"
        shown = {i.id: _shown(i, attempt_seed) if i.id in tied else i.choices for i in form}
        ordered = {
            i.id: marker.mark(i, guess(i, RANDOM_PLAY, shown[i.id], guess_rng))
            for i in form
            if i.kind == ORDERING
        }
        state = (
            tuple(i.id for i in form),
            tuple(tuple(c.key for c in shown[i.id]) for i in form if i.id in tied),
            tuple(ordered.values()),
        )
        if state not in verdicts:
            verdicts[state] = [
                marker.passes(
                    tuple(
                        ordered[i.id] if i.id in ordered else by_rule(i, head, shown[i.id])
                        for i in form
                    )
                )
                for head in heads
            ]
        for head, passed in zip(heads, verdicts[state], strict=True):
            passes[head] += passed
        chosen = (marker.mark(i, guess(i, RANDOM_PLAY, shown[i.id], guess_rng)) for i in form)
        passes[RANDOM_PLAY] += marker.passes(tuple(chosen))
    counted = {
        plan: passes[RANDOM_PLAY if plan.name == RANDOM else members[0]]
        for members in groups.values()
        for plan in members
    }
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
