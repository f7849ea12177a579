"""The quiz pages: an attempt's questions, its answers' feedback and its result; and the
editors' pages about questions: a question's preview as crew see it, a module's item
quality (linked from the content admin)."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from safetyquiz import languages, offline
from safetyquiz.content.models import Question
from safetyquiz.http import AuthedHttpRequest, HtmxHttpRequest
from safetyquiz.parsing import strict_int

from . import pending, previews, queued, selectors, services
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
    if not panel and not extra:  # the question as it stands: a device may keep the page
        offline.keep(response)
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
            "critical_failed": [r for r in missed if r.critical],
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


# Answering offline: a device keeps an open attempt's questions, and sends the answers it
# kept once it can (static/js/offline.js).

PANEL = "training/attempt.html#question-panel"


@login_required
@require_GET
def attempt_form(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The questions of an open attempt not answered yet, each as the page shows it: its
    wording and choices, never a key, feedback or explanation. With them a device can
    finish the attempt offline."""
    attempt = _own_attempt(request, pk)
    if attempt.is_finished:
        return JsonResponse({"finished": True}, status=409)
    context: dict[str, Any] = {"attempt": attempt, "csrf_token": get_token(request)}
    places = [
        {"place": view.current_index, "html": render_to_string(PANEL, {**context, "view": view})}
        for view in selectors.questions_to_answer(attempt, get_language())
    ]
    return JsonResponse({"attempt": attempt.pk, "places": places})


@require_POST
def queued_answers(request: AuthedHttpRequest) -> HttpResponse:
    """Answers a device kept, in the order given: each saved or refused by the quiz's
    rules, and the device told which and why. Only for the learner they were kept for."""
    if not request.user.is_authenticated:
        return JsonResponse({"reason": "signed-out"}, status=401)
    try:
        batch = queued.read_batch(json.loads(request.body))
    except (ValueError, RecursionError) as error:  # not JSON, or not a batch
        detail = str(error) if isinstance(error, queued.Unreadable) else "The body is not JSON."
        return JsonResponse({"reason": "unreadable", "detail": detail}, status=400)
    if batch.learner != str(request.user.pk):
        return JsonResponse({"reason": "other-learner"}, status=409)
    outcomes = services.queued_answers_submit(user=request.user, answers=batch.answers)
    return JsonResponse({"results": [outcome.as_json() for outcome in outcomes]})


# The editors' pages


def editor(request: AuthedHttpRequest) -> bool:
    return request.user.is_staff and request.user.has_perm("content.view_question")


@login_required
@require_GET
def question_preview(request: AuthedHttpRequest, slug: str, question_slug: str) -> HttpResponse:
    if not editor(request):
        raise Http404
    question: Question = get_object_or_404(
        Question.objects.select_related("module").prefetch_related("choices"),
        module__slug=slug,
        slug=question_slug,
    )
    view = previews.question_preview(question)
    context = {"view": view, "module": question.module, "right": view.right}
    return render(request, "training/question_preview.html", context)


@login_required
@require_GET
def module_preview(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """A module whole as crew see it, a draft above all: the briefing, then every question
    of both pools, slot by slot, each with its key and feedback. Nothing is recorded."""
    if not editor(request):
        raise Http404
    preview = previews.module_preview(slug)
    if preview is None:
        raise Http404("No such module.")
    return render(request, "training/module_preview.html", {"preview": preview})


LABELS = {**dict(Question.Kind.choices), **dict(Question.Purpose.choices)}


@login_required
@require_GET
def module_quality(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    # Editors only; anyone else is told nothing, as on the instructor pages.
    if not (request.user.is_staff and request.user.has_perm("content.change_module")):
        raise Http404("No such page.")
    # Every module: near-duplicates are looked for across the course, a draft standing in
    # for the module it copies.
    banks = course_banks(seen_from=slug)
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
