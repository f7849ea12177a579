"""The people page: a member's department and job title, instructor or not, removal (their
records stay), and one-time sign-in links for those who cannot sign in. After a change the
page comes back at the part changed (the redirect's anchor), with its message there."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safetyquiz.crews import passwords, services
from safetyquiz.crews.models import Production
from safetyquiz.crews.qr import qr_svg
from safetyquiz.crews.selectors import (
    Person,
    former_member,
    former_members,
    instructor_count,
    people_of,
)
from safetyquiz.crews.views.accounts import landing_for
from safetyquiz.crews.views.join import join_link
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.names import display_name
from safetyquiz.parsing import strict_int

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
        "live_link": passwords.live_link(person.user),
    }
    refused = bool(error) or (form is not None and form.is_bound)
    return render(request, "reports/person.html", context, status=400 if refused else 200)


def _at(request: AuthedHttpRequest, url: str, place: str, message: str) -> HttpResponse:
    """Back to ``url`` at the element ``place``, where the message shows."""
    messages.success(request, message, extra_tags=place)
    return redirect(f"{url}#{place}")


def _after(
    request: AuthedHttpRequest, production: Production, person: Person, message: str
) -> HttpResponse:
    """Back to the people page, at those no longer on it (crew) or at the top; or, for
    someone who just gave up their own access, home."""
    if person.user.pk == request.user.pk:
        messages.success(request, message)
        return redirect(landing_for(request.user))
    url = reverse("reports:people", args=[production.pk])
    return _at(request, url, "former" if person.crew else "everyone", message)


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
    department, job_title = form.cleaned_data["department"], form.cleaned_data["job_title"]
    services.membership_update(
        production=production,
        user=found.user,
        department=department,
        job_title=job_title,
        actor=request.user,
    )
    said = f"department {department or 'none'}, job title {job_title.strip() or 'none'}"
    url = reverse("reports:person", args=[production.pk, user_id])
    return _at(request, url, "department", f"{found.name}: {said}. Saved.")


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
    message = f"{found.name} {said} of {production.name}."
    if making or (found.crew is not None and found.user.pk != request.user.pk):
        url = reverse("reports:person", args=[production.pk, user_id])
        return _at(request, url, "instructor", message)
    return _after(request, production, found, message)  # they left, or gave up their access


@require_POST
@instructor_required
def person_remove(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    production = production_for(request, pk)
    found = _person(production, user_id)
    try:
        services.membership_remove(production=production, user=found.user, actor=request.user)
    except services.Refused as refused:
        return _person_page(request, production, found, error=str(refused))
    message = f"{found.name} is no longer on {production.name}. Their records stay."
    return _after(request, production, found, message)


@never_cache
@require_POST
@instructor_required
def person_link(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    """Make a one-time sign-in link and show it, once: only its hash is stored. The form
    names the working link it replaces, if any, so sending it again (a reload of this
    page) makes no second link and leaves the one shown working."""
    production = production_for(request, pk)
    found = _person(production, user_id)
    try:
        token = passwords.sign_in_link_create(
            production=production,
            user=found.user,
            actor=request.user,
            replacing=strict_int(request.POST.get("replacing")),
        )
    except passwords.LinkStillWorks as working:  # the page says which link works, and till when
        url = reverse("reports:person", args=[production.pk, user_id])
        return _at(request, url, "sign-in-help", str(working))
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
    url = reverse("reports:people", args=[production.pk])
    message = f"{display_name(membership.user)} is back on {production.name}."
    return _at(request, url, "former", message)


@require_POST
@instructor_required
def join_code(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """A new join code, when the old one went further than the crew."""
    production = production_for(request, pk)
    code = services.join_code_rotate(production=production, actor=request.user)
    url = reverse("reports:people", args=[production.pk])
    message = f"The new join code is {code}. The old one, and its link, no longer work."
    return _at(request, url, "joining", message)


@require_GET
@instructor_required
def join_poster(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """A page to print and pin up: the production's join link as a QR code, and its code."""
    production = production_for(request, pk)
    link = join_link(request, production.join_code)
    context = {
        "production": production,
        "link": link,
        "qr": qr_svg(link, f"QR code of the link to join {production.name}"),
    }
    return render(request, "reports/poster.html", context)
