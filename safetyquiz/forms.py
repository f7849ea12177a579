"""What every form of the app shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext

from safetyquiz.names import without_bidi_controls
from safetyquiz.parsing import strict_int


class LabelledForm(forms.Form):
    """A form whose optional fields say so in their label, as Django's own field rendering
    (``as_field_group``) does not."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_suffix = ""  # Django sets ":" on each form, whatever its class says
        optional = gettext("(optional)")
        for field in self.fields.values():
            if not field.required and field.label and optional not in str(field.label):
                field.label = gettext("%(label)s (optional)") % {"label": field.label}


class NameField(forms.CharField):
    """A name or a job title, as typed: without the unseen characters that change the text's
    direction (``names.BIDI_CONTROLS``), which could make it display as another."""

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return without_bidi_controls(text).strip() if text is not None else None


class StrictIntegerField(forms.IntegerField):
    """A whole number as ``strict_int`` reads it: ASCII digits only, bounded."""

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = strict_int(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def keyed_by_number(field: forms.ModelChoiceField) -> bool:
    """Whether the field looks its rows up by a whole-number column: the id, or a key to
    another table's id (as ``user_id``)."""
    if field.queryset is None:
        return False
    meta = field.queryset.model._meta
    name = field.to_field_name
    column = meta.pk if name in (None, "pk") else meta.get_field(name)
    while column is not None and column.is_relation:
        column = column.target_field
    return isinstance(column, models.IntegerField)


class StrictModelChoiceField(forms.ModelChoiceField):
    """A choice of a row by its id (or another whole-number key), read strictly before any
    query."""

    def to_python(self, value: Any) -> Any:
        model = self.queryset.model if self.queryset is not None else None
        if value in self.empty_values or (model and isinstance(value, model)):
            return super().to_python(value)
        if keyed_by_number(self) and strict_int(str(value)) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class StrictModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rows chosen by their ids (or another whole-number key), each read strictly before
    any query."""

    def clean(self, value: Any) -> Any:
        for pk in value or () if keyed_by_number(self) else ():
            if strict_int(str(pk)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


def name_inputs(form: forms.BaseForm, row: str) -> None:
    """Give each input of a form shown as a table row (an admin inline or an editable list)
    an accessible name, "<column> of <row>": the column header is its only visible label,
    and assistive technology does not tie a header to the inputs under it."""
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", None) or field.widget  # within the wrapper
        column = field.label or name.replace("_", " ").capitalize()
        widget.attrs["aria-label"] = f"{column} of {row}"


class LabelledRowsFormSet(forms.BaseInlineFormSet):
    """A tabular inline whose inputs each name their column and their row (``name_inputs``);
    a row is named by its object's slug, or its place for a new one."""

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:  # type: ignore[type-arg]
        super().add_fields(form, index)
        instance = form.instance
        noun = self.model._meta.verbose_name if self.model else "row"
        if instance.pk:
            row = f"{noun} {getattr(instance, 'slug', '') or instance}"
        else:
            row = f"new {noun} {'' if index is None else index + 1}".strip()
        name_inputs(form, row)


def with_named_inputs(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """An editable admin list's row form whose inputs name their row (``name_inputs``)."""

    class Named(form_class):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            name_inputs(self, str(self.instance))

    return Named
