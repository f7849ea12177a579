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
from django.views.decorators.http import require_http_methods

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
    ip = request.META.get("REMOTE_ADDR")
    if request.method == "POST" and throttle.join_blocked(ip):
        return render(request, "crews/join_throttled.html", status=429)
    form_class = SignUpForm if signing_up else JoinForm
    form = form_class(request.POST or None, initial={"code": request.GET.get("code", "")[:32]})
    if request.method == "POST" and form.is_valid():
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
        else:
            if signing_up:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            verb = "Welcome to" if created else "You were already on"
            messages.success(
                request, f"{verb} {form.production.name}. Your assigned modules come first."
            )
            return redirect("crews:modules")
    if form.code_missed:
        throttle.join_code_missed(ip)
    status = 400 if request.method == "POST" else 200
    form.focus()
    context = {"form": form, "signed_in": not signing_up}
    return render(request, "crews/join.html", context, status=status)
