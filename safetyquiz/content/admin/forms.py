"""The forms and formsets of the content admin, where the content rules that span rows
are checked with the rows as edited: a question's choices, a module's bank with its slots."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError

from safetyquiz.forms import LabelledRowsFormSet

from .. import rules
from ..models import Module, Slot

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


class QuestionInlineFormSet(LabelledRowsFormSet):
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
        if settings.ASSESSMENT_RULES_ENFORCED:  # while it is off, the module admin warns
            problems += self.instance.pool_problems(facts, slots=kept)
        if problems:
            raise ValidationError(problems)


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

    def clean_module(self) -> Module | None:
        module = self.cleaned_data.get("module")
        if module is not None and module.is_published:
            raise ValidationError(
                f"“{module}” is published, so its questions are added and changed in its "
                "draft: open the module and choose “Edit as a draft”."
            )
        return module

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("kind")
        if kind and kind != rules.DECISION:
            data["role"] = ""
        if kind and kind not in (rules.MULTIPLE, rules.ORDERING):
            data["partial_credit"] = False
        return data
