"""Scenario modules and the crew departments they target."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from .. import rules
from .sources import Excerpt, Failure, SlugManager, Translated


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


class ModuleQuerySet(models.QuerySet["Module"]):
    def published(self) -> ModuleQuerySet:
        return self.filter(status=Module.Status.PUBLISHED)

    def course(self) -> ModuleQuerySet:
        """The course's modules, published or not, without the drafts of published ones."""
        return self.filter(draft_of=None)


class ModuleManager(models.Manager.from_queryset(ModuleQuerySet)):  # type: ignore[misc]
    def get_by_natural_key(self, slug: str) -> Module:
        return self.get(slug=slug)


class Module(Translated):
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
    review_after_pass = models.BooleanField(
        default=False,
        help_text="After a pass, also show the attempt's keyed review (which choice was right "
        "on each question). Off: a result shows each objective met or not, and the rule "
        "behind each one missed.",
    )
    attempts_per_day = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1)],
        help_text="Certifying attempts a learner may start in a day; an instructor can grant "
        "one more.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveSmallIntegerField(default=0)
    # A published module is edited as a draft: a copy of it, its slots, questions and
    # choices, which crew never see, published over it in one step (``content/drafts.py``).
    draft_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="draft",
        help_text="The published module this is a draft of.",
    )
    draft_base = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The published module as it was when this draft was made.",
    )

    objects = ModuleManager()

    class Meta:
        ordering = ["order", "title"]
        permissions = [("publish_module", "Can publish a module")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(settings.PAGES["module"], args=[self.slug])  # the briefing

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if problems := rules.module_slug_problems(self.slug):
            raise ValidationError({"slug": problems})

    stored_status: str | None = None  # the status as read from the database

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kw: Any
    ) -> Module:
        module = super().from_db(db, field_names, values, **kw)
        module.stored_status = module.__dict__.get("status")  # as read, before any edit
        return module

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def was_published(self) -> bool:
        """Whether the module is published as stored: a form that sets the status in
        memory (and is then refused) does not make it so."""
        return self.stored_status == self.Status.PUBLISHED

    @property
    def is_draft_copy(self) -> bool:
        """Whether this is the draft of a published module (not a module never published)."""
        return self.draft_of_id is not None

    @property
    def objective_list(self) -> list[str]:
        return list(rules.lines(self.objectives))

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.briefing.split("\n\n") if p.strip()]

    def bank_problems(
        self,
        questions: Sequence[rules.QuestionFacts] | None = None,
        slots: Sequence[str] | None = None,
    ) -> list[str]:
        """What stops the bank from filling a certifying form: of the questions and slots
        as saved, or as being edited when given."""
        if questions is None:
            saved = self.questions.select_related("slot") if self.pk else []
            questions = [q.facts() for q in saved]
        if slots is None:
            slots = [slot.slug for slot in self.slots.all()] if self.pk else []
        return rules.module_problems(
            published=self.is_published,
            questions=questions,
            slots=slots,
            per_slot=self.per_slot,
            max_case_facts=self.max_case_facts,
        )

    def pool_problems(
        self,
        questions: Sequence[rules.QuestionFacts] | None = None,
        slots: Sequence[str] | None = None,
    ) -> list[str]:
        """Where the slots fall short of the pools the publishing rule asks for (3 certifying
        questions and 1 practice each): of the bank as saved, or as being edited."""
        if questions is None:
            saved = self.questions.select_related("slot") if self.pk else []
            questions = [q.facts() for q in saved]
        if slots is None:
            slots = [slot.slug for slot in self.slots.all()] if self.pk else []
        return rules.pool_problems(published=self.is_published, questions=questions, slots=slots)

    # The bank rules span rows (slots, questions): the admin's question formset and
    # check_content (hence loaddata) apply them, with the rows as edited.
