"""The editors' page of a module's item quality, linked from the module's admin page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safetyquiz.content.models import Question
from safetyquiz.http import AuthedHttpRequest

from .quality import assess_module, summary
from .quality_banks import course_banks, thresholds

LABELS = {**dict(Question.Kind.choices), **dict(Question.Purpose.choices)}


@login_required
@require_GET
def module_quality(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    # Editors only; anyone else is told nothing, as on the instructor pages.
    if not (request.user.is_staff and request.user.has_perm("content.change_module")):
        raise Http404("No such page.")
    banks = course_banks()  # every module: near-duplicates are looked for across the course
    bank = next((b for b in banks if b.slug == slug), None)
    if bank is None:
        raise Http404("No such module.")
    limits = thresholds()
    quality = assess_module(bank, limits, course=banks)
    context = {
        "quality": quality,
        "rows": summary.rows(quality, limits),
        "strategies": summary.strategies(quality, limits),
        "questions": summary.questions(quality, LABELS),
    }
    return render(request, "training/module_quality.html", context)
