"""Regrading the answers given to a question whose key an editor corrected.

``regrade_plan`` is the dry run: what would change, changing nothing. An answer whose
choice the learner decided on has been reworded since is listed apart (``Plan.held``) and
stays as graded unless the editor confirms it by its id. ``question_regrade`` applies it:
each answer is rescored against the corrected key, which is kept beside the
snapshot (the snapshot still says what the learner was shown); finished attempts get their
result again; certificates are issued, revoked with a reason, or reinstated; and the
change goes into the admin log. Both read a fixed number of queries per question.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from safetyquiz.content.models import Question

from .. import scoring, services
from ..certificates import add_months
from ..models import Answer, Attempt, Certificate
from . import rules

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttemptChange:
    """One finished attempt whose result or certificate the regrade changes."""

    attempt_id: int
    learner: str
    finished_on: date
    numbers: tuple[int, ...]  # the question's place in the attempt, from 1
    points: tuple[Decimal, Decimal]  # before, after
    max_points: tuple[Decimal, Decimal]
    percentage: tuple[Decimal | None, Decimal]
    passed: tuple[bool | None, bool]
    certificate: tuple[str, str]  # none, valid, expired or revoked; before, after
    critical_misses: int = 0  # after
    action: str | None = None  # rules.ISSUE, REVOKE or REINSTATE


@dataclass
class Plan:
    question: Question
    attempts: list[AttemptChange] = field(default_factory=list)
    answers: int = 0  # answers whose key is corrected
    open_answers: int = 0  # of those, answers in attempts not finished yet
    notes: list[str] = field(default_factory=list)
    # What applying the plan writes.
    rescored: list[tuple[Answer, rules.AnswerRegrade]] = field(default_factory=list)
    # Answers whose decided choice was reworded since, not confirmed: left as graded.
    held: list[HeldAnswer] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.rescored

    @property
    def fingerprint(self) -> str:
        """Names what applying would write, so a confirmation applies what it showed."""
        done = [(a.pk, c.key, c.after) for a, c in self.rescored]
        held = [h.answer_id for h in self.held]
        return hashlib.sha256(repr((done, held)).encode()).hexdigest()[:16]

    @property
    def summary(self) -> str:
        held = (
            f" {len(self.held)} answer(s) whose choice was reworded since stay as graded "
            "unless confirmed one by one."
            if self.held
            else ""
        )
        if self.is_empty:
            return "Nothing to regrade: every answer is already scored on this key." + held
        actions = [a.action for a in self.attempts]
        return (
            f"{self.answers} answer(s) rescored ({self.open_answers} in unfinished attempts); "
            f"{len(self.attempts)} finished attempt(s) change; certificates issued "
            f"{actions.count(rules.ISSUE)}, revoked {actions.count(rules.REVOKE)}, "
            f"reinstated {actions.count(rules.REINSTATE)}.{held}"
        )


@dataclass(frozen=True)
class HeldAnswer:
    """An answer a regrade would change, whose decided choice now reads differently from
    what the learner read: to confirm one by one, by ``answer_id``."""

    answer_id: int
    attempt_id: int
    learner: str
    number: int  # the question's place in the attempt, from 1
    then: tuple[str, ...]  # the reworded choices as the learner read them
    now: tuple[str, ...]  # and as they read now
    before: scoring.Outcome
    after: scoring.Outcome


def current_key(question: Question) -> dict[str, Any]:
    """The question's kind and key as it now is."""
    return {
        "kind": question.kind,
        "choices": [
            {"key": c.key, "is_correct": c.is_correct, "position": c.position, "text": c.text}
            for c in question.choices.all()
        ],
        "points": question.points,
        "critical": question.critical,
        "partial_credit": question.partial_credit,
    }


def outcome_of(answer: Answer) -> scoring.Outcome:
    return scoring.Outcome(
        answer.points_awarded, answer.max_points, answer.correct, answer.critical_miss
    )


