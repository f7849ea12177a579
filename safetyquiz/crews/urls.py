from django.urls import path

from . import views

app_name = "crews"
urlpatterns = [
    path("join/", views.join, name="join"),
]

# The learner's list of modules lives here, beside the assignments it reads, but keeps its
# place among the learner's quiz pages: safetyquiz/urls.py routes it as `training:modules`.
learner_urlpatterns = [
    path("modules/", views.module_list, name="modules"),
]
