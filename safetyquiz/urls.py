from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "safetyquiz: content and people"
admin.site.site_title = "safetyquiz admin"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("accounts/", include("safetyquiz.crews.account_urls")),
    path("admin/", admin.site.urls),
    path("", include("safetyquiz.crews.urls")),
    path("", include("safetyquiz.training.urls")),
    path("instructor/", include("safetyquiz.reports.urls")),
]

if settings.SAFETYQUIZ_BENCH:  # `make bench` only: the ceiling the pages are measured against
    from . import bench

    urlpatterns += [path("bench/ceiling/", bench.ceiling, name="bench-ceiling")]
