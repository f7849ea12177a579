from django.urls import path

from safetyquiz import converters  # noqa: F401  (registers <id:...>)

from . import preview, quality_views, views

app_name = "training"
urlpatterns = [
    path(
        "modules/<slug:slug>/questions/<slug:question_slug>/preview/",
        preview.question_preview,
        name="question-preview",
    ),
    path("modules/<slug:slug>/quality/", quality_views.module_quality, name="module-quality"),
    path("attempts/<id:pk>/", views.attempt_detail, name="attempt"),
    path("attempts/<id:pk>/answers/<id:index>/", views.answer_detail, name="answer"),
    path("certificates/", views.my_certificates, name="my-certificates"),
]
