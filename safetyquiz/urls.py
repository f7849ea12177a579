from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from safetyquiz.crews import urls as crews_urls

from . import admin as site_admin  # noqa: F401  (the site's title, the edit log)
from . import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("sw.js", views.service_worker, name="service-worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline_page, name="offline"),
    path("accounts/", include(crews_urls.account_urlpatterns)),
    path("admin/", admin.site.urls),
    # Each app's pages, in its own namespace.
    path("", include("safetyquiz.training.urls")),
    path("", include("safetyquiz.crews.urls")),
    path("instructor/", include("safetyquiz.reports.urls")),
]

if settings.SAFETYQUIZ_BENCH:  # `make bench` only: the ceiling the pages are measured against
    urlpatterns += [path("bench/", include("safetyquiz.devtools.urls"))]
