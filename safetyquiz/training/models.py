from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyquiz.content.models import Module, Question

from .progress import Status


class Attempt(models.Model):
    """One learner taking one module once. Unlimited retakes; the best passing one counts.

    A certifying attempt asks a drawn form, shows correctness only at the end and issues a
    certificate on a pass. A practice attempt gives feedback after each answer and counts
    for nothing."""

    class Mode(models.TextChoices):
        CERTIFYING = "certifying", _("Certifying")
        PRACTICE = "practice", _("Practice")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="attempts")
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.CERTIFYING)
    # The form drawn at the start: its questions' ids, and each question as shown (wording,
    # choices in display order, key), so later edits never change what the learner is asked.
    question_ids = models.JSONField(default=list)
    form = models.JSONField(default=list, help_text="Each question's snapshot, in form order.")
    seed = models.CharField(max_length=32, default="", editable=False)
    pass_mark = models.PositiveSmallIntegerField(help_text="The module's pass mark when started.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    points = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal(0))
    max_points = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal(0))
    percentage = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    critical_misses = models.PositiveSmallIntegerField(default=0)
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language it was taken in: started in, then the one most answers were "
        "shown in.",
    )

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["user", "module", "finished_at"]),
            # Covering, so the roster's and the module analysis's grouped reads of finished
            # attempts never touch the table (PostgreSQL; SQLite ignores ``include``).
            models.Index(
                fields=["user", "module"],
                include=["percentage"],
                condition=models.Q(finished_at__isnull=False),
                name="attempt_done_by_user",
            ),
            models.Index(
                fields=["module"],
                include=["id", "user", "points", "percentage", "passed"],
                condition=models.Q(finished_at__isnull=False),
                name="attempt_done_by_module",
            ),
        ]
        constraints = [
            # At most one unfinished attempt per learner and module: starting twice resumes.
            models.UniqueConstraint(
                fields=["user", "module", "mode"],
                condition=models.Q(finished_at__isnull=True),
                name="one_open_attempt_per_module_and_mode",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.module} · {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("training:attempt", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def is_practice(self) -> bool:
        return self.mode == self.Mode.PRACTICE

    @property
    def status(self) -> Status:
        if not self.is_finished:
            return Status.IN_PROGRESS
        return Status.PASSED if self.passed else Status.FAILED


class Answer(models.Model):
    """One answer to one question of an attempt, with the question as the learner saw it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    index = models.PositiveSmallIntegerField(
        help_text="The question's place in the attempt, from 0."
    )
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    response = models.JSONField(help_text="Choice keys picked, or for ordering key → position.")
    points_awarded = models.DecimalField(max_digits=6, decimal_places=2)
    max_points = models.DecimalField(max_digits=6, decimal_places=2)
    correct = models.BooleanField()
    critical_miss = models.BooleanField(default=False)
    snapshot = models.JSONField(help_text="Wording, choices, answer key and points as shown.")
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language the question was shown in when answered.",
    )
    answered_at = models.DateTimeField(default=timezone.now)
    # A corrected key (choices' correctness and positions, points, critical, partial credit)
    # that this answer was regraded against; the snapshot keeps what was shown.
    regraded_key = models.JSONField(null=True, blank=True)
    regraded_at = models.DateTimeField(null=True, blank=True)
    # The key a device gave the answer when it was chosen (offline, or sent again after a
    # failure): the same key sent twice finds this answer instead of making another.
    key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["attempt", "index"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "index"], name="one_answer_per_question"),
        ]
        indexes = [
            # Covering the module analysis: its per-question frequency tables and wrong
            # picks read this index alone, never the rows with their 2 kB snapshots.
            models.Index(
                fields=["question", "correct"],
                include=["attempt", "points_awarded", "max_points", "critical_miss", "response"],
                name="answer_item_analysis",
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · Q{self.index + 1}"


def new_certificate_code() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits


class Certificate(models.Model):
    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    code = models.CharField(
        max_length=64, unique=True, default=new_certificate_code, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="certificates")
    attempt = models.OneToOneField(Attempt, on_delete=models.PROTECT, related_name="certificate")
    issued_on = models.DateField()
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_on"]
        indexes = [
            models.Index(
                fields=["user", "module", "expires_on"],
                include=["revoked_at"],  # the roster's clearance reads only the index
                name="certificate_by_user_module",
            )
        ]

    def __str__(self) -> str:
        return f"{self.module} · {self.user} · {self.issued_on}"

    def get_absolute_url(self) -> str:
        return reverse(settings.PAGES["certificate_check"], args=[self.code])

    def state(self, today: date | None = None) -> Certificate.State:
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_on < (today or timezone.localdate()):
            return self.State.EXPIRED
        return self.State.VALID


class AttemptGrant(models.Model):
    """One more certifying attempt at a module on the day it is granted, past the module's
    daily limit: given by an instructor of the learner's production, and logged there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempt_grants"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="attempt_grants")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "module", "granted_at"], name="grant_by_day")]

    def __str__(self) -> str:
        return f"{self.user} · {self.module} · {self.granted_at:%Y-%m-%d}"


class PanelReadingManager(models.Manager["PanelReading"]):
    def get_by_natural_key(self, reader: str, module_slug: str) -> PanelReading:
        return self.get(reader=reader, module__slug=module_slug)


class PanelReading(models.Model):
    """One blind panel reader's picks on a module's certifying pool (``manage.py panel``),
    kept by question slug and choice key so they can be scored again whenever the content
    changes. Loaded like the content, from fixtures/panels/."""

    class Persona(models.TextChoices):
        CAUTIOUS = "cautious", "Cautious non-expert"
        EXPERT = "expert", "Expert"
        BRIEFING_ONLY = "briefing-only", "Briefing and practice only"
        OTHER = "other", "Other"

    class ReaderKind(models.TextChoices):
        PERSON = "person", "Person"
        AUTOMATED = "automated", "Automated reader"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="panel_readings")
    reader = models.SlugField(max_length=80, help_text="The reader's name, unique in the module.")
    persona = models.CharField(max_length=20, choices=Persona.choices)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    reader_kind = models.CharField(max_length=20, choices=ReaderKind.choices)
    description = models.TextField(help_text="Who the reader is and what they were given.")
    recorded_on = models.DateField()
    fingerprint = models.CharField(
        max_length=32, help_text="Of the certifying pool as the reader answered it."
    )
    pool = models.JSONField(
        default=dict, help_text="Each question's slug and a digest of what the reader saw of it."
    )
    picks = models.JSONField(
        default=dict,
        help_text="Each question's slug and the choice keys picked (ordering: in order).",
    )
    items = models.PositiveSmallIntegerField(default=0)
    items_right = models.PositiveSmallIntegerField(default=0)
    pass_chance = models.FloatField(
        default=0, help_text="The exact chance of passing a first certifying form, when scored."
    )

    objects = PanelReadingManager()

    class Meta:
        ordering = ["module", "persona", "reader"]
        constraints = [
            models.UniqueConstraint(fields=["module", "reader"], name="one_reading_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.module} · {self.reader} ({self.persona})"

    def natural_key(self) -> tuple[str, str]:
        return (self.reader, self.module.slug)

    natural_key.dependencies = ["content.module"]  # type: ignore[attr-defined]
