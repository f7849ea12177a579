from django.urls import path

from safetyquiz import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "training"
urlpatterns = [
    path("attempts/<id:pk>/", views.attempt_detail, name="attempt"),
    path("attempts/<id:pk>/answers/<id:index>/", views.answer_detail, name="answer"),
    # A device keeps an open attempt's questions, and sends the answers it kept.
    path("attempts/<id:pk>/form/", views.attempt_form, name="attempt-form"),
    path("answers/", views.queued_answers, name="queued-answers"),
    # The editors' pages about questions, linked from the content admin.
    path(
        "modules/<slug:slug>/questions/<slug:question_slug>/preview/",
        views.question_preview,
        name="question-preview",
    ),
    path("modules/<slug:slug>/quality/", views.module_quality, name="module-quality"),
    path("modules/<slug:slug>/preview/", views.module_preview, name="module-preview"),
]
