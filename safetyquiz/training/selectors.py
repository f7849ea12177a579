"""Reads of the quiz flow, each a fixed number of queries."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    Count,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from safetyquiz.content.models import Excerpt, Module, Question, Slot, Source

from . import objectives, retakes, slot_facility, wording
from .models import Answer, Attempt, AttemptGrant, Certificate
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


def slot_slugs(module: Module) -> list[str]:
    return [slot.slug for slot in module.slots.all()]


def day_bounds(now: datetime | None = None) -> tuple[datetime, datetime]:
    """When the learner's day (the site's time zone) began, and when the next begins."""
    today = timezone.localdate(now)
    start = timezone.make_aware(datetime.combine(today, time.min))
    return start, timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))


def retake_gate(user: User, module: Module, now: datetime | None = None) -> retakes.Gate:
    """Whether the learner may start a new certifying attempt at the module now: one query,
    and after a fail three more, whatever their history. An objective with no practice
    question yet cannot be practised, so it holds nothing up."""
    start, tomorrow = day_bounds(now)
    mine = Attempt.objects.filter(user=user, module=OuterRef("pk"), mode=Attempt.Mode.CERTIFYING)
    last = mine.filter(finished_at__isnull=False).order_by("-finished_at")
    row = (
        Module.objects.filter(pk=module.pk)
        .annotate(
            started=_count(mine.filter(started_at__gte=start)),
            granted=_count(
                AttemptGrant.objects.filter(user=user, module=OuterRef("pk"), granted_at__gte=start)
            ),
            last_id=Subquery(last.values("pk")[:1]),
            last_passed=Subquery(last.values("passed")[:1]),
            last_finished=Subquery(last.values("finished_at")[:1]),
        )
        .values("started", "granted", "last_id", "last_passed", "last_finished")
        .get()
    )
    history = retakes.History(started_today=row["started"] or 0, granted_today=row["granted"] or 0)
    if row["last_id"] is not None and not row["last_passed"]:
        missed = objectives_missed(row["last_id"])
        practicable = practicable_objectives(module)
        practised = (
            Answer.objects.filter(
                attempt__user=user,
                attempt__module=module,
                attempt__mode=Attempt.Mode.PRACTICE,
                answered_at__gte=row["last_finished"],
            )
            .values_list("snapshot__slot", flat=True)
            .distinct()
        )
        history = replace(
            history,
            failed=True,
            missed=[s for s in missed if s in practicable],
            practised=set(practised),
        )
    return retakes.retake_gate(history, daily_limit=module.attempts_per_day, tomorrow=tomorrow)


def practicable_objectives(module: Module) -> set[str]:
    """The slugs of the module's slots with practice questions: one query."""
    practice = Question.objects.filter(module=module, pool=Question.Pool.PRACTICE)
    return set(practice.exclude(slot=None).values_list("slot__slug", flat=True))


def _count(rows: QuerySet[Any]) -> Subquery:
    return Subquery(rows.order_by().values("user").annotate(n=Count("pk")).values("n")[:1])


def objectives_missed(attempt_id: int) -> list[str]:
    """The slugs of the objectives a finished attempt missed, in the form's order."""
    answers = (
        Answer.objects.filter(attempt_id=attempt_id)
        .order_by("index")
        .values_list("snapshot__slot", "snapshot__objective", "correct")
    )
    return objectives.missed(
        objectives.objectives_of(
            objectives.Answered(slot or "", objective or "", correct)
            for slot, objective, correct in answers
        )
    )


def attempts_today(
    user_id: int, modules: Sequence[Module], now: datetime | None = None
) -> dict[int, tuple[int, int]]:
    """Module id -> (certifying attempts the learner started today, further attempts granted
    today): two grouped queries."""
    start, _ = day_bounds(now)
    found: dict[int, tuple[int, int]] = {}
    started = (
        Attempt.objects.filter(
            user_id=user_id,
            module__in=modules,
            mode=Attempt.Mode.CERTIFYING,
            started_at__gte=start,
        )
        .values_list("module_id")
        .annotate(n=Count("pk"))
    )
    for module_id, n in started:
        found[module_id] = (n, 0)
    granted = (
        AttemptGrant.objects.filter(user_id=user_id, module__in=modules, granted_at__gte=start)
        .values_list("module_id")
        .annotate(n=Count("pk"))
    )
    for module_id, n in granted:
        found[module_id] = (found.get(module_id, (0, 0))[0], n)
    return found


