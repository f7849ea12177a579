"""Dates in tests."""

from datetime import date

from django.utils import timezone


def today() -> date:
    """Today when the test runs, not when its module was imported: a run may cross
    midnight."""
    return timezone.localdate()
