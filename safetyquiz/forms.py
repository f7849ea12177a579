"""What every form of the app shares."""

from __future__ import annotations

from typing import Any

from django import forms


class LabelledForm(forms.Form):
    """A form whose optional fields say so in their label, as Django's own field rendering
    (``as_field_group``) does not."""

    label_suffix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not field.required and field.label and "(optional)" not in str(field.label):
                field.label = f"{field.label} (optional)"
