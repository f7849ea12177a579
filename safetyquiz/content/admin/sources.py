"""The admin pages of where content comes from: sources with their excerpts, failures,
and the departments modules target."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from safetyquiz.forms import with_named_inputs

from ..models import Department, Excerpt, Failure, Source
from .forms import CONTENT_ADMIN_CSS


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    # The English through its own field (the admin is in English), the Spanish beside it.
    fields = ["name", "name_es", "slug", "order"]
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> type[forms.ModelForm]:
        return with_named_inputs(super().get_changelist_form(request, **kwargs))


class ExcerptInline(admin.StackedInline):
    model = Excerpt
    extra = 0
    fields = ["slug", "quote", "quote_es"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "kind", "published_on", "document"]
    list_filter = ["kind"]
    search_fields = ["title", "publisher", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ExcerptInline]


@admin.register(Excerpt)
class ExcerptAdmin(admin.ModelAdmin):
    list_display = ["slug", "source", "short_quote"]
    list_filter = ["source"]
    search_fields = ["slug", "quote"]
    autocomplete_fields = ["source"]

    @admin.display(description="Quote")
    def short_quote(self, excerpt: Excerpt) -> str:
        return excerpt.quote[:100]


@admin.register(Failure)
class FailureAdmin(admin.ModelAdmin):
    fields = ["title", "title_es", "slug", "description", "description_es", "order", "excerpts"]
    list_display = ["title", "slug", "order"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["excerpts"]

    class Media:
        css = CONTENT_ADMIN_CSS
