"""The retake gate: pure, no database."""

from datetime import UTC, datetime

from safetyquiz.training.retakes import Gate, History, retake_gate

TOMORROW = datetime(2026, 12, 9, tzinfo=UTC)


def gate(**history: object) -> Gate:
    return retake_gate(History(**history), daily_limit=3, tomorrow=TOMORROW)  # type: ignore[arg-type]


def test_a_first_attempt_or_one_after_a_pass_is_open() -> None:
    assert gate().open
    assert gate(failed=False, missed=["who-checks"], started_today=2).open


def test_after_a_fail_each_missed_objective_is_practised_first() -> None:
    closed = gate(failed=True, missed=["who-checks", "cold-means"], practised=["cold-means"])
    assert not closed.open
    assert closed.to_practise == ("who-checks",)
    assert not closed.limit_reached and closed.opens_at is None
    assert gate(failed=True, missed=["who-checks"], practised=["who-checks", "other"]).open


def test_the_daily_limit_says_when_the_next_attempt_opens() -> None:
    reached = gate(started_today=3)
    assert not reached.open and reached.limit_reached and reached.opens_at == TOMORROW
    assert gate(started_today=2).open


def test_an_instructors_grant_is_one_more_attempt_that_day() -> None:
    assert gate(started_today=3, granted_today=1).open
    assert not gate(started_today=4, granted_today=1).open


def test_a_grant_does_not_skip_the_practice() -> None:
    closed = gate(failed=True, missed=["x"], started_today=3, granted_today=1)
    assert closed.to_practise == ("x",) and not closed.limit_reached
