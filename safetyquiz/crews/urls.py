from django.urls import path

from . import views

app_name = "crews"
urlpatterns = [
    path("join/", views.join, name="join"),
]
