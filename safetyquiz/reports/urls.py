from django.urls import path

from safetyquiz import converters  # noqa: F401  (registers <id:...>)

from . import assignment_views, people_views, reminder_views, views

app_name = "reports"
production = "productions/<id:pk>/"
assignment = f"{production}assignments/<id:assignment_id>/"
person = f"{production}people/<id:user_id>/"
urlpatterns = [
    path("", views.home, name="home"),
    path(production, views.production_roster, name="roster"),
    path(f"{production}print/", views.roster_print, name="roster-print"),
    path(f"{production}roster.csv", views.roster_csv, name="roster-csv"),
    path(f"{production}learners/<id:user_id>/", views.learner, name="learner"),
    path(f"{production}modules/<slug:slug>/", views.production_analysis, name="analysis"),
    path(
        f"{production}modules/<slug:slug>/analysis.csv",
        views.production_analysis_csv,
        name="analysis-csv",
    ),
    path(f"{production}assignments/", assignment_views.assignments, name="assignments"),
    path(f"{assignment}due/", assignment_views.assignment_due, name="assignment-due"),
    path(
        f"{assignment}extension/",
        assignment_views.assignment_extension,
        name="assignment-extension",
    ),
    path(f"{assignment}remove/", assignment_views.assignment_remove, name="assignment-remove"),
    path(f"{production}people/", people_views.people, name="people"),
    path(person, people_views.person, name="person"),
    path(f"{person}instructor/", people_views.person_instructor, name="person-instructor"),
    path(f"{person}remove/", people_views.person_remove, name="person-remove"),
    path(f"{person}password-link/", people_views.person_link, name="person-link"),
    path(f"{person}restore/", people_views.person_restore, name="person-restore"),
    path(f"{production}people/join-code/", people_views.join_code, name="join-code"),
    path(f"{production}reminders/", reminder_views.reminders, name="reminders"),
    path(f"{production}reminders.csv", reminder_views.reminders_csv, name="reminders-csv"),
    path("modules/<slug:slug>/", views.overall_analysis, name="overall-analysis"),
    path(
        "modules/<slug:slug>/analysis.csv", views.overall_analysis_csv, name="overall-analysis-csv"
    ),
]
