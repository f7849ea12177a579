"""The language a person reads the app in: chosen with the switch on every page, kept in a
cookie for anyone, and saved on the account of someone signed in so it follows them to
another phone. Signing in puts the saved language in the session, where the middleware
reads it; someone who chose a language before signing in (or joining) has it saved."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django.utils import timezone

from safetyquiz import languages

from .models import LanguagePreference


def language_save(*, user: User, language: str) -> None:
    LanguagePreference.objects.update_or_create(
        user=user, defaults={"language": language, "chosen_at": timezone.now()}
    )


def saved_language(user: User | AnonymousUser) -> str | None:
    if not user.is_authenticated:
        return None
    found = LanguagePreference.objects.filter(user=user).values_list("language", flat=True)
    return languages.offered(found.first())


def language_choose(request: HttpRequest, language: str) -> None:
    """The switch: this session reads ``language`` from now on, and a signed-in person's
    account keeps it. (The cookie is set on the response, by Django's ``set_language``.)"""
    if request.user.is_authenticated:
        language_save(user=request.user, language=language)
        request.session[languages.SESSION_KEY] = language


def on_sign_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """``user_logged_in``: the saved language into the session; or, where none is saved yet,
    save the one this browser chose with the switch before signing in."""
    if request is None:
        return
    saved = saved_language(user)
    if saved is None:
        saved = languages.offered(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        if saved is None:
            return
        language_save(user=user, language=saved)
    request.session[languages.SESSION_KEY] = saved
