"""The surface-cue check on hand-made pools whose cues are known: pure, no database."""

from fractions import Fraction
from itertools import count
from math import comb
from typing import Any

import pytest

from safetyquiz.training.quality import Bank, ChoiceItem, Item
from safetyquiz.training.quality.cues import (
    Cue,
    Feature,
    Hits,
    at_least,
    course_cues,
    features,
    hits,
    module_cues,
    pointed,
    problems,
)

ids = count(1)


def question(right: str, *wrong: str, kind: str = "single", **kw: Any) -> Item:
    """A question whose right choice is ``right``, then the ``wrong`` ones."""
    pk = next(ids)
    choices = (ChoiceItem("k", right, True),) + tuple(
        ChoiceItem(f"w{n}", text) for n, text in enumerate(wrong)
    )
    return Item(id=pk, slug=f"q{pk}", kind=kind, prompt="?", choices=choices, **kw)


def true_false(keyed_true: bool, **kw: Any) -> Item:
    pk = next(ids)
    choices = (ChoiceItem("true", "True", keyed_true), ChoiceItem("false", "False", not keyed_true))
    return Item(id=pk, slug=f"q{pk}", kind="true_false", prompt="?", choices=choices, **kw)


def pool(*items: Item, pass_mark: int = 80) -> Bank:
    """One question per slot, so every form asks them all."""
    slotted = [Item(**{**vars(i), "slot": n}) for n, i in enumerate(items, start=1)]
    return Bank("m", tuple(slotted), pass_mark=pass_mark)


def cue(cues: tuple[Cue, ...], name: str) -> Cue:
    return next(c for c in cues if c.feature.name == name)


LENGTHS = ["aa", "bbbb", "cccccc", "dddddddd"]  # shortest to longest


def by_rank(rank_from_shortest: int) -> Item:
    """Four choices of distinct lengths, the key at that rank (1: the shortest)."""
    texts = list(LENGTHS)
    right = texts.pop(rank_from_shortest - 1)
    return question(right, *texts)


def test_a_key_always_second_shortest_is_found_by_that_reader() -> None:
    cues = module_cues(pool(*(by_rank(2) for _ in range(5))))
    found = cue(cues, "longest-3")  # the 3rd longest of four is the 2nd shortest: one reader
    assert found.pass_chance == 1
    assert (found.hits.items, found.hits.hits) == (5, 5)
    assert found.hits.chance_rate == pytest.approx(0.25)
    assert "shortest-2" not in {c.feature.name for c in cues}
    assert cue(cues, "longest-1").pass_chance == 0
    assert problems(found, pass_limit=0.01, margin=0.15, p_limit=0.01, min_items=5) == [
        "a reader who takes always the 3rd longest choice passes 100.0% of first forms "
        "(limit below 1%)",
        "always the 3rd longest choice finds the key in 100% of 5 questions with one right "
        "choice, against 25% by chance (limit 15% over chance)",
    ]


def test_keys_spread_over_every_rank_give_no_length_reader_the_pass() -> None:
    cues = module_cues(pool(*(by_rank(r) for r in (1, 2, 3, 4, 1, 2, 3, 4)), pass_mark=50))
    for c in cues:
        if c.feature.name.startswith(("longest", "shortest")):
            assert c.hits.rate == pytest.approx(0.25)
            # Two of eight right by rank, and the rest... nothing: it never passes 50 %.
            assert c.pass_chance == 0
            assert not problems(c, pass_limit=0.01, margin=0.15, p_limit=0.01, min_items=5)


def test_a_tie_in_length_splits_the_readers_pick() -> None:
    tied = question("same", "same", "longer one", "xx")  # the key ties for 2nd longest
    cues = module_cues(pool(tied, pass_mark=100))
    second = cue(cues, "longest-2")
    assert second.pass_chance == Fraction(1, 2)
    assert second.hits.chance_rate == pytest.approx(0.5)  # it points at two of four
    assert second.hits.hits == 1


def test_absolute_and_action_words_are_features_both_ways() -> None:
    items = [
        question("Never hand it over", "Hand it over now", "Never wait", "Give it back"),
        question("Stop and call the armorer", "Carry on", "Look at it", "Wait for lunch"),
    ]
    absolute = pointed(Feature("absolute"), items[0])
    assert absolute == [(Fraction(1, 2), frozenset(["k"])), (Fraction(1, 2), frozenset(["w1"]))]
    assert pointed(Feature("no-absolute"), items[0]) == [
        (Fraction(1, 2), frozenset(["w0"])),
        (Fraction(1, 2), frozenset(["w2"])),
    ]
    # "Wait" is an action word too: the action reader picks among two.
    assert len(pointed(Feature("action"), items[1]) or []) == 2
    assert hits(Feature("action"), items).items == 2  # the first has "wait" in one choice
    cues = module_cues(pool(*items, pass_mark=100))
    assert cue(cues, "action").pass_chance == 0  # on the first it points at "Never wait"
    assert cue(cues, "absolute").pass_chance == Fraction(1, 2) * Fraction(1, 4)


