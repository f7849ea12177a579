"""The editors' question pages: the fields each kind uses, the choices stacked to fit the
screen, excerpts shown whole."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse

from ..models import Choice, Question
from . import extensions
from .forms import CONTENT_ADMIN_CSS, ChoiceForm, ChoiceInlineFormSet, QuestionForm


class ChoiceInline(admin.StackedInline):
    """Stacked, so the choice and its feedback read in full at any width."""

    model = Choice
    form = ChoiceForm
    formset = ChoiceInlineFormSet
    extra = 0
    fields = [("key", "is_correct", "position"), "text", "feedback"]

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        return 4 if obj is None else 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionForm
    list_display = [
        "short_prompt",
        "module",
        "order",
        "kind",
        "pool",
        "purpose",
        "points",
        "critical",
    ]
    list_filter = ["module__status", "pool", "kind", "purpose", "critical", "module"]
    search_fields = ["prompt", "explanation", "slug"]
    autocomplete_fields = ["module", "excerpts"]
    list_select_related = ["module"]
    prepopulated_fields = {"slug": ["prompt"]}
    fieldsets = [
        (
            None,
            {"fields": ["module", ("slug", "order"), ("kind", "purpose", "pool"), "slot", "role"]},
        ),
        (None, {"fields": ["prompt"]}),
        ("Scoring", {"fields": [("points", "critical"), "partial_credit"]}),
        ("After answering", {"fields": ["explanation", "excerpts"]}),
    ]
    inlines = [ChoiceInline]

    change_form_template = "admin/content/question_change_form.html"

    class Media:
        css = CONTENT_ADMIN_CSS
        js = ["js/question-admin.js"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions: dict[str, Any] = dict(super().get_actions(request))
        for action in extensions.question_actions:
            if action.allowed(request):
                actions[action.name] = (action.run, action.name, action.description)
        return actions

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        question = Question.objects.select_related("module").filter(pk=object_id).first()
        if question is not None and request.method == "GET":
            for note in extensions.question_notes:
                if said := note(question):
                    messages.warning(request, said)
        links = [(link.text, link.url(question)) for link in extensions.question_links if question]
        extra_context = {**(extra_context or {}), "extension_links": links}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # A choice whose text and key change in one edit: answers given to its old text
        # would be judged on a key written for another statement.
        rekeyed = [
            f.instance.key
            for f in formset.forms
            if f.instance.pk
            and f not in formset.deleted_forms
            and "text" in f.changed_data
            and {"is_correct", "position"} & set(f.changed_data)
        ]
        super().save_formset(request, form, formset, change)
        if rekeyed and formset.model is Choice:
            for note in extensions.rekeyed_notes:
                if said := note(form.instance, rekeyed):
                    messages.warning(request, said)

    @admin.display(description="Prompt", ordering="prompt")
    def short_prompt(self, question: Question) -> str:
        return question.prompt[:90]
