from typing import Any

from django.conf import settings
from django.http import HttpRequest


def pages(request: HttpRequest) -> dict[str, Any]:
    """The URL names of pages served by a layer above the template's app (settings.PAGES):
    ``{% url pages.next_module %}``."""
    return {"pages": settings.PAGES}
