"""One factory per model. Questions come with a valid set of choices for their kind
unless made with ``choices=False``."""

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from factory.django import DjangoModelFactory

from safetyquiz.content import rules
from safetyquiz.content.models import (
    Choice,
    Department,
    Excerpt,
    Failure,
    Module,
    Question,
    Slot,
    Source,
)
from safetyquiz.crews.models import Assignment, Membership, Production
from safetyquiz.training import banks
from safetyquiz.training.models import Answer, Attempt, Certificate
from safetyquiz.training.services import question_snapshot

PASSWORD = "pass-word-123"

M = TypeVar("M", bound=models.Model)


class ModelFactory(DjangoModelFactory[M]):
    """A factory whose call type-checks as the model instance it makes."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> M:  # type: ignore[misc]
            ...


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)


class DepartmentFactory(ModelFactory[Department]):
    class Meta:
        model = Department
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"department-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class SourceFactory(ModelFactory[Source]):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "The Reporter"
    kind = Source.Kind.ARTICLE
    document = "002_41486f725f8f5c69.txt"


class StandardFactory(SourceFactory):
    kind = Source.Kind.STANDARD
    document = ""


class ExcerptFactory(ModelFactory[Excerpt]):
    class Meta:
        model = Excerpt

    slug = factory.Sequence(lambda n: f"excerpt-{n}")
    source = factory.SubFactory(SourceFactory)
    quote = "No one realized it was loaded with a live round."


class FailureFactory(ModelFactory[Failure]):
    class Meta:
        model = Failure
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"failure-{n}")
    title = factory.Sequence(lambda n: f"Failure {n}")

    @factory.post_generation
    def excerpts(obj: Failure, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            obj.excerpts.set(extracted)


class ModuleFactory(ModelFactory[Module]):
    class Meta:
        model = Module
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"module-{n}")
    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "What happened and the safeguard that should have held."
    briefing = "A live round was fired from a gun called cold.\n\nNobody had checked every round."
    objectives = "Check every round\nSay what cold means"
    status = Module.Status.DRAFT

    @factory.post_generation
    def excerpts(obj: Module, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            obj.excerpts.set(extracted)


class PublishedModuleFactory(ModuleFactory):
    """A published module with ``questions`` single-choice certifying questions (default 3),
    and ``practice`` practice questions (default none)."""

    status = Module.Status.PUBLISHED

    @factory.post_generation
    def questions(obj: Module, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            for order in range(1, (3 if extracted is None else extracted) + 1):
                QuestionFactory(module=obj, order=order)

    @factory.post_generation
    def practice(obj: Module, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            for order in range(1, (extracted or 0) + 1):
                QuestionFactory(module=obj, order=100 + order, pool=Question.Pool.PRACTICE)


class SlotFactory(ModelFactory[Slot]):
    class Meta:
        model = Slot

    module = factory.SubFactory(ModuleFactory)
    slug = factory.Sequence(lambda n: f"slot-{n}")
    objective = factory.Sequence(lambda n: f"Objective {n}")
    order = factory.Sequence(int)


DEFAULT_CHOICES: dict[str, list[dict[str, Any]]] = {
    Question.Kind.SINGLE: [
        {"key": "a", "text": "Stop and call the armorer", "is_correct": True},
        {"key": "b", "text": "Carry on if the AD says cold"},
        {"key": "c", "text": "Check it yourself and carry on"},
    ],
    Question.Kind.DECISION: [
        {"key": "a", "text": "Hold the scene until the armorer checks it", "is_correct": True},
        {"key": "b", "text": "Hand it over: time is short"},
        {"key": "c", "text": "Ask the actor to check it"},
    ],
    Question.Kind.MULTIPLE: [
        {"key": "a", "text": "The armorer", "is_correct": True},
        {"key": "b", "text": "The first AD", "is_correct": True},
        {"key": "c", "text": "The caterer"},
        {"key": "d", "text": "A passer-by"},
    ],
    Question.Kind.TRUE_FALSE: [
        {"key": "true", "text": "True", "is_correct": True},
        {"key": "false", "text": "False"},
    ],
    Question.Kind.ORDERING: [
        {"key": "a", "text": "Safety meeting", "position": 1},
        {"key": "b", "text": "Armorer checks every round", "position": 2},
        {"key": "c", "text": "Armorer shows the gun is safe", "position": 3},
        {"key": "d", "text": "Armorer hands it to the actor", "position": 4},
    ],
}


class QuestionFactory(ModelFactory[Question]):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    module = factory.SubFactory(ModuleFactory)
    slug = factory.Sequence(lambda n: f"q{n}")
    order = factory.Sequence(int)
    kind = Question.Kind.SINGLE
    role = factory.LazyAttribute(lambda o: "2nd AD" if o.kind == Question.Kind.DECISION else "")
    prompt = factory.Sequence(lambda n: f"Question {n}: what do you do?")
    explanation = "Because a gun is only safe once the armorer has shown it is."
    points = 1

    @factory.post_generation
    def choices(obj: Question, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted is not False:
            for data in extracted or DEFAULT_CHOICES[obj.kind]:
                ChoiceFactory(question=obj, **{"feedback": f"About {data['key']}.", **data})

    @factory.post_generation
    def excerpts(obj: Question, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            obj.excerpts.set(extracted)


class CriticalQuestionFactory(QuestionFactory):
    critical = True


class PooledSlotFactory(SlotFactory):
    """A slot that keeps the pool rule (see ``fill_pools``)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def questions(obj: Slot, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            fill_pools(obj, **kwargs)


def fill_pools(slot: Slot, **fields: Any) -> None:
    """Add to ``slot`` the fewest questions a slot of a published module may hold: 3
    certifying and 1 practice. ``fields`` apply to the certifying ones (``critical=True``),
    and their ``kind`` to all (default single choice)."""
    fields = {"kind": Question.Kind.SINGLE, **fields}
    for _ in range(rules.MIN_CERTIFYING):
        QuestionFactory(module=slot.module, slot=slot, **fields)
    for _ in range(rules.MIN_PRACTICE):
        QuestionFactory(
            module=slot.module, slot=slot, kind=fields["kind"], pool=Question.Pool.PRACTICE
        )


class ChoiceFactory(ModelFactory[Choice]):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, choices=False)
    key = factory.Sequence(lambda n: f"c{n}")
    text = factory.Sequence(lambda n: f"Choice {n}")
    is_correct = False


