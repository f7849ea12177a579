"""Scoring rules, without the database."""

from decimal import Decimal as D

import pytest

from safetyquiz.training import scoring
from safetyquiz.training.scoring import Key, Outcome, ResponseError

SINGLE = Key(kind="single", points=D(2), correct=frozenset({"b"}))
MULTI = Key(kind="multiple", points=D(3), correct=frozenset({"a", "b", "c"}))
MULTI_PARTIAL = Key(
    kind="multiple", points=D(3), correct=frozenset({"a", "b", "c"}), partial_credit=True
)
ORDER = Key(kind="ordering", points=D(4), positions={"a": 1, "b": 2, "c": 3, "d": 4})
ORDER_PARTIAL = Key(kind="ordering", points=D(4), positions=ORDER.positions, partial_credit=True)


@pytest.mark.parametrize("kind", ["single", "true_false", "decision"])
def test_one_pick_kinds_score_full_points_or_none(kind: str) -> None:
    key = Key(kind=kind, points=D(2), correct=frozenset({"b"}))
    assert scoring.score(key, frozenset({"b"})) == Outcome(D(2), D(2), True, False)
    assert scoring.score(key, frozenset({"a"})) == Outcome(D(0), D(2), False, False)


def test_multiple_select_is_all_or_nothing_by_default() -> None:
    assert scoring.score(MULTI, frozenset("abc")).points == D(3)
    assert scoring.score(MULTI, frozenset("ab")).points == D(0)
    assert scoring.score(MULTI, frozenset("abcd")).points == D(0)


@pytest.mark.parametrize(
    ("picked", "points"),
    [
        ("abc", "3.00"),
        ("ab", "2.00"),
        ("a", "1.00"),
        ("abd", "1.00"),
        ("ad", "0.00"),
        ("de", "0.00"),
    ],
)
def test_multiple_select_partial_credit_is_right_minus_wrong_over_right(
    picked: str, points: str
) -> None:
    assert scoring.score(MULTI_PARTIAL, frozenset(picked)).points == D(points)


def test_partial_credit_short_of_full_marks_is_not_correct() -> None:
    outcome = scoring.score(MULTI_PARTIAL, frozenset("ab"))
    assert outcome.points == D(2) and not outcome.correct


def test_ordering_is_all_or_nothing_by_default() -> None:
    assert scoring.score(ORDER, {"a": 1, "b": 2, "c": 3, "d": 4}).points == D(4)
    assert scoring.score(ORDER, {"a": 1, "b": 2, "c": 4, "d": 3}).points == D(0)


def test_ordering_partial_credit_is_the_share_in_the_right_place() -> None:
    assert scoring.score(ORDER_PARTIAL, {"a": 1, "b": 2, "c": 4, "d": 3}).points == D(2)
    assert scoring.score(ORDER_PARTIAL, {"a": 2, "b": 1, "c": 4, "d": 3}).points == D(0)


def test_thirds_round_to_cents() -> None:
    key = Key(kind="ordering", points=D(1), positions={"a": 1, "b": 2, "c": 3}, partial_credit=True)
    assert scoring.score(key, {"a": 1, "b": 3, "c": 2}).points == D("0.33")


def test_a_wrong_answer_to_a_critical_question_is_a_critical_miss() -> None:
    key = Key(kind="single", points=D(1), correct=frozenset({"a"}), critical=True)
    assert scoring.score(key, frozenset({"b"})).critical_miss
    assert not scoring.score(key, frozenset({"a"})).critical_miss


def test_result_passes_at_the_mark_exactly() -> None:
    outcomes = [Outcome(D(1), D(1), True, False)] * 4 + [Outcome(D(0), D(1), False, False)]
    result = scoring.result(outcomes, pass_mark=80)
    assert (result.percentage, result.passed) == (D("80.00"), True)
    assert not scoring.result(outcomes, pass_mark=81).passed


def test_a_critical_miss_fails_whatever_the_percentage() -> None:
    outcomes = [Outcome(D(1), D(1), True, False)] * 9 + [Outcome(D(0), D(1), False, True)]
    result = scoring.result(outcomes, pass_mark=80)
    assert result.percentage == D("90.00")
    assert result.critical_misses == 1
    assert not result.passed


def test_percentage_is_points_over_maximum_points() -> None:
    outcomes = [Outcome(D(2), D(2), True, False), Outcome(D("0.5"), D(2), False, False)]
    result = scoring.result(outcomes, pass_mark=50)
    assert (result.points, result.max_points, result.percentage) == (
        D("2.50"),
        D("4.00"),
        D("62.50"),
    )


def test_an_empty_result_does_not_pass() -> None:
    assert not scoring.result([], pass_mark=80).passed


def test_display_order_is_stable_for_a_seed_and_varies_between_seeds() -> None:
    keys = list("abcdef")
    first = scoring.display_order("single", keys, "attempt-1:7")
    assert first == scoring.display_order("single", keys, "attempt-1:7")
    assert sorted(first) == keys
    orders = {tuple(scoring.display_order("single", keys, f"seed-{n}:7")) for n in range(20)}
    assert len(orders) > 1


def test_true_false_is_never_shuffled() -> None:
    for n in range(10):
        assert scoring.display_order("true_false", ["false", "true"], f"s{n}") == ["true", "false"]


def test_an_ordering_question_is_never_shown_in_its_right_order() -> None:
    positions = {"a": 1, "b": 2}
    for n in range(20):
        assert scoring.display_order("ordering", ["a", "b"], f"s{n}", positions) == ["b", "a"]


def test_read_response_maps_display_numbers_to_choice_keys() -> None:
    assert scoring.read_response("multiple", ["c", "a", "b"], ["0", "2"]) == frozenset({"c", "b"})
    assert scoring.read_response("ordering", ["c", "a", "b"], ["3", "1", "2"]) == {
        "c": 3,
        "a": 1,
        "b": 2,
    }


@pytest.mark.parametrize(
    ("kind", "values", "message"),
    [
        ("single", [], "Pick an answer."),
        ("multiple", [], "Pick at least one answer."),
        ("single", ["0", "1"], "Pick one answer."),
        ("single", ["3"], "not one of the options"),
        ("single", ["-1"], "not one of the options"),
        ("single", ["x"], "not one of the options"),
        ("single", ["1" * 50], "not one of the options"),
        ("multiple", ["0", "0"], "only once"),
        ("ordering", ["1", "2"], "Give every step a place."),
        ("ordering", ["1", "1", "2"], "exactly once"),
        ("ordering", ["1", "2", "4"], "exactly once"),
    ],
)
def test_read_response_refuses_what_cannot_be_an_answer(
    kind: str, values: list[str], message: str
) -> None:
    with pytest.raises(ResponseError, match=message):
        scoring.read_response(kind, ["a", "b", "c"], values)
