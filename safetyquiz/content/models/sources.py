"""Where the content comes from: sources, their verbatim excerpts, and the documented
failures on the set that the excerpts back."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from .. import rules


class Translated(models.Model):
    """A row whose texts are translated (``content/translation.py``): what English each
    translation was made from, recorded when a second reader has checked it."""

    translated_from = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Per language, per field: a fingerprint of the English the translation was "
        "made from (manage.py translations stamp), so a change to the English shows.",
    )

    class Meta:
        abstract = True


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> Any:
        return self.get(slug=slug)


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


class Excerpt(Translated):
    """A short quote, verbatim from its source, in the source's language (English), with a
    Spanish translation shown beside it and marked as one."""

    slug = models.SlugField(unique=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="excerpts")
    quote = models.TextField()
    quote_es = models.TextField(
        blank=True,
        help_text="A Spanish translation of the quote, shown beside it and marked as a "
        "translation. The quote itself stays as the source wrote it.",
    )

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


class Failure(Translated):
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
