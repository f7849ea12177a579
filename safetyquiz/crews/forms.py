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
    """Join a production with its code (for someone already signed in). An instructor
    adds a job title later, if the roster needs one."""

    code = forms.CharField(
        label=_("Production join code"),
        max_length=32,
        help_text=_("From your production office or safety officer."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    department = StrictModelChoiceField(
        label=_("Department (optional)"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("Choose your department"),
    )

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

    def focus(self) -> None:
        """Put the cursor in the first field with an error, or else the first empty one."""
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)
        names = list(self.fields)
        first = next((n for n in names if n in self.errors), None) if self.is_bound else None
        first = first or next((n for n in names if self[n].value() in (None, "")), None)
        if first is not None:
            self.fields[first].widget.attrs["autofocus"] = True


class SignUpForm(UserCreationForm, JoinForm):
    """Create an account and join a production in one step: the fewest fields that make
    an account someone can sign in to, and the department their assignments follow. One
    password field, with a "show password" switch where JavaScript runs, rather than a
    second one to type blind."""

    first_name = NameField(label=_("First name"), max_length=150)
    last_name = NameField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not all digits, not a common password."),
    )
    password2 = None  # type: ignore[assignment]

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name")

    field_order = ["code", "first_name", "last_name", "username", "password1", "department"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = _("You sign in with it: letters, digits and @ . + - _")

    def validate_password_for_user(self, user: User, password_field_name: str = "") -> None:
        """Django checks the confirmation field; here the one password field is checked."""
        super().validate_password_for_user(  # type: ignore[misc]  # not in django-stubs yet
            user, password_field_name="password1"
        )

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
