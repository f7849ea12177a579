"""Who may see instructor pages: 404 for everyone else, so nothing is given away."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from safetyquiz.crews.models import Production
from safetyquiz.crews.selectors import is_instructor, supervised_productions
from safetyquiz.http import AuthedHttpRequest

View = Callable[..., HttpResponse]


def instructor_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: AuthedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_instructor(request.user):
            raise Http404("No instructor pages here.")
        return view(request, *args, **kwargs)

    return wrapped


def production_for(request: AuthedHttpRequest, pk: int) -> Production:
    """The production if the user supervises it; any other is not found."""
    return get_object_or_404(supervised_productions(request.user), pk=pk)


def superuser_only(request: AuthedHttpRequest) -> None:
    """Every production's answers at once: only a superuser holds every production."""
    if not request.user.is_superuser:
        raise Http404("Cross-production analysis is for admins.")
