"""Numbers a client sends, read strictly: ASCII digits only, bounded.

``int()`` accepts far more than a form ever posts ("٣", " 7 ", "1_000", "+5"), and ids
past the database's integer range fail in the database rather than in the form.
"""

from __future__ import annotations

MAX_ID = 2**31 - 1  # the smallest integer column of the databases we run on


def strict_int(value: object, *, limit: int = MAX_ID) -> int | None:
    """The whole number written in ``value``, or None if it is not one from 0 to ``limit``."""
    if not isinstance(value, str) or not value or len(value) > len(str(limit)):
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= limit else None
