"""The attempts, answers and certificates of the bulk data, made by the quiz's own pieces:
each attempt's form and each answer's snapshot is ``question_snapshot``, each answer is
graded by ``graded_answer`` on what the question form would have posted, attempts are
totted up by ``result_apply`` and certified by ``certificate_for``. Only the writes differ
from the quiz: bulk inserts instead of one transaction per answer."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, models
from django.utils import timezone

from safetyquiz.training import banks, drawing
from safetyquiz.training.certificates import certificate_for
from safetyquiz.training.models import Answer, Attempt, Certificate
from safetyquiz.training.services import graded_answer, question_snapshot, result_apply

from ..simulate import posted_for
from .people import BATCH, HISTORY_DAYS, Crew, Curriculum

Progress = Callable[[int, int, float], None]
Taken = tuple[Attempt, list[Answer]]


def make_attempts(
    people: list[Crew],
    curriculum: Curriculum,
    budget: int,
    rng: random.Random,
    progress: Progress,
    lean: bool = False,
) -> tuple[int, int, int]:
    """Attempts, answers and certificates for the crew until ``budget`` answers are made.
    ``lean`` stores no snapshot (see ``write_chunk``)."""
    attempts = answers = certificates = 0
    since = time.monotonic()
    order = people[:]
    rng.shuffle(order)
    chunk: list[Taken] = []
    written = 0
    for attempt, rows in simulate_crew(order, curriculum, budget, rng):
        chunk.append((attempt, rows))
        answers += len(rows)
        if answers - written >= BATCH * 5:
            certificates += write_chunk(chunk, curriculum, lean)
            attempts, written, chunk = attempts + len(chunk), answers, []
            connection.queries_log.clear()  # with DEBUG on, a million rows of logged SQL
            progress(answers, budget, since)
    certificates += write_chunk(chunk, curriculum, lean)
    attempts += len(chunk)
    progress(answers, budget, since)
    return attempts, answers, certificates


def simulate_crew(
    people: list[Crew], curriculum: Curriculum, budget: int, rng: random.Random
) -> Iterator[Taken]:
    """Each crew member through their modules, retaking until passed, round after round
    over the crew (a further module each round) until the budget is spent. The last
    attempt of a member on a module may stay open (in progress)."""
    left = budget
    now = timezone.now()
    round_ = 0
    while left > 0 and round_ < len(curriculum.modules) + 2:
        for person in people:
            if left <= 0:
                return
            modules = person.modules if round_ == 0 else extra_module(person, curriculum, rng)
            for module_id in modules:
                if module_id in person.open:
                    continue  # one open attempt per module: a learner resumes it
                when = now - timedelta(days=rng.uniform(1, HISTORY_DAYS))
                for retake in range(3):
                    halfway = rng.random() < 0.06  # left half-way
                    attempt, rows = take(
                        person, module_id, curriculum, rng, when, retake, halfway, left
                    )
                    left -= len(rows)
                    yield attempt, rows
                    if attempt.finished_at is None:
                        person.open.add(module_id)
                    if attempt.finished_at is None or attempt.passed or left <= 0:
                        break
                    when += timedelta(days=rng.uniform(0.01, 3))
                if left <= 0:
                    return
        round_ += 1


def extra_module(person: Crew, curriculum: Curriculum, rng: random.Random) -> list[int]:
    """Another module for a later round: one not taken yet, else a refresher."""
    fresh = [m for m in curriculum.modules if m not in person.modules]
    module_id = rng.choice(fresh or list(curriculum.modules))
    person.modules.append(module_id)
    return [module_id]


def take(
    person: Crew,
    module_id: int,
    curriculum: Curriculum,
    rng: random.Random,
    when: datetime,
    retake: int,
    halfway: bool,
    left: int,
) -> Taken:
    """One certifying attempt on a form drawn from the module's certifying pool by its
    rules, recorded as ``attempt_start`` records it, ``stop`` answers in; finished when
    all are answered."""
    module, bank = curriculum.modules[module_id], curriculum.questions[module_id]
    seed = f"{rng.getrandbits(64):016x}"
    by_id = {question.pk: question for question in bank}
    drawn = drawing.draw_form(
        [banks.item(question) for question in bank], banks.form_rules(module), random.Random(seed)
    )
    questions = [by_id[pk] for pk in drawn]
    stop = len(questions)
    if halfway and stop > 1:
        stop = rng.randint(1, stop - 1)
    stop = min(stop, left)
    form = [question_snapshot(question, seed) for question in questions]
    attempt = Attempt(
        user_id=person.user_id,
        module=module,
        mode=Attempt.Mode.CERTIFYING,
        question_ids=[q.pk for q in questions],
        form=form,
        seed=seed,
        pass_mark=module.pass_mark,
        started_at=when,
    )
    rows = []
    for index, question in enumerate(questions[:stop]):
        snapshot = form[index]
        chance = person.skill + curriculum.ease[question.pk] + 0.08 * retake
        values = posted_for(snapshot, right=rng.random() < chance, rng=rng)
        answered_at = when + timedelta(seconds=40 * (index + 1))
        rows.append(
            graded_answer(snapshot, values, index=index, question=question, answered_at=answered_at)
        )
    if stop == len(questions):
        result_apply(attempt, rows, when + timedelta(seconds=40 * stop + 1))
    return attempt, rows


def write_chunk(chunk: list[Taken], curriculum: Curriculum, lean: bool = False) -> int:
    """Insert the attempts, then their answers and the certificates of the passed ones.
    ``lean`` leaves out the attempts' forms and the answers' snapshots, graded as usual:
    the module analysis reads neither, and at ten million answers they would be some 40 GB;
    such data serves the analysis only, not the question page or a regrade."""
    if not chunk:
        return 0
    attempts = [attempt for attempt, _ in chunk]
    if lean:
        for attempt, answers in chunk:
            attempt.form = []
            for answer in answers:
                answer.snapshot = {}
    if connection.vendor == "postgresql":
        for attempt, pk in zip(attempts, reserve_ids(Attempt, len(attempts)), strict=True):
            attempt.pk = pk
    insert(Attempt, attempts)
    rows = []
    for attempt, answers in chunk:
        for answer in answers:
            answer.attempt = attempt
            rows.append(answer)
    insert(Answer, rows)
    certificates = [
        certificate_for(
            attempt,
            issued_on=timezone.localdate(attempt.finished_at),
            validity_months=curriculum.modules[attempt.module_id].validity_months,
        )
        for attempt in attempts
        if attempt.passed and attempt.finished_at is not None
    ]
    Certificate.objects.bulk_create(certificates, batch_size=BATCH)
    return len(certificates)


def insert(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """bulk_create, except on PostgreSQL: there Django inserts through UNNEST of a jsonb
    array, and psycopg escapes every quote of every 2 kB snapshot in Python, which makes
    it three times slower than COPY (a million answers: minutes more). Rows written by
    COPY carry their primary key (see ``reserve_ids``) or take the next one."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(rows, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or rows[0].pk]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([copy_value(f, getattr(row, f.attname)) for f in fields])


