"""The editors' question pages: the fields each kind uses, the choices stacked to fit the
screen, excerpts shown whole."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse

from . import rules
from .admin import CONTENT_ADMIN_CSS, live_forms
from .models import Choice, Question, Slot


class ChoiceForm(forms.ModelForm):
    """A choice as its question's kind uses it: an ordering item has a position and no
    right-or-wrong tick, any other choice the reverse. The field the kind does not use is
    hidden on the page (static/js/question-admin.js) and ignored here, so a value left in
    it never blocks a save nor survives one; the kind's rules still apply to the rest."""

    def __init__(self, *args: Any, kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.cleared = False

    class Meta:
        widgets = {
            "key": forms.TextInput(attrs={"size": 6}),
            "text": AdminTextareaWidget(attrs={"rows": 2}),
            "feedback": AdminTextareaWidget(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        unused, empty = ("is_correct", False) if self.kind == rules.ORDERING else ("position", None)
        if self.kind is not None:
            self.cleared = getattr(self.instance, unused) != empty
            data[unused] = empty
        return data

    def has_changed(self) -> bool:
        return super().has_changed() or self.cleared


class ChoiceInlineFormSet(forms.BaseInlineFormSet):
    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "kind": self.instance.kind}

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        facts = [
            rules.ChoiceFacts(
                bool(f.cleaned_data.get("is_correct")), f.cleaned_data.get("position")
            )
            for f in live_forms(self)
        ]
        if problems := rules.choice_problems(self.instance.kind, facts):
            raise ValidationError(problems)


class ChoiceInline(admin.StackedInline):
    """Stacked, so the choice and its feedback read in full at any width."""

    model = Choice
    form = ChoiceForm
    formset = ChoiceInlineFormSet
    extra = 0
    fields = [("key", "is_correct", "position"), "text", "feedback"]

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        return 4 if obj is None else 0


class QuestionForm(forms.ModelForm):
    """The question's fields for its kind: a role for a decision only, partial credit for
    multiple select and ordering only (the others are hidden on the page and ignored
    here); a slot from the question's own module."""

    class Meta:
        widgets = {
            "prompt": AdminTextareaWidget(attrs={"rows": 3}),
            "explanation": AdminTextareaWidget(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slot" in self.fields:
            module = self.data.get("module") if self.is_bound else self.initial.get("module")
            module = module or self.instance.module_id
            slots = self.fields["slot"]
            slots.queryset = (  # type: ignore[attr-defined]
                Slot.objects.filter(module_id=module)
                if str(module).isdigit()
                else Slot.objects.none()
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("kind")
        if kind and kind != rules.DECISION:
            data["role"] = ""
        if kind and kind not in (rules.MULTIPLE, rules.ORDERING):
            data["partial_credit"] = False
        return data


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

    class Media:
        css = CONTENT_ADMIN_CSS
        js = ["js/question-admin.js"]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        answered = (
            Question.objects.filter(pk=object_id).aggregate(n=Count("answers"))["n"]
            if object_id.isdigit()
            else 0
        )
        if answered and request.method == "GET":
            messages.warning(
                request,
                f"{answered} answer(s) were given to this question. They keep the question as "
                "it was when answered (wording, choices, key and points); an edit here changes "
                "only attempts from now on. To correct a wrong key in the answers already given, "
                "save the correction, then use “Regrade answers” on the question list.",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="Prompt", ordering="prompt")
    def short_prompt(self, question: Question) -> str:
        return question.prompt[:90]
