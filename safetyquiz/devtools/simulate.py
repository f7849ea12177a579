"""Simulated learners: what the question form would post, and whole attempts taken through
the real services. Used by the demo and bulk data and by the tests."""

from __future__ import annotations

import random
from typing import Any

from django.contrib.auth.models import User

from safetyquiz.content.models import Module, Question
from safetyquiz.training import services
from safetyquiz.training.models import Attempt


def posted_values(attempt: Attempt, index: int, *, right: bool) -> list[str]:
    """The form values for a right (or a wrong) answer to the form's question at ``index``."""
    return posted_for(attempt.form[index], right=right)


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
    *,
    user: User,
    module: Module,
    skill: float,
    rng: random.Random,
    stop_after: int | None = None,
    mode: str = Attempt.Mode.CERTIFYING,
) -> Attempt:
    """Start an attempt and answer, each question right with probability ``skill``; stop
    after ``stop_after`` answers to leave it in progress. A simulated learner's attempts
    stand for days of practice and retakes, so the retake rules do not hold them up."""
    attempt = services.attempt_start(user=user, module=module, mode=mode, retake_rules=False)
    for index in range(len(attempt.form)):
        if stop_after is not None and index >= stop_after:
            break
        values = posted_values(attempt, index, right=rng.random() < skill)
        services.answer_submit(attempt_id=attempt.pk, index=index, values=values)
    attempt.refresh_from_db()
    return attempt
