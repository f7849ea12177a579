"""Signing in and password help: where people land, one-time sign-in links, and Django's
reset by email where a deployment has set email up (and nowhere else)."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safetyquiz.clients import client_address
from safetyquiz.http import AuthedHttpRequest

from .. import lockout, outbox, passwords, throttle
from ..selectors import is_instructor

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def landing_for(user: User) -> str:
    """Instructors and admins start on the instructor home; crew on their modules."""
    return resolve_url(
        settings.PAGES["instructor_home"] if is_instructor(user) else "crews:modules"
    )


def pause_message(pause: lockout.Pause) -> str:
    left = max(1, math.ceil((pause.until - timezone.now()).total_seconds() / 60))
    if pause.held == lockout.Held.ACCOUNT:
        said = ngettext(
            "Too many wrong passwords for this account: signing in to it is paused for "
            "%(left)d more minute.",
            "Too many wrong passwords for this account: signing in to it is paused for "
            "%(left)d more minutes.",
            left,
        )
    else:
        said = ngettext(
            "Too many wrong passwords from this network: signing in from here is paused for "
            "%(left)d more minute, except on a browser that has signed in to your account "
            "before.",
            "Too many wrong passwords from this network: signing in from here is paused for "
            "%(left)d more minutes, except on a browser that has signed in to your account "
            "before.",
            left,
        )
    return said % {"left": left}


# One password check at a time in each process. A check is half a second of CPU (PBKDF2):
# in a burst of sign-ins the workers take turns on the cores and each sign-in finishes in
# its turn, not all of them at the end, while the worker's other threads (the health
# check, every other page) still answer.
PASSWORD_CHECKS = threading.BoundedSemaphore(1)


class ThrottledSignIn:
    """Django's sign-in forms, throttled (``throttle``, ``lockout``): a paused account or
    address is refused before its password is checked; each wrong password is counted,
    and from the third the form says how many tries are left before a pause."""

    request: HttpRequest | None
    cleaned_data: dict[str, Any]
    pause: lockout.Pause | None = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if self.request is None or not username:
            return super().clean()  # type: ignore[misc]
        attempt = throttle.SignIn.of(self.request, username)
        self.pause = throttle.standing(attempt).pause
        if self.pause is not None:
            raise ValidationError(pause_message(self.pause), code="paused")
        try:
            with PASSWORD_CHECKS:
                cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except ValidationError as error:
            if getattr(error, "code", None) != "invalid_login":
                raise
            now = throttle.sign_in_failed(attempt)
            self.pause = now.pause
            if self.pause is not None:
                raise ValidationError(pause_message(self.pause), code="paused") from None
            if now.tries_left is not None:
                first = lockout.minutes(lockout.FIRST_PAUSE)
                left = ngettext(
                    "%(tries)d try left before a %(first)s-minute pause.",
                    "%(tries)d tries left before a %(first)s-minute pause.",
                    now.tries_left,
                ) % {"tries": now.tries_left, "first": first}
                raise ValidationError([error, ValidationError(left)]) from None
            raise
        throttle.forget_failures(username)
        return cleaned


class SignInForm(ThrottledSignIn, AuthenticationForm):
    """Django's sign-in form, throttled, with the username bounded as the model bounds it
    (Django sets only the input's maxlength): a longer one is refused before it reaches
    the database."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = User._meta.get_field("username").max_length or 150
        self.fields["username"].validators.append(MaxLengthValidator(limit))

    def clean(self) -> dict[str, Any]:
        if "username" in self.errors:  # no account has such a name: say what sign-in says
            raise self.get_invalid_login_error()
        return super().clean()


class AdminSignInForm(ThrottledSignIn, AdminAuthenticationForm):
    """The admin's sign-in, under the same throttle as everyone's."""


class SignInView(auth_views.LoginView):
    form_class = SignInForm

    def get_default_redirect_url(self) -> str:
        return landing_for(self.request.user)  # type: ignore[arg-type]

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        throttle.remember_browser(self.request, response, form.get_user().get_username())
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        pause = getattr(form, "pause", None)
        if pause is None:
            return super().form_invalid(form)
        context = {
            "pause": pause,
            "account": pause.held == lockout.Held.ACCOUNT,
            "first_pause": lockout.minutes(lockout.FIRST_PAUSE),
            "per_account": throttle.limits().per_account,
        }
        return render(self.request, "registration/locked_out.html", context, status=429)


def email_only(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Reset by email exists only where a deployment has set email up."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.SAFETYQUIZ_EMAIL_ENABLED:
            raise Http404("Password reset by email is not set up here.")
        return view(request, *args, **kwargs)

    return wrapped


def no_referrer(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """An address holding a token names itself to nobody: its response (a redirect to an
    address without the token) sets the Referrer-Policy of whatever follows it. Only there:
    a form on a page without a Referer posts ``Origin: null``, which the CSRF check refuses,
    so the page the token moves on to keeps the site's policy."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapped


class QuietPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the email built and sent after the response: whether the
    address has an account shows neither in the words nor in the time the page takes."""

    def save(self, **options: Any) -> None:  # type: ignore[override]
        users = list(self.get_users(self.cleaned_data["email"]))  # one query, either way
        if users:
            self.get_users = lambda email: iter(users)  # type: ignore[method-assign]
            outbox.later(lambda: PasswordResetForm.save(self, **options))


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    form_class = QuietPasswordResetForm

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        ip = client_address(self.request)
        if not passwords.reset_allowed(email=form.cleaned_data["email"], ip=ip):
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        return super().form_valid(form)


class UnlockingPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(request, *args, **kwargs)
        if kwargs.get("token") != self.reset_url_token:  # the address in the email
            response["Referrer-Policy"] = "no-referrer"
        return response

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        throttle.forget_failures(form.user.get_username())
        return response


# The token of the sign-in link being used, kept in the session as Django's reset keeps its.
LINK_TOKEN = "_sign_in_link_token"


@never_cache
@no_referrer
@require_GET
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """The address sent to the member: the token moves into the session at once, and the
    browser goes on to an address without it, so it stays out of the history, the access
    logs and any Referer. Opening it (as a messaging app does to preview it) uses nothing."""
    request.session[LINK_TOKEN] = token if len(token) <= 100 else ""
    return redirect("sign-in-link-password")


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_link_password(request: HttpRequest) -> HttpResponse:
    """A one-time link: set a new password and be signed in."""
    token = request.session.get(LINK_TOKEN, "")
    link = passwords.usable_link(token)
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
        request.session.pop(LINK_TOKEN, None)
        messages.success(request, _("Your new password is set and you are signed in."))
        response = redirect(landing_for(redeemed.user))
        throttle.remember_browser(request, response, redeemed.user.get_username())
        return response
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "member": link.user, "production": link.production}
    return render(request, "registration/sign_in_link.html", context, status=status)


@login_required
@require_POST
def sign_in_link_end(request: AuthedHttpRequest) -> HttpResponse:
    """The holder ends a sign-in link made for them that they did not ask for."""
    passwords.sign_in_links_ended_by_holder(user=request.user)
    messages.success(
        request,
        _("The sign-in link no longer works. Tell your safety officer if you did not ask for it."),
    )
    return redirect(landing_for(request.user))