def regrade_plan(*, question: Question, confirm: Collection[int] = ()) -> Plan:
    """What regrading the answers to ``question`` would change. Writes nothing. Answers whose
    decided choice was reworded since are held, unless their id is in ``confirm``."""
    plan = Plan(question=question)
    current = current_key(question)
    texts = {c["key"]: c["text"] for c in current["choices"]}
    answers = (
        Answer.objects.filter(question=question)
        .select_related("attempt__user", "attempt__module")
        .order_by("attempt_id", "index")
    )
    notes: dict[str, list[int]] = defaultdict(list)
    for answer in answers:
        change = rules.regrade_answer(
            answer.snapshot,
            answer.response,
            recorded=outcome_of(answer),
            used_key=answer.regraded_key,
            current=current,
        )
        reworded = isinstance(change, rules.AnswerRegrade) and bool(change.reworded)
        if isinstance(change, rules.AnswerRegrade) and reworded and answer.pk not in confirm:
            plan.held.append(_held(answer, change, texts))
            continue
        if isinstance(change, rules.AnswerRegrade):
            plan.rescored.append((answer, change))
        for note in change.notes if change else ():
            notes[note].append(answer.attempt_id)
    plan.notes = [f"{note} (attempt {_listed(ids)})" for note, ids in notes.items()]
    plan.answers = len(plan.rescored)
    plan.open_answers = sum(1 for a, _ in plan.rescored if not a.attempt.is_finished)
    plan.attempts = _attempt_changes(plan.rescored)
    return plan


def _held(answer: Answer, change: rules.AnswerRegrade, texts: dict[str, str]) -> HeldAnswer:
    shown = {c["key"]: c["text"] for c in answer.snapshot["choices"]}
    return HeldAnswer(
        answer_id=answer.pk,
        attempt_id=answer.attempt_id,
        learner=answer.attempt.user.get_username(),
        number=answer.index + 1,
        then=tuple(shown[k] for k in change.reworded),
        now=tuple(texts[k] for k in change.reworded),
        before=change.before,
        after=change.after,
    )


def _listed(ids: list[int], most: int = 20) -> str:
    shown = ", ".join(str(i) for i in ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _attempt_changes(
    rescored: list[tuple[Answer, rules.AnswerRegrade]],
) -> list[AttemptChange]:
    after = {answer.pk: change.after for answer, change in rescored}
    attempts = {a.attempt_id: a.attempt for a, _ in rescored if a.attempt.is_finished}
    numbers: dict[int, list[int]] = defaultdict(list)
    for answer, _ in rescored:
        numbers[answer.attempt_id].append(answer.index + 1)
    outcomes: dict[int, list[scoring.Outcome]] = defaultdict(list)
    rows = Answer.objects.filter(attempt_id__in=attempts).values_list(
        "attempt_id", "pk", "points_awarded", "max_points", "correct", "critical_miss"
    )
    for attempt_id, pk, points, max_points, correct, critical_miss in rows:
        recorded = scoring.Outcome(points, max_points, correct, critical_miss)
        outcomes[attempt_id].append(after.get(pk, recorded))
    certificates = {c.attempt_id: c for c in Certificate.objects.filter(attempt_id__in=attempts)}
    changes = []
    for attempt_id, attempt in sorted(attempts.items()):
        result = rules.attempt_result(outcomes[attempt_id], attempt.pass_mark)
        certificate = certificates.get(attempt_id)
        before = certificate.state() if certificate else "none"
        action = rules.certificate_action(
            certifying=not attempt.is_practice,
            passed=result.passed,
            certificate=certificate.state() if certificate else None,
            revoked_reason=certificate.revoked_reason if certificate else "",
        )
        stored = (attempt.points, attempt.max_points, attempt.percentage, attempt.passed)
        if stored == (result.points, result.max_points, result.percentage, result.passed) and (
            attempt.critical_misses == result.critical_misses and action is None
        ):
            continue
        changes.append(
            AttemptChange(
                attempt_id=attempt_id,
                learner=attempt.user.get_username(),
                finished_on=timezone.localdate(attempt.finished_at),
                numbers=tuple(numbers[attempt_id]),
                points=(attempt.points, result.points),
                max_points=(attempt.max_points, result.max_points),
                percentage=(attempt.percentage, result.percentage),
                passed=(attempt.passed, result.passed),
                certificate=(before, _state_after(attempt, certificate, action)),
                critical_misses=result.critical_misses,
                action=action,
            )
        )
    return changes


def _state_after(attempt: Attempt, certificate: Certificate | None, action: str | None) -> str:
    if action == rules.REVOKE:
        return "revoked"
    if action == rules.ISSUE:
        assert attempt.finished_at is not None
        issued = timezone.localdate(attempt.finished_at)
        expires = add_months(issued, attempt.module.validity_months)
        return "valid" if expires >= timezone.localdate() else "expired"
    if certificate is None:
        return "none"
    if action == rules.REINSTATE:
        return "valid" if certificate.expires_on >= timezone.localdate() else "expired"
    return certificate.state()


def note(on: date, number: int) -> str:
    """What the learner reads on the attempt's result, and a revoked certificate's reason."""
    return f"Regraded on {date_format(on, 'j F Y')}: question {number}'s key was corrected."


@transaction.atomic
def question_regrade(
    *, question: Question, user: AbstractBaseUser, confirm: Collection[int] = ()
) -> Plan:
    """Apply the regrade of ``question`` and return what was done. Answers whose decided
    choice was reworded since stay as graded, unless confirmed by id. A second run finds
    every answer already scored on the corrected key and changes nothing."""
    touched = Answer.objects.filter(question=question).values("attempt_id")
    # Lock the attempts first, so none is answered or finished half-way through.
    list(Attempt.objects.select_for_update().filter(pk__in=touched).order_by("pk").values("pk"))
    plan = regrade_plan(question=question, confirm=confirm)
    _correct_open_forms(question)
    if plan.is_empty:
        return plan
    now = timezone.now()
    _rescore(plan, now)
    _recompute(plan, now)
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[question],
        action_flag=CHANGE,
        change_message=f"Regraded against the corrected key: {plan.summary}",
        single_object=True,
    )
    logger.info("question %s regraded by user %s: %s", question.pk, user.pk, plan.summary)
    return plan


