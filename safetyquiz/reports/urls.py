from django.urls import path

from safetyquiz import converters  # noqa: F401  (registers <id:...>)

from .views import analysis, assignments, learners, people, reminders, rosters

app_name = "reports"
production = "productions/<id:pk>/"
assignment = f"{production}assignments/<id:assignment_id>/"
person = f"{production}people/<id:user_id>/"
urlpatterns = [
    path("", rosters.home, name="home"),
    path(production, rosters.production_roster, name="roster"),
    path(f"{production}print/", rosters.roster_print, name="roster-print"),
    path(f"{production}roster.csv", rosters.roster_csv, name="roster-csv"),
    path(f"{production}learners/<id:user_id>/", learners.learner, name="learner"),
    path(f"{production}learners/<id:user_id>/grant/", learners.learner_grant, name="learner-grant"),
    path(f"{production}modules/<slug:slug>/", analysis.production_analysis, name="analysis"),
    path(
        f"{production}modules/<slug:slug>/analysis.csv",
        analysis.production_analysis_csv,
        name="analysis-csv",
    ),
    path(f"{production}assignments/", assignments.assignments, name="assignments"),
    path(f"{production}assignments/new-members/", assignments.grace, name="assignments-grace"),
    path(f"{assignment}due/", assignments.assignment_due, name="assignment-due"),
    path(
        f"{assignment}extension/",
        assignments.assignment_extension,
        name="assignment-extension",
    ),
    path(f"{assignment}remove/", assignments.assignment_remove, name="assignment-remove"),
    path(f"{production}people/", people.people, name="people"),
    path(f"{production}poster/", people.join_poster, name="poster"),
    path(person, people.person, name="person"),
    path(f"{person}instructor/", people.person_instructor, name="person-instructor"),
    path(f"{person}remove/", people.person_remove, name="person-remove"),
    path(f"{person}password-link/", people.person_link, name="person-link"),
    path(f"{person}restore/", people.person_restore, name="person-restore"),
    path(f"{production}people/join-code/", people.join_code, name="join-code"),
    path(f"{production}reminders/", reminders.reminders, name="reminders"),
    path(f"{production}reminders.csv", reminders.reminders_csv, name="reminders-csv"),
    path("modules/<slug:slug>/", analysis.overall_analysis, name="overall-analysis"),
    path(
        "modules/<slug:slug>/analysis.csv",
        analysis.overall_analysis_csv,
        name="overall-analysis-csv",
    ),
]
