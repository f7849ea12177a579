"""Writes of the quiz flow: start an attempt, record an answer, finish, certify."""

from __future__ import annotations

import logging
import random
import secrets
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from safetyquiz.content import translations
from safetyquiz.content.models import Module, Question

from . import banks, drawing, queued, retakes, scoring, selectors, wording
from .certificates import certificate_for
from .models import Answer, Attempt, AttemptGrant, Certificate
from .regrading.rules import key_from

logger = logging.getLogger(__name__)


class AttemptClosed(Exception):
    """The attempt is finished: nothing more can be answered."""


class OutOfTurn(Exception):
    """An answer to a question the learner has not reached yet."""


class NothingToPractise(Exception):
    """No practice question for the objectives asked for (or the module has none yet)."""


class RetakeClosed(Exception):
    """A new certifying attempt may not start yet: ``gate`` says why."""

    def __init__(self, gate: retakes.Gate) -> None:
        super().__init__("A new certifying attempt may not start yet.")
        self.gate = gate


@transaction.atomic
def attempt_start(
    *,
    user: User,
    module: Module,
    mode: str = Attempt.Mode.CERTIFYING,
    slots: Collection[str] = (),
    retake_rules: bool = True,
    language: str = wording.ENGLISH,
) -> Attempt:
    """The learner's open attempt at the module in this mode, or a new one on a fresh form.

    A certifying form is drawn from the certifying pool by the module's rules; a practice
    round, from the practice pool alone, asks one question per slot, or every question of
    the ``slots`` asked for (by slug; it replaces an open practice round). Raises
    NothingToPractise when there is no practice question to ask, and RetakeClosed when a
    new certifying attempt must wait (``selectors.retake_gate``). A simulated history (the
    demo, bulk data) stands for attempts days apart, with practice between: it passes
    ``retake_rules=False``.

    The form holds each question in English and in every language the module is offered in
    now; the attempt is started in ``language`` where the module is offered in it, else in
    English."""
    practice = mode == Attempt.Mode.PRACTICE
    open_attempt = Attempt.objects.filter(
        user=user, module=module, mode=mode, finished_at=None
    ).first()
    if open_attempt and not (practice and slots):
        return open_attempt
    if open_attempt:
        attempt_finish(attempt=open_attempt)
    if not practice and retake_rules and not (gate := selectors.retake_gate(user, module)).open:
        raise RetakeClosed(gate)
    past = Attempt.objects.filter(user=user, module=module).order_by("-started_at")
    forms = list(past.values_list("mode", "question_ids"))
    seen = drawing.seen_counts([ids for _, ids in forms])
    last: list[int] = next((ids for past_mode, ids in forms if past_mode == mode), [])
    pool = Question.Pool.PRACTICE if practice else Question.Pool.CERTIFYING
    bank = banks.questions_of(module, pool)
    items = [banks.item(q) for q in bank]
    seed = secrets.token_hex(8)
    rng = random.Random(seed)
    if practice:
        chosen = {q.slot.pk for q in bank if q.slot is not None and q.slot.slug in set(slots)}
        if slots and not chosen:
            raise NothingToPractise
        ids = drawing.practice_questions(items, rng, seen=seen, only_slots=chosen)
        if not ids:
            raise NothingToPractise
    else:
        ids = drawing.draw_form(items, banks.form_rules(module), rng, seen=seen, last_form=last)
    by_id = {q.pk: q for q in bank}
    offered = [
        other
        for other in translations.TRANSLATED_INTO
        if module.pk in translations.ready_modules(other, [module.pk])
    ]
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                user=user,
                module=module,
                mode=mode,
                question_ids=ids,
                form=[question_snapshot(by_id[pk], seed, offered) for pk in ids],
                seed=seed,
                pass_mark=module.pass_mark,
                language=language if language in offered else wording.ENGLISH,
            )
    except IntegrityError:  # a second tab started it a moment ago
        return Attempt.objects.get(user=user, module=module, mode=mode, finished_at=None)
    logger.info(
        "attempt %s started: user %s, module %s, %s, %d questions, %s",
        attempt.pk,
        user.pk,
        module.slug,
        mode,
        len(ids),
        attempt.language,
    )
    return attempt


