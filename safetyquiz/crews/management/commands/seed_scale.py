"""Fill the database with a studio's worth of made-up crews, to measure the app at scale.

`make bench` runs it on a throwaway PostgreSQL cluster; a developer can run it on their
own database to see the instructor pages at size. It writes many productions (one of
them with a crew of exactly ``--big``), their memberships, assignments and instructors,
then attempts, answers and certificates spread over the published curriculum. Every
answer goes through the quiz's own pieces: the snapshot is ``question_snapshot``, the
score is ``scoring.score`` on what the question form would have posted, and attempts are
totted up with ``scoring.result``; only the writes are bulk inserts instead of one
transaction per answer.

Everything it makes is named after ``--seed`` (usernames ``scale<seed>-…``, join codes
``S<seed>-…``) and drawn from ``random.Random(seed)``, in one transaction: running it
again with the same seed and sizes changes nothing, and ``--replace`` rebuilds that
seed's data at new sizes. Accounts get unusable passwords, so no one can sign in as
them; still, it writes thousands of fake people, so it runs only with DEBUG on or with
the bench flag (SAFETYQUIZ_BENCH=1).
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from safetyquiz.content.models import Department, Module, Question
from safetyquiz.crews.models import Assignment, Membership, Production
from safetyquiz.training.models import Answer, Attempt, Certificate
from safetyquiz.training.services import (
    add_months,
    graded_answer,
    question_snapshot,
    result_apply,
)
from safetyquiz.training.simulate import posted_for

FIRST = ["Ana", "Ben", "Carl", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo", "Kai", "Lena"]
FIRST += ["Mo", "Nia", "Omar", "Pia", "Raj", "Sam", "Tia", "Uma", "Vic", "Wes", "Yara", "Zoe"]
LAST = ["Adler", "Baker", "Chen", "Diaz", "Evans", "Ford", "Garcia", "Haddad", "Ito", "Jensen"]
LAST += ["Kim", "Lopez", "Mensah", "Nguyen", "Okafor", "Patel", "Quinn", "Rossi", "Santos", "Tran"]
SHOWS = ["Dust Devil", "Night Rider", "Salt Flats", "Iron Creek", "Blue Mesa", "Last Stage"]
SHOWS += ["Red Canyon", "Copper Town", "High Noon", "Long Shadow"]
UNIT = ["Main unit", "Second unit", "Splinter unit", "Reshoots"]
BATCH = 2000
HISTORY_DAYS = 540  # attempts spread over the last year and a half, so some certificates lapsed


@dataclass
class Crew:
    user_id: int
    department_id: int | None
    skill: float
    modules: list[int] = field(default_factory=list)  # module ids to take, in order
    open: set[int] = field(default_factory=set)  # modules with an attempt left in progress


@dataclass
class Curriculum:
    modules: dict[int, Module]
    questions: dict[int, list[Question]]  # module id -> questions in attempt order
    ease: dict[int, float]  # question id -> added to the learner's chance of a right answer


class Command(BaseCommand):
    help = (
        "Make productions, crews, attempts and answers at scale from --seed "
        "(idempotent per seed; --replace to rebuild; DEBUG or SAFETYQUIZ_BENCH only)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--crew", type=int, default=20_000, help="Crew members (20,000).")
        parser.add_argument(
            "--answers", type=int, default=1_000_000, help="Answers in all (1,000,000)."
        )
        parser.add_argument(
            "--big", type=int, default=500, help="Crew of the one large production (500)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Names and randomness (1).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete this seed's data first and rebuild."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be made; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        crew, answers, big, seed = (options[k] for k in ("crew", "answers", "big", "seed"))
        self.verbosity, self.last_tenth = options["verbosity"], -1
        if not (settings.DEBUG or getattr(settings, "SAFETYQUIZ_BENCH", False)):
            raise CommandError(
                "seed_scale writes thousands of made-up people: it runs only with "
                "DJANGO_DEBUG=1 or SAFETYQUIZ_BENCH=1."
            )
        if seed < 0 or crew < 1 or answers < 0 or not 1 <= big <= crew:
            raise CommandError(
                "Need --seed >= 0, --crew >= 1, --answers >= 0 and 1 <= --big <= --crew."
            )
        curriculum = load_curriculum(random.Random(seed))
        if not curriculum.modules:
            raise CommandError("No published module with questions: load the curriculum first.")
        prefix = f"scale{seed}-"
        existing = get_user_model().objects.filter(username__startswith=prefix)
        if existing.exists() and not options["replace"]:
            have = (
                existing.filter(memberships__role=Membership.Role.CREW).distinct().count(),
                Answer.objects.filter(attempt__user__username__startswith=prefix).count(),
            )
            if have == (crew, answers):
                self.stdout.write(f"Seed {seed} is already there ({crew} crew, {answers} answers).")
                return
            raise CommandError(
                f"Seed {seed} already has {have[0]} crew and {have[1]} answers: "
                "pass --replace to rebuild it, or use another --seed."
            )
        productions = plan_productions(random.Random(seed), crew, big)
        if options["dry_run"]:
            self.stdout.write(
                f"Would make {len(productions)} productions (one of {big} crew), {crew} crew, "
                f"{len(productions)} instructors and {answers} answers in about "
                f"{answers // max(1, mean_questions(curriculum))} attempts"
                + (f", after deleting seed {seed}'s data." if options["replace"] else ".")
            )
            return
        started = time.monotonic()
        with transaction.atomic():
            if options["replace"]:
                delete_seed(prefix)
            people = make_people(prefix, crew, productions, curriculum, random.Random(seed))
            made = make_attempts(
                people, curriculum, answers, random.Random(seed + 1), self.progress
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {len(productions)} productions, {crew} crew, {made[0]} attempts, "
                f"{made[1]} answers, {made[2]} certificates in {time.monotonic() - started:.0f} s."
            )
        )

    def progress(self, done: int, total: int, since: float) -> None:
        """A bar redrawn in place on a terminal; a line per tenth in a log."""
        if self.verbosity == 0:
            return
        share = done / total if total else 1.0
        tenth = int(share * 10)
        bar = "#" * int(share * 30)
        took = time.monotonic() - since
        line = f"answers [{bar:<30}] {share:4.0%} {done:>9,}/{total:,} {took:5.0f} s"
        if sys.stderr.isatty():
            self.stderr.write("\r" + line, ending="\n" if done >= total else "")
        elif tenth != self.last_tenth:
            self.stderr.write(line)
        self.last_tenth = tenth


def load_curriculum(rng: random.Random) -> Curriculum:
    modules = {m.pk: m for m in Module.objects.published().order_by("order", "pk")}
    questions: dict[int, list[Question]] = {pk: [] for pk in modules}
    for question in (
        Question.objects.filter(module__in=modules)
        .prefetch_related("choices", "excerpts__source")
        .order_by("order", "pk")  # as attempt_start plans them
    ):
        questions[question.module_id].append(question)
    modules = {pk: m for pk, m in modules.items() if questions[pk]}
    ease = {q.pk: rng.uniform(-0.2, 0.1) for qs in questions.values() for q in qs}
    return Curriculum(modules, {pk: questions[pk] for pk in modules}, ease)


def mean_questions(curriculum: Curriculum) -> int:
    return round(sum(map(len, curriculum.questions.values())) / len(curriculum.questions))


def plan_productions(rng: random.Random, crew: int, big: int) -> list[list[int]]:
    """Crew indices per production: the first has ``big``; the rest 20 to 150 each."""
    order = list(range(crew))
    rng.shuffle(order)
    productions, rest = [order[:big]], order[big:]
    while rest:
        size = rng.randint(20, 150)
        productions.append(rest[:size])
        rest = rest[size:]
    for member in rng.sample(range(crew), k=crew // 7):  # some crew work on two shows
        other = productions[rng.randrange(1, len(productions))] if len(productions) > 1 else []
        if member not in other and len(other) < 200:
            other.append(member)
    return productions


def delete_seed(prefix: str) -> None:
    users = get_user_model().objects.filter(username__startswith=prefix)
    Certificate.objects.filter(user__in=users).delete()
    Attempt.objects.filter(user__in=users).delete()
    Production.objects.filter(memberships__user__in=users).distinct().delete()
    users.delete()


def make_people(
    prefix: str,
    crew: int,
    productions: list[list[int]],
    curriculum: Curriculum,
    rng: random.Random,
) -> list[Crew]:
    """Accounts, productions, memberships and assignments; each crew member's module plan."""
    user_model = get_user_model()
    password = make_password(None)  # unusable: nobody signs in as these
    seed = prefix.removeprefix("scale").rstrip("-")
    crew_names = [f"{prefix}crew-{i:06d}" for i in range(crew)]
    staff_names = [f"{prefix}instructor-{p:04d}" for p in range(len(productions))]
    user_model.objects.bulk_create(
        [
            user_model(
                username=name,
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                password=password,
            )
            for name in crew_names + staff_names
        ],
        batch_size=BATCH,
    )
    ids = dict(user_model.objects.filter(username__startswith=prefix).values_list("username", "pk"))
    departments: list[int | None] = list(Department.objects.values_list("pk", flat=True))
    departments = departments or [None]
    module_ids = list(curriculum.modules)
    today = timezone.localdate()
    Production.objects.bulk_create(
        [
            Production(
                name=f"{rng.choice(SHOWS)} · {rng.choice(UNIT)} ({len(members)} crew, seed {seed})",
                join_code=f"S{seed}-{p:05d}",
                starts_on=today - timedelta(days=rng.randint(0, HISTORY_DAYS)),
            )
            for p, members in enumerate(productions)
        ]
    )
    made = list(Production.objects.filter(join_code__startswith=f"S{seed}-").order_by("join_code"))
    department_of = [rng.choice(departments) for _ in range(crew)]
    memberships, assignments, plans = [], [], [Crew(0, None, 0.0) for _ in range(crew)]
    for production, members, instructor in zip(made, productions, staff_names, strict=True):
        memberships.append(
            Membership(production=production, user_id=ids[instructor], role="instructor")
        )
        memberships += [
            Membership(
                production=production, user_id=ids[crew_names[i]], department_id=department_of[i]
            )
            for i in members
        ]
        chosen = sorted(rng.sample(module_ids, k=min(len(module_ids), rng.randint(4, 6))))
        for module_id in chosen:
            due = (
                production.starts_on + timedelta(days=rng.randint(3, 30))
                if production.starts_on
                else None
            )
            assignments.append(Assignment(production=production, module_id=module_id, due_on=due))
        for i in members:
            plan = plans[i]
            plan.modules += [m for m in chosen if m not in plan.modules]
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    for i, plan in enumerate(plans):
        plan.user_id, plan.department_id = ids[crew_names[i]], department_of[i]
        plan.skill = min(0.98, max(0.3, rng.gauss(0.85, 0.1)))
        extra = [m for m in module_ids if m not in plan.modules]
        if extra and rng.random() < 0.3:  # keen learners take a module nobody assigned them
            plan.modules.append(rng.choice(extra))
    return plans


