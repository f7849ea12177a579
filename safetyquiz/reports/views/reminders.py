"""Reminders: who is overdue or due within some days, with what, to copy or download."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safetyquiz.crews.rosters import roster
from safetyquiz.http import AuthedHttpRequest

from .. import exports
from ..access import instructor_required, production_for
from ..forms import RemindersForm, messages_of


@require_GET
@instructor_required
def reminders(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    production = production_for(request, pk)
    form = RemindersForm(request.GET)
    if not form.is_valid():
        context = {"production": production, "form": form}
        return render(request, "reports/reminders.html", context, status=400)
    due = roster(production).due_within(form.days())
    context = {
        "production": production,
        "form": form,
        "within": form.days(),
        "due": due,
        "text": exports.reminder_text(due),
    }
    return render(request, "reports/reminders.html", context)


@require_GET
@instructor_required
def reminders_csv(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    production = production_for(request, pk)
    form = RemindersForm(request.GET)
    if not form.is_valid():
        message = " ".join(messages_of(form))
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return exports.reminders_csv(production, roster(production).due_within(form.days()))
