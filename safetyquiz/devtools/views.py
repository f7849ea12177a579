"""The bench-only views: `make bench` measures the app's pages against them. They are
routed only when SAFETYQUIZ_BENCH is on (see ``safetyquiz/urls.py``).

``ceiling`` goes through the same middleware as every page and runs one small query, but
renders no template and loads no session: the ceiling of this stack (gunicorn, Django, the
database connection) on the machine. ``write`` is the ceiling of a signed-in write, as the
answer POST is one: the session, the user and the CSRF check, then one row inserted in a
transaction and committed, and a few bytes back.
"""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from safetyquiz.content.models import Module
from safetyquiz.http import AuthedHttpRequest

from .models import BenchWrite


@never_cache
@require_GET
def ceiling(request: HttpRequest) -> HttpResponse:
    title = Module.objects.values_list("title", flat=True).order_by("pk").first()
    return HttpResponse(title or "", content_type="text/plain")


@require_POST
@login_required
def write(request: AuthedHttpRequest) -> HttpResponse:
    with transaction.atomic():
        BenchWrite.objects.create(
            user=request.user, written_at=timezone.now(), posted=request.POST.dict()
        )
    return HttpResponse("ok", content_type="text/plain")
