from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import passwords, selectors


def account(request: HttpRequest) -> dict[str, Any]:
    """What every page may show of the signed-in account, read only when a template asks
    for it, in one query: the instructor link, and a line telling them a sign-in link was
    made for them. Whether to offer reset by email (only where email is set up)."""
    navigation = SimpleLazyObject(lambda: selectors.navigation(request.user))
    return {
        "reset_by_email": settings.SAFETYQUIZ_EMAIL_ENABLED,
        "is_instructor": SimpleLazyObject(lambda: navigation.instructor),
        "link_notice": SimpleLazyObject(
            lambda: passwords.link_notice(request.user, navigation.link_id)  # type: ignore[arg-type]
        ),
    }
