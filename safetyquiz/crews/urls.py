from django.urls import path

from . import certificate_views, views

app_name = "crews"
urlpatterns = [
    path("join/", views.join, name="join"),
]

# The learner's list of modules and the certificate pages live here, beside the assignments
# and memberships they read, but keep their place among the learner's pages:
# safetyquiz/urls.py routes them in the `training` namespace.
learner_urlpatterns = [
    path("modules/", views.module_list, name="modules"),
    path("modules/next/", views.next_module, name="next-module"),
    path("modules/<slug:slug>/", views.module_detail, name="module"),
    path(
        "certificates/<str:code>/",
        certificate_views.certificate_check,
        name="certificate-check",
    ),
    path(
        "certificates/<str:code>/print/",
        certificate_views.certificate_print,
        name="certificate-print",
    ),
]
