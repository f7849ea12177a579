"""Aggregate reads for instructors: every figure is grouped in the database, so the number
of queries does not grow with members, attempts or answers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from safetyquiz.content.models import Module, Question
from safetyquiz.crews.models import Production
from safetyquiz.crews.selectors import crew_of
from safetyquiz.training.models import Answer, Attempt
from safetyquiz.training.quality import Thresholds
from safetyquiz.training.slot_facility import SlotFacility, Tally, slot_facilities

from . import stats

CERTIFYING = Attempt.Mode.CERTIFYING


@dataclass
class ItemRow:
    question: Question
    answers: int = 0
    right: int = 0
    critical_misses: int = 0
    discrimination: float | None = None
    top_wrong: str = ""
    top_wrong_share: float | None = None
    # Its facility beside the other questions of its slot (training.slot_facility).
    slot: SlotFacility | None = None

    @property
    def facility(self) -> float | None:
        return stats.share(self.right, self.answers)


@dataclass
class ModuleAnalysis:
    module: Module
    attempts: int = 0
    passed: int = 0
    mean: float | None = None
    median: float | None = None
    histogram: list[int] = field(default_factory=lambda: [0] * 10)
    items: list[ItemRow] = field(default_factory=list)

    @property
    def pass_rate(self) -> float | None:
        return stats.share(self.passed, self.attempts)


def learners(production: Production | None, attempt: str = "") -> Q:
    """Whose attempts count: a production's crew, or everyone (``attempt`` is the path to
    the attempt, for filtering its answers)."""
    if production is None:
        return Q()
    return Q(**{f"{attempt}user_id__in": crew_of(production).values("user_id")})


def module_analysis(
    module: Module, production: Production | None, language: str = ""
) -> ModuleAnalysis:
    """Finished certifying attempts at the module (retakes included; practice counts for
    nothing) and their answers to its certifying questions, each question's facility beside
    its slot's others: five queries.

    With a ``language``, only what was taken in it: the scores of the attempts taken in
    it, and the answers to questions shown in it (a learner may switch in the middle).

    The answers come back as a frequency table (one row per question and distinct score,
    a few hundred rows whatever the number of answers), read from covering indexes, and
    the sums behind each item's discrimination are taken from it here."""
    attempts = Attempt.objects.filter(
        learners(production), module=module, finished_at__isnull=False, mode=CERTIFYING
    )
    if language:
        attempts = attempts.filter(language=language)
    analysis = ModuleAnalysis(module)
    scores: dict[Decimal, int] = Counter()
    for percentage, passed, n in attempts.values_list("percentage", "passed").annotate(
        n=Count("*")
    ):
        scores[percentage or Decimal(0)] += n
        analysis.attempts += n
        analysis.passed += n if passed else 0
    analysis.mean, analysis.median = stats.mean(scores), stats.median(scores)
    analysis.histogram = stats.histogram(scores)

    questions = list(
        module.questions.filter(pool=Question.Pool.CERTIFYING)
        .select_related("slot")
        .prefetch_related("choices")
        .order_by("order", "pk")
    )
    # One join to the attempt, not a subquery of attempts: its score is needed anyway.
    answers = Answer.objects.filter(
        learners(production, "attempt__"),
        attempt__module=module,
        attempt__finished_at__isnull=False,
        attempt__mode=CERTIFYING,
        question__in=questions,
    )
    if language:
        answers = answers.filter(language=language)
    table = answers.values_list(
        "question_id", "points_awarded", "max_points", "correct", "critical_miss", "attempt__points"
    ).annotate(n=Count("*"))
    tallies: dict[int, list[int]] = {}  # question id -> answers, right, critical misses
    scored: dict[int, list[stats.Scored]] = {}
    for question_id, awarded, max_points, correct, critical, attempt_points, n in table:
        tally = tallies.setdefault(question_id, [0, 0, 0])
        tally[0] += n
        tally[1] += n if correct else 0
        tally[2] += n if critical else 0
        x, y = float(awarded) / float(max_points), float(attempt_points - awarded)
        scored.setdefault(question_id, []).append(stats.Scored(x, y, n))
    wrong_picks = wrong_choice_counts(answers, questions)
    for question in questions:
        row = ItemRow(question)
        if question.pk in tallies:
            row.answers, row.right, row.critical_misses = tallies[question.pk]
            row.discrimination = stats.correlation(stats.sums(scored[question.pk]))
        if counts := wrong_picks.get(question.pk):
            key, times = counts.most_common(1)[0]
            row.top_wrong = next(c.text for c in question.choices.all() if c.key == key)
            row.top_wrong_share = stats.share(times, row.answers)
        analysis.items.append(row)
    limits = Thresholds.from_settings(settings.QUALITY)
    by_slot = slot_facilities(
        (Tally(r.question.pk, r.question.slot_id, r.answers, r.right) for r in analysis.items),
        margin=limits.slot_facility_margin,
        min_answers=limits.slot_min_answers,
    )
    for row in analysis.items:
        row.slot = by_slot[row.question.pk]
    return analysis


def wrong_choice_counts(
    answers: QuerySet[Answer], questions: list[Question]
) -> dict[int, Counter[str]]:
    """How often each wrong choice was picked, per question, from responses grouped in the
    database (one row per distinct response, not per answer). Ordering questions have no
    wrong choices, only wrong places, and are left out."""
    wrong = {
        q.pk: {c.key for c in q.choices.all() if not c.is_correct}
        for q in questions
        if q.kind != Question.Kind.ORDERING
    }
    result: dict[int, Counter[str]] = {}
    grouped = (
        answers.filter(correct=False, question__in=list(wrong))
        .values_list("question_id", "response")
        .annotate(n=Count("*"))
    )
    for question_id, response, n in grouped:
        for key in response if isinstance(response, list) else []:
            if key in wrong[question_id]:
                result.setdefault(question_id, Counter())[key] += n
    return result


def learner_attempts(
    user_id: int, modules: list[Module], started_before: datetime | None = None
) -> QuerySet[Attempt]:
    """The learner's certifying attempts at these modules (started before ``started_before``
    when it is given), newest first (answers fetched for whichever page of them is read)."""
    attempts = Attempt.objects.filter(user_id=user_id, module__in=modules, mode=CERTIFYING)
    if started_before is not None:
        attempts = attempts.filter(started_at__lt=started_before)
    return (
        attempts.select_related("module").prefetch_related("answers").order_by("-started_at", "-pk")
    )


def production_modules(production: Production) -> QuerySet[Module]:
    """The published modules a production assigns: the only ones its pages report on."""
    return Module.objects.published().filter(assignments__production=production)
