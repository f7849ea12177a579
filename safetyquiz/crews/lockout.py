"""When a sign-in must wait, from the failures before it: the rules alone, no database.

Two counts, each with its own answer to guessing:

- **An account** (by the name typed, whoever types it, from anywhere): after ``per_account``
  failures in a row, a pause of 15 minutes; each failure after a pause doubles the next,
  up to a day. A success, a new password or a sign-in link clears the count.
- **An address** (a set's Wi-Fi is one address for the whole crew): at most
  ``per_address`` failures in any hour, across accounts. Past that the address is slowed,
  not stopped: it waits for its oldest failure of the hour to be an hour old. A browser
  that has signed in to the account before is not slowed, so a crew member's own phone
  gets in while someone on the same network guesses.

With the defaults, a crew of 100 behind one address with 30 typos among them all get in
(30 failures in the hour, at most 4 for one person), and one address guessing gets at
most 60 passwords checked in any hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

FIRST_PAUSE = timedelta(minutes=15)
LONGEST_PAUSE = timedelta(days=1)
ADDRESS_WINDOW = timedelta(hours=1)
# The sign-in page warns once this few tries are left before a pause.
WARN_WHEN_LEFT = 2


@dataclass(frozen=True)
class Limits:
    per_account: int = 5
    per_address: int = 60


class Held(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"


@dataclass(frozen=True)
class Pause:
    """Signing in waits until ``until``, because of the failures of ``held``."""

    held: Held
    until: datetime


def account_pause(failures: int, last: datetime | None, limits: Limits) -> datetime | None:
    """Until when an account with ``failures`` in a row, the last at ``last``, is paused."""
    beyond = failures - limits.per_account
    if last is None or beyond < 0:
        return None
    doublings = min(beyond, 16)  # a day is reached long before; keeps the number small
    return last + min(FIRST_PAUSE * 2**doublings, LONGEST_PAUSE)


def address_pause(recent: Sequence[datetime], limits: Limits) -> datetime | None:
    """Until when an address is paused, from its failures of the last hour (newest first):
    once it has ``per_address`` of them, until the oldest of those is an hour old."""
    if len(recent) < limits.per_address:
        return None
    return recent[limits.per_address - 1] + ADDRESS_WINDOW


def pause_for(
    *,
    account_failures: int,
    last_account_failure: datetime | None,
    address_failures: Sequence[datetime],
    known_browser: bool,
    now: datetime,
    limits: Limits,
) -> Pause | None:
    """Whether a sign-in may be checked now; the account's pause comes first, since no
    browser or address lifts it."""
    until = account_pause(account_failures, last_account_failure, limits)
    if until is not None and until > now:
        return Pause(Held.ACCOUNT, until)
    until = None if known_browser else address_pause(address_failures, limits)
    if until is not None and until > now:
        return Pause(Held.ADDRESS, until)
    return None


def tries_left(account_failures: int, limits: Limits) -> int | None:
    """How many more failures the account takes before its first pause, when that is few
    enough to warn about (from the third failure with the defaults); None otherwise."""
    left = limits.per_account - account_failures
    return left if 0 < left <= WARN_WHEN_LEFT else None


def minutes(pause: timedelta) -> int:
    return int(pause.total_seconds() // 60)
