from typing import Any

from safetyquiz.content.models import Question
from safetyquiz.training.models import Attempt
from safetyquiz.training.services import question_snapshot


def values_for(attempt: Attempt, question: Question, *, right: bool = True) -> list[str]:
    """What the form would post for a right (or a wrong) answer to the question as shown."""
    shown = question_snapshot(question, attempt.seed)["choices"]
    if question.kind == "ordering":
        positions = [c["position"] for c in shown]
        if not right:
            positions = positions[1:] + positions[:1]
        return [str(p) for p in positions]
    picks = [str(n) for n, c in enumerate(shown) if c["is_correct"] == right]
    return picks if question.kind == "multiple" or right else picks[:1]


def answer_data(attempt: Attempt, index: int, *, right: bool = True) -> dict[str, Any]:
    question = Question.objects.get(pk=attempt.question_ids[index])
    return {"question": str(index), "choice": values_for(attempt, question, right=right)}


def answer(client: Any, attempt: Attempt, index: int, *, right: bool = True, **extra: Any) -> Any:
    return client.post(
        f"/attempts/{attempt.pk}/", answer_data(attempt, index, right=right), **extra
    )
