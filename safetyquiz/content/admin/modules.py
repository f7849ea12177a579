"""The module pages: a module's briefing, scope and form rules, with its slots and its
questions in order (each question is written on its own page)."""

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ..models import Module, Question, Slot
from . import extensions
from .forms import CONTENT_ADMIN_CSS, SLOT_FIELDS, QuestionInlineFormSet


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
    readonly_fields = ["view_link", "add_question_link", "pages"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "order", "view_link"]}),
        ("Briefing", {"fields": ["summary", "briefing", "excerpts", "objectives"]}),
        ("Scope", {"fields": ["failures", "departments"]}),
        ("Quiz", {"fields": ["pass_mark", "validity_months", "add_question_link", "pages"]}),
        ("Forms", {"fields": ["per_slot", "form_slots", "max_case_facts"]}),
        ("Results and retakes", {"fields": ["review_after_pass", "attempts_per_day"]}),
    ]
    inlines = [SlotInline, QuestionInline]

    class Media:
        css = CONTENT_ADMIN_CSS

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not settings.ASSESSMENT_RULES_ENFORCED:  # when it is on, the formset refuses these
            for problem in form.instance.pool_problems():
                messages.warning(request, f"Not yet required, but needed soon: {problem}.")

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

    @admin.display(description="Checks")
    def pages(self, module: Module) -> str:
        """The pages other apps keep about the module (training: its item quality)."""
        return format_html_join(
            "\n",
            "<p>{}: {}</p>",
            (
                (link.label, format_html('<a href="{}">{}</a>', link.url(module), link.text))
                if module.pk
                else (link.label, link.unsaved)
                for link in extensions.module_links
            ),
        )

    @admin.display(description="Add a question")
    def add_question_link(self, module: Module) -> str:
        if not module.pk:
            return "Save the module first (as a draft), then add its questions."
        url = reverse("admin:content_question_add") + f"?module={module.pk}"
        return format_html('<a href="{}">Add a question to this module</a>', url)
