from dataclasses import replace
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from . import audit, rules  # noqa: F401  (audit registers the edit log)
from .models import Department, Excerpt, Failure, Module, Question, Slot, Source

# Full quotes in the excerpt pickers, sized textareas, and the kind script (static files:
# the content security policy allows no inline script or style).
CONTENT_ADMIN_CSS = {"all": ["css/content-admin.css"]}


def live_forms(formset: forms.BaseInlineFormSet) -> list[forms.BaseForm]:
    """The inline forms that will exist after saving: filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
    ]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ExcerptInline(admin.StackedInline):
    model = Excerpt
    extra = 0
    fields = ["slug", "quote"]


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
    list_display = ["title", "slug", "order"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["excerpts"]

    class Media:
        css = CONTENT_ADMIN_CSS


SLOT_FIELDS = ("order", "slug", "objective", "teaching_point")
SlotFormSet = forms.inlineformset_factory(Module, Slot, fields=list(SLOT_FIELDS), extra=0)


def slots_as_edited(slots: forms.BaseInlineFormSet) -> tuple[dict[int, str | None], list[str]]:
    """What a valid slot formset does to the module's slots: each saved slot's slug as
    edited (None when removed), and the slugs of the slots the module will have."""
    edits: dict[int, str | None] = {}
    for form in slots.forms:
        saved = form.instance.pk if isinstance(form, forms.ModelForm) else None
        if saved:
            edits[saved] = None if form in slots.deleted_forms else form.cleaned_data["slug"]
    return edits, [form.cleaned_data["slug"] for form in live_forms(slots)]


class QuestionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        edited = [form.instance for form in live_forms(self) if isinstance(form, forms.ModelForm)]
        facts = [question.facts() for question in edited]
        slots = SlotFormSet(self.data, instance=self.instance, prefix="slots")
        kept: list[str] | None = None  # the slots as saved, unless those edited can be read
        if self.is_bound and slots.is_valid():
            # The bank as it will be saved, with the slots as edited on the same page: a
            # slot added is empty, a slot renamed keeps its questions, and the questions
            # of a slot removed stand alone.
            edits, kept = slots_as_edited(slots)
            facts = [
                replace(fact, slot=edits[q.slot_id]) if q.slot_id in edits else fact
                for q, fact in zip(edited, facts, strict=True)
            ]
        problems = self.instance.bank_problems(facts, slots=kept)
        if problems:
            raise ValidationError(problems)


class QuestionInline(admin.TabularInline):
    """Questions in their story order; each is written on its own page, with its choices."""

    model = Question
    formset = QuestionInlineFormSet
    extra = 0
    fields = ["order", "prompt", "kind", "points", "critical"]
    readonly_fields = ["prompt", "kind", "points", "critical"]
    show_change_link = True
    ordering = ["order", "pk"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a question is added with its choices, on the question page


class SlotInline(admin.TabularInline):
    """The module's objectives; each question belongs to one, and a form asks each."""

    model = Slot
    extra = 0
    fields = [*SLOT_FIELDS, "excerpts"]
    autocomplete_fields = ["excerpts"]
    prepopulated_fields = {"slug": ["objective"]}
    ordering = ["order", "pk"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "order", "question_count", "pass_mark", "view_link"]
    list_filter = ["status", "departments", "failures"]
    list_editable = ["order"]
    search_fields = ["title", "summary", "briefing"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["excerpts", "failures"]
    filter_horizontal = ["departments"]
    readonly_fields = ["view_link", "add_question_link", "quality_link"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "order", "view_link"]}),
        ("Briefing", {"fields": ["summary", "briefing", "excerpts", "objectives"]}),
        ("Scope", {"fields": ["failures", "departments"]}),
        ("Quiz", {"fields": ["pass_mark", "validity_months", "add_question_link", "quality_link"]}),
        ("Forms", {"fields": ["per_slot", "form_slots", "max_case_facts"]}),
    ]
    inlines = [SlotInline, QuestionInline]

    class Media:
        css = CONTENT_ADMIN_CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Module]:
        return super().get_queryset(request).annotate(num_questions=Count("questions"))

    @admin.display(description="Questions", ordering="num_questions")
    def question_count(self, module: Module) -> int:
        return getattr(module, "num_questions", 0)

    @admin.display(description="As crew see it")
    def view_link(self, module: Module) -> str:
        if not module.pk:
            return "-"
        return format_html(
            '<a href="{}" target="_blank">View the module</a>', module.get_absolute_url()
        )

    @admin.display(description="Item quality")
    def quality_link(self, module: Module) -> str:
        if not module.pk:
            return "Save the module first; its questions are then checked here."
        # By URL name: the page belongs to training, which content never imports.
        url = reverse("training:module-quality", args=[module.slug])
        return format_html(
            '<a href="{}">Length cues, key balance, duplicates and the chance a guesser passes</a>',
            url,
        )

    @admin.display(description="Add a question")
    def add_question_link(self, module: Module) -> str:
        if not module.pk:
            return "Save the module first (as a draft), then add its questions."
        url = reverse("admin:content_question_add") + f"?module={module.pk}"
        return format_html('<a href="{}">Add a question to this module</a>', url)


from . import question_admin  # noqa: E402, F401  (registers the question pages)
