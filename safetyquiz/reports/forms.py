from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from safetyquiz.content.models import Department, Module
from safetyquiz.crews.clearance import Standing, day
from safetyquiz.crews.models import Assignment, Membership, Production
from safetyquiz.forms import (
    LabelledForm,
    NameField,
    StrictIntegerField,
    StrictModelChoiceField,
    StrictModelMultipleChoiceField,
)


def messages_of(form: forms.Form) -> list[str]:
    """Every error message of a bound form, as plain text."""
    return [str(message) for errors in form.errors.values() for message in errors]


class RosterFilter(forms.Form):
    department = StrictModelChoiceField(
        queryset=Department.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All departments"),
    )
    status = forms.ChoiceField(
        choices=lambda: [("", gettext("Everyone")), *Standing.choices()], required=False
    )


class AnalysisFilter(forms.Form):
    """The language an analysis is read in: all, or the attempts and answers in one."""

    language = forms.ChoiceField(
        choices=[("", _("All languages")), *settings.LANGUAGES], required=False
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def not_in_the_past(value: date | None) -> date | None:
    if value is not None and value < timezone.localdate():
        raise forms.ValidationError(
            gettext("%(day)s has passed: choose today or a later date, or leave it empty.")
            % {"day": day(value)}
        )
    return value


def due_field(**kwargs: Any) -> forms.DateField:
    return forms.DateField(
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter the date as year-month-day, e.g. 2026-05-31.")},
        **kwargs,
    )


class AssignmentForm(LabelledForm):
    """Assign a module to the production: to everyone, or to the departments ticked."""

    module = StrictModelChoiceField(
        queryset=Module.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose a module"),
        error_messages={
            "invalid_choice": _("Choose a published module this production does not assign yet.")
        },
    )
    departments = StrictModelMultipleChoiceField(
        queryset=Department.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to assign it to everyone."),
        error_messages={"invalid_choice": _("“%(value)s” is not one of the departments.")},
    )
    due_on = due_field(label=_("Due date"))

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        module_field = self.fields["module"]
        assert isinstance(module_field, forms.ModelChoiceField)
        module_field.queryset = (
            Module.objects.published()
            .exclude(assignments__production=production)
            .order_by("order", "title")
        )

    def clean_due_on(self) -> date | None:
        return not_in_the_past(self.cleaned_data["due_on"])


class DueDateForm(LabelledForm):
    """A new due date for everyone; empty for none."""

    due_on = due_field(label=_("Due date for everyone"))

    def clean_due_on(self) -> date | None:
        return not_in_the_past(self.cleaned_data["due_on"])


class ExtensionForm(LabelledForm):
    """A later due date for one member; empty to take their extension back."""

    member = StrictModelChoiceField(
        queryset=Membership.objects.none(),
        to_field_name="user_id",
        empty_label=_("Choose a person"),
        error_messages={"invalid_choice": _("Choose someone this module is assigned to.")},
    )
    due_on = due_field(label=_("Their due date"), help_text=_("Empty: back to everyone's date."))

    def __init__(
        self, *args: Any, assignment: Assignment, members: QuerySet[Membership], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        member_field = self.fields["member"]
        assert isinstance(member_field, forms.ModelChoiceField)
        member_field.queryset = members

    def clean_due_on(self) -> date | None:
        value = not_in_the_past(self.cleaned_data["due_on"])
        everyone = self.assignment.due_on
        if value is not None and everyone is None:
            raise forms.ValidationError(
                gettext("This module has no due date for everyone, so there is nothing to extend.")
            )
        if value is not None and everyone is not None and value <= everyone:
            raise forms.ValidationError(
                gettext("An extension is later than everyone's due date (%(day)s).")
                % {"day": day(everyone)}
            )
        return value


class MemberForm(LabelledForm):
    department = StrictModelChoiceField(
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("No department"),
        error_messages={"invalid_choice": _("Choose one of the departments listed.")},
    )
    job_title = NameField(label=_("Job title"), max_length=120, required=False)


class InstructorForm(LabelledForm):
    instructor = forms.TypedChoiceField(
        choices=[("yes", _("Make an instructor")), ("no", _("Stop being an instructor"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "invalid_choice": _("Say whether they should be an instructor: yes or no."),
            "required": _("Say whether they should be an instructor: yes or no."),
        },
    )


class RemindersForm(forms.Form):
    within = StrictIntegerField(
        label=_("Due within (days)"),
        min_value=0,
        max_value=365,
        required=False,
        error_messages={"invalid": _("Enter a number of days, from 0 to 365.")},
    )

    def days(self) -> int:
        value = self.cleaned_data.get("within")
        return 7 if value is None else value
