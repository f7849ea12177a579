from typing import Any

from django.conf import settings
from django.http import HttpRequest


def password_help(request: HttpRequest) -> dict[str, Any]:
    """Whether to offer reset by email (only where a deployment has set email up)."""
    return {"reset_by_email": settings.SAFETYQUIZ_EMAIL_ENABLED}
