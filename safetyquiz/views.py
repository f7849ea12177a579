from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import offline


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("crews:modules")
    return render(request, "landing.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """For browsers that ask for /favicon.ico whatever the page links to."""
    return redirect(static("favicon.svg"), permanent=True)


# The installable app: its service worker, its manifest and the page shown offline.


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """At the site's root, so its scope is the whole site; always checked for a newer one."""
    response = HttpResponse(offline.worker_script(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    return JsonResponse(offline.manifest(), content_type="application/manifest+json")


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it has not kept. The same for everyone:
    it names no one and carries no token."""
    return render(request, offline.OFFLINE_TEMPLATE)
