"""The people page: a member's department and job title, instructor or not, removal (their
records stay), and one-time sign-in links for those who cannot sign in."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safetyquiz.crews import passwords, services
from safetyquiz.crews.models import Production
from safetyquiz.crews.selectors import (
    Person,
    former_member,
    former_members,
    instructor_count,
    people_of,
)
from safetyquiz.crews.views.accounts import landing_for
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.names import display_name

from ..access import instructor_required, production_for
from ..forms import InstructorForm, MemberForm, messages_of


def _person(production: Production, user_id: int) -> Person:
    found = people_of(production, user_id)
    if not found:
        raise Http404("Not a member of this production.")
    return found[0]


def _person_page(
    request: AuthedHttpRequest,
    production: Production,
    person: Person,
    *,
    form: MemberForm | None = None,
    error: str = "",
) -> HttpResponse:
    membership = person.membership
    initial = {"department": membership.department_id, "job_title": membership.job_title}
    context = {
        "production": production,
        "person": person,
        "form": form or MemberForm(initial=initial),
        "error": error,
        "link_refused": passwords.may_get_a_link(
            production=production, user=person.user, actor=request.user
        ),
        "last_instructor": person.instructor is not None and instructor_count(production) == 1,
    }
    refused = bool(error) or (form is not None and form.is_bound)
    return render(request, "reports/person.html", context, status=400 if refused else 200)


def _after(request: AuthedHttpRequest, production: Production, person: Person) -> HttpResponse:
    """Back to the people page; or, for someone who just gave up their own access, home."""
    if person.user.pk == request.user.pk:
        return redirect(landing_for(request.user))
    return redirect("reports:people", pk=production.pk)


@require_GET
@instructor_required
def people(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    production = production_for(request, pk)
    context = {
        "production": production,
        "people": people_of(production),
        "former": former_members(production),
    }
    return render(request, "reports/people.html", context)


@require_http_methods(["GET", "POST"])
@instructor_required
def person(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    production = production_for(request, pk)
    found = _person(production, user_id)
    if request.method == "GET":
        return _person_page(request, production, found)
    form = MemberForm(request.POST)
    if not form.is_valid():
        return _person_page(request, production, found, form=form)
    services.membership_update(
        production=production,
        user=found.user,
        department=form.cleaned_data["department"],
        job_title=form.cleaned_data["job_title"],
        actor=request.user,
    )
    messages.success(request, f"{found.name}: department and job title saved.")
    return redirect("reports:person", pk=production.pk, user_id=user_id)


@require_POST
@instructor_required
def person_instructor(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    production = production_for(request, pk)
    found = _person(production, user_id)
    form = InstructorForm(request.POST)
    if not form.is_valid():
        return _person_page(request, production, found, error=messages_of(form)[0])
    making = form.cleaned_data["instructor"]
    try:
        services.instructor_set(
            production=production, user=found.user, instructor=making, actor=request.user
        )
    except services.Refused as refused:
        return _person_page(request, production, found, error=str(refused))
    said = "is now an instructor" if making else "is no longer an instructor"
    messages.success(request, f"{found.name} {said} of {production.name}.")
    if making or (found.crew is not None and found.user.pk != request.user.pk):
        return redirect("reports:person", pk=production.pk, user_id=user_id)
    return _after(request, production, found)  # they may have left, or given up their access


@require_POST
@instructor_required
def person_remove(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    production = production_for(request, pk)
    found = _person(production, user_id)
    try:
        services.membership_remove(production=production, user=found.user, actor=request.user)
    except services.Refused as refused:
        return _person_page(request, production, found, error=str(refused))
    messages.success(
        request, f"{found.name} is no longer on {production.name}. Their records stay."
    )
    return _after(request, production, found)


@never_cache
@require_POST
@instructor_required
def person_link(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    """Make a one-time sign-in link and show it, once: only its hash is stored."""
    production = production_for(request, pk)
    found = _person(production, user_id)
    try:
        token = passwords.sign_in_link_create(
            production=production, user=found.user, actor=request.user
        )
    except services.Refused as refused:
        return _person_page(request, production, found, error=str(refused))
    link = request.build_absolute_uri(reverse("sign-in-link", args=[token]))
    context = {
        "production": production,
        "person": found,
        "link": link,
        "hours": int(passwords.LINK_LIFETIME.total_seconds() // 3600),
    }
    return render(request, "reports/password_link.html", context)


@require_POST
@instructor_required
def person_restore(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    """Add a removed member back: their own join code no longer brings them back."""
    production = production_for(request, pk)
    membership = former_member(production, user_id)
    if membership is None:
        raise Http404("Not a former member of this production.")
    services.membership_restore(production=production, user=membership.user, actor=request.user)
    messages.success(request, f"{display_name(membership.user)} is back on {production.name}.")
    return redirect("reports:people", pk=production.pk)


@require_POST
@instructor_required
def join_code(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """A new join code, when the old one went further than the crew."""
    production = production_for(request, pk)
    code = services.join_code_rotate(production=production, actor=request.user)
    messages.success(request, f"The new join code is {code}. The old one no longer works.")
    return redirect("reports:people", pk=production.pk)
