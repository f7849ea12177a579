"""Readers' answers scored and turned into a pass chance: pure, no database."""

from collections import Counter
from decimal import Decimal
from fractions import Fraction
from itertools import permutations
from typing import Any

from safetyquiz.training import scoring
from safetyquiz.training.quality import Bank, ChoiceItem, Item
from safetyquiz.training.quality.readers import (
    at_random,
    derangements,
    key_of,
    random_order,
    score_reader,
    spread,
)


def item(pk: int, kind: str, choices: tuple[ChoiceItem, ...], **kw: Any) -> Item:
    return Item(id=pk, slug=f"q{pk}", kind=kind, prompt="?", choices=choices, **kw)


def single(pk: int, slot: int, right: str = "a", **kw: Any) -> Item:
    choices = tuple(ChoiceItem(k, f"Choice {k}", k == right) for k in "abcd")
    return item(pk, "single", choices, slot=slot, **kw)


def ordering(pk: int, steps: int, partial: bool) -> Item:
    choices = tuple(ChoiceItem(f"s{n}", f"Step {n}", position=n + 1) for n in range(steps))
    return item(pk, "ordering", choices, partial_credit=partial)


def test_derangements_are_the_known_numbers() -> None:
    assert [derangements(n) for n in range(8)] == [1, 0, 1, 2, 9, 44, 265, 1854]


def test_a_random_order_scores_as_every_order_would() -> None:
    question = ordering(1, 5, partial=True)
    every: Counter[scoring.Outcome] = Counter()
    keys = [c.key for c in question.choices]
    for places in permutations(range(1, 6)):
        every[scoring.score(key_of(question), dict(zip(keys, places, strict=True)))] += 1
    exact = {outcome: chance for chance, outcome in spread(question, random_order(question))}
    assert exact == {outcome: Fraction(n, 120) for outcome, n in every.items()}


def test_at_random_picks_any_choice_or_any_non_empty_set_of_boxes() -> None:
    boxes = tuple(ChoiceItem(k, k, k in "ab") for k in "abcd")
    guesses = at_random(item(1, "multiple", boxes))
    assert len(guesses) == 15 and sum(p for p, _ in guesses) == 1
    assert {frozenset("ab")} <= {r for _, r in guesses}  # type: ignore[misc]
    assert at_random(single(2, 1)) == [(Fraction(1, 4), frozenset(k)) for k in "abcd"]


def test_a_reader_is_scored_item_by_item_and_over_every_form() -> None:
    # Three slots of two questions; the reader gets slot 1 right, one of slot 2, none of 3.
    pool = Bank(
        "m",
        tuple(single(slot * 10 + n, slot) for slot in (1, 2, 3) for n in range(2)),
        pass_mark=67,
    )
    picks = {10: "a", 11: "a", 20: "a", 21: "b", 30: "c", 31: "d"}
    score = score_reader(pool, {pk: [(Fraction(1), frozenset(k))] for pk, k in picks.items()})
    assert (score.items, score.right, score.all_right) == (6, 3, False)
    assert score.pass_chance == Fraction(0)  # 2 of 3 at best: 66.67 %
    pool = Bank(pool.slug, pool.items, pass_mark=66)
    score = score_reader(pool, {pk: [(Fraction(1), frozenset(k))] for pk, k in picks.items()})
    assert score.pass_chance == Fraction(1, 2)  # 2 of 3 when slot 2 draws its right one


def test_a_critical_miss_fails_the_reader_whatever_else() -> None:
    pool = Bank("m", (single(1, 1, critical=True), single(2, 2), single(3, 3)), pass_mark=50)
    answers = {1: [(Fraction(1), frozenset("b"))], 2: [(Fraction(1), frozenset("a"))]}
    answers[3] = [(Fraction(1), frozenset("a"))]
    assert score_reader(pool, answers).pass_chance == 0
    answers[1] = [(Fraction(1, 2), frozenset("a")), (Fraction(1, 2), frozenset("c"))]
    assert score_reader(pool, answers).pass_chance == Fraction(1, 2)


def test_points_and_partial_credit_are_the_quizs_own() -> None:
    boxes = tuple(ChoiceItem(k, k, k in "ab") for k in "abcd")
    question = item(1, "multiple", boxes, points=2, partial_credit=True)
    (only,) = spread(question, [(Fraction(1), frozenset("a"))])
    assert only == (Fraction(1), scoring.Outcome(Decimal("1.00"), Decimal("2.00"), False, False))
