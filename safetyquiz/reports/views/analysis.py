"""A module's analysis: which questions and wrong answers are most common, for one
production or across all."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from safetyquiz import languages
from safetyquiz.content.models import Module
from safetyquiz.crews.models import Production
from safetyquiz.http import AuthedHttpRequest

from .. import charts, exports, selectors
from ..access import instructor_required, production_for, superuser_only
from ..forms import AnalysisFilter, messages_of


def _analysis(
    request: AuthedHttpRequest, slug: str, production: Production | None, csv: bool
) -> HttpResponse:
    modules = selectors.production_modules(production) if production else Module.objects.course()
    module = get_object_or_404(modules, slug=slug)
    filters = AnalysisFilter(request.GET)
    if not filters.is_valid():
        message = " ".join(messages_of(filters))
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    language = filters.cleaned_data["language"]
    analysis = selectors.module_analysis(module, production, language)
    if csv:
        scope = production.name if production else "all-productions"
        return exports.analysis_csv(analysis, f"{scope} {language}".strip())
    context = {
        "production": production,
        "filters": filters,
        "language": language,
        "language_name": languages.name(language),
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
