"""The no-knowledge guesser against banks whose pass chance can be worked out exactly."""

from fractions import Fraction
from itertools import count, product
from math import comb, sqrt
from typing import Any

import pytest

from safetyquiz.training.quality import Bank, ChoiceItem, Item
from safetyquiz.training.quality.guesser import (
    ALWAYS_FALSE,
    ALWAYS_TRUE,
    LONGEST,
    RANDOM,
    Guessing,
    guess_passes,
)

ids = count(1)


def single(right: str, *wrong: str, **kw: Any) -> Item:
    pk = next(ids)
    choices = (ChoiceItem("a", right, True),) + tuple(
        ChoiceItem(f"w{n}", text) for n, text in enumerate(wrong)
    )
    return Item(
        id=pk, slug=f"q{pk}", kind=kw.pop("kind", "single"), prompt="?", choices=choices, **kw
    )


def true_false(keyed_true: bool, **kw: Any) -> Item:
    pk = next(ids)
    choices = (ChoiceItem("true", "True", keyed_true), ChoiceItem("false", "False", not keyed_true))
    return Item(id=pk, slug=f"q{pk}", kind="true_false", prompt="?", choices=choices, **kw)


def multiple(boxes: list[tuple[str, bool]], **kw: Any) -> Item:
    pk = next(ids)
    choices = tuple(ChoiceItem(f"k{n}", text, right) for n, (text, right) in enumerate(boxes))
    return Item(id=pk, slug=f"q{pk}", kind="multiple", prompt="?", choices=choices, **kw)


def ordering(steps: int, **kw: Any) -> Item:
    pk = next(ids)
    choices = tuple(ChoiceItem(f"s{n}", f"Step {n}", position=n + 1) for n in range(steps))
    return Item(id=pk, slug=f"q{pk}", kind="ordering", prompt="?", choices=choices, **kw)


def chance(guessing: Guessing, strategy: str) -> float:
    return next(r.probability for r in guessing.results if r.strategy.name == strategy)


def at_least(k: int, chances: list[Fraction]) -> Fraction:
    """The exact chance that at least ``k`` of independent events with these chances happen."""
    total = Fraction(0)
    for outcome in product([True, False], repeat=len(chances)):
        if sum(outcome) >= k:
            p = Fraction(1)
            for happened, c in zip(outcome, chances, strict=True):
                p *= c if happened else 1 - c
            total += p
    return total


def close(estimate: float, exact: float, forms: int) -> bool:
    """Within four standard errors of a proportion estimated from ``forms`` draws."""
    return abs(estimate - exact) <= 4 * sqrt(exact * (1 - exact) / forms) + 1e-9


def test_longest_choice_over_drawn_forms_matches_the_binomial() -> None:
    # Four slots; in each, one question is keyed on its longest choice and one is not, so
    # the form drawn gives the longest-choice guesser each slot right with chance 1/2.
    items = []
    for slot in range(1, 5):
        items.append(single("Stop and call the armorer", "Go on", "Wait", slot=slot))
        items.append(single("Stop", "Carry on with the take", "Ask the actor", slot=slot))
    bank = Bank("m", tuple(items), pass_mark=75)  # three of four
    forms = 4000
    guessing = guess_passes(bank, forms=forms, seed=3)
    exact = (comb(4, 3) + comb(4, 4)) / 16
    assert close(chance(guessing, LONGEST), exact, forms)
    assert guessing.forms == forms


def test_random_choices_on_a_fixed_form_match_the_exact_chance() -> None:
    items = (
        true_false(True),  # 1/2
        single("Stop", "Go", "Wait"),  # 1/3
        single("Stop", "Go", "Wait", "Run", kind="decision"),  # 1/4
        multiple([("A", True), ("B", True), ("C", False)]),  # one of 7 non-empty sets
        ordering(3),  # one of 6 orders
    )
    bank = Bank("m", items, pass_mark=60)  # three of five
    forms = 6000
    exact = at_least(
        3, [Fraction(1, 2), Fraction(1, 3), Fraction(1, 4), Fraction(1, 7), Fraction(1, 6)]
    )
    guessing = guess_passes(bank, forms=forms, seed=5)
    assert close(chance(guessing, RANDOM), float(exact), forms)


