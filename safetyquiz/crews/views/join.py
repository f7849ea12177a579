"""Joining a production: sign up with its code, or, signed in, join another."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from safetyquiz.clients import client_address
from safetyquiz.http import HtmxHttpRequest

from .. import services, throttle
from ..forms import JoinForm, SignUpForm


def join_link(request: HttpRequest, code: str) -> str:
    """The address that opens the join page with the production's code filled in."""
    return request.build_absolute_uri(reverse("crews:join") + "?" + urlencode({"code": code}))


@require_http_methods(["GET", "POST"])
def join(request: HtmxHttpRequest) -> HttpResponse:
    """Sign up with a production's code, or, signed in, join another production."""
    signing_up = not request.user.is_authenticated
    ip = client_address(request)
    if request.method == "POST" and throttle.join_blocked(ip):
        return render(request, "crews/join_throttled.html", status=429)
    form_class = SignUpForm if signing_up else JoinForm
    form = form_class(request.POST or None, initial={"code": request.GET.get("code", "")[:32]})
    posted = request.method == "POST" and form.is_valid()
    taken = username_refused(form, ip) if posted else ""
    if posted and not taken:
        try:
            with transaction.atomic():
                user = form.save() if isinstance(form, SignUpForm) else cast(User, request.user)
                _, created = services.membership_join(
                    user=user,
                    production=form.production,
                    department=form.cleaned_data["department"],
                )
        except IntegrityError:
            if not isinstance(form, SignUpForm):
                raise
            form.username_taken()  # two sign-ups with one username at the same moment
        except services.Refused as refused:  # removed from it: an instructor adds them back
            form.add_error("code", str(refused))
        else:
            said = (
                gettext("Welcome to %(production)s. Your assigned modules come first.")
                if created
                else gettext(
                    "You were already on %(production)s. Your assigned modules come first."
                )
            )
            messages.success(request, said % {"production": form.production.name})
            response = redirect("crews:modules")
            if signing_up:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                throttle.remember_browser(request, response, user.get_username())
            return response
    if form.code_missed:
        throttle.join_code_missed(ip)
    status = (429 if taken == "untold" else 400) if request.method == "POST" else 200
    form.focus()
    context = {"form": form, "signed_in": not signing_up}
    return render(request, "crews/join.html", context, status=status)


def username_refused(form: JoinForm, ip: str | None) -> str:
    """For a sign-up whose code and passwords pass but whose username is taken: "told" when
    the form now says so, "untold" past the throttle; "" when nothing is refused."""
    if not isinstance(form, SignUpForm) or not form.username_in_use():
        return ""
    told = throttle.may_say_username_taken(ip, form.production)
    form.username_refused(told=told)
    return "told" if told else "untold"
