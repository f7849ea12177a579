"""Reads of the quiz flow, each a fixed number of queries."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    Count,
    Max,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from safetyquiz.content.models import Excerpt, Module, Source

from . import wording
from .models import Answer, Attempt, Certificate
from .progress import ModuleProgress


def progress_by_module(user: User, today: date | None = None) -> dict[int, ModuleProgress]:
    """Each module's progress for one learner, in three queries whatever the history."""
    progress = progress_table(Q(user=user), today)
    return {module_id: row for (_, module_id), row in progress.items()}


def progress_table(
    who: Q,
    today: date | None = None,
    modules: Q | None = None,
    started_before: datetime | None = None,
) -> dict[tuple[int, int], ModuleProgress]:
    """(user id, module id) -> progress, for the attempts and certificates matching ``who``
    (and ``modules``), of attempts started before ``started_before`` when it is given:
    three grouped queries, whatever the number of people or attempts."""
    today = today or timezone.localdate()
    scope = who & (modules or Q())
    if started_before is not None:
        scope &= Q(started_at__lt=started_before)
        certificate_scope = who & (modules or Q()) & Q(attempt__started_at__lt=started_before)
    else:
        certificate_scope = scope
    progress: dict[tuple[int, int], ModuleProgress] = {}

    def row(user_id: int, module_id: int) -> ModuleProgress:
        return progress.setdefault((user_id, module_id), ModuleProgress())

    # Practice attempts count for nothing: where a learner stands is their certifying record.
    attempts = Attempt.objects.filter(mode=Attempt.Mode.CERTIFYING)
    open_attempts = (
        attempts.filter(scope, finished_at=None)
        .annotate(answered=Count("answers"))
        .values_list("user_id", "module_id", "pk", "answered", "question_ids")
    )
    for user_id, module_id, pk, answered, question_ids in open_attempts:
        current = row(user_id, module_id)
        current.open_attempt_id, current.answered, current.planned = pk, answered, len(question_ids)
    finished = (
        attempts.filter(scope, finished_at__isnull=False)
        .values_list("user_id", "module_id")
        .annotate(n=Count("*"), best=Max("percentage"))  # "*": read from the index alone
    )
    for user_id, module_id, n, best in finished:
        current = row(user_id, module_id)
        current.finished_attempts, current.best_percentage = n, best
    certificates = (
        Certificate.objects.filter(certificate_scope)
        .values_list("user_id", "module_id")
        .annotate(
            valid_until=Max("expires_on", filter=valid_on(today)),
            lapsed_on=Max("expires_on", filter=Q(revoked_at=None, expires_on__lt=today)),
            revoked=Count("revoked_at"),  # counts the revoked; the index covers it
            valid_language=Max("attempt__language", filter=valid_on(today)),
        )
    )
    for user_id, module_id, valid_until, lapsed_on, revoked, language in certificates:
        current = row(user_id, module_id)
        current.valid_until, current.lapsed_on, current.revoked = (
            valid_until,
            lapsed_on,
            bool(revoked),
        )
        current.valid_language = language or ""
    return progress


def valid_on(today: date) -> Q:
    """Certificates that count on ``today``: not revoked, and expiring today or later."""
    return Q(revoked_at=None, expires_on__gte=today)


def valid_certificates(who: Q, today: date, modules: Q | None = None) -> set[tuple[int, int]]:
    """(user id, module id) for each valid certificate matching ``who`` (and ``modules``):
    one query, read from the certificates' index alone."""
    return set(
        Certificate.objects.filter(who & (modules or Q()), valid_on(today))
        .order_by()
        .values_list("user_id", "module_id")
        .distinct()
    )


def module_for_briefing(slug: str, *, include_drafts: bool) -> Module | None:
    """The module with what its briefing shows (its quotes with their sources, failures,
    departments, slots and questions): six queries. A draft only for a preview."""
    modules = Module.objects.all() if include_drafts else Module.objects.published()
    return (
        modules.filter(slug=slug)
        .prefetch_related(
            Prefetch("excerpts", queryset=Excerpt.objects.select_related("source")),
            "failures",
            "departments",
            "slots",
            "questions",
        )
        .first()
    )


def module_to_start(slug: str) -> Module | None:
    """A published module with its slots, for starting an attempt: two queries (the bank
    is read by the start itself)."""
    return Module.objects.published().filter(slug=slug).prefetch_related("slots").first()


@dataclass
class SourceQuotes:
    source: Source
    quotes: list[Excerpt]