def test_a_feature_on_every_choice_or_none_says_nothing() -> None:
    every = question("Always stop", "Always go", "Always ask")
    none = question("Stop", "Go", "Ask")
    assert pointed(Feature("absolute"), every) is None
    assert pointed(Feature("absolute"), none) is None
    assert hits(Feature("absolute"), [every, none]).items == 0


def test_true_false_readers_and_the_balance_of_keys() -> None:
    items = [true_false(True), true_false(True), true_false(True), true_false(False)]
    cues = module_cues(pool(*items, pass_mark=75))
    assert cue(cues, "true").pass_chance == 1
    assert cue(cues, "false").pass_chance == 0
    assert cue(cues, "true").hits.rate == pytest.approx(0.75)
    assert cue(cues, "random").pass_chance == Fraction(5, 16)
    # Length and words say nothing on a true/false question.
    assert {c.feature.name for c in cues} == {"true", "false", "random"}


def test_multiple_select_readers_tick_the_longest_or_shortest_boxes() -> None:
    boxes = (
        ChoiceItem("a", "a long box to tick", True),
        ChoiceItem("b", "another long box", True),
        ChoiceItem("c", "short", False),
        ChoiceItem("d", "tiny", False),
    )
    multi = Item(id=next(ids), slug="multi", kind="multiple", prompt="?", choices=boxes)
    assert pointed(Feature("longest-2"), multi) == [(Fraction(1), frozenset("ab"))]
    assert pointed(Feature("shortest-2"), multi) == [(Fraction(1), frozenset("cd"))]
    assert pointed(Feature("longest-4"), multi) is None  # every box: nothing to go on
    cues = module_cues(pool(multi))
    assert cue(cues, "longest-2").pass_chance == 1
    assert cue(cues, "random").pass_chance == Fraction(1, 15)


def test_ordering_questions_get_a_random_order_from_every_reader() -> None:
    steps = tuple(ChoiceItem(f"s{n}", "x" * (n + 1), position=n + 1) for n in range(3))
    order = Item(id=next(ids), slug="order", kind="ordering", prompt="?", choices=steps)
    assert all(pointed(f, order) is None for f in features([order]))
    assert cue(module_cues(pool(order)), "random").pass_chance == Fraction(1, 6)


def test_features_cover_every_rank_of_the_widest_question() -> None:
    names = {f.name for f in features([question("a", "bb", "ccc", "dddd", "eeeee")])}
    assert {f"longest-{k}" for k in range(1, 5)} <= names
    assert {f"shortest-{k}" for k in range(1, 5)} <= names
    assert Feature("longest-1").label == "always the longest choice"
    assert Feature("shortest-2").label == "always the 2nd shortest choice"


def test_at_least_is_the_binomial_tail_when_the_odds_are_equal() -> None:
    odds = [Fraction(1, 4)] * 8
    tail = sum(comb(8, k) * 0.25**k * 0.75 ** (8 - k) for k in range(5, 9))
    assert at_least(5, odds) == pytest.approx(tail)
    assert at_least(0, odds) == pytest.approx(1)


def test_a_small_excess_over_chance_on_few_questions_is_not_a_cue() -> None:
    few = Cue(Feature("action"), Hits(4, 2, Fraction(1), (Fraction(1, 4),) * 4), Fraction(0))
    limits: dict[str, Any] = {"pass_limit": 0.01, "margin": 0.15, "p_limit": 0.01}
    assert problems(few, min_items=5, **limits) == []  # too few questions to judge
    assert problems(few, min_items=4, **limits) == []  # 2 of 4 happens by chance (26 %)
    many = Cue(Feature("action"), Hits(40, 20, Fraction(10), (Fraction(1, 4),) * 40), None)
    assert len(problems(many, min_items=4, **limits)) == 1


def test_the_course_adds_every_pools_questions() -> None:
    first = pool(*(by_rank(2) for _ in range(3)))
    second = pool(*(by_rank(3) for _ in range(3)))
    course = course_cues([first, second])
    found = cue(course, "shortest-2")
    assert (found.hits.items, found.hits.hits, found.pass_chance) == (6, 3, None)
