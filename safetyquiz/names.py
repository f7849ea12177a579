"""How a person is named on every page, export and printout."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def display_name(user: AbstractBaseUser | AnonymousUser) -> str:
    """Their full name, or their username without one."""
    full = getattr(user, "get_full_name", lambda: "")()
    return full or user.get_username()
