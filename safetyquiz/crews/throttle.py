"""Guessing slowed down: failed sign-ins (per account and address, and per address across
accounts) and wrong join codes (per address), counted in the database so every app server
shares the counts."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from .models import JoinCodeMiss

JOIN_MISSES_PER_IP = 10
JOIN_MISS_WINDOW = timedelta(hours=1)

logger = logging.getLogger(__name__)


def join_blocked(ip: str | None) -> bool:
    """True when this address has tried too many wrong codes in the last hour."""
    if not ip:
        return False
    since = timezone.now() - JOIN_MISS_WINDOW
    blocked = JoinCodeMiss.objects.filter(ip=ip, tried_at__gte=since).count() >= JOIN_MISSES_PER_IP
    if blocked:
        logger.warning("join refused: too many wrong codes from one client within the hour")
    return blocked


def join_code_missed(ip: str | None) -> None:
    """Count a wrong code from this address, and forget those past the window."""
    if not ip:
        return
    now = timezone.now()
    JoinCodeMiss.objects.create(ip=ip, tried_at=now)
    JoinCodeMiss.objects.filter(tried_at__lt=now - JOIN_MISS_WINDOW).delete()


class SignInThrottle(AxesDatabaseHandler):
    """django-axes compares one count with one limit. With ``AXES_LOCKOUT_PARAMETERS``
    counting per account and address, then per address, this handler gives the count
    per address on the account's scale, so one address locks after
    ``SAFETYQUIZ_LOGIN_FAILURES_PER_ADDRESS`` failures across accounts, and one account
    from one address after ``AXES_FAILURE_LIMIT``."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        per_pair, per_address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit = get_failure_limit(request, credentials)
        return max(per_pair, per_address * limit // settings.SAFETYQUIZ_LOGIN_FAILURES_PER_ADDRESS)
