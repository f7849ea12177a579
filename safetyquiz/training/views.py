"""The quiz pages: an attempt's questions, its answers' feedback and its result; and the
editors' pages about questions: a question's preview as crew see it, a module's item
quality (linked from the content admin)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from safetyquiz import languages
from safetyquiz.content.models import Question
from safetyquiz.http import AuthedHttpRequest, HtmxHttpRequest
from safetyquiz.parsing import strict_int

from . import pending, scoring, selectors, services
from .banks import course_banks
from .models import Answer, Attempt
from .panel.picks import panel_of
from .panel.readings import readings_now
from .quality import Thresholds, assess_module, summary
from .review import review_of
from .scoring import ResponseError

ALREADY_ANSWERED = _("You had already answered this question: this is the answer recorded.")


@require_http_methods(["GET", "POST"])
def attempt_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        # The session ended mid-module: keep the answer posted, sign in, come back here.
        if request.method == "POST":
            pending.keep(request.session, pk, request.POST)
        return redirect_to_login(reverse("training:attempt", args=[pk]))
    if request.method == "POST":
        return _answer(request, pk)
    attempt = _own_attempt(request, pk)
    view = selectors.attempt_view(attempt, language=get_language())
    if view.question is None:
        return _result(request, view)
    kept = pending.take(request.session, attempt.pk, view.current_index)
    if kept is not None:
        view = selectors.attempt_view(attempt, posted=kept, language=get_language())
        return _question(request, view, restored=True)
    return _question(request, view)


def _own_attempt(request: AuthedHttpRequest, pk: int) -> Attempt:
    attempt = selectors.user_attempt_with_places(request.user, pk)
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


def _question(request: HtmxHttpRequest, view: selectors.AttemptView, **extra: Any) -> HttpResponse:
    """The question page; only its panel for htmx (not for a boosted or history request)."""
    panel = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    template = "training/attempt.html#question-panel" if panel else "training/attempt.html"
    context = {"view": view, "attempt": view.attempt, **extra}
    response = render(request, template, context, status=400 if "error" in extra else 200)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _answer(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    index = strict_int(request.POST.get("question"))
    if index is None:
        return HttpResponse(gettext("The form did not say which question it answers."), status=400)
    shown_in = request.POST.get("language")  # the language the question was shown in
    if shown_in is not None and languages.offered(shown_in) is None:
        return HttpResponse(
            gettext("The form named a language this site does not speak."), status=400
        )
    try:
        submission = services.answer_submit(
            user=request.user,
            attempt_id=pk,
            index=index,
            values=request.POST.getlist("choice"),
            language=shown_in,
        )
    except Attempt.DoesNotExist:
        raise Http404("No such attempt.") from None
    except services.NotInForm:
        return HttpResponse(gettext("That question is not part of this attempt."), status=400)
    except services.AttemptClosed:
        messages.info(request, gettext("This attempt is finished: nothing more can be answered."))
        return _go(request, reverse("training:attempt", args=[pk]))
    except services.OutOfTurn:
        messages.info(request, gettext("Answer the questions in order: here is where you are."))
        return _go(request, reverse("training:attempt", args=[pk]))
    except ResponseError as error:
        attempt = _own_attempt(request, pk)
        posted = request.POST.getlist("choice")
        view = selectors.attempt_view(attempt, posted=posted, language=get_language())
        return _question(request, view, error=error.said(gettext))
    attempt = submission.attempt
    if not attempt.is_practice:
        # Certifying: the answer is saved and final; correctness waits for the end.
        if not submission.created:
            messages.info(request, ALREADY_ANSWERED)
        return _next(request, attempt, submission.answered)
    if request.htmx:
        return _feedback(request, attempt, submission.answer, repeated=not submission.created)
    if not submission.created:
        messages.info(request, ALREADY_ANSWERED)
    return redirect("training:answer", pk=attempt.pk, index=index)


def _next(request: AuthedHttpRequest, attempt: Attempt, answered: Collection[int]) -> HttpResponse:
    """After a certifying answer: the next question in place, or the result page."""
    if not request.htmx or attempt.is_finished:
        return _go(request, attempt.get_absolute_url())
    view = selectors.attempt_view(attempt, answered=answered, language=get_language())
    if view.question is None:
        return _go(request, attempt.get_absolute_url())
    return _question(request, view)


def _go(request: HtmxHttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _feedback(
    request: HtmxHttpRequest, attempt: Attempt, answer: Answer, *, repeated: bool = False
) -> HttpResponse:
    context = {
        "attempt": attempt,
        "review": review_of(answer, get_language()),
        "note": ALREADY_ANSWERED if repeated else "",
    }
    template = "training/feedback.html#question-panel" if request.htmx else "training/feedback.html"
    return render(request, template, context)


def keyed_review(attempt: Attempt) -> bool:
    """Whether the learner may see which choice was right on each question of a finished
    attempt: always in practice; after a certifying attempt only when it passed and its
    module shows the keyed review after a pass."""
    if attempt.is_practice:
        return True
    return bool(attempt.passed) and attempt.module.review_after_pass


def _result(request: AuthedHttpRequest, view: selectors.AttemptView) -> HttpResponse:
    attempt = view.attempt
    reviews = [review_of(a, get_language()) for a in view.answers]
    if attempt.is_practice:
        missed = [r for r in reviews if not r.correct]
        context = {
            "attempt": attempt,
            "reviews": reviews,
            "missed": missed,
            "missed_slots": sorted({r.slot for r in missed if r.slot}),
        }
        return render(request, "training/result.html", context)
    passed = bool(attempt.passed)
    context = {
        "attempt": attempt,
        "result": selectors.certifying_result(request.user, attempt, reviews),
        "regraded": [r for r in reviews if r.regraded_on],
        "reviews": reviews if keyed_review(attempt) else [],
        "certificate": getattr(attempt, "certificate", None) if passed else None,
    }
    return render(request, "training/result.html", context)


@login_required
@require_GET
def answer_detail(request: AuthedHttpRequest, pk: int, index: int) -> HttpResponse:
    """The feedback on one answer: after each answer in practice; on a certifying attempt
    only once it is finished, and only where its keyed review may be shown."""
    attempt = get_object_or_404(selectors.user_attempt(request.user, pk))
    if not attempt.is_practice and not (attempt.is_finished and keyed_review(attempt)):
        return redirect(attempt)
    answer = get_object_or_404(selectors.attempt_answer(attempt, index))
    return _feedback(request, attempt, answer)


# The editors' pages

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
    question: Question = get_object_or_404(
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
    limits = Thresholds.from_settings(settings.QUALITY)
    quality = assess_module(bank, limits, course=banks)
    (held,) = readings_now([bank.id] if bank.id is not None else [])
    panel = panel_of(
        [scored for _, scored in held.readings],
        published=held.module.is_published,
        cautious_pass=limits.panel_cautious_pass,
    )
    context = {
        "quality": quality,
        "rows": summary.rows(quality, limits),
        "cues": summary.cue_rows(quality, limits),
        "questions": summary.questions(quality, LABELS),
        "panel": panel,
        "readings": held.readings,
        "slot_items": selectors.slot_items(list(held.module.questions.all()), limits),
        "limits": limits,
    }
    return render(request, "training/module_quality.html", context)