def test_equal_lengths_leave_the_longest_choice_guesser_to_the_order_shown() -> None:
    bank = Bank("m", (single("Stop", "Halt"),), pass_mark=100)  # a tie: "Stop" and "Halt"
    forms = 2000
    assert close(chance(guess_passes(bank, forms=forms), LONGEST), 0.5, forms)


def test_a_critical_miss_fails_whatever_the_score() -> None:
    items = (
        *(single("Stop and call the armorer", "Go", "Wait") for _ in range(4)),
        single("Stop", "Carry on with the take", "Ask", critical=True),
    )
    guessing = guess_passes(Bank("m", items, pass_mark=50), forms=50)
    assert chance(guessing, LONGEST) == 0  # 80 % of the points, but the critical one is missed
    without = guess_passes(
        Bank("m", items[:4] + (single("Stop", "Carry on", "Ask"),), pass_mark=50)
    )
    assert chance(without, LONGEST) == 1


def test_always_true_and_always_false() -> None:
    bank = Bank("m", tuple(true_false(True) for _ in range(5)), pass_mark=80)
    guessing = guess_passes(bank, forms=50)
    assert chance(guessing, ALWAYS_TRUE) == 1
    assert chance(guessing, ALWAYS_FALSE) == 0
    assert chance(guessing, LONGEST) == 0  # "False" is longer than "True"
    assert guessing.worst is not None and guessing.worst.strategy.name == ALWAYS_TRUE


def test_the_k_longest_boxes_are_tried_and_the_best_k_reported() -> None:
    question = multiple(
        [("The armorer", True), ("The first AD", True), ("Me", False), ("Cook", False)]
    )
    guessing = guess_passes(Bank("m", (question,), pass_mark=100), forms=50)
    best = next(r for r in guessing.results if r.strategy.name == LONGEST)
    assert (best.strategy.boxes, best.probability) == (2, 1)
    assert best.label == "always the longest choice; the 2 longest boxes"


def test_partial_credit_is_scored_by_the_real_scoring() -> None:
    question = multiple(
        [("The armorer on set", True), ("The first AD", True), ("Me", False)],
        partial_credit=True,
    )
    # One longest box: half the right boxes, half the points, which passes at 50 %.
    half = guess_passes(Bank("m", (question,), pass_mark=50), forms=20)
    assert chance(half, LONGEST) == 1
    more = guess_passes(Bank("m", (question,), pass_mark=51), forms=20)
    assert next(r for r in more.results if r.strategy.name == LONGEST).strategy.boxes == 2


def test_the_estimate_is_seeded() -> None:
    bank = Bank("m", (single("Stop", "Go", "Halt"), true_false(False), ordering(3)), pass_mark=60)
    assert guess_passes(bank, forms=300, seed=1) == guess_passes(bank, forms=300, seed=1)


def test_an_empty_bank_has_no_estimate() -> None:
    guessing = guess_passes(Bank("m", ()), forms=10)
    assert guessing.results == () and guessing.worst is None


@pytest.mark.parametrize("cap", [0, 1])
def test_forms_keep_the_case_fact_cap(cap: int) -> None:
    # A case-fact question keyed on the longest choice and a rule question that is not,
    # in one slot: with a cap of 0 the form always asks the rule question.
    items = (
        single("Stop and call the armorer", "Go", "Wait", purpose="case-fact", slot=1),
        single("Stop", "Carry on with the take", "Ask", purpose="rule", slot=1),
    )
    guessing = guess_passes(Bank("m", items, pass_mark=100, max_case_facts=cap), forms=2000)
    if cap == 0:
        assert chance(guessing, LONGEST) == 0
    else:
        assert close(chance(guessing, LONGEST), 0.5, 2000)
