"""The editors' preview of a question as crew see it: nothing is started or recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from safetyquiz.content.models import Question
from safetyquiz.http import AuthedHttpRequest

from . import scoring

# The preview's choice order; each attempt shuffles with its own seed.
PREVIEW_SEED = "preview"


@dataclass
class QuestionPreview:
    """What the question part of the attempt page reads, for one question on its own."""

    question: Question
    shown: list[dict[str, Any]] = field(default_factory=list)  # number and text, no key
    number: int = 1
    planned: int = 1
    current_index: int = 0


@login_required
@require_GET
def question_preview(request: AuthedHttpRequest, slug: str, question_slug: str) -> HttpResponse:
    if not (request.user.is_staff and request.user.has_perm("content.view_question")):
        raise Http404
    question = get_object_or_404(
        Question.objects.select_related("module").prefetch_related("choices"),
        module__slug=slug,
        slug=question_slug,
    )
    choices = {c.key: c for c in question.choices.all()}
    positions = {k: c.position for k, c in choices.items() if c.position is not None}
    order = scoring.display_order(
        question.kind, list(choices), f"{PREVIEW_SEED}:{question.pk}", positions
    )
    view = QuestionPreview(
        question, [{"number": n, "text": choices[k].text} for n, k in enumerate(order)]
    )
    right = [choices[k] for k in order if choices[k].is_correct]
    if question.kind == Question.Kind.ORDERING:
        right = sorted(choices.values(), key=lambda c: c.position or 0)
    context = {"view": view, "module": question.module, "right": right}
    return render(request, "training/question_preview.html", context)
