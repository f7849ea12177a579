"""The instructor home and each production's roster: on screen, printed for the safety
meeting, and as CSV."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safetyquiz.content.models import Module
from safetyquiz.crews.rosters import roster, roster_page
from safetyquiz.crews.selectors import production_log, supervised_productions
from safetyquiz.crews.standings import departments_of, standings, standings_of
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.parsing import strict_int

from .. import exports
from ..access import instructor_required, production_for
from ..forms import RosterFilter

# The roster on screen, a page at a time: 500 people by five modules is 2,500 cells, too
# many to render per request; the print and the CSV stay whole.
ROSTER_PER_PAGE = 100


@require_GET
@instructor_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    productions = supervised_productions(request.user)
    context = {
        "summaries": standings(productions).values(),
        "modules": Module.objects.published() if request.user.is_superuser else None,
    }
    return render(request, "reports/home.html", context)


@require_GET
@instructor_required
def production_roster(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    production = production_for(request, pk)
    filters = RosterFilter(request.GET)
    if not filters.is_valid():
        context = {"production": production, "filters": filters}
        return render(request, "reports/roster.html", context, status=400)
    whole = standings_of(production)
    shown = whole.filtered(
        department=filters.cleaned_data["department"], status=filters.cleaned_data["status"]
    )
    page = roster_page(shown, strict_int(request.GET.get("page")) or 1, ROSTER_PER_PAGE)
    others = request.GET.copy()
    others.pop("page", None)
    context = {
        "production": production,
        "roster": shown,
        "page": page,
        "departments": departments_of(whole),
        "filters": filters,
        "events": production_log(production),
        "query": others.urlencode(),
    }
    template = (
        "reports/roster.html#roster-table"
        if request.htmx and not request.htmx.boosted
        else "reports/roster.html"
    )
    return render(request, template, context)


@require_GET
@instructor_required
def roster_print(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    production = production_for(request, pk)
    built = roster(production)
    context = {"roster": built, "rows": built.for_the_meeting()}
    return render(request, "reports/roster_print.html", context)


@require_GET
@instructor_required
def roster_csv(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return exports.roster_csv(roster(production_for(request, pk)))
