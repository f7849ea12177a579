"""The assignments page: add a module for everyone or some departments, change its due date
for everyone or one person, remove it. Every change is logged on the production."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from safetyquiz.crews import services
from safetyquiz.crews.models import Assignment, Production
from safetyquiz.crews.selectors import assignment_members, assignment_rows
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.names import display_name

from ..access import instructor_required, production_for
from ..forms import AssignmentForm, DueDateForm, ExtensionForm, messages_of


def _page(
    request: AuthedHttpRequest,
    production: Production,
    *,
    add_form: AssignmentForm | None = None,
    failed: tuple[Assignment, str, forms.Form] | None = None,
) -> HttpResponse:
    rows = assignment_rows(production)
    if failed is not None:
        assignment, which, form = failed
        for row in rows:
            if row.assignment.pk == assignment.pk:
                row.failed = which
                row.errors = messages_of(form)
    refused = failed is not None or (add_form is not None and add_form.is_bound)
    context = {
        "production": production,
        "rows": rows,
        "add_form": add_form or AssignmentForm(production=production),
    }
    return render(request, "reports/assignments.html", context, status=400 if refused else 200)


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
            services.assignment_add(
                production=production,
                module=data["module"],
                departments=data["departments"],
                due_on=data["due_on"],
                actor=request.user,
            )
        except IntegrityError:  # assigned a moment ago from another tab
            form.add_error("module", "This production already assigns that module.")
        else:
            messages.success(request, f"Assigned {services.quoted(data['module'].title)}.")
            return redirect("reports:assignments", pk=production.pk)
    return _page(request, production, add_form=form)


@require_POST
@instructor_required
def assignment_due(request: AuthedHttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    production = production_for(request, pk)
    assignment = _assignment(production, assignment_id)
    form = DueDateForm(request.POST)
    if not form.is_valid():
        return _page(request, production, failed=(assignment, "due", form))
    services.assignment_set_due(
        assignment=assignment, due_on=form.cleaned_data["due_on"], actor=request.user
    )
    messages.success(
        request, f"Due date for {services.quoted(assignment.module.title)} changed for everyone."
    )
    return redirect("reports:assignments", pk=production.pk)


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
    membership, due_on = form.cleaned_data["member"], form.cleaned_data["due_on"]
    services.assignment_extend(
        assignment=assignment, membership=membership, due_on=due_on, actor=request.user
    )
    name = display_name(membership.user)
    said = "extended" if due_on else "back to everyone's due date"
    messages.success(request, f"{services.quoted(assignment.module.title)} for {name}: {said}.")
    return redirect("reports:assignments", pk=production.pk)


@require_POST
@instructor_required
def assignment_remove(request: AuthedHttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    production = production_for(request, pk)
    assignment = _assignment(production, assignment_id)
    services.assignment_remove(assignment=assignment, actor=request.user)
    messages.success(
        request,
        f"{services.quoted(assignment.module.title)} is no longer assigned. "
        "Attempts and certificates stay.",
    )
    return redirect("reports:assignments", pk=production.pk)
