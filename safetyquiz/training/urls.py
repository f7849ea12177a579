from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("modules/<slug:slug>/", views.module_detail, name="module"),
    path("attempts/<int:pk>/", views.attempt_detail, name="attempt"),
    path("attempts/<int:pk>/answers/<int:index>/", views.answer_detail, name="answer"),
    path("certificates/", views.my_certificates, name="my-certificates"),
    path("certificates/<str:code>/", views.certificate_check, name="certificate-check"),
    path("certificates/<str:code>/print/", views.certificate_print, name="certificate-print"),
]
