"""The bench-only view: `make bench` measures the app's pages against it.

It goes through the same middleware as every page and runs one small query, but renders
no template and loads no session, so its throughput is the ceiling of this stack (gunicorn,
Django, the database connection) on the machine. It is routed only when
SAFETYQUIZ_BENCH is on (see ``safetyquiz/urls.py``).
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from safetyquiz.content.models import Module


@never_cache
@require_GET
def ceiling(request: HttpRequest) -> HttpResponse:
    title = Module.objects.values_list("title", flat=True).order_by("pk").first()
    return HttpResponse(title or "", content_type="text/plain")
