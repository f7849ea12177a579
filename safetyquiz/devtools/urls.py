from django.urls import path

from . import views

urlpatterns = [
    path("ceiling/", views.ceiling, name="bench-ceiling"),
    path("write/", views.write, name="bench-write"),
]