def make_attempts(
    people: list[Crew], curriculum: Curriculum, budget: int, rng: random.Random, progress: Any
) -> tuple[int, int, int]:
    """Attempts, answers and certificates for the crew until ``budget`` answers are made."""
    attempts = answers = certificates = 0
    since = time.monotonic()
    order = people[:]
    rng.shuffle(order)
    chunk: list[tuple[Attempt, list[Answer]]] = []
    written = 0
    for attempt, rows in simulate_crew(order, curriculum, budget, rng):
        chunk.append((attempt, rows))
        answers += len(rows)
        if answers - written >= BATCH * 5:
            certificates += write_chunk(chunk, curriculum)
            attempts, written, chunk = attempts + len(chunk), answers, []
            connection.queries_log.clear()  # with DEBUG on, a million rows of logged SQL
            progress(answers, budget, since)
    certificates += write_chunk(chunk, curriculum)
    attempts += len(chunk)
    progress(answers, budget, since)
    return attempts, answers, certificates


def simulate_crew(
    people: list[Crew], curriculum: Curriculum, budget: int, rng: random.Random
) -> Iterator[tuple[Attempt, list[Answer]]]:
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
                    stop = len(curriculum.questions[module_id])
                    if rng.random() < 0.06:  # left half-way
                        stop = rng.randint(1, stop - 1) if stop > 1 else stop
                    stop = min(stop, left)
                    attempt, rows = take(person, module_id, curriculum, rng, when, retake, stop)
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
    stop: int,
) -> tuple[Attempt, list[Answer]]:
    """One attempt, answered as ``services.answer_submit`` would record it, ``stop`` answers
    in; finished when every question is answered."""
    module, questions = curriculum.modules[module_id], curriculum.questions[module_id]
    attempt = Attempt(
        user_id=person.user_id,
        module=module,
        question_ids=[q.pk for q in questions],
        seed=f"{rng.getrandbits(64):016x}",
        pass_mark=module.pass_mark,
        started_at=when,
    )
    rows = []
    for index, question in enumerate(questions[:stop]):
        snapshot = question_snapshot(question, attempt.seed)
        chance = person.skill + curriculum.ease[question.pk] + 0.08 * retake
        values = posted_for(snapshot, right=rng.random() < chance, rng=rng)
        answered_at = when + timedelta(seconds=40 * (index + 1))
        rows.append(
            graded_answer(snapshot, values, index=index, question=question, answered_at=answered_at)
        )
    if stop == len(questions):
        result_apply(attempt, rows, when + timedelta(seconds=40 * stop + 1))
    return attempt, rows


