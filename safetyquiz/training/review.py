"""What a learner is shown after answering, built from the answer's snapshot alone,
so that later edits to a question never change a past review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from . import wording
from .models import Answer


@dataclass(frozen=True)
class ChoiceReview:
    text: str
    picked: bool
    is_correct: bool
    feedback: str
    right_position: int | None
    given_position: int | None


@dataclass(frozen=True)
class Review:
    index: int
    slot: str  # the slot's slug, "" when the question had none (or was asked before slugs)
    objective: str
    kind: str
    role: str
    prompt: str
    explanation: str
    critical: bool
    correct: bool
    points: Decimal
    max_points: Decimal
    choices: list[ChoiceReview]
    excerpts: list[dict[str, Any]]
    regraded_on: date | None = None  # the key shown is the corrected one from that day
    language: str = wording.ENGLISH  # the language of the texts above
    answered_in: str = wording.ENGLISH  # the language the question was shown in

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def is_ordering(self) -> bool:
        return self.kind == "ordering"

    @property
    def picked(self) -> list[ChoiceReview]:
        return [c for c in self.choices if c.picked]

    @property
    def right(self) -> list[ChoiceReview]:
        if self.is_ordering:
            return sorted(self.choices, key=lambda c: c.right_position or 0)
        return [c for c in self.choices if c.is_correct]


def review_of(answer: Answer, language: str = wording.ENGLISH) -> Review:
    """The answer as shown, judged on its key: the corrected one when it was regraded; its
    texts in ``language`` where the snapshot holds them, else in English."""
    snapshot = wording.in_language(answer.snapshot, language)
    key = answer.regraded_key or snapshot
    corrected = {c["key"]: c for c in key["choices"]}
    response = answer.response
    given = response if isinstance(response, dict) else {}
    picked = set(response) if isinstance(response, list) else set()
    return Review(
        index=answer.index,
        slot=snapshot.get("slot", ""),
        objective=snapshot.get("objective", ""),
        kind=snapshot["kind"],
        role=snapshot.get("role", ""),
        prompt=snapshot["prompt"],
        explanation=snapshot["explanation"],
        critical=key["critical"],
        correct=answer.correct,
        points=answer.points_awarded,
        max_points=answer.max_points,
        choices=[
            ChoiceReview(
                text=c["text"],
                picked=c["key"] in picked,
                is_correct=corrected.get(c["key"], c)["is_correct"],
                feedback=c["feedback"],
                right_position=corrected.get(c["key"], c)["position"],
                given_position=given.get(c["key"]),
            )
            for c in snapshot["choices"]
        ],
        excerpts=snapshot.get("excerpts", []),
        regraded_on=timezone.localdate(answer.regraded_at) if answer.regraded_at else None,
        language=snapshot["language"],
        answered_in=answer.language,
    )
