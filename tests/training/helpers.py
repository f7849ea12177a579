from typing import Any

from django.contrib.admin.models import LogEntry
from django.utils import timezone

from safetyquiz.content.models import Module, Question
from safetyquiz.devtools.simulate import posted_values
from safetyquiz.training import scoring, services
from safetyquiz.training.models import Answer, Attempt, Certificate
from tests import factories


def answer_data(attempt: Attempt, index: int, *, right: bool = True) -> dict[str, Any]:
    return {"question": str(index), "choice": posted_values(attempt, index, right=right)}


def answer(client: Any, attempt: Attempt, index: int, *, right: bool = True, **extra: Any) -> Any:
    return client.post(
        f"/attempts/{attempt.pk}/", answer_data(attempt, index, right=right), **extra
    )


def taken(user: Any, module: Module, picks: list[str], *, finish: bool = True) -> Attempt:
    """An attempt whose answers pick the given choice keys, scored as the quiz scores them."""
    attempt = factories.AttemptFactory(user=user, module=module)
    for index, key in enumerate(picks):
        question = Question.objects.get(pk=attempt.question_ids[index])
        snapshot = services.question_snapshot(question, attempt.seed)
        outcome = scoring.score(services.key_of(snapshot), frozenset([key]))
        Answer.objects.create(
            attempt=attempt,
            index=index,
            question=question,
            response=[key],
            points_awarded=outcome.points,
            max_points=outcome.max_points,
            correct=outcome.correct,
            critical_miss=outcome.critical_miss,
            snapshot=snapshot,
        )
    if finish:
        answers = list(attempt.answers.all())
        outcomes = [
            scoring.Outcome(a.points_awarded, a.max_points, a.correct, a.critical_miss)
            for a in answers
        ]
        result = scoring.result(outcomes, attempt.pass_mark)
        attempt.finished_at = timezone.now()
        attempt.points, attempt.max_points = result.points, result.max_points
        attempt.percentage, attempt.passed = result.percentage, result.passed
        attempt.critical_misses = result.critical_misses
        attempt.save()
        if result.passed:
            services.certificate_issue(attempt=attempt)
    return attempt


def correct_to(question: Question, key: str) -> None:
    """The editor's correction: ``key`` is the right choice now."""
    question.choices.update(is_correct=False)
    question.choices.filter(key=key).update(is_correct=True)


def state() -> dict[str, Any]:
    """Everything a regrade may write."""
    return {
        "answers": list(
            Answer.objects.order_by("pk").values_list(
                "pk", "points_awarded", "max_points", "correct", "critical_miss", "regraded_key"
            )
        ),
        "attempts": {
            a[0]: a[1:]
            for a in Attempt.objects.values_list(
                "pk", "points", "max_points", "percentage", "passed", "critical_misses"
            )
        },
        "certificates": list(
            Certificate.objects.order_by("pk").values_list("attempt_id", "revoked_at")
        ),
        "log": LogEntry.objects.count(),
    }