def question_snapshot(
    question: Question, seed: str, languages: Collection[str] = ()
) -> dict[str, Any]:
    """The question as the learner sees it: wording, choices in display order, key, points;
    the wording in English, and in each of ``languages`` as well (``wording.py``).

    The one place a question's display order is decided: the page, the grading and the
    review all read the choices from this snapshot. Texts are read from their English and
    translated columns, never through the active language."""
    choices = {c.key: c for c in question.choices.all()}
    positions = {k: c.position for k, c in choices.items() if c.position is not None}
    shown = scoring.display_order(question.kind, list(choices), f"{seed}:{question.pk}", positions)
    slot = question.slot
    excerpts = list(question.excerpts.all())
    english = translations.ENGLISH
    snapshot: dict[str, Any] = {
        "question_id": question.pk,
        "slug": question.slug,
        "slot_id": question.slot_id,
        "slot": question.slot.slug if question.slot else "",
        "objective": translations.text_in(slot, "objective", english) if slot else "",
        "kind": question.kind,
        "role": translations.text_in(question, "role", english),
        "prompt": translations.text_in(question, "prompt", english),
        "explanation": translations.text_in(question, "explanation", english),
        "points": question.points,
        "critical": question.critical,
        "partial_credit": question.partial_credit,
        "choices": [
            {
                "key": key,
                "text": translations.text_in(choices[key], "text", english),
                "is_correct": choices[key].is_correct,
                "position": choices[key].position,
                "feedback": translations.text_in(choices[key], "feedback", english),
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
            for e in excerpts
        ],
    }
    if languages:
        snapshot["translations"] = {
            language: wording.translation_of(
                {
                    name: translations.text_in(question, name, language)
                    for name in ("prompt", "role", "explanation")
                }
                | {"objective": translations.text_in(slot, "objective", language) if slot else ""},
                {
                    key: {
                        name: translations.text_in(c, name, language)
                        for name in ("text", "feedback")
                    }
                    for key, c in choices.items()
                },
                [translations.text_in(e, "quote", language) for e in excerpts],
            )
            for language in languages
        }
    return snapshot


def key_of(snapshot: dict[str, Any], regraded_key: dict[str, Any] | None = None) -> scoring.Key:
    """The key an answer is scored on: the snapshot's, or the corrected one of a regrade."""
    if regraded_key is not None:
        return key_from(snapshot["kind"], regraded_key)
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
    attempt: Attempt  # as it stands after this answer (finished, if it was the last)
    answered: frozenset[int] = frozenset()  # the form's places answered, this one included


class NotInForm(ValueError):
    """An answer to a place the attempt's form does not have."""


@transaction.atomic
def answer_submit(
    *,
    attempt_id: int,
    index: int,
    values: list[str],
    user: User | None = None,
    language: str | None = None,
    key: UUID | None = None,
) -> Submission:
    """Record the answer to the form's question at ``index``, once; later submissions
    change nothing. An answer sent with a ``key`` (a device's, for an answer it may send
    more than once) keeps it, and the same key sent again finds that answer.

    Only the attempt's row is locked, never the module's: learners answering the same
    module never wait for each other. With ``user``, an attempt that is not theirs is not
    found (Attempt.DoesNotExist). Raises NotInForm, AttemptClosed, OutOfTurn, or
    scoring.ResponseError for a response that cannot be an answer to the question as shown.

    Four statements for an answer that does not finish the attempt: the locked read, the
    places answered, whether the question still exists, the insert. The places are read
    after the lock is held, in a statement of their own: on PostgreSQL a statement that
    waited for the lock still sees the data as it was when it began, so places read in the
    locking statement could miss the answer the previous holder of the lock just recorded.
    No savepoint: the row lock serialises the answers to one attempt, so the insert cannot
    meet another one's place.

    ``language`` is the one the question was shown in (the page says); the answer records
    it, or, where the form does not hold the question in it, English.
    """
    attempts = Attempt.objects.select_for_update(of=("self",))
    if user is not None:
        attempts = attempts.filter(user=user)
    attempt = attempts.get(pk=attempt_id)
    if not 0 <= index < len(attempt.form):
        raise NotInForm
    places = attempt.answers.order_by()
    # The keys only when one is asked for: a form post reads the places from the index alone.
    keys: dict[int, UUID | None] = (
        dict.fromkeys(places.values_list("index", flat=True))
        if key is None
        else dict(places.values_list("index", "key"))
    )
    answered = frozenset(keys)
    sent_before = next((place for place, k in keys.items() if key and k == key), None)
    if index in answered or sent_before is not None:
        recorded = places.get(index=index if sent_before is None else sent_before)
        return Submission(recorded, created=False, attempt=attempt, answered=answered)
    if attempt.is_finished:
        raise AttemptClosed
    remaining = [i for i in range(len(attempt.form)) if i not in answered]
    if not remaining or remaining[0] != index:
        raise OutOfTurn
    snapshot = attempt.form[index]
    # The question may have been deleted since the form was drawn: the snapshot stands, and
    # the answer keeps its question only while it exists.
    question_id = snapshot.get("question_id")
    if question_id is not None and not Question.objects.filter(pk=question_id).exists():
        question_id = None
    shown = wording.shown_in(snapshot, language or attempt.language)
    answer = graded_answer(
        snapshot,
        values,
        attempt=attempt,
        index=index,
        question_id=question_id,
        key=key,
        language=shown,
    )
    answer.save()
    answered |= {index}
    logger.debug("attempt %s: answer %s recorded", attempt.pk, index)
    if len(remaining) == 1:
        attempt_finish(attempt=attempt)
    return Submission(answer, created=True, attempt=attempt, answered=answered)


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


RESULT_FIELDS = ["finished_at", "points", "max_points", "percentage", "passed", "critical_misses"]


def attempt_finish(*, attempt: Attempt) -> Attempt:
    """Score the attempt from its answers; a passed certifying attempt earns a certificate.
    The attempt was taken in the language most of its answers were shown in."""
    answers = list(attempt.answers.order_by())
    result_apply(attempt, answers, timezone.now())
    attempt.language = wording.most_used([a.language for a in answers], attempt.language)
    attempt.save(update_fields=[*RESULT_FIELDS, "language"])
    logger.info(
        "attempt %s finished: %s%%, %s, %s",
        attempt.pk,
        attempt.percentage,
        "passed" if attempt.passed else "not passed",
        attempt.language,
    )
    if attempt.passed and not attempt.is_practice:
        certificate_issue(attempt=attempt)
    return attempt


def certificate_issue(*, attempt: Attempt, on: date | None = None) -> Certificate:
    certificate = certificate_for(
        attempt,
        issued_on=on or timezone.localdate(),
        validity_months=attempt.module.validity_months,
    )
    certificate.save()
    logger.info(
        "certificate %s issued for attempt %s, until %s",
        certificate.pk,
        attempt.pk,
        certificate.expires_on,
    )
    return certificate


def attempt_grant(*, user: User, module: Module, granted_by: User) -> AttemptGrant:
    """One more certifying attempt for the learner today, past the module's daily limit.
    Who may grant it, and the log, are the caller's (crews.services.attempt_grant)."""
    return AttemptGrant.objects.create(user=user, module=module, granted_by=granted_by)


# Why the quiz's rules refuse an answer, as the device is told.
REFUSALS: dict[type[Exception], str] = {
    Attempt.DoesNotExist: queued.NOT_FOUND,
    NotInForm: queued.NOT_IN_FORM,
    AttemptClosed: queued.CLOSED,
    OutOfTurn: queued.OUT_OF_TURN,
    scoring.ResponseError: queued.INVALID,
}


def queued_answers_submit(
    *, user: User, answers: Sequence[queued.QueuedAnswer]
) -> list[queued.Outcome]:
    """A device's kept answers, each through ``answer_submit`` in the order given and in a
    transaction of its own, so what is saved stays saved when a later one is refused.

    An answer is saved when it is recorded now, or was recorded before under the same key
    (a resend). Anything else is refused with the reason: the quiz's rules decide, as for
    an answer given online."""
    outcomes = []
    for item in answers:
        try:
            submission = answer_submit(
                user=user,
                attempt_id=item.attempt,
                index=item.place,
                values=item.choices,
                key=item.key,
            )
        except tuple(REFUSALS) as error:
            reason = next(r for kind, r in REFUSALS.items() if isinstance(error, kind))
            detail = str(error) if reason == queued.INVALID else ""
            outcomes.append(queued.Outcome(item.key, False, reason, detail))
            continue
        answer, attempt = submission.answer, submission.attempt
        unanswered = set(range(len(attempt.form))) - submission.answered
        saved = submission.created or (answer.key == item.key and answer.index == item.place)
        outcomes.append(
            queued.Outcome(
                item.key,
                saved,
                "" if saved else queued.ANSWERED,
                next_place=min(unanswered, default=None),
                finished=attempt.is_finished,
            )
        )
    return outcomes
