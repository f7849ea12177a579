from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from safetyquiz.crews.selectors import is_instructor


def instructor(request: HttpRequest) -> dict[str, Any]:
    """Whether to show the instructor link; asked only when a template reads it."""
    return {"is_instructor": SimpleLazyObject(lambda: is_instructor(request.user))}