def copy_value(field: models.Field[Any, Any], value: Any) -> Any:
    if isinstance(field, models.JSONField) and value is not None:
        return json.dumps(value, cls=field.encoder)
    return value


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """The next ``count`` values of the table's id sequence (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


# Simulating an answer costs about a millisecond: ten million would take hours. Lean data
# (for the analysis alone) simulates this many, then copies the finished attempts.
LEAN_SIMULATED = 250_000


def copy_finished(total: int) -> int:
    """Copies of the finished attempts with their answers, each copy's ids shifted past the
    last, until the answers number at least ``total`` (the last copy takes the first
    attempts only, so the total overshoots by less than one attempt): the rows the module
    analysis reads, at sizes the simulation would take hours to reach, by INSERT ... SELECT
    in the database. No certificate is copied. Returns the answers added."""
    q = connection.ops.quote_name
    attempts, answers = q(Attempt._meta.db_table), q(Answer._meta.db_table)
    attempt_columns = [str(f.column) for f in Attempt._meta.concrete_fields if not f.primary_key]
    answer_columns = [
        str(f.column)
        for f in Answer._meta.concrete_fields
        if not f.primary_key and f.column != "attempt_id"
    ]
    a_cols = ", ".join(map(q, attempt_columns))
    n_cols = ", ".join(map(q, answer_columns))
    n_from = ", ".join(f"n.{q(c)}" for c in answer_columns)
    finished = f"FROM {answers} n JOIN {attempts} t ON t.id = n.attempt_id "
    finished += "WHERE t.finished_at IS NOT NULL AND t.id <= %s"
    with connection.cursor() as cursor:

        def one(sql: str, params: Sequence[Any] = ()) -> int:
            cursor.execute(sql, params)
            return int(cursor.fetchone()[0] or 0)

        have = start = one(f"SELECT COUNT(*) FROM {answers}")
        top = one(f"SELECT MAX(id) FROM {attempts}")
        per_copy = one(f"SELECT COUNT(*) {finished}", [top])
        copy = 0
        while have < total and per_copy:
            copy += 1
            cutoff = top
            if total - have < per_copy:  # the last copy: the first attempts, just enough
                low, high = 0, top
                while low < high:
                    middle = (low + high) // 2
                    if one(f"SELECT COUNT(*) {finished}", [middle]) >= total - have:
                        high = middle
                    else:
                        low = middle + 1
                cutoff = low
            shift = top * copy
            cursor.execute(
                f"INSERT INTO {attempts} (id, {a_cols}) SELECT id + %s, {a_cols} "
                f"FROM {attempts} WHERE finished_at IS NOT NULL AND id <= %s",
                [shift, cutoff],
            )
            cursor.execute(
                f"INSERT INTO {answers} (attempt_id, {n_cols}) "
                f"SELECT n.attempt_id + %s, {n_from} {finished}",
                [shift, cutoff],
            )
            have = one(f"SELECT COUNT(*) FROM {answers}")
        if connection.vendor == "postgresql":
            last = f"(SELECT MAX(id) FROM {attempts})"
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), {last})",
                [Attempt._meta.db_table],
            )
    return have - start