def excerpts_by_source(module: Module) -> list[SourceQuotes]:
    """The briefing's quotes grouped by their source, sources in the order first quoted
    (reads the module's prefetched excerpts: no query of its own)."""
    grouped: dict[int, SourceQuotes] = {}
    for excerpt in module.excerpts.all():
        group = grouped.setdefault(excerpt.source_id, SourceQuotes(excerpt.source, []))
        group.quotes.append(excerpt)
    return list(grouped.values())


def slot_ids(module: Module) -> list[int]:
    return [slot.pk for slot in module.slots.all()]


def open_practice(user: User, module: Module) -> Attempt | None:
    return Attempt.objects.filter(
        user=user, module=module, mode=Attempt.Mode.PRACTICE, finished_at=None
    ).first()


def user_attempt(user: User, pk: int) -> QuerySet[Attempt]:
    """The attempt if it is the user's own: anyone else's is not found."""
    return Attempt.objects.filter(pk=pk, user=user).select_related("module")


# The question page's one query, written out: it runs for every question shown, and the
# ORM's building and compiling of it cost more than running it. The same as
# ``user_attempt`` without the module, with two subqueries: how many places of the form are
# answered, and the last of them. ``test_selectors`` holds it to the ORM's answer, and
# docs/performance.md gives the figures that keep it.
_ATTEMPT, _ANSWER = Attempt._meta.db_table, Answer._meta.db_table
ATTEMPT_WITH_PLACES = f"""
SELECT attempt.*,
  (SELECT COUNT(*) FROM {_ANSWER} a WHERE a.attempt_id = attempt.id) AS places_answered,
  (SELECT MAX(a."index") FROM {_ANSWER} a WHERE a.attempt_id = attempt.id) AS last_place
FROM {_ATTEMPT} attempt
WHERE attempt.id = %s AND attempt.user_id = %s
"""


def user_attempt_with_places(user: User, pk: int) -> Attempt | None:
    """The attempt if it is the user's own, with how many places of its form are answered
    and the last of them, so ``attempt_view`` needs no query of its own: one query (the
    module is read when the full page asks for its title)."""
    return next(iter(Attempt.objects.raw(ATTEMPT_WITH_PLACES, [pk, user.pk])), None)


@dataclass
class AttemptView:
    attempt: Attempt
    answers: list[Answer]
    planned: int
    current_index: int | None = None
    question: dict[str, Any] | None = None  # the snapshot: never put its key on the page
    shown: list[dict[str, Any]] = field(default_factory=list)  # number and text only: no key

    @property
    def number(self) -> int:
        return (self.current_index or 0) + 1


def answered_places(attempt: Attempt) -> Collection[int]:
    """The places of the attempt's form answered. Answers come in order, so they are the
    first ``places_answered`` when the attempt was read with those (and the last place
    agrees); otherwise, one query."""
    count = getattr(attempt, "places_answered", None)
    last = getattr(attempt, "last_place", None)
    if count is not None and (count == 0 or last == count - 1):
        return range(count)
    return set(attempt.answers.order_by().values_list("index", flat=True))


def attempt_view(
    attempt: Attempt,
    posted: Sequence[str] = (),
    answered: Collection[int] | None = None,
    language: str = wording.ENGLISH,
) -> AttemptView:
    """The first unanswered question of the form, as shown, without its key; or, when none
    is left, the answers. No query for the question page when the places answered are
    known (``answered``, or read with ``user_attempt_with_places``), one otherwise; one
    more for the result.

    ``posted`` are the values of a refused answer, shown again as the learner left them:
    the choices ticked, or for ordering the place given to each item. The question is in
    ``language`` where the form holds it in that language, else in English."""
    if answered is None:
        answered = answered_places(attempt)
    view = AttemptView(attempt=attempt, answers=[], planned=len(attempt.form))
    for index, snapshot in enumerate(attempt.form):
        if index not in answered:
            snapshot = wording.in_language(snapshot, language)
            view.current_index, view.question = index, snapshot
            places = list(posted) + [""] * len(snapshot["choices"])
            view.shown = [
                {
                    "number": n,
                    "text": choice["text"],
                    "checked": str(n) in posted,
                    "place": places[n],
                }
                for n, choice in enumerate(snapshot["choices"])
            ]
            return view
    view.answers = list(attempt.answers.all())
    return view


def attempt_answer(attempt: Attempt, index: int) -> QuerySet[Answer]:
    return attempt.answers.filter(index=index)


def user_certificates(user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).select_related("module", "attempt")


def certificate_by_code(code: str) -> QuerySet[Certificate]:
    return Certificate.objects.filter(code=code).select_related("module", "user", "attempt")
