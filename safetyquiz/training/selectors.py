"""Reads of the quiz flow, each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from safetyquiz.content.models import Excerpt, Module, Question

from . import scoring
from .models import Answer, Attempt, Certificate
from .progress import ModuleProgress


def progress_by_module(user: User, today: date | None = None) -> dict[int, ModuleProgress]:
    """Each module's progress for one learner, in three queries whatever the history."""
    progress = progress_table(Q(user=user), today)
    return {module_id: row for (_, module_id), row in progress.items()}


def progress_table(
    who: Q, today: date | None = None, modules: Q | None = None
) -> dict[tuple[int, int], ModuleProgress]:
    """(user id, module id) -> progress, for the attempts and certificates matching ``who``
    (and ``modules``): three grouped queries, whatever the number of people or attempts."""
    today = today or timezone.localdate()
    scope = who & (modules or Q())
    progress: dict[tuple[int, int], ModuleProgress] = {}

    def row(user_id: int, module_id: int) -> ModuleProgress:
        return progress.setdefault((user_id, module_id), ModuleProgress())

    open_attempts = (
        Attempt.objects.filter(scope, finished_at=None)
        .annotate(answered=Count("answers"))
        .values_list("user_id", "module_id", "pk", "answered", "question_ids")
    )
    for user_id, module_id, pk, answered, question_ids in open_attempts:
        current = row(user_id, module_id)
        current.open_attempt_id, current.answered, current.planned = pk, answered, len(question_ids)
    finished = (
        Attempt.objects.filter(scope, finished_at__isnull=False)
        .values_list("user_id", "module_id")
        .annotate(n=Count("*"), best=Max("percentage"))  # "*": read from the index alone
    )
    for user_id, module_id, n, best in finished:
        current = row(user_id, module_id)
        current.finished_attempts, current.best_percentage = n, best
    certificates = (
        Certificate.objects.filter(scope)
        .values_list("user_id", "module_id")
        .annotate(
            valid_until=Max("expires_on", filter=Q(revoked_at=None, expires_on__gte=today)),
            lapsed_on=Max("expires_on", filter=Q(revoked_at=None, expires_on__lt=today)),
            revoked=Count("revoked_at"),  # counts the revoked; the index covers it
        )
    )
    for user_id, module_id, valid_until, lapsed_on, revoked in certificates:
        current = row(user_id, module_id)
        current.valid_until, current.lapsed_on, current.revoked = (
            valid_until,
            lapsed_on,
            bool(revoked),
        )
    return progress


def module_for_briefing(slug: str, *, include_drafts: bool) -> QuerySet[Module]:
    modules = Module.objects.all() if include_drafts else Module.objects.published()
    return (
        modules.filter(slug=slug)
        .prefetch_related(
            Prefetch("excerpts", queryset=Excerpt.objects.select_related("source")),
            "failures",
            "departments",
        )
        .annotate(
            question_count=Count("questions", distinct=True),
            critical_count=Count("questions", filter=Q(questions__critical=True), distinct=True),
        )
    )


def user_attempt(user: User, pk: int) -> QuerySet[Attempt]:
    """The attempt if it is the user's own: anyone else's is not found."""
    return Attempt.objects.filter(pk=pk, user=user).select_related("module")


@dataclass
class AttemptView:
    attempt: Attempt
    answers: list[Answer]
    planned: int
    current_index: int | None = None
    question: Question | None = None
    shown: list[dict[str, Any]] = field(default_factory=list)  # number and text only: no key

    @property
    def number(self) -> int:
        return (self.current_index or 0) + 1


def attempt_view(attempt: Attempt) -> AttemptView:
    """The first unanswered question, without its key; or, when none is left, the answers.

    Three queries either way. The question page, loaded at every step of every attempt,
    reads only the answered places and the current question's choices, not the answers'
    snapshots nor every question's choices."""
    answered = set(attempt.answers.values_list("index", flat=True))
    questions = Question.objects.in_bulk(attempt.question_ids)
    view = AttemptView(attempt=attempt, answers=[], planned=len(attempt.question_ids))
    for index, pk in enumerate(attempt.question_ids):
        if index not in answered and pk in questions:
            question = questions[pk]
            view.current_index, view.question = index, question
            choices = {c.key: c for c in question.choices.all()}
            positions = {k: c.position for k, c in choices.items() if c.position is not None}
            order = scoring.display_order(
                question.kind, list(choices), f"{attempt.seed}:{question.pk}", positions
            )
            view.shown = [{"number": n, "text": choices[k].text} for n, k in enumerate(order)]
            return view
    view.answers = list(attempt.answers.all())
    return view


def attempt_answer(attempt: Attempt, index: int) -> QuerySet[Answer]:
    return attempt.answers.filter(index=index)


def question_for_answer(attempt: Attempt, index: int) -> Question | None:
    if not 0 <= index < len(attempt.question_ids):
        return None
    return (
        Question.objects.filter(pk=attempt.question_ids[index])
        .prefetch_related("choices", Prefetch("excerpts", Excerpt.objects.select_related("source")))
        .first()
    )


def user_certificates(user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).select_related("module")


def certificate_by_code(code: str) -> QuerySet[Certificate]:
    return Certificate.objects.filter(code=code).select_related("module", "user")
