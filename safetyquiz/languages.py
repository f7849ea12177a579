"""The languages the app speaks, and how a request's language is chosen.

A page is in a signed-in person's saved language, else the one the switch's cookie holds,
else the browser's Accept-Language, else English (``LanguageMiddleware``). The saved one
is read into the session at sign-in, so choosing the language costs no query per request.
The content has its own rule on top: a module is shown in Spanish only when every text of
it is translated and checked (``content/translations.py``); otherwise in English."""

from __future__ import annotations

from django.conf import settings

SESSION_KEY = "language"  # the saved language of the person signed in


def offered(code: object) -> str | None:
    """The language code if the app speaks it, else None."""
    return code if isinstance(code, str) and code in dict(settings.LANGUAGES) else None


def name(code: str) -> str:
    """A language's name in that language ("Español"), as the switch shows it."""
    return dict(settings.LANGUAGES).get(code, code)
