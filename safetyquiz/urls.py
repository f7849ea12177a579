from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz/", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("safetyquiz.crews.urls")),
    path("", include("safetyquiz.training.urls")),
    path("instructor/", include("safetyquiz.reports.urls")),
]