class AttemptFactory(ModelFactory[Attempt]):
    class Meta:
        model = Attempt

    user = factory.SubFactory(UserFactory)
    module = factory.SubFactory(PublishedModuleFactory)
    mode = Attempt.Mode.CERTIFYING
    seed = factory.Sequence(lambda n: f"seed{n}")
    form = factory.LazyAttribute(
        lambda o: [
            question_snapshot(q, o.seed)
            for q in banks.questions_of(
                o.module,
                Question.Pool.PRACTICE if o.mode == "practice" else Question.Pool.CERTIFYING,
            )
        ]
    )
    question_ids = factory.LazyAttribute(lambda o: [q["question_id"] for q in o.form])
    pass_mark = factory.LazyAttribute(lambda o: o.module.pass_mark)


class FinishedAttemptFactory(AttemptFactory):
    finished_at = factory.LazyFunction(timezone.now)
    points = Decimal(3)
    max_points = Decimal(3)
    percentage = Decimal(100)
    passed = True


class AnswerFactory(ModelFactory[Answer]):
    class Meta:
        model = Answer

    attempt = factory.SubFactory(AttemptFactory)
    index = 0
    response = factory.LazyFunction(lambda: ["a"])
    points_awarded = Decimal(1)
    max_points = Decimal(1)
    correct = True
    snapshot = factory.LazyFunction(dict)


class CertificateFactory(ModelFactory[Certificate]):
    class Meta:
        model = Certificate

    attempt = factory.SubFactory(FinishedAttemptFactory)
    user = factory.LazyAttribute(lambda o: o.attempt.user)
    module = factory.LazyAttribute(lambda o: o.attempt.module)
    issued_on = factory.LazyFunction(timezone.localdate)
    expires_on = factory.LazyAttribute(lambda o: o.issued_on + timedelta(days=365))


class ProductionFactory(ModelFactory[Production]):
    class Meta:
        model = Production

    name = factory.Sequence(lambda n: f"Production {n}")
    join_code = factory.Sequence(lambda n: f"CODE{n:04d}")


class MembershipFactory(ModelFactory[Membership]):
    class Meta:
        model = Membership

    production = factory.SubFactory(ProductionFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.CREW
    department = factory.SubFactory(DepartmentFactory)
    job_title = "Camera assistant"
    # On the production for a while: their due dates are the assignments'. Someone who
    # joins today passes joined_at=timezone.now().
    joined_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=90))


class InstructorMembershipFactory(MembershipFactory):
    role = Membership.Role.INSTRUCTOR
    job_title = "Key armorer"


class AssignmentFactory(ModelFactory[Assignment]):
    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    production = factory.SubFactory(ProductionFactory)
    module = factory.SubFactory(PublishedModuleFactory)

    @factory.post_generation
    def departments(obj: Assignment, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            obj.departments.set(extracted)
