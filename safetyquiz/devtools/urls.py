from django.urls import path

from . import bench

urlpatterns = [
    path("ceiling/", bench.ceiling, name="bench-ceiling"),
]
