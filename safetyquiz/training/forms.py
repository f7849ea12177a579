from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Attempt


class StartForm(forms.Form):
    """Start (or resume) an attempt: certifying unless practice is asked for, and for
    practice, optionally only some of the module's objectives, by their slot's slug. A
    refusal names no value a learner could try next."""

    mode = forms.ChoiceField(
        choices=Attempt.Mode.choices,
        required=False,
        error_messages={"invalid_choice": _("Start a certifying attempt or a practice round.")},
    )
    slots = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": _("That objective is not part of this module.")},
    )

    def __init__(self, *args: Any, slots: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = [(slug, slug) for slug in slots]  # type: ignore[attr-defined]

    def clean_mode(self) -> str:
        return self.cleaned_data["mode"] or Attempt.Mode.CERTIFYING

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("slots") and data.get("mode") != Attempt.Mode.PRACTICE:
            raise forms.ValidationError(_("Only a practice round can pick its objectives."))
        return data
