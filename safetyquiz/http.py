from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that HtmxMiddleware has passed through (for type checkers)."""

    htmx: HtmxDetails


class AuthedHttpRequest(HtmxHttpRequest):
    """A request to a ``login_required`` view: the user is signed in."""

    user: User  # type: ignore[assignment]
