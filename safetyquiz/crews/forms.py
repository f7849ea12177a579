from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from safetyquiz.content.models import Department
from safetyquiz.forms import LabelledForm, NameField, StrictModelChoiceField

from .models import Production


class JoinForm(LabelledForm):
    """Join a production with its code (for someone already signed in)."""

    code = forms.CharField(
        label=_("Production join code"),
        max_length=32,
        help_text=_("Your production office or safety officer gives it out."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    department = StrictModelChoiceField(
        label=_("Department (optional)"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("Choose your department"),
    )
    job_title = NameField(label=_("Job title (optional)"), max_length=120, required=False)

    production: Production
    code_missed = False  # the code matched no production (counted against guessing)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).upper()
        production = Production.objects.filter(join_code=code).first()
        if production is None:
            self.code_missed = True
            raise forms.ValidationError(
                _("No production has that code. Check it with your production office.")
            )
        if production.ends_on and production.ends_on < timezone.localdate():
            raise forms.ValidationError(
                _("%(production)s ended on %(day)s: its code no longer works.")
                % {"production": production.name, "day": date_format(production.ends_on)}
            )
        self.production = production
        return code


class SignUpForm(UserCreationForm, JoinForm):
    """Create an account and join a production in one step."""

    first_name = NameField(label=_("First name"), max_length=150)
    last_name = NameField(label=_("Last name"), max_length=150)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name")

    field_order = [
        "code",
        "first_name",
        "last_name",
        "username",
        "password1",
        "password2",
        "department",
        "job_title",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = _("Letters, digits and @ . + - _ only.")

    # Whether a username is taken is told only once the code and the passwords pass, and
    # only so often (crews/throttle.py): anyone with a code could otherwise list accounts.
    # So neither Django's check of the username (any case) nor the model's runs here; the
    # view asks ``username_in_use`` after the rest, and the database's constraint is last.
    def clean_username(self) -> str:
        return str(self.cleaned_data["username"])

    def validate_unique(self) -> None:
        pass

    def username_in_use(self) -> bool:
        return User.objects.filter(username__iexact=self.cleaned_data["username"]).exists()

    def username_refused(self, *, told: bool) -> None:
        """The username is taken: say so, or, past the throttle, not which."""
        self.add_error(
            "username",
            _("That username is taken: choose another.")
            if told
            else _(
                "Too many taken usernames were tried here in the last hour: choose a less "
                "common one (your full name with a number, say) or try again later."
            ),
        )

    def username_taken(self) -> None:
        """Another sign-up took the username between the check and the save."""
        self.add_error("username", _("That username was just taken: choose another."))
