from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from safetyquiz.content.models import Module
from safetyquiz.crews.models import Membership, Production
from safetyquiz.crews.rosters import roster, roster_page
from safetyquiz.crews.selectors import production_log, supervised_productions
from safetyquiz.crews.standings import departments_of, standings, standings_of
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.parsing import strict_int
from safetyquiz.training.review import review_of

from . import charts, exports, selectors
from .access import instructor_required, production_for, superuser_only
from .forms import RosterFilter

ATTEMPTS_PER_PAGE = 10
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


@require_GET
@instructor_required
def learner(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    """A member's record on this production's modules: a summary per module, then their
    certifying attempts, newest first, each folded, a page at a time; for someone removed,
    as it stood when they left."""
    production = production_for(request, pk)
    membership = get_object_or_404(  # members who left too: their records stay
        production.memberships.filter(role=Membership.Role.CREW).select_related(
            "user", "department"
        ),
        user_id=user_id,
    )
    built = roster(production, member=membership)
    row = built.rows[0]
    summary = [
        (a, cell)
        for a, cell in zip(built.assignments, row.cells, strict=True)
        if cell is not None and a.module.is_published
    ]
    modules = [a.module for a, _ in summary]
    chosen = request.GET.get("module", "")
    if chosen:
        modules = [m for m in modules if m.slug == chosen]
        if not modules:
            raise Http404("This production does not assign that module to them.")
    # A former member's training is shown up to when they left, and no further.
    attempts = selectors.learner_attempts(user_id, modules, started_before=membership.left_at)
    page = Paginator(attempts, ATTEMPTS_PER_PAGE).get_page(strict_int(request.GET.get("page")) or 1)
    context = {
        "production": production,
        "membership": membership,
        "row": row,
        "summary": summary,
        "chosen": chosen,
        "page": page,
        "records": [(a, [review_of(answer) for answer in a.answers.all()]) for a in page],
    }
    return render(request, "reports/learner.html", context)


def _analysis(
    request: AuthedHttpRequest, slug: str, production: Production | None, csv: bool
) -> HttpResponse:
    modules = selectors.production_modules(production) if production else Module.objects.all()
    module = get_object_or_404(modules, slug=slug)
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
    superuser_only(request)
    return _analysis(request, slug, None, csv=False)


@require_GET
@instructor_required
def overall_analysis_csv(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    superuser_only(request)
    return _analysis(request, slug, None, csv=True)
