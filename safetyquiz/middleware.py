"""Requests the app cannot read, a database that does not answer, and each request's
language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

from . import languages, offline

logger = logging.getLogger(__name__)

UTF8 = {"utf-8", "utf8", "us-ascii", "ascii"}
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def unavailable() -> HttpResponse:
    """A page that needs nothing from the database, not even the signed-in user."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


def bad_request(reason: str) -> HttpResponse:
    """The 400 page, rendered without the request: nothing re-reads what could not be read."""
    return HttpResponse(render_to_string("400.html", {"reason": reason}), status=400)


def request_problem(request: HttpRequest) -> str | None:
    """Why the request cannot be read, or None. Reads (and so caches) the form data, so the
    views, the CSRF check and the error pages meet only data already known to be readable."""
    if "\x00" in request.path:
        return "The address holds a NUL character."
    if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
        return "The address holds a NUL character."
    if request.method not in BODY_METHODS:
        return None
    charset = (request.content_params or {}).get("charset", "utf-8").strip().lower()
    if charset not in UTF8:
        return "Forms are read in UTF-8 only."
    try:
        if request.content_type == "application/x-www-form-urlencoded":
            unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
        fields = [key + value for key, values in request.POST.lists() for value in values]
        request.FILES  # noqa: B018  (parses a multipart body now, while a failure is a 400)
    except UnicodeDecodeError:
        return "Forms are read in UTF-8 only."
    except (MultiPartParserError, SuspiciousOperation, ValueError, LookupError):
        return "The form could not be read."
    if any("\x00" in field for field in fields):
        return "The form holds a NUL character."
    return None


class ReadableRequestMiddleware:
    """A body in another charset than UTF-8, a malformed body, or a NUL character (which
    PostgreSQL cannot store or compare) is a 400 before any view or check reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = request_problem(request)
        if problem is not None:
            return bad_request(problem)
        return self.get_response(request)


class DatabaseTroubleMiddleware:
    """A database that does not answer gets a friendly 503 page instead of a stack trace.

    Only errors that mean no usable connection (the server down or refusing, the
    connection lost, SQLite's lock not granted within the busy timeout) are an outage;
    any other database error is a bug, and gets the 500 page and a full traceback in the
    log. Nothing is retried here: the view's transaction was rolled back, so nothing is
    half-written, and on SQLite a writer already waits for another's lock (immediate
    transactions and a busy timeout, see settings.py) before giving up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable for %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            exception,
        )
        return unavailable()


class PrivatePagesMiddleware:
    """Whatever is sent to someone with a session (every page with personal data: the
    learner's modules, attempts, results and certificates, the instructor's pages and CSV
    exports) is kept out of shared caches and off the disk: ``Cache-Control: private,
    no-store``. Decided from the cookies alone, so it costs no query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cookie = settings.SESSION_COOKIE_NAME
        if cookie in request.COOKIES or cookie in response.cookies:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class HtmxSignInMiddleware:
    """An htmx request that needs a sign-in (the session ended while a page was open) gets
    a full-page redirect to the sign-in page, not the sign-in page inside a panel."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "htmx", False) and response.status_code == 302:
            location = response["Location"]
            if urlsplit(location).path == resolve_url(settings.LOGIN_URL):
                return HttpResponseClientRedirect(location)
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (the switch's cookie, then Accept-Language), after the
    saved language of the person signed in, which signing in puts in their session.

    The admin is in English: its content forms edit each text through the field it always
    had, which reads and writes the active language's column (django-modeltranslation), so
    an English edit made from a Spanish page would land in the Spanish."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith(reverse("admin:index")):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE  # type: ignore[attr-defined]
            return
        session = getattr(request, "session", None)
        try:
            saved = languages.offered(session.get(languages.SESSION_KEY)) if session else None
        except (OperationalError, InterfaceError):
            saved = None  # the view meets the database's trouble, and says so (below)
        if saved is None:
            super().process_request(request)
            return
        translation.activate(saved)
        request.LANGUAGE_CODE = saved  # type: ignore[attr-defined]


class LearnerHeaderMiddleware:
    """Every page sent to someone signed in names them (``offline.LEARNER``: their user id),
    for the service worker, which keeps one learner's pages at a time and drops them when a
    page names someone else or no one. Pages only: the views have read the user by then,
    so it costs no query; an error page (5xx) names no one and drops nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code >= 500 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response[offline.LEARNER] = str(user.pk)
        return response
