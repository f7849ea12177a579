from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from safetyquiz.content.models import Module
from safetyquiz.crews.models import Production
from safetyquiz.crews.selectors import crew_of, roster, rosters, supervised_productions
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.training.review import review_of

from . import charts, exports, selectors
from .access import instructor_required, production_for, staff_only
from .forms import RosterFilter


@require_GET
@instructor_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    productions = supervised_productions(request.user)
    context = {
        "summaries": rosters(productions).values(),
        "modules": Module.objects.published() if request.user.is_staff else None,
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
    whole = roster(production)
    built = whole.filtered(
        department=filters.cleaned_data["department"], status=filters.cleaned_data["status"]
    )
    context = {
        "production": production,
        "roster": built,
        "departments": whole.departments,
        "filters": filters,
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
    return render(request, "reports/roster_print.html", {"roster": roster(production)})


@require_GET
@instructor_required
def roster_csv(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return exports.roster_csv(roster(production_for(request, pk)))


@require_GET
@instructor_required
def learner(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    production = production_for(request, pk)
    membership = get_object_or_404(
        crew_of(production).select_related("user", "department"), user_id=user_id
    )
    records = [
        (attempt, [review_of(answer) for answer in attempt.answers.all()])
        for attempt in selectors.learner_attempts(user_id)
    ]
    context = {"production": production, "membership": membership, "records": records}
    return render(request, "reports/learner.html", context)


def _analysis(
    request: AuthedHttpRequest, slug: str, production: Production | None, csv: bool
) -> HttpResponse:
    module = get_object_or_404(Module.objects.all(), slug=slug)
    analysis = selectors.module_analysis(module, production)
    if csv:
        return exports.analysis_csv(analysis, production.name if production else "all-productions")
    context = {
        "production": production,
        "analysis": analysis,
        "histogram": charts.score_histogram(analysis.histogram),
        "facility": charts.facility_chart([item.facility for item in analysis.items]),
    }
    return render(request, "reports/analysis.html", context)


@require_GET
@instructor_required
def production_analysis(request: AuthedHttpRequest, pk: int, slug: str) -> HttpResponse:
    return _analysis(request, slug, production_for(request, pk), csv=False)


@require_GET
@instructor_required
def production_analysis_csv(request: AuthedHttpRequest, pk: int, slug: str) -> HttpResponse:
    return _analysis(request, slug, production_for(request, pk), csv=True)


@require_GET
@instructor_required
def overall_analysis(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    staff_only(request)
    return _analysis(request, slug, None, csv=False)


@require_GET
@instructor_required
def overall_analysis_csv(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    staff_only(request)
    return _analysis(request, slug, None, csv=True)