@dataclass(frozen=True)
class CertifyingResult:
    """A finished certifying attempt by objective, and what comes next."""

    by_objective: list[tuple[objectives.Objective, TeachingPoint | None]]
    critical_missed: list[objectives.Objective]
    to_practise: list[str]  # the slugs of the objectives missed that have practice
    gate: retakes.Gate  # whether another certifying attempt may start now
    waiting: list[str]  # the objectives the gate waits on, as this form named them


def certifying_result(user: User, attempt: Attempt, reviews: Sequence[Any]) -> CertifyingResult:
    """The attempt's objectives met or not, with the teaching point of each one missed (never
    the key of the question drawn), and the retake gate: up to eight queries."""
    found = objectives.objectives_of(
        objectives.Answered(r.slot, r.objective, r.correct, r.critical) for r in reviews
    )
    points = teaching_points(attempt.module, objectives.missed(found))
    gate = retake_gate(user, attempt.module)
    return CertifyingResult(
        by_objective=[(o, points.get(o.slot)) for o in found],
        critical_missed=[o for o in found if o.critical and not o.met],
        to_practise=[slug for slug, point in points.items() if point.practice],
        gate=gate,
        waiting=[o.objective for o in found if o.slot in gate.to_practise],
    )


@dataclass(frozen=True)
class TeachingPoint:
    slot: Slot
    practice: int  # practice questions of the objective


def teaching_points(module: Module, slugs: Collection[str]) -> dict[str, TeachingPoint]:
    """The objectives' slots, with their teaching points and sources, and how many practice
    questions each has: two queries."""
    if not slugs:
        return {}
    slots = (
        Slot.objects.filter(module=module, slug__in=list(slugs))
        .annotate(practice=Count("questions", filter=Q(questions__pool=Question.Pool.PRACTICE)))
        .prefetch_related(Prefetch("excerpts", Excerpt.objects.select_related("source")))
    )
    return {slot.slug: TeachingPoint(slot, slot.practice) for slot in slots}


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
    for index in range(len(attempt.form)):
        if index not in answered:
            return question_view(attempt, index, posted, language)
    view = AttemptView(attempt=attempt, answers=[], planned=len(attempt.form))
    view.answers = list(attempt.answers.all())
    return view


def question_view(
    attempt: Attempt, index: int, posted: Sequence[str] = (), language: str = wording.ENGLISH
) -> AttemptView:
    """The form's question at ``index`` as the page shows it: wording and choices, no key;
    in ``language`` where the form holds it in that language, else in English."""
    snapshot = wording.in_language(attempt.form[index], language)
    places = list(posted) + [""] * len(snapshot["choices"])
    shown = [
        {"number": n, "text": choice["text"], "checked": str(n) in posted, "place": places[n]}
        for n, choice in enumerate(snapshot["choices"])
    ]
    return AttemptView(attempt, [], len(attempt.form), index, snapshot, shown)


def questions_to_answer(attempt: Attempt, language: str = wording.ENGLISH) -> list[AttemptView]:
    """Each question of the form not answered yet, as the page shows it (no key), in
    ``language`` where the form holds it: what a device keeps to answer them offline. No
    query when the places answered are known."""
    answered = answered_places(attempt)
    return [
        question_view(attempt, i, language=language)
        for i in range(len(attempt.form))
        if i not in answered
    ]


def attempt_answer(attempt: Attempt, index: int) -> QuerySet[Answer]:
    return attempt.answers.filter(index=index)


def user_certificates(user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).select_related("module", "attempt")


def certificate_by_code(code: str) -> QuerySet[Certificate]:
    return Certificate.objects.filter(code=code).select_related("module", "user", "attempt")


@dataclass(frozen=True)
class SlotItem:
    """A certifying question's facility beside its slot siblings' (``slot_facility``)."""

    question: Question
    facility: slot_facility.SlotFacility


def slot_items(questions: Sequence[Question], limits: Any) -> list[SlotItem]:
    """A module's certifying questions (with their slots), each with its facility from
    finished certifying attempts beside its slot siblings', in slot order: one query."""
    questions = sorted(questions, key=lambda q: (q.slot.order if q.slot else 0, q.order, q.pk))
    counted = (
        Answer.objects.filter(
            question__in=questions,
            attempt__finished_at__isnull=False,
            attempt__mode=Attempt.Mode.CERTIFYING,
        )
        .values_list("question_id")
        .annotate(n=Count("pk"), right=Count("pk", filter=Q(correct=True)))
    )
    tallies = {pk: (n, right) for pk, n, right in counted}
    found = slot_facility.slot_facilities(
        (slot_facility.Tally(q.pk, q.slot_id, *tallies.get(q.pk, (0, 0))) for q in questions),
        margin=limits.slot_facility_margin,
        min_answers=limits.slot_min_answers,
    )
    return [SlotItem(q, found[q.pk]) for q in questions]
