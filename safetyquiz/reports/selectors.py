"""Aggregate reads for instructors: every figure is grouped in the database, so the number
of queries does not grow with members, attempts or answers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast

from safetyquiz.content.models import Module, Question
from safetyquiz.crews.models import Production
from safetyquiz.crews.selectors import crew_of
from safetyquiz.training.models import Answer, Attempt

from . import stats


@dataclass
class ItemRow:
    question: Question
    answers: int = 0
    right: int = 0
    critical_misses: int = 0
    discrimination: float | None = None
    top_wrong: str = ""
    top_wrong_share: float | None = None

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


def learners(production: Production | None) -> Q:
    """Whose attempts count: a production's crew, or everyone."""
    if production is None:
        return Q()
    return Q(user_id__in=crew_of(production).values("user_id"))


def module_analysis(module: Module, production: Production | None) -> ModuleAnalysis:
    """Finished attempts at the module (retakes included) and their answers: five queries."""
    attempts = Attempt.objects.filter(
        learners(production), module=module, finished_at__isnull=False
    )
    analysis = ModuleAnalysis(module)
    scores: dict[Decimal, int] = Counter()
    for percentage, passed, n in attempts.values_list("percentage", "passed").annotate(
        n=Count("pk")
    ):
        scores[percentage or Decimal(0)] += n
        analysis.attempts += n
        analysis.passed += n if passed else 0
    analysis.mean, analysis.median = stats.mean(scores), stats.median(scores)
    analysis.histogram = stats.histogram(scores)

    questions = list(module.questions.prefetch_related("choices").order_by("order", "pk"))
    answers = Answer.objects.filter(attempt__in=attempts, question__in=questions)
    x = Cast("points_awarded", FloatField()) / Cast("max_points", FloatField())
    y = Cast(F("attempt__points") - F("points_awarded"), FloatField())
    sums = {
        row["question_id"]: row
        for row in answers.values("question_id").annotate(
            n=Count("pk"),
            right=Count("pk", filter=Q(correct=True)),
            critical=Count("pk", filter=Q(critical_miss=True)),
            sx=Sum(x),
            sy=Sum(y),
            sxy=Sum(x * y),
            sxx=Sum(x * x),
            syy=Sum(y * y),
        )
    }
    wrong_picks = wrong_choice_counts(answers, questions)
    for question in questions:
        row = ItemRow(question)
        if data := sums.get(question.pk):
            row.answers, row.right, row.critical_misses = data["n"], data["right"], data["critical"]
            row.discrimination = stats.correlation(
                stats.Sums(data["n"], data["sx"], data["sy"], data["sxy"], data["sxx"], data["syy"])
            )
        if counts := wrong_picks.get(question.pk):
            key, times = counts.most_common(1)[0]
            row.top_wrong = next(c.text for c in question.choices.all() if c.key == key)
            row.top_wrong_share = stats.share(times, row.answers)
        analysis.items.append(row)
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
        .annotate(n=Count("pk"))
    )
    for question_id, response, n in grouped:
        for key in response if isinstance(response, list) else []:
            if key in wrong[question_id]:
                result.setdefault(question_id, Counter())[key] += n
    return result


def learner_attempts(user_id: int) -> QuerySet[Attempt]:
    return (
        Attempt.objects.filter(user_id=user_id)
        .select_related("module")
        .prefetch_related("answers")
        .order_by("module__order", "-started_at")
    )


def supervised_modules(productions: QuerySet[Production]) -> QuerySet[Module]:
    return Module.objects.filter(assignments__production__in=productions).distinct()
