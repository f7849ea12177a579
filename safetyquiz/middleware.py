"""What the app does when the database misbehaves."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import DatabaseError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_DELAYS = (0.05, 0.2, 0.5)


def is_locked(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and "locked" in str(error).lower()


def unavailable() -> HttpResponse:
    """A page that needs nothing from the database, not even the signed-in user."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseTroubleMiddleware:
    """A view that meets a locked SQLite database runs again (its transaction was rolled
    back, so nothing is half-written); a database that does not answer gets a friendly 503
    page instead of a stack trace."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DatabaseError):
            return None
        match = request.resolver_match
        if is_locked(exception) and match is not None:
            for delay in RETRY_DELAYS:
                time.sleep(delay)
                try:
                    return match.func(request, *match.args, **match.kwargs)
                except OperationalError as again:
                    if not is_locked(again):
                        break
        logger.error("Database unavailable for %s: %s", request.path, exception)
        return unavailable()
