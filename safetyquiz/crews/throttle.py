"""Guessing slowed down, counted in the database so every app server shares the counts:
failed sign-ins (by account and by address, the rules in ``lockout``) and wrong join codes
(by address). Every count reads the client's address through ``safetyquiz.clients``."""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from safetyquiz.clients import client_address

from .lockout import ADDRESS_WINDOW, Limits, Pause, pause_for, tries_left
from .models import JoinCodeMiss, Production, SignInFailure

JOIN_MISSES_PER_IP = 10
JOIN_MISS_WINDOW = timedelta(hours=1)
# A sign-up hears that its username is taken at most this often an hour, from one address
# and with one production's code (from anywhere): past that, it is not told.
TAKEN_PER_IP = 10
TAKEN_PER_CODE = 30

# Failed sign-ins are forgotten after a day (the longest pause).
SIGN_IN_MEMORY = timedelta(days=1)
# The browsers where an account has signed in: a signed cookie listing (a hash of) each
# account, so that its owner is not slowed by others' failures on the same network.
BROWSER_COOKIE = "signed_in_here"
BROWSER_SALT = "safetyquiz.crews.throttle.browser"
BROWSER_MEMORY = timedelta(days=180)
BROWSER_ACCOUNTS = 8

logger = logging.getLogger(__name__)


def join_blocked(ip: str | None) -> bool:
    """True when this address has tried too many wrong codes in the last hour."""
    if not ip:
        return False
    since = timezone.now() - JOIN_MISS_WINDOW
    misses = JoinCodeMiss.objects.filter(ip=ip, production=None, tried_at__gte=since)
    blocked = misses.count() >= JOIN_MISSES_PER_IP
    if blocked:
        logger.warning("join refused: too many wrong codes from one client within the hour")
    return blocked


def join_code_missed(ip: str | None) -> None:
    """Count a wrong code from this address, and forget those past the window."""
    if ip:
        _count_a_miss(ip, None)


def may_say_username_taken(ip: str | None, production: Production) -> bool:
    """Whether a sign-up with this production's code may hear that its username is taken:
    each time it does is counted, for the address and for the code, since anyone holding
    a code could otherwise list the accounts that exist."""
    since = timezone.now() - JOIN_MISS_WINDOW
    taken = JoinCodeMiss.objects.filter(production__isnull=False, tried_at__gte=since)
    if taken.filter(production=production).count() >= TAKEN_PER_CODE:
        return False
    if ip and taken.filter(ip=ip).count() >= TAKEN_PER_IP:
        return False
    _count_a_miss(ip, production)
    return True


def _count_a_miss(ip: str | None, production: Production | None) -> None:
    now = timezone.now()
    JoinCodeMiss.objects.create(ip=ip, production=production, tried_at=now)
    JoinCodeMiss.objects.filter(tried_at__lt=now - JOIN_MISS_WINDOW).delete()


# Sign-in -------------------------------------------------------------------------------


def limits() -> Limits:
    return Limits(
        per_account=settings.SAFETYQUIZ_LOGIN_FAILURES,
        per_address=settings.SAFETYQUIZ_LOGIN_FAILURES_PER_ADDRESS,
    )


def account_key(username: str) -> str:
    """The account a username names, as the sign-in form reads it (NFKC), in any case."""
    return hashlib.sha256(unicodedata.normalize("NFKC", username).casefold().encode()).hexdigest()


def browser_accounts(request: HttpRequest) -> list[str]:
    value = request.get_signed_cookie(
        BROWSER_COOKIE, default="", salt=BROWSER_SALT, max_age=BROWSER_MEMORY
    )
    return value.split(",") if value else []


def remember_browser(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """Note on the browser that this account signed in on it (the newest few accounts)."""
    mark = account_key(username)[:16]
    known = [mark, *(k for k in browser_accounts(request) if k != mark)][:BROWSER_ACCOUNTS]
    response.set_signed_cookie(
        BROWSER_COOKIE,
        ",".join(known),
        salt=BROWSER_SALT,
        max_age=int(BROWSER_MEMORY.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@dataclass(frozen=True)
class SignIn:
    """One try: the account named, from where, on a browser it has signed in on before."""

    account: str
    address: str | None
    known_browser: bool

    @classmethod
    def of(cls, request: HttpRequest, username: str) -> SignIn:
        account = account_key(username)
        known = account[:16] in browser_accounts(request)
        return cls(account, client_address(request), known)


@dataclass(frozen=True)
class Standing:
    """Where a try stands: paused, or how many tries are left to warn of."""

    pause: Pause | None
    tries_left: int | None


def standing(attempt: SignIn, now: datetime | None = None) -> Standing:
    """Two queries: the account's failures, and the address's of the last hour."""
    now = now or timezone.now()
    rules = limits()
    account = SignInFailure.objects.filter(
        account=attempt.account, at__gt=now - SIGN_IN_MEMORY
    ).aggregate(n=Count("*"), last=Max("at"))
    recent: list[datetime] = []
    if attempt.address and not attempt.known_browser:
        recent = list(
            SignInFailure.objects.filter(address=attempt.address, at__gt=now - ADDRESS_WINDOW)
            .order_by("-at")
            .values_list("at", flat=True)[: rules.per_address]
        )
    pause = pause_for(
        account_failures=account["n"],
        last_account_failure=account["last"],
        address_failures=recent,
        known_browser=attempt.known_browser,
        now=now,
        limits=rules,
    )
    return Standing(pause, tries_left(account["n"], rules))


def sign_in_failed(attempt: SignIn) -> Standing:
    """Count a wrong password (or an unknown name), forget what is past the memory, and
    say where the account and the address now stand."""
    now = timezone.now()
    SignInFailure.objects.create(at=now, account=attempt.account, address=attempt.address)
    SignInFailure.objects.filter(at__lt=now - SIGN_IN_MEMORY).delete()
    return standing(attempt, now)


def forget_failures(username: str) -> None:
    """The account's failures end: it signed in, or its password was set anew."""
    SignInFailure.objects.filter(account=account_key(username)).delete()
