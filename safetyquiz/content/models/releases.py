"""The record of content releases: each load of the fixtures, the conflicts it met with
changes made here, and what each released object held, which the next release is
compared with (``content/releasing.py``)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Release(models.Model):
    """One load of the content fixtures (``manage.py loaddata``)."""

    class Took(models.TextChoices):
        LOCAL = "local", "Changes made here (the default)"
        RELEASE = "release", "The release's (--theirs)"

    loaded_at = models.DateTimeField(default=timezone.now)
    digest = models.CharField(
        max_length=64, db_index=True, help_text="Of the objects the fixtures hold, in order."
    )
    fixtures = models.TextField(help_text="The files loaded, one per line.")
    conflicts_took = models.CharField(
        "conflicts settled for", max_length=10, choices=Took.choices, default=Took.LOCAL
    )
    pruned = models.BooleanField(
        default=False, help_text="Whether what the release dropped was removed (--prune)."
    )
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    conflict_count = models.PositiveIntegerField("conflicts", default=0)

    class Meta:
        ordering = ["-loaded_at", "-pk"]
        verbose_name = "content release"

    def __str__(self) -> str:
        return f"Content release of {self.loaded_at:%Y-%m-%d %H:%M} UTC"


class ReleaseConflict(models.Model):
    """A field (or a whole object) that both the release and an edit here changed, and
    which side was kept."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="conflicts")
    model = models.CharField(max_length=100, help_text="The kind of object, e.g. content.module.")
    key = models.CharField(max_length=300, help_text="The object's natural key.")
    object_name = models.CharField("object", max_length=300)
    field = models.CharField(
        max_length=100, blank=True, help_text="Blank: the object itself (deleted or kept)."
    )
    local = models.TextField("value here")
    theirs = models.TextField("release's value")
    kept = models.CharField(max_length=10, choices=Release.Took.choices)

    class Meta:
        ordering = ["release", "pk"]

    def __str__(self) -> str:
        return f"{self.object_name}: {self.field or 'the object'}"


class ReleasedObject(models.Model):
    """What the latest release that held an object said of it, field by field: the
    common ancestor a later release and the object as edited here are compared with."""

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=300)
    values = models.JSONField(default=dict)
    release = models.ForeignKey(Release, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="one_record_per_released_object")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.key}"
