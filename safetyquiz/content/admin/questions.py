"""The editors' question pages: the fields each kind uses, the choices stacked to fit the
screen, excerpts shown whole. A question of a published module is read here and edited
in the module's draft."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from safetyquiz.parsing import strict_int

from ..models import Choice, Question, Slot
from . import errors, extensions
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


class SlotFilter(admin.SimpleListFilter):
    """The slots of the module chosen in the module filter (slots belong to one module)."""

    title = "slot"
    parameter_name = "slot"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        module = request.GET.get("module__id__exact", "")
        if not module.isdigit():
            return []  # not offered until a module is chosen
        slots = Slot.objects.filter(module_id=int(module)).order_by("order", "pk")
        return [("none", "No slot"), *((str(s.pk), f"{s.order}. {s.slug}") for s in slots)]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Question]) -> QuerySet[Question]:
        value = self.value()
        if value == "none":
            return queryset.filter(slot=None)
        if value and value.isdigit():
            return queryset.filter(slot_id=int(value))
        return queryset


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionForm
    list_display = [
        "short_prompt",
        "module",
        "slot_name",
        "pool",
        "purpose",
        "kind",
        "order",
        "points",
        "critical",
    ]
    list_filter = ["module__status", "module", SlotFilter, "pool", "purpose", "kind", "critical"]
    search_fields = ["prompt", "explanation", "slug"]
    autocomplete_fields = ["module", "excerpts"]
    list_select_related = ["module", "slot"]
    ordering = ["module__order", "slot__order", "order", "pk"]
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
        js = ["js/question-admin.js", "js/error-summary.js"]

    def has_change_permission(self, request: HttpRequest, obj: Question | None = None) -> bool:
        return super().has_change_permission(request, obj) and not published(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Question | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not published(obj)

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        context["error_summary"] = errors.summary(
            context["adminform"], context.get("inline_admin_formsets", [])
        )
        return super().render_change_form(request, context, *args, **kwargs)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions: dict[str, Any] = dict(super().get_actions(request))
        for action in extensions.question_actions:
            if action.allowed(request):
                actions[action.name] = (action.run, action.name, action.description)
        return actions

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        pk = strict_int(object_id)  # any other address falls through to Django's "not found"
        question = Question.objects.select_related("module").filter(pk=pk).first() if pk else None
        if question is not None and request.method == "GET":
            for note in extensions.question_notes:
                if said := note(question):
                    messages.warning(request, said)
        links = [(link.text, link.url(question)) for link in extensions.question_links if question]
        extra_context = {**(extra_context or {}), "extension_links": links}
        if published(question) and super().has_change_permission(request, question):
            assert question is not None
            draft = reverse("admin:content_module_draft", args=[question.module_id])
            extra_context |= {"draft_url": draft, "published_module": question.module}
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

    @admin.display(description="Slot", ordering="slot__order")
    def slot_name(self, question: Question) -> str:
        slot = question.slot
        return f"{slot.order}. {slot.slug}" if slot else "-"


def published(question: Question | None) -> bool:
    """Whether the question is one crew are asked: of a published module, not a draft."""
    return question is not None and question.module.was_published
