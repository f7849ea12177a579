from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyquiz.content.models import Department, Module
from safetyquiz.names import refuse_bidi_controls

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(8))


class Production(models.Model):
    """A show or training cohort."""

    name = models.CharField(max_length=200, validators=[refuse_bidi_controls])
    join_code = models.CharField(max_length=32, unique=True, default=new_join_code)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(
        null=True, blank=True, help_text="The join code stops working after this."
    )
    grace_days = models.PositiveSmallIntegerField(
        "days for new members",
        default=7,
        help_text="Someone who joins gets at least this many days for a module that is "
        "already due, or due sooner.",
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


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        """Memberships still in force: a member removed from a production keeps the row."""
        return self.filter(left_at=None)


class Membership(models.Model):
    class Role(models.TextChoices):
        CREW = "crew", _("Crew")
        INSTRUCTOR = "instructor", _("Instructor")

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CREW)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    job_title = models.CharField(max_length=120, blank=True, validators=[refuse_bidi_controls])
    # When they joined (again, after a removal): a member's due dates count from it.
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(
        null=True, blank=True, help_text="Removed from the production; their records stay."
    )

    objects = MembershipQuerySet.as_manager()

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
    due_days = models.PositiveSmallIntegerField(
        "days after joining",
        null=True,
        blank=True,
        help_text="Due this many days after each member joins (or after it was assigned, "
        "for those already on the production); with a due date as well, the later counts.",
    )
    assigned_on = models.DateField(default=timezone.localdate)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="assignments", help_text="Empty: everyone."
    )

    # Set by ``learner.assignments_for``: the member's own due date (extensions included).
    member_due: date | None

    class Meta:
        ordering = ["production", "module__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "module"], name="one_assignment_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.module} for {self.production}"


class DueDateExtension(models.Model):
    """One member's own, later due date for an assignment. It never shortens the due date
    for everyone: the later of the two counts (see ``clearance.effective_due``)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="extensions")
    due_on = models.DateField()

    class Meta:
        ordering = ["assignment", "due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "membership"], name="one_extension_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.membership.user} until {self.due_on}"


class ProductionEvent(models.Model):
    """The production's log: who changed what on its assignments and people, and when."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Module assigned")
        DUE_CHANGED = "due-changed", _("Due date changed")
        EXTENDED = "extended", _("Due date extended for one person")
        UNASSIGNED = "unassigned", _("Assignment removed")
        MEMBER_CHANGED = "member-changed", _("Member's department or job changed")
        MEMBER_REMOVED = "member-removed", _("Member removed")
        INSTRUCTOR_ADDED = "instructor-added", _("Made an instructor")
        INSTRUCTOR_REMOVED = "instructor-removed", _("No longer an instructor")
        SIGN_IN_LINK = "sign-in-link", _("Sign-in link made")
        ATTEMPT_GRANTED = "attempt-granted", _("One more attempt granted")
        MEMBER_RESTORED = "member-restored", _("Member added back")
        CODE_CHANGED = "code-changed", _("Join code changed")

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person the change was about, if any.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    summary = models.CharField(max_length=400)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["production", "-at"], name="event_by_production")]

    def __str__(self) -> str:
        return f"{self.production} · {self.at:%Y-%m-%d %H:%M} · {self.summary}"


class SignInLink(models.Model):
    """A one-time link to sign in and set a password, made by an instructor for a member
    who cannot sign in (accounts need no email address). Valid for a day, used once; only
    a hash of its token is kept, so the database never holds a working link."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    # The holder as the link was made for them (passwords.holder_state): a new password, a
    # sign-in or an admin flag since then ends the link.
    holder_state = models.CharField(max_length=64, default="")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Sign-in link for {self.user} ({self.created_at:%Y-%m-%d %H:%M})"


class PasswordResetRequest(models.Model):
    """One request for a password reset by email, kept to throttle them (by address and by
    email) across every app server."""

    requested_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    email_hash = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Password reset request {self.requested_at:%Y-%m-%d %H:%M}"


class JoinCodeMiss(models.Model):
    """A join that told its client something, kept an hour to slow down guessing (counted in
    the database, so every app server shares the count): a code that matched no production
    (``production`` empty), or a production's right code with a username already taken."""

    tried_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-tried_at"]

    def __str__(self) -> str:
        return f"Wrong join code from {self.ip} ({self.tried_at:%Y-%m-%d %H:%M})"


class LanguagePreference(models.Model):
    """The language someone chose with the switch on every page, saved on their account so
    it follows them to another phone (``crews/languages.py``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="language_preference",
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    chosen_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"


class SignInFailure(models.Model):
    """A failed sign-in, kept a day to slow down guessing (crews/lockout.py): counted for
    the account named, whoever named it, and for the client's address. The name is kept
    only as a hash, as people type their password where their username goes."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    account = models.CharField(max_length=64)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["account", "-at"], name="sign_in_failure_by_account"),
            models.Index(fields=["address", "-at"], name="sign_in_failure_by_address"),
        ]

    def __str__(self) -> str:
        return f"Failed sign-in from {self.address} ({self.at:%Y-%m-%d %H:%M})"