def _correct_open_forms(question: Question) -> int:
    """Open attempts that have yet to answer the question are graded on the corrected key
    when they do: their form keeps its order, with the key put right and each choice
    reading as it now does, so a key never moves onto a text the learner will not read."""
    key = current_key(question)
    right = {c["key"]: c for c in key["choices"]}
    feedback = {c.key: c.feedback for c in question.choices.all()}
    changed = []
    open_attempts = Attempt.objects.select_for_update().filter(
        module_id=question.module_id, finished_at=None
    )
    for attempt in open_attempts.prefetch_related("answers"):
        answered = {a.index for a in attempt.answers.all()}
        for index, snapshot in enumerate(attempt.form):
            if snapshot.get("question_id") != question.pk or index in answered:
                continue
            if snapshot["kind"] != key["kind"] or set(right) != {
                c["key"] for c in snapshot["choices"]
            }:
                continue  # choices added or removed since: the drawn form stands
            for choice in snapshot["choices"]:
                choice["is_correct"] = right[choice["key"]]["is_correct"]
                choice["position"] = right[choice["key"]]["position"]
                choice["text"] = right[choice["key"]]["text"]
                choice["feedback"] = feedback[choice["key"]]
            snapshot.update(
                points=key["points"], critical=key["critical"], partial_credit=key["partial_credit"]
            )
            changed.append(attempt)
    Attempt.objects.bulk_update(changed, ["form"])
    return len(changed)


def _rescore(plan: Plan, now: datetime) -> None:
    answers = []
    for answer, change in plan.rescored:
        answer.regraded_key, answer.regraded_at = change.key, now
        answer.points_awarded, answer.max_points = change.after.points, change.after.max_points
        answer.correct, answer.critical_miss = change.after.correct, change.after.critical_miss
        answers.append(answer)
    Answer.objects.bulk_update(
        answers,
        ["regraded_key", "regraded_at", "points_awarded", "max_points", "correct", "critical_miss"],
    )


def _recompute(plan: Plan, now: datetime) -> None:
    attempts = {a.attempt_id: a.attempt for a, _ in plan.rescored}
    changed = []
    for row in plan.attempts:
        attempt = attempts[row.attempt_id]
        attempt.points, attempt.max_points = row.points[1], row.max_points[1]
        attempt.percentage, attempt.passed = row.percentage[1], row.passed[1]
        attempt.critical_misses = row.critical_misses
        changed.append(attempt)
    Attempt.objects.bulk_update(
        changed, ["points", "max_points", "percentage", "passed", "critical_misses"]
    )
    acting = {row.attempt_id: row for row in plan.attempts if row.action}
    certificates = {c.attempt_id: c for c in Certificate.objects.filter(attempt_id__in=acting)}
    for attempt_id, row in acting.items():
        attempt = attempts[attempt_id]
        if row.action == rules.ISSUE:
            assert attempt.finished_at is not None
            services.certificate_issue(attempt=attempt, on=timezone.localdate(attempt.finished_at))
            continue
        certificate = certificates[attempt_id]
        if row.action == rules.REVOKE:
            reason = note(timezone.localdate(now), row.numbers[0])
            certificate.revoked_at = now
            certificate.revoked_reason = f"{reason} The attempt no longer passes."
        else:
            certificate.revoked_at, certificate.revoked_reason = None, ""
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
