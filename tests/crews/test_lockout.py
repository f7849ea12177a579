"""The sign-in throttle's rules, without the database."""

from datetime import UTC, datetime, timedelta

from safetyquiz.crews.lockout import (
    Held,
    Limits,
    account_pause,
    address_pause,
    pause_for,
    tries_left,
)

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
LIMITS = Limits(per_account=5, per_address=60)
MINUTE = timedelta(minutes=1)


def test_an_account_pauses_at_its_limit_for_15_minutes_then_doubling_up_to_a_day() -> None:
    assert account_pause(4, NOW, LIMITS) is None
    pauses = [account_pause(n, NOW, LIMITS) for n in range(5, 14)]
    assert [p - NOW for p in pauses if p is not None] == [
        15 * MINUTE,
        30 * MINUTE,
        60 * MINUTE,
        120 * MINUTE,
        240 * MINUTE,
        480 * MINUTE,
        960 * MINUTE,
        timedelta(days=1),
        timedelta(days=1),
    ]
    assert account_pause(10_000, NOW, LIMITS) == NOW + timedelta(days=1)


def test_an_address_is_slowed_to_its_hourly_allowance() -> None:
    # 60 failures, one a minute: the next waits until the oldest is an hour old.
    recent = [NOW - n * MINUTE for n in range(60)]
    assert address_pause(recent[:59], LIMITS) is None
    assert address_pause(recent, LIMITS) == NOW - 59 * MINUTE + timedelta(hours=1)


def test_a_browser_that_signed_in_before_is_not_slowed_but_the_account_pause_holds() -> None:
    busy = [NOW - n * MINUTE for n in range(60)]
    held = pause_for(
        account_failures=0,
        last_account_failure=None,
        address_failures=busy,
        known_browser=False,
        now=NOW,
        limits=LIMITS,
    )
    assert held is not None and held.held == Held.ADDRESS
    known = pause_for(
        account_failures=0,
        last_account_failure=None,
        address_failures=busy,
        known_browser=True,
        now=NOW,
        limits=LIMITS,
    )
    assert known is None
    locked = pause_for(
        account_failures=5,
        last_account_failure=NOW - MINUTE,
        address_failures=[],
        known_browser=True,
        now=NOW,
        limits=LIMITS,
    )
    assert locked is not None and locked.held == Held.ACCOUNT
    assert locked.until == NOW + 14 * MINUTE


def test_a_pause_that_has_passed_holds_nothing() -> None:
    over = pause_for(
        account_failures=5,
        last_account_failure=NOW - 16 * MINUTE,
        address_failures=[NOW - 61 * MINUTE] * 60,
        known_browser=False,
        now=NOW,
        limits=LIMITS,
    )
    assert over is None


def test_the_warning_starts_two_tries_before_the_pause() -> None:
    assert [tries_left(n, LIMITS) for n in range(7)] == [None, None, None, 2, 1, None, None]
