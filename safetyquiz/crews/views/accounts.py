"""Signing in and password help: where people land, one-time sign-in links, and Django's
reset by email where a deployment has set email up (and nowhere else)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import passwords
from ..selectors import is_instructor

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def landing_for(user: User) -> str:
    """Instructors and admins start on the instructor home; crew on their modules."""
    return resolve_url(
        settings.PAGES["instructor_home"] if is_instructor(user) else "crews:modules"
    )


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with the username bounded as the model bounds it (Django sets
    only the input's maxlength): a longer one is refused before it reaches the database,
    where the record of a failed sign-in could not store it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = User._meta.get_field("username").max_length or 150
        self.fields["username"].validators.append(MaxLengthValidator(limit))

    def clean(self) -> dict[str, Any]:
        if "username" in self.errors:  # no account has such a name: say what sign-in says
            raise self.get_invalid_login_error()
        return super().clean()


class SignInView(auth_views.LoginView):
    form_class = SignInForm

    def get_default_redirect_url(self) -> str:
        return landing_for(self.request.user)  # type: ignore[arg-type]


def email_only(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Reset by email exists only where a deployment has set email up."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.SAFETYQUIZ_EMAIL_ENABLED:
            raise Http404("Password reset by email is not set up here.")
        return view(request, *args, **kwargs)

    return wrapped


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        ip = self.request.META.get("REMOTE_ADDR")
        if not passwords.reset_allowed(email=form.cleaned_data["email"], ip=ip):
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        return super().form_valid(form)


class UnlockingPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """A one-time link: set a new password and be signed in. Opening it (as a messaging app
    does to preview it) uses nothing up; only setting the password does."""
    link = passwords.usable_link(token) if len(token) <= 100 else None
    if link is None:
        return render(request, "registration/sign_in_link_invalid.html", status=404)
    form = SetPasswordForm(link.user, request.POST or None, label_suffix="")
    if request.method == "POST" and form.is_valid():
        redeemed = passwords.sign_in_link_redeem(
            token=token, password=form.cleaned_data["new_password1"]
        )
        if redeemed is None:
            return render(request, "registration/sign_in_link_invalid.html", status=404)
        login(request, redeemed.user, backend=MODEL_BACKEND)
        messages.success(request, "Your new password is set and you are signed in.")
        return redirect(landing_for(redeemed.user))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "member": link.user, "production": link.production}
    return render(request, "registration/sign_in_link.html", context, status=status)
