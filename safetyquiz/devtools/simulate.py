"""Simulated learners: what the question form would post, and whole attempts taken through
the real services. Used by the demo and bulk data and by the tests."""

from __future__ import annotations

import random
from typing import Any

from django.contrib.auth.models import User

from safetyquiz.content.models import Module, Question
from safetyquiz.training import services
from safetyquiz.training.models import Attempt


def posted_values(attempt: Attempt, question: Question, *, right: bool) -> list[str]:
    """The form values for a right (or a wrong) answer to the question as the attempt shows it."""
    return posted_for(services.question_snapshot(question, attempt.seed), right=right)


def posted_for(
    snapshot: dict[str, Any], *, right: bool, rng: random.Random | None = None
) -> list[str]:
    """What the question form posts (display numbers, or for ordering one position per item)
    for a right or a wrong answer to the question as shown. A wrong answer picks every wrong
    choice, or with ``rng`` one at random (and some right ones for multiple select), so that
    bulk data shows every distractor."""
    shown = snapshot["choices"]
    if snapshot["kind"] == Question.Kind.ORDERING:
        positions = [c["position"] for c in shown]
        return [str(p) for p in (positions if right else positions[1:] + positions[:1])]
    good = [str(n) for n, c in enumerate(shown) if c["is_correct"]]
    bad = [str(n) for n, c in enumerate(shown) if not c["is_correct"]]
    if right:
        return good
    if rng is None:
        return bad if snapshot["kind"] == Question.Kind.MULTIPLE else bad[:1]
    if not bad:
        return good
    if snapshot["kind"] == Question.Kind.MULTIPLE:
        return good[: rng.randrange(len(good))] + [rng.choice(bad)]
    return [rng.choice(bad)]


def take(
    *, user: User, module: Module, skill: float, rng: random.Random, stop_after: int | None = None
) -> Attempt:
    """Start an attempt and answer, each question right with probability ``skill``; stop
    after ``stop_after`` answers to leave it in progress."""
    attempt = services.attempt_start(user=user, module=module)
    questions = {q.pk: q for q in module.questions.prefetch_related("choices", "excerpts__source")}
    for index, pk in enumerate(attempt.question_ids):
        if stop_after is not None and index >= stop_after:
            break
        question = questions[pk]
        values = posted_values(attempt, question, right=rng.random() < skill)
        services.answer_submit(attempt_id=attempt.pk, index=index, question=question, values=values)
    attempt.refresh_from_db()
    return attempt
