"""An answer posted after the learner's session ended: kept in the new session, as posted
and trusted for nothing, until they sign in again; then the same question shows it
selected, for them to check and save. It is never saved on its own."""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase
from django.http import QueryDict

from safetyquiz.parsing import strict_int

KEY = "pending_answer"
MAX_VALUES = 50  # more than any question has choices
MAX_LENGTH = 10  # a choice's number or an ordering place


def keep(session: SessionBase, attempt_id: int, data: QueryDict) -> None:
    session[KEY] = {
        "attempt": attempt_id,
        "question": strict_int(data.get("question")),
        "choices": [value[:MAX_LENGTH] for value in data.getlist("choice")[:MAX_VALUES]],
    }


def take(session: SessionBase, attempt_id: int, index: int | None) -> list[str] | None:
    """The choices kept for this attempt's question ``index``, or None; forgotten either way."""
    kept = session.pop(KEY, None)
    if not isinstance(kept, dict) or index is None:
        return None
    if kept.get("attempt") != attempt_id or kept.get("question") != index:
        return None
    choices = kept.get("choices")
    return [str(value) for value in choices] if isinstance(choices, list) else None
