from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from safetyquiz.content.models import Department, Module

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(8))


class Production(models.Model):
    """A show or training cohort."""

    name = models.CharField(max_length=200)
    join_code = models.CharField(max_length=32, unique=True, default=new_join_code)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(
        null=True, blank=True, help_text="The join code stops working after this."
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="productions"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.join_code = self.join_code.strip().upper()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "A production cannot end before it starts."})


class Membership(models.Model):
    class Role(models.TextChoices):
        CREW = "crew", "Crew"
        INSTRUCTOR = "instructor", "Instructor"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CREW)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    job_title = models.CharField(max_length=120, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["production", "user__last_name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "user", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.production} ({self.get_role_display()})"


class Assignment(models.Model):
    """A module the production requires, optionally only of some departments."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="assignments")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="assignments")
    due_on = models.DateField(null=True, blank=True)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="assignments", help_text="Empty: everyone."
    )

    class Meta:
        ordering = ["production", "module__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "module"], name="one_assignment_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.module} for {self.production}"
