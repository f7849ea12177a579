"""Writes of the quiz flow: start an attempt, record an answer, finish, certify."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from safetyquiz.content.models import Module, Question

from . import scoring
from .certificates import certificate_for
from .models import Answer, Attempt, Certificate


class AttemptClosed(Exception):
    """The attempt is finished: nothing more can be answered."""


class OutOfTurn(Exception):
    """An answer to a question the learner has not reached yet."""


@transaction.atomic
def attempt_start(*, user: User, module: Module) -> Attempt:
    """The learner's open attempt at the module, or a new one with the module's questions."""
    open_attempt = Attempt.objects.filter(user=user, module=module, finished_at=None).first()
    if open_attempt:
        return open_attempt
    question_ids = list(module.questions.order_by("order", "pk").values_list("pk", flat=True))
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                user=user,
                module=module,
                question_ids=question_ids,
                seed=secrets.token_hex(8),
                pass_mark=module.pass_mark,
            )
    except IntegrityError:  # a second tab started it a moment ago
        return Attempt.objects.get(user=user, module=module, finished_at=None)


def question_snapshot(question: Question, seed: str) -> dict[str, Any]:
    """The question as the learner sees it: wording, choices in display order, key, points."""
    choices = {c.key: c for c in question.choices.all()}
    positions = {k: c.position for k, c in choices.items() if c.position is not None}
    shown = scoring.display_order(question.kind, list(choices), f"{seed}:{question.pk}", positions)
    return {
        "question_id": question.pk,
        "slug": question.slug,
        "kind": question.kind,
        "role": question.role,
        "prompt": question.prompt,
        "explanation": question.explanation,
        "points": question.points,
        "critical": question.critical,
        "partial_credit": question.partial_credit,
        "choices": [
            {
                "key": key,
                "text": choices[key].text,
                "is_correct": choices[key].is_correct,
                "position": choices[key].position,
                "feedback": choices[key].feedback,
            }
            for key in shown
        ],
        "excerpts": [
            {
                "quote": e.quote,
                "source": e.source.title,
                "publisher": e.source.publisher,
                "kind": e.source.kind,
                "url": e.source.url,
            }
            for e in question.excerpts.all()
        ],
    }


def key_of(snapshot: dict[str, Any]) -> scoring.Key:
    choices = snapshot["choices"]
    return scoring.Key(
        kind=snapshot["kind"],
        points=Decimal(snapshot["points"]),
        correct=frozenset(c["key"] for c in choices if c["is_correct"]),
        positions={c["key"]: c["position"] for c in choices if c["position"] is not None},
        critical=snapshot["critical"],
        partial_credit=snapshot["partial_credit"],
    )


@dataclass(frozen=True)
class Submission:
    answer: Answer
    created: bool  # False: the question was already answered; this is the recorded answer


@transaction.atomic
def answer_submit(
    *, attempt_id: int, index: int, question: Question, values: list[str]
) -> Submission:
    """Record the answer to the question at ``index``, once; later submissions change nothing.

    Raises AttemptClosed, OutOfTurn, or scoring.ResponseError for a response that
    cannot be an answer to the question as shown.
    """
    attempt = Attempt.objects.select_for_update().select_related("module").get(pk=attempt_id)
    existing = attempt.answers.filter(index=index).first()
    if existing:
        return Submission(existing, created=False)
    if attempt.is_finished:
        raise AttemptClosed
    remaining = remaining_indices(attempt)
    if not remaining or remaining[0] != index:
        raise OutOfTurn
    snapshot = question_snapshot(question, attempt.seed)
    answer = graded_answer(snapshot, values, attempt=attempt, index=index, question=question)
    try:
        with transaction.atomic():  # the unique (attempt, index) is the last line of defence
            answer.save()
    except IntegrityError:
        return Submission(attempt.answers.get(index=index), created=False)
    if len(remaining) == 1:
        attempt_finish(attempt=attempt)
    return Submission(answer, created=True)


def remaining_indices(attempt: Attempt) -> list[int]:
    """The places of the planned questions not yet answered, skipping any deleted since."""
    answered = set(attempt.answers.values_list("index", flat=True))
    alive = set(Question.objects.filter(pk__in=attempt.question_ids).values_list("pk", flat=True))
    return [i for i, pk in enumerate(attempt.question_ids) if pk in alive and i not in answered]


@transaction.atomic
def attempt_close_if_done(*, attempt_id: int) -> Attempt:
    """Finish an attempt whose remaining questions were all deleted while it was open."""
    attempt = Attempt.objects.select_for_update().select_related("module").get(pk=attempt_id)
    if not attempt.is_finished and not remaining_indices(attempt):
        attempt_finish(attempt=attempt)
    return attempt


def graded_answer(snapshot: dict[str, Any], values: list[str], **fields: Any) -> Answer:
    """An unsaved answer: the posted values read against the question as shown, and scored
    on its key. Raises scoring.ResponseError for values that cannot be an answer."""
    shown = [c["key"] for c in snapshot["choices"]]
    response = scoring.read_response(snapshot["kind"], shown, values)
    outcome = scoring.score(key_of(snapshot), response)
    return Answer(
        response=sorted(response) if isinstance(response, frozenset) else dict(response),
        points_awarded=outcome.points,
        max_points=outcome.max_points,
        correct=outcome.correct,
        critical_miss=outcome.critical_miss,
        snapshot=snapshot,
        **fields,
    )


def result_apply(attempt: Attempt, answers: Iterable[Answer], finished_at: datetime) -> None:
    """Set the attempt's totals, percentage and pass from its answers (unsaved)."""
    outcomes = [
        scoring.Outcome(a.points_awarded, a.max_points, a.correct, a.critical_miss) for a in answers
    ]
    summary = scoring.result(outcomes, attempt.pass_mark)
    attempt.finished_at = finished_at
    attempt.points, attempt.max_points = summary.points, summary.max_points
    attempt.percentage, attempt.passed = summary.percentage, summary.passed
    attempt.critical_misses = summary.critical_misses


def attempt_finish(*, attempt: Attempt) -> Attempt:
    result_apply(attempt, attempt.answers.all(), timezone.now())
    attempt.save()
    if attempt.passed:
        certificate_issue(attempt=attempt)
    return attempt


def certificate_issue(*, attempt: Attempt, on: date | None = None) -> Certificate:
    certificate = certificate_for(
        attempt,
        issued_on=on or timezone.localdate(),
        validity_months=attempt.module.validity_months,
    )
    certificate.save()
    return certificate
