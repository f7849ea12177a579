from typing import Any

from safetyquiz.devtools.simulate import posted_values
from safetyquiz.training.models import Attempt


def answer_data(attempt: Attempt, index: int, *, right: bool = True) -> dict[str, Any]:
    return {"question": str(index), "choice": posted_values(attempt, index, right=right)}


def answer(client: Any, attempt: Attempt, index: int, *, right: bool = True, **extra: Any) -> Any:
    return client.post(
        f"/attempts/{attempt.pk}/", answer_data(attempt, index, right=right), **extra
    )
