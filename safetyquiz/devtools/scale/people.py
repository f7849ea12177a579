"""The bulk data behind `manage.py seed_scale`: made-up productions and their crews.

Everything is named after the seed (usernames ``scale<seed>-…``, join codes ``S<seed>-…``)
and drawn from ``random.Random(seed)``; ``scale_attempts`` then answers the curriculum for
the crew. The command says what it does and when it may run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from safetyquiz.content.models import Department, Module, Question
from safetyquiz.crews.models import Assignment, Membership, Production
from safetyquiz.training import banks, drawing
from safetyquiz.training.models import Answer, Attempt, Certificate

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
    questions: dict[int, list[Question]]  # module id -> its certifying pool, in form order
    ease: dict[int, float]  # question id -> added to the learner's chance of a right answer


def prefix_of(seed: int) -> str:
    return f"scale{seed}-"


def load_curriculum(rng: random.Random) -> Curriculum:
    """The published modules that have certifying questions, each question with its slot,
    choices and excerpts (for the snapshots) in the order a form asks them, and how easy
    each question is."""
    modules = {m.pk: m for m in Module.objects.published().order_by("order", "pk")}
    questions: dict[int, list[Question]] = {pk: [] for pk in modules}
    for question in (
        Question.objects.filter(module__in=modules, pool=Question.Pool.CERTIFYING)
        .select_related("slot")
        .prefetch_related("choices", "excerpts__source")
    ):
        questions[question.module_id].append(question)
    for bank in questions.values():
        bank.sort(key=lambda q: banks.order(q.pk, q.order, q.slot))
    modules = {pk: m for pk, m in modules.items() if questions[pk]}
    ease = {q.pk: rng.uniform(-0.2, 0.1) for qs in questions.values() for q in qs}
    return Curriculum(modules, {pk: questions[pk] for pk in modules}, ease)


def mean_questions(curriculum: Curriculum) -> int:
    """How many questions a certifying form asks, on average over the modules."""
    asked = [
        drawing.outline([banks.item(q) for q in bank], banks.form_rules(module)).questions
        for module, bank in zip(
            curriculum.modules.values(), curriculum.questions.values(), strict=True
        )
    ]
    return round(sum(asked) / len(asked))


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


def existing(seed: int) -> tuple[int, int] | None:
    """The crew and answers already made with this seed, or None when it has made nothing."""
    users = get_user_model().objects.filter(username__startswith=prefix_of(seed))
    if not users.exists():
        return None
    crew = users.filter(memberships__role=Membership.Role.CREW).distinct().count()
    return crew, Answer.objects.filter(attempt__user__in=users).count()


def delete_seed(seed: int) -> None:
    users = get_user_model().objects.filter(username__startswith=prefix_of(seed))
    Certificate.objects.filter(user__in=users).delete()
    Attempt.objects.filter(user__in=users).delete()
    Production.objects.filter(memberships__user__in=users).distinct().delete()
    users.delete()


def make_people(
    seed: int, crew: int, productions: list[list[int]], curriculum: Curriculum, rng: random.Random
) -> list[Crew]:
    """Accounts, productions, memberships and assignments; each crew member's module plan."""
    crew_ids, instructor_ids = make_accounts(prefix_of(seed), crew, len(productions), rng)
    made = make_productions(seed, productions, rng)
    known = departments()
    department_of = [rng.choice(known) for _ in range(crew)]
    plans = [Crew(crew_ids[i], department_of[i], 0.0) for i in range(crew)]
    memberships: list[Membership] = []
    assignments: list[Assignment] = []
    for production, members, instructor_id in zip(made, productions, instructor_ids, strict=True):
        memberships.append(
            Membership(
                production=production, user_id=instructor_id, role=Membership.Role.INSTRUCTOR
            )
        )
        memberships += [
            Membership(production=production, user_id=crew_ids[i], department_id=department_of[i])
            for i in members
        ]
        chosen = assign_modules(production, list(curriculum.modules), rng)
        assignments += chosen
        for i in members:
            plans[i].modules += [a.module_id for a in chosen if a.module_id not in plans[i].modules]
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    for plan in plans:
        plan.skill = min(0.98, max(0.3, rng.gauss(0.85, 0.1)))
        extra = [m for m in curriculum.modules if m not in plan.modules]
        if extra and rng.random() < 0.3:  # keen learners take a module nobody assigned them
            plan.modules.append(rng.choice(extra))
    return plans


def make_accounts(
    prefix: str, crew: int, instructors: int, rng: random.Random
) -> tuple[list[int], list[int]]:
    """The crew's and the instructors' user ids, with unusable passwords: nobody signs in
    as these."""
    user_model = get_user_model()
    password = make_password(None)
    crew_names = [f"{prefix}crew-{i:06d}" for i in range(crew)]
    staff_names = [f"{prefix}instructor-{p:04d}" for p in range(instructors)]
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
    return [ids[n] for n in crew_names], [ids[n] for n in staff_names]


def make_productions(
    seed: int, productions: list[list[int]], rng: random.Random
) -> list[Production]:
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
    return list(Production.objects.filter(join_code__startswith=f"S{seed}-").order_by("join_code"))


def departments() -> list[int | None]:
    found: list[int | None] = list(Department.objects.values_list("pk", flat=True))
    return found or [None]


def assign_modules(
    production: Production, module_ids: list[int], rng: random.Random
) -> list[Assignment]:
    """Four to six modules, each due a few days to a month after the production starts."""
    chosen = sorted(rng.sample(module_ids, k=min(len(module_ids), rng.randint(4, 6))))
    return [
        Assignment(
            production=production,
            module_id=module_id,
            due_on=(
                production.starts_on + timedelta(days=rng.randint(3, 30))
                if production.starts_on
                else None
            ),
        )
        for module_id in chosen
    ]
