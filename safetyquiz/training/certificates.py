"""Certificates: how long one is valid, and the one place an unsaved certificate is built,
for the quiz's service and for the bulk data alike."""

from __future__ import annotations

import calendar
from datetime import date

from .models import Attempt, Certificate


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def certificate_dates(issued_on: date, validity_months: int) -> tuple[date, date]:
    """The issue and expiry dates of a certificate issued on ``issued_on``."""
    return issued_on, add_months(issued_on, validity_months)


def certificate_for(attempt: Attempt, *, issued_on: date, validity_months: int) -> Certificate:
    """The unsaved certificate for a passed attempt."""
    issued, expires = certificate_dates(issued_on, validity_months)
    return Certificate(
        user_id=attempt.user_id,
        module_id=attempt.module_id,
        attempt=attempt,
        issued_on=issued,
        expires_on=expires,
    )
