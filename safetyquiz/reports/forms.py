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
from safetyquiz.crews.standings import own_due
from safetyquiz.forms import (
    LabelledForm,
    NameField,
    StrictIntegerField,
    StrictModelChoiceField,
    StrictModelMultipleChoiceField,
)
from safetyquiz.names import display_name


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


def days_field(**kwargs: Any) -> StrictIntegerField:
    return StrictIntegerField(
        min_value=0,
        max_value=365,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "days"}),
        error_messages={
            "invalid": _("Enter a number of days, from 0 to 365."),
            "min_value": _("Enter a number of days, from 0 to 365."),
            "max_value": _("Enter a number of days, from 0 to 365."),
        },
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
    due_days = days_field(
        label=_("Or days after joining"),
        required=False,
        help_text=_(
            "Each person gets this many days from joining (or from today, if they are "
            "already on the production). With a date as well, the later of the two counts."
        ),
    )

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
    """A new due date for everyone, and/or days after joining; both empty for none."""

    due_on = due_field(label=_("Due date for everyone"))
    due_days = days_field(label=_("Or days after joining"), required=False)

    def clean_due_on(self) -> date | None:
        return not_in_the_past(self.cleaned_data["due_on"])


class ExtensionForm(LabelledForm):
    """A later due date for one member; empty to take their extension back."""

    member = StrictModelChoiceField(
        queryset=Membership.objects.none(),
        to_field_name="user_id",
        empty_label=_("Choose a person"),
        error_messages={
            "invalid_choice": _("Choose someone this module is assigned to."),
            "required": _("Choose the person to extend it for."),
        },
    )
    due_on = due_field(label=_("Their due date"), help_text=_("Empty: back to their own date."))

    def __init__(
        self, *args: Any, assignment: Assignment, members: QuerySet[Membership], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        member_field = self.fields["member"]
        assert isinstance(member_field, forms.ModelChoiceField)
        member_field.queryset = members

    def clean_due_on(self) -> date | None:
        return not_in_the_past(self.cleaned_data["due_on"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value, membership = data.get("due_on"), data.get("member")
        if value is None or membership is None:
            return data
        own = own_due(self.assignment, membership)
        name = display_name(membership.user)
        if own is None:
            self.add_error(
                "due_on", gettext("This module has no due date, so there is nothing to extend.")
            )
        elif value <= own:
            self.add_error(
                "due_on",
                gettext("An extension is later than %(name)s's own due date (%(day)s).")
                % {"name": name, "day": day(own)},
            )
        return data


class GraceForm(LabelledForm):
    """How many days someone who joins gets for a module already due."""

    days = days_field(label=_("Days for new members"))


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
