"""A module's bank: slots (one objective each), their interchangeable questions, and
each question's choices."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from .. import rules
from .modules import Module
from .sources import Excerpt, Translated


class SlotManager(models.Manager["Slot"]):
    def get_by_natural_key(self, slug: str, module_slug: str) -> Slot:
        return self.get(slug=slug, module__slug=module_slug)


class Slot(Translated):
    """One objective of a module. A certifying form asks one of its questions (or the
    module's ``per_slot``); the rest of the slot's questions wait for a retake."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="slots")
    slug = models.SlugField()
    objective = models.CharField(max_length=300, help_text="What a learner must know or do.")
    teaching_point = models.TextField(
        blank=True,
        help_text="The rule behind the objective, in plain words: what a learner who missed "
        "it is shown, with the excerpts below as its source.",
    )
    excerpts = models.ManyToManyField(Excerpt, related_name="slots", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = SlotManager()

    class Meta:
        ordering = ["module", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["module", "slug"], name="slot_slug_unique_in_module")
        ]

    def __str__(self) -> str:
        return self.objective

    def natural_key(self) -> tuple[str, str]:
        return (self.slug, self.module.slug)

    natural_key.dependencies = ["content.module"]  # type: ignore[attr-defined]


class QuestionManager(models.Manager["Question"]):
    def get_by_natural_key(self, slug: str, module_slug: str) -> Question:
        return self.get(slug=slug, module__slug=module_slug)


class Question(Translated):
    class Kind(models.TextChoices):
        SINGLE = rules.SINGLE, "Single choice"
        MULTIPLE = rules.MULTIPLE, "Multiple select"
        TRUE_FALSE = rules.TRUE_FALSE, "True or false"
        ORDERING = rules.ORDERING, "Ordering"
        DECISION = rules.DECISION, "Decision (scenario step)"

    class Purpose(models.TextChoices):
        SAFETY_DECISION = rules.SAFETY_DECISION, "Safety decision"
        RULE = rules.RULE, "Rule"
        CASE_FACT = rules.CASE_FACT, "Fact about the case"

    class Pool(models.TextChoices):
        CERTIFYING = rules.CERTIFYING, "Certifying"
        PRACTICE = rules.PRACTICE, "Practice"

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    slot = models.ForeignKey(
        Slot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        help_text="The objective it tests; questions of one slot are interchangeable.",
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.RULE)
    pool = models.CharField(
        max_length=20,
        choices=Pool.choices,
        default=Pool.CERTIFYING,
        help_text="Certifying questions are drawn for certificates and never shown with "
        "their key; practice questions teach, with feedback after each answer.",
    )
    slug = models.SlugField()
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    role = models.CharField(
        max_length=80, blank=True, help_text="For a decision: whose seat the learner is in."
    )
    prompt = models.TextField()
    explanation = models.TextField(help_text="Shown after answering.")
    excerpts = models.ManyToManyField(Excerpt, related_name="questions", blank=True)
    points = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    critical = models.BooleanField(
        default=False, help_text="A wrong answer fails the attempt whatever the percentage."
    )
    partial_credit = models.BooleanField(
        default=False, help_text="Multiple select and ordering only: credit for part of the answer."
    )

    objects = QuestionManager()

    class Meta:
        ordering = ["module", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "slug"], name="question_slug_unique_in_module"
            )
        ]

    def __str__(self) -> str:
        return self.prompt[:80]

    def natural_key(self) -> tuple[str, str]:
        return (self.slug, self.module.slug)

    natural_key.dependencies = ["content.module", "content.slot"]  # type: ignore[attr-defined]

    def facts(self) -> rules.QuestionFacts:
        slot = self.slot.slug if self.slot_id and self.slot else None
        return rules.QuestionFacts(self.slug, slot, self.critical, self.purpose, self.pool)

    def clean(self) -> None:
        # The choice rules span rows: the admin's choice formset and check_content apply them.
        errors = rules.question_problems(
            kind=self.kind, role=self.role, partial_credit=self.partial_credit
        )
        slot = self.slot if self.slot_id else None
        if slot is not None and self.module_id and slot.module_id != self.module_id:
            errors["slot"] = ["The slot belongs to another module."]
        if errors:
            raise ValidationError(errors)


class ChoiceManager(models.Manager["Choice"]):
    def get_by_natural_key(self, key: str, question_slug: str, module_slug: str) -> Choice:
        return self.get(key=key, question__slug=question_slug, question__module__slug=module_slug)


class Choice(Translated):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    key = models.SlugField(max_length=20, help_text="Stable id within the question, e.g. a, b, c.")
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Ordering questions: this item's right position, from 1."
    )
    feedback = models.TextField(blank=True, help_text="Shown to a learner who picks this.")

    objects = ChoiceManager()

    class Meta:
        ordering = ["question", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "key"], name="choice_key_unique_in_question"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def natural_key(self) -> tuple[str, str, str]:
        return (self.key, *self.question.natural_key())

    natural_key.dependencies = ["content.question"]  # type: ignore[attr-defined]

    def clean(self) -> None:
        if self.position == 0:
            raise ValidationError({"position": "Positions start at 1."})
