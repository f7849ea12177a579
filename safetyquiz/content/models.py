from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from . import rules


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> Any:
        return self.get(slug=slug)


class Department(models.Model):
    """A crew department, so modules and assignments can target the people they matter to."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    order = models.PositiveSmallIntegerField(default=0)

    objects = SlugManager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Source(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        STANDARD = "standard", "Standard or law"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    document = models.CharField(
        max_length=200,
        blank=True,
        help_text="For an article: the file name of its text in the sources folder.",
    )
    url = models.URLField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if self.kind == self.Kind.ARTICLE and not self.document.strip():
            raise ValidationError({"document": "An article names the file its text came from."})


class Excerpt(models.Model):
    """A short quote, verbatim from its source."""

    slug = models.SlugField(unique=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="excerpts")
    quote = models.TextField()

    objects = SlugManager()

    class Meta:
        ordering = ["source", "slug"]

    def __str__(self) -> str:
        # In full: editors pick excerpts by what they say (the admin's pickers show this).
        return f"“{self.quote}” ({self.source.publisher or self.source.title})"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if problems := rules.quote_problems(self.quote):
            raise ValidationError({"quote": problems})


class Failure(models.Model):
    """A documented failure on the set, backed by excerpts."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    excerpts = models.ManyToManyField(Excerpt, related_name="failures", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = SlugManager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ModuleQuerySet(models.QuerySet["Module"]):
    def published(self) -> ModuleQuerySet:
        return self.filter(status=Module.Status.PUBLISHED)


class ModuleManager(models.Manager.from_queryset(ModuleQuerySet)):  # type: ignore[misc]
    def get_by_natural_key(self, slug: str) -> Module:
        return self.get(slug=slug)


class Module(models.Model):
    """A scenario module: a briefing on what happened, then a scored quiz."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True, help_text="One line for the list.")
    briefing = models.TextField(
        help_text="What happened, in our own words. Blank lines split paragraphs."
    )
    excerpts = models.ManyToManyField(Excerpt, related_name="modules", blank=True)
    objectives = models.TextField(blank=True, help_text="One learning objective per line.")
    failures = models.ManyToManyField(Failure, related_name="modules", blank=True)
    departments = models.ManyToManyField(Department, related_name="modules", blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Percentage needed to pass.",
    )
    validity_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1)], help_text="How long a certificate lasts."
    )
    per_slot = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="How many questions a certifying form draws from each slot.",
    )
    form_slots = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many slots a certifying form asks. Blank: every slot. "
        "Critical slots are always asked.",
    )
    max_case_facts = models.PositiveSmallIntegerField(
        default=1, help_text="The most case-fact questions a certifying form may ask."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ModuleManager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:module", args=[self.slug])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def objective_list(self) -> list[str]:
        return list(rules.lines(self.objectives))

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.briefing.split("\n\n") if p.strip()]

    def bank_problems(self, questions: Sequence[rules.QuestionFacts] | None = None) -> list[str]:
        """What stops the bank from filling a certifying form: of the questions as saved,
        or as being edited when given."""
        if questions is None:
            saved = self.questions.select_related("slot") if self.pk else []
            questions = [q.facts() for q in saved]
        return rules.module_problems(
            published=self.is_published,
            questions=questions,
            slots=[slot.slug for slot in self.slots.all()] if self.pk else [],
            per_slot=self.per_slot,
            max_case_facts=self.max_case_facts,
        )

    # The bank rules span rows (slots, questions): the admin's question formset and
    # check_content (hence loaddata) apply them, with the rows as edited.


class SlotManager(models.Manager["Slot"]):
    def get_by_natural_key(self, slug: str, module_slug: str) -> Slot:
        return self.get(slug=slug, module__slug=module_slug)


class Slot(models.Model):
    """One objective of a module. A certifying form asks one of its questions (or the
    module's ``per_slot``); the rest of the slot's questions wait for a retake."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="slots")
    slug = models.SlugField()
    objective = models.CharField(max_length=300, help_text="What a learner must know or do.")
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


class Question(models.Model):
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
        return rules.QuestionFacts(self.slug, slot, self.critical, self.purpose)

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


class Choice(models.Model):
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
