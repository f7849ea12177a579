from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("productions/<int:pk>/", views.production_roster, name="roster"),
    path("productions/<int:pk>/print/", views.roster_print, name="roster-print"),
    path("productions/<int:pk>/roster.csv", views.roster_csv, name="roster-csv"),
    path("productions/<int:pk>/learners/<int:user_id>/", views.learner, name="learner"),
    path("productions/<int:pk>/modules/<slug:slug>/", views.production_analysis, name="analysis"),
    path(
        "productions/<int:pk>/modules/<slug:slug>/analysis.csv",
        views.production_analysis_csv,
        name="analysis-csv",
    ),
    path("modules/<slug:slug>/", views.overall_analysis, name="overall-analysis"),
    path(
        "modules/<slug:slug>/analysis.csv", views.overall_analysis_csv, name="overall-analysis-csv"
    ),
]
