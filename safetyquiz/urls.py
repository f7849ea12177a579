from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from safetyquiz.crews.accounts import AdminSignInForm
from safetyquiz.crews.urls import learner_urlpatterns
from safetyquiz.training.urls import urlpatterns as training_urlpatterns

from . import views

admin.site.site_header = "safetyquiz: content and people"
admin.site.site_title = "safetyquiz admin"
admin.site.login_form = AdminSignInForm  # the same throttle as every sign-in

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("accounts/", include("safetyquiz.crews.account_urls")),
    path("admin/", admin.site.urls),
    path("", include("safetyquiz.crews.urls")),
    # The module list (crews) and the quiz pages (training) share the learner's namespace.
    path("", include((learner_urlpatterns + training_urlpatterns, "training"))),
    path("instructor/", include("safetyquiz.reports.urls")),
]

if settings.SAFETYQUIZ_BENCH:  # `make bench` only: the ceiling the pages are measured against
    urlpatterns += [path("bench/", include("safetyquiz.devtools.urls"))]
