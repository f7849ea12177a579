from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from safetyquiz.crews.models import Membership


def instructor(request: HttpRequest) -> dict[str, Any]:
    """Whether to show the instructor link; asked only when a template reads it."""

    def check() -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        return (
            user.is_staff
            or Membership.objects.filter(user=user, role=Membership.Role.INSTRUCTOR).exists()
        )

    return {"is_instructor": SimpleLazyObject(check)}
