from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from safetyquiz.crews.selectors import supervises_any


def instructor(request: HttpRequest) -> dict[str, Any]:
    """Whether to show the instructor link; asked only when a template reads it."""

    def check() -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        return supervises_any(user)

    return {"is_instructor": SimpleLazyObject(check)}