def write_chunk(chunk: list[tuple[Attempt, list[Answer]]], curriculum: Curriculum) -> int:
    """Insert the attempts, then their answers and the certificates of the passed ones."""
    if not chunk:
        return 0
    Attempt.objects.bulk_create([attempt for attempt, _ in chunk], batch_size=BATCH)
    rows = []
    for attempt, answers in chunk:
        for answer in answers:
            answer.attempt = attempt
            rows.append(answer)
    insert_answers(rows)
    certificates = [certificate(a, curriculum) for a, _ in chunk if a.passed]
    Certificate.objects.bulk_create(certificates, batch_size=BATCH)
    return len(certificates)


ANSWER_COLUMNS = [
    "attempt",
    "index",
    "question",
    "response",
    "points_awarded",
    "max_points",
    "correct",
    "critical_miss",
    "snapshot",
    "answered_at",
]


def insert_answers(rows: list[Answer]) -> None:
    """bulk_create, except on PostgreSQL: there Django inserts through UNNEST of a jsonb
    array, and psycopg escapes every quote of every 2 kB snapshot in Python, which makes
    it three times slower than COPY (a million answers: minutes more)."""
    if connection.vendor != "postgresql":
        Answer.objects.bulk_create(rows, batch_size=BATCH)
        return
    column = {f.name: str(f.column) for f in Answer._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(column[name]) for name in ANSWER_COLUMNS)
    sql = f"COPY {Answer._meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for a in rows:
            copy.write_row(
                (
                    a.attempt_id,
                    a.index,
                    a.question_id,
                    json.dumps(a.response),
                    a.points_awarded,
                    a.max_points,
                    a.correct,
                    a.critical_miss,
                    json.dumps(a.snapshot),
                    a.answered_at,
                )
            )


def certificate(attempt: Attempt, curriculum: Curriculum) -> Certificate:
    assert attempt.finished_at is not None
    issued: date = timezone.localdate(attempt.finished_at)
    months = curriculum.modules[attempt.module_id].validity_months
    return Certificate(
        user_id=attempt.user_id,
        module_id=attempt.module_id,
        attempt=attempt,
        issued_on=issued,
        expires_on=add_months(issued, months),
    )
