"""The assignments page: add a module for everyone or some departments, change its due date
for everyone or one person, remove it, and the days new members get. Every change is
logged on the production, and the page comes back where the change was made: htmx swaps
the assignments in place, and without JavaScript the redirect's anchor scrolls there."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from safetyquiz.crews import services
from safetyquiz.crews.models import Assignment, Production, ProductionEvent
from safetyquiz.crews.selectors import assignment_members, assignment_rows
from safetyquiz.http import AuthedHttpRequest

from ..access import instructor_required, production_for
from ..forms import AssignmentForm, DueDateForm, ExtensionForm, GraceForm, messages_of


def _page(
    request: AuthedHttpRequest,
    production: Production,
    *,
    add_form: AssignmentForm | None = None,
    grace_form: GraceForm | None = None,
    failed: tuple[Assignment, str, forms.Form] | None = None,
) -> HttpResponse:
    """The page, or for htmx only its assignments (the part every change redraws)."""
    rows = assignment_rows(production)
    if failed is not None:
        assignment, which, form = failed
        for row in rows:
            if row.assignment.pk == assignment.pk:
                row.failed = which
                row.errors = messages_of(form)
    bound = [f for f in (add_form, grace_form) if f is not None and f.is_bound]
    refused = failed is not None or bool(bound)
    context = {
        "production": production,
        "rows": rows,
        "add_form": add_form or AssignmentForm(production=production),
        "grace_form": grace_form or GraceForm(initial={"days": production.grace_days}),
    }
    template = "reports/assignments.html"
    if request.htmx and not request.htmx.boosted:
        template += "#assignments-region"
    return render(request, template, context, status=400 if refused else 200)


def _done(
    request: AuthedHttpRequest, production: Production, event: ProductionEvent, place: str
) -> HttpResponse:
    """After a change: the log's line about it, shown at ``place`` (an element's id)."""
    messages.success(request, event.summary, extra_tags=place)
    if request.htmx and not request.htmx.boosted:
        return _page(request, production)  # the message shows in place and is used up
    return redirect(reverse("reports:assignments", args=[production.pk]) + f"#{place}")


def _assignment(production: Production, assignment_id: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("module", "production"),
        production=production,
        pk=assignment_id,
    )


@require_http_methods(["GET", "POST"])
@instructor_required
def assignments(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    production = production_for(request, pk)
    if request.method == "GET":
        return _page(request, production)
    form = AssignmentForm(request.POST, production=production)
    if form.is_valid():
        data = form.cleaned_data
        try:
            assignment, event = services.assignment_add(
                production=production,
                module=data["module"],
                departments=data["departments"],
                due_on=data["due_on"],
                due_days=data["due_days"],
                actor=request.user,
            )
        except IntegrityError:  # assigned a moment ago from another tab
            form.add_error("module", "This production already assigns that module.")
        else:
            return _done(request, production, event, f"assignment-{assignment.pk}")
    return _page(request, production, add_form=form)


@require_POST
@instructor_required
def assignment_due(request: AuthedHttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    production = production_for(request, pk)
    assignment = _assignment(production, assignment_id)
    form = DueDateForm(request.POST)
    if not form.is_valid():
        return _page(request, production, failed=(assignment, "due", form))
    event = services.assignment_set_due(
        assignment=assignment,
        due_on=form.cleaned_data["due_on"],
        due_days=form.cleaned_data["due_days"],
        actor=request.user,
    )
    return _done(request, production, event, f"assignment-{assignment.pk}")


@require_POST
@instructor_required
def assignment_extension(request: AuthedHttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    production = production_for(request, pk)
    assignment = _assignment(production, assignment_id)
    form = ExtensionForm(
        request.POST, assignment=assignment, members=assignment_members(assignment)
    )
    if not form.is_valid():
        return _page(request, production, failed=(assignment, "extension", form))
    event = services.assignment_extend(
        assignment=assignment,
        membership=form.cleaned_data["member"],
        due_on=form.cleaned_data["due_on"],
        actor=request.user,
    )
    return _done(request, production, event, f"assignment-{assignment.pk}")


@require_POST
@instructor_required
def assignment_remove(request: AuthedHttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    production = production_for(request, pk)
    assignment = _assignment(production, assignment_id)
    event = services.assignment_remove(assignment=assignment, actor=request.user)
    return _done(request, production, event, "assigned")


@require_POST
@instructor_required
def grace(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    production = production_for(request, pk)
    form = GraceForm(request.POST)
    if not form.is_valid():
        return _page(request, production, grace_form=form)
    event = services.production_set_grace(
        production=production, days=form.cleaned_data["days"], actor=request.user
    )
    return _done(request, production, event, "new-members")
