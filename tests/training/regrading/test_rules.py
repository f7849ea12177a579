"""The pure part of regrading: corrected keys matched by choice key, rescoring, results and
certificates, without the database."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest

from safetyquiz.training import scoring
from safetyquiz.training.regrading import rules
from safetyquiz.training.services import key_of


def snapshot(kind: str, choices: Sequence[tuple[str, bool, int | None]], **extra: Any) -> dict:
    """A snapshot as shown: choices (key, right, position) in display order."""
    return {
        "kind": kind,
        "points": 1,
        "critical": False,
        "partial_credit": False,
        "choices": [
            {"key": k, "text": k.upper(), "is_correct": r, "position": p, "feedback": ""}
            for k, r, p in choices
        ],
        **extra,
    }


def current(kind: str, choices: Sequence[tuple[str, bool, int | None]], **extra: Any) -> dict:
    shown = snapshot(kind, choices, **extra)
    return {
        **shown,
        "choices": [{k: c[k] for k in ("key", "is_correct", "position")} for c in shown["choices"]],
    }


WRONG = scoring.Outcome(Decimal("0.00"), Decimal("1.00"), False, False)
RIGHT = scoring.Outcome(Decimal("1.00"), Decimal("1.00"), True, False)
SHOWN_SINGLE = [("c", False, None), ("a", False, None), ("b", True, None)]


def test_a_corrected_single_key_follows_the_choice_keys_in_the_order_shown() -> None:
    fix = rules.correction(
        snapshot("single", SHOWN_SINGLE),
        current("single", [("a", True, None), ("b", False, None), ("c", False, None)]),
    )
    assert fix.key is not None
    assert [(c["key"], c["is_correct"]) for c in fix.key["choices"]] == [
        ("c", False),
        ("a", True),
        ("b", False),
    ]
    assert fix.missing == () and fix.notes == ()


def test_a_picked_choice_gone_from_a_key_that_did_not_change_is_reported_only() -> None:
    shown = snapshot("single", SHOWN_SINGLE)
    now = current("single", [("a", False, None), ("b", True, None)])
    report = rules.regrade_answer(shown, ["c"], recorded=WRONG, used_key=None, current=now)
    assert isinstance(report, rules.Correction)
    assert report.notes == ("picked choice c, which no longer exists: counted as wrong",)
    assert rules.regrade_answer(shown, ["a"], recorded=WRONG, used_key=None, current=now) is None


def test_an_answer_wrong_on_the_old_key_is_right_on_the_corrected_one() -> None:
    change = rules.regrade_answer(
        snapshot("single", SHOWN_SINGLE),
        ["a"],
        recorded=WRONG,
        used_key=None,
        current=current("single", [("a", True, None), ("b", False, None), ("c", False, None)]),
    )
    assert isinstance(change, rules.AnswerRegrade)
    assert change.before == WRONG and change.after == RIGHT
    assert change.outcome_changed


def test_an_unchanged_key_needs_no_regrade() -> None:
    shown = snapshot("single", SHOWN_SINGLE)
    now = current("single", sorted(SHOWN_SINGLE))
    assert rules.regrade_answer(shown, ["b"], recorded=RIGHT, used_key=None, current=now) is None


def test_an_answer_already_regraded_on_the_same_key_is_left_alone() -> None:
    shown = snapshot("single", SHOWN_SINGLE)
    now = current("single", [("a", True, None), ("b", False, None), ("c", False, None)])
    first = rules.regrade_answer(shown, ["a"], recorded=WRONG, used_key=None, current=now)
    assert isinstance(first, rules.AnswerRegrade)
    again = rules.regrade_answer(
        shown, ["a"], recorded=first.after, used_key=first.key, current=now
    )
    assert again is None


def test_a_key_change_that_does_not_move_the_score_is_still_recorded() -> None:
    change = rules.regrade_answer(
        snapshot("single", SHOWN_SINGLE),
        ["c"],
        recorded=WRONG,
        used_key=None,
        current=current("single", [("a", True, None), ("b", False, None), ("c", False, None)]),
    )
    assert isinstance(change, rules.AnswerRegrade)
    assert not change.outcome_changed


def test_a_picked_choice_that_no_longer_exists_counts_as_wrong_and_is_noted() -> None:
    change = rules.regrade_answer(
        snapshot("single", SHOWN_SINGLE),
        ["b"],
        recorded=RIGHT,
        used_key=None,
        current=current("single", [("a", True, None), ("c", False, None)]),
    )
    assert isinstance(change, rules.AnswerRegrade)
    assert change.after == WRONG
    assert change.notes == ("picked choice b, which no longer exists: counted as wrong",)


def test_a_right_choice_the_learner_never_saw_leaves_the_answer_as_it_was() -> None:
    change = rules.regrade_answer(
        snapshot("single", SHOWN_SINGLE),
        ["b"],
        recorded=RIGHT,
        used_key=None,
        current=current("single", [*SHOWN_SINGLE[:2], ("b", False, None), ("d", True, None)]),
    )
    assert isinstance(change, rules.Correction)
    assert change.key is None
    assert "right choice d was not shown to this learner" in change.notes
    assert any("left as it was" in n for n in change.notes)


def test_a_question_changed_to_or_from_ordering_is_left_as_it_was() -> None:
    change = rules.correction(
        snapshot("single", SHOWN_SINGLE),
        current("ordering", [("a", False, 1), ("b", False, 2), ("c", False, 3)]),
    )
    assert change.key is None
    assert change.notes == ("asked as single, now ordering: left as it was",)


ORDER_SHOWN = [("b", False, 2), ("a", False, 1), ("c", False, 3)]


def test_ordering_positions_are_ranked_among_the_items_shown() -> None:
    fix = rules.correction(
        snapshot("ordering", ORDER_SHOWN),
        current("ordering", [("a", False, 1), ("new", False, 2), ("b", False, 3), ("c", False, 4)]),
    )
    assert fix.key is not None
    assert {c["key"]: c["position"] for c in fix.key["choices"]} == {"a": 1, "b": 2, "c": 3}
    unchanged = rules.regrade_answer(
        snapshot("ordering", ORDER_SHOWN),
        {"a": 1, "b": 2, "c": 3},
        recorded=RIGHT,
        used_key=None,
        current=current(
            "ordering", [("a", False, 1), ("new", False, 2), ("b", False, 3), ("c", False, 4)]
        ),
    )
    assert unchanged is None


def test_an_ordering_item_that_no_longer_exists_can_never_be_placed_right() -> None:
    change = rules.regrade_answer(
        snapshot("ordering", ORDER_SHOWN, partial_credit=True),
        {"a": 1, "b": 2, "c": 3},
        recorded=RIGHT,
        used_key=None,
        current=current("ordering", [("a", False, 1), ("b", False, 2)], partial_credit=True),
    )
    assert isinstance(change, rules.AnswerRegrade)
    assert change.after.points == Decimal("0.67") and not change.after.correct
    assert change.notes == ("item c no longer exists: never in its right place",)


def test_ordering_ignores_ticked_right_flags_that_never_counted() -> None:
    shown = snapshot("ordering", [("b", True, 2), ("a", False, 1)])
    now = current("ordering", [("a", False, 1), ("b", False, 2)])
    assert (
        rules.regrade_answer(shown, {"a": 1, "b": 2}, recorded=RIGHT, used_key=None, current=now)
        is None
    )


def test_corrected_points_and_critical_flag_change_the_outcome() -> None:
    shown = snapshot("single", SHOWN_SINGLE)
    now = current("single", sorted(SHOWN_SINGLE), points=3, critical=True)
    change = rules.regrade_answer(shown, ["a"], recorded=WRONG, used_key=None, current=now)
    assert isinstance(change, rules.AnswerRegrade)
    assert change.after == scoring.Outcome(Decimal("0.00"), Decimal("3.00"), False, True)


def test_partial_credit_switched_on_for_multiple_select_gives_part_marks() -> None:
    shown = snapshot("multiple", [("a", True, None), ("b", True, None), ("c", False, None)])
    now = current(
        "multiple", [("a", True, None), ("b", True, None), ("c", False, None)], partial_credit=True
    )
    change = rules.regrade_answer(shown, ["a"], recorded=WRONG, used_key=None, current=now)
    assert isinstance(change, rules.AnswerRegrade)
    assert change.after.points == Decimal("0.50")


def test_partial_credit_never_applies_to_a_single_choice_key() -> None:
    fix = rules.correction(
        snapshot("single", SHOWN_SINGLE), current("single", SHOWN_SINGLE, partial_credit=True)
    )
    assert fix.key is not None and fix.key["partial_credit"] is False


def test_the_key_of_a_snapshot_is_the_same_read_either_way() -> None:
    for shown in (
        snapshot("multiple", [("a", True, None), ("b", False, None)], partial_credit=True),
        snapshot("ordering", ORDER_SHOWN),
    ):
        key, via_services = rules.key_from(shown["kind"], shown), key_of(shown)
        assert (key.points, key.positions, key.partial_credit) == (
            via_services.points,
            via_services.positions,
            via_services.partial_credit,
        )
        if shown["kind"] != "ordering":
            assert key.correct == via_services.correct


def test_key_of_uses_the_regraded_key_when_there_is_one() -> None:
    shown = snapshot("single", SHOWN_SINGLE)
    fix = rules.correction(
        shown, current("single", [("a", True, None), ("b", False, None), ("c", False, None)])
    )
    assert fix.key is not None
    assert key_of(shown, fix.key).correct == frozenset({"a"})
    assert key_of(shown).correct == frozenset({"b"})


def test_the_attempt_result_uses_the_attempts_pass_mark() -> None:
    outcomes = [RIGHT, RIGHT, RIGHT, WRONG]
    assert rules.attempt_result(outcomes, 75).passed
    assert not rules.attempt_result(outcomes, 80).passed


@pytest.mark.parametrize(
    ("certifying", "passed", "state", "reason", "action"),
    [
        (True, True, None, "", rules.ISSUE),
        (False, True, None, "", None),
        (True, True, "valid", "", None),
        (True, False, "valid", "", rules.REVOKE),
        (True, False, "expired", "", rules.REVOKE),
        (True, False, "revoked", "Regraded on 1 May 2026: question 2's key", None),
        (True, True, "revoked", "Regraded on 1 May 2026: question 2's key", rules.REINSTATE),
        (True, True, "revoked", "Left the production", None),
        (True, False, None, "", None),
    ],
)
def test_certificate_action(
    certifying: bool, passed: bool, state: str | None, reason: str, action: str | None
) -> None:
    assert (
        rules.certificate_action(
            certifying=certifying, passed=passed, certificate=state, revoked_reason=reason
        )
        == action
    )


def reworded_current(
    kind: str, choices: Sequence[tuple[str, bool, int | None]], **texts: str
) -> dict:
    """The question now, each choice reading as its key in capitals unless ``texts`` says."""
    now = current(kind, choices)
    for c in now["choices"]:
        c["text"] = texts.get(c["key"], c["key"].upper())
    return now


def test_a_picked_choice_reworded_and_keyed_right_is_reported_apart() -> None:
    shown = snapshot("single", [("a", True, None), ("b", False, None)])
    now = reworded_current("single", [("a", False, None), ("b", True, None)], b="Nobody")
    change = rules.regrade_answer(shown, ["b"], recorded=WRONG, used_key=None, current=now)
    assert isinstance(change, rules.AnswerRegrade)
    assert change.after.correct and change.reworded == ("b",)


def test_only_the_choices_a_learner_decided_on_count_as_reworded() -> None:
    single = snapshot("single", [("a", True, None), ("b", False, None), ("c", False, None)])
    now = reworded_current(
        "single", [("a", False, None), ("b", True, None), ("c", False, None)], c="New"
    )
    assert rules.reworded(single, frozenset("b"), now) == ()  # c was not picked
    assert rules.reworded(single, frozenset("c"), now) == ("c",)
    boxes = snapshot("multiple", [("a", True, None), ("b", False, None)])
    now = reworded_current("multiple", [("a", True, None), ("b", True, None)], b="Also")
    assert rules.reworded(boxes, frozenset("a"), now) == ("b",)  # every box is a decision
    steps = snapshot("ordering", [("a", False, 1), ("b", False, 2)])
    now = reworded_current("ordering", [("a", False, 2), ("b", False, 1)], a="First")
    assert rules.reworded(steps, {"a": 1, "b": 2}, now) == ("a",)


def test_whitespace_and_curly_quotes_are_not_a_new_wording() -> None:
    shown = snapshot("single", [("a", True, None), ("b", False, None)])
    shown["choices"][1]["text"] = 'He said "cold"'
    now = reworded_current("single", [("a", False, None), ("b", True, None)], b="He  said “cold”")
    assert rules.reworded(shown, frozenset("b"), now) == ()
