"""What the app does when the database does not answer."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def unavailable() -> HttpResponse:
    """A page that needs nothing from the database, not even the signed-in user."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseTroubleMiddleware:
    """A database that does not answer gets a friendly 503 page instead of a stack trace.

    Nothing is retried here: the view's transaction was rolled back, so nothing is
    half-written, and on SQLite a writer already waits for another's lock (immediate
    transactions and a busy timeout, see settings.py) before giving up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DatabaseError):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        return unavailable()
