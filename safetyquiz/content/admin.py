from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html

from . import audit, rules  # noqa: F401  (audit registers the edit log)
from .models import Choice, Department, Excerpt, Failure, Module, Question, Slot, Source

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


class QuestionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        edited = [form.instance for form in live_forms(self) if isinstance(form, forms.ModelForm)]
        problems = self.instance.bank_problems([question.facts() for question in edited])
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
    fields = ["order", "slug", "objective"]
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
    list_display = ["short_prompt", "module", "order", "kind", "purpose", "points", "critical"]
    list_filter = ["module__status", "kind", "purpose", "critical", "module"]
    search_fields = ["prompt", "explanation", "slug"]
    autocomplete_fields = ["module", "excerpts"]
    list_select_related = ["module"]
    prepopulated_fields = {"slug": ["prompt"]}
    fieldsets = [
        (None, {"fields": ["module", ("slug", "order"), ("kind", "purpose"), "slot", "role"]}),
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
