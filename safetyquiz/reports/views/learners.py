"""A learner's training record, as their production's instructors see it, and one more
certifying attempt today granted from it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from safetyquiz.crews import services
from safetyquiz.crews.models import Membership
from safetyquiz.crews.rosters import roster
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.names import display_name
from safetyquiz.parsing import strict_int
from safetyquiz.training import selectors as training
from safetyquiz.training.review import review_of

from .. import selectors
from ..access import instructor_required, production_for

ATTEMPTS_PER_PAGE = 10


@require_GET
@instructor_required
def learner(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    """A member's record on this production's modules: a summary per module, then their
    certifying attempts, newest first, each folded, a page at a time; for someone removed,
    as it stood when they left."""
    production = production_for(request, pk)
    membership = get_object_or_404(  # members who left too: their records stay
        production.memberships.filter(role=Membership.Role.CREW).select_related(
            "user", "department"
        ),
        user_id=user_id,
    )
    built = roster(production, member=membership)
    row = built.rows[0]
    summary = [
        (a, cell)
        for a, cell in zip(built.assignments, row.cells, strict=True)
        if cell is not None and a.module.is_published
    ]
    modules = [a.module for a, _ in summary]
    chosen = request.GET.get("module", "")
    if chosen:
        modules = [m for m in modules if m.slug == chosen]
        if not modules:
            raise Http404("This production does not assign that module to them.")
    # A former member's training is shown up to when they left, and no further.
    attempts = selectors.learner_attempts(user_id, modules, started_before=membership.left_at)
    page = Paginator(attempts, ATTEMPTS_PER_PAGE).get_page(strict_int(request.GET.get("page")) or 1)
    today = training.attempts_today(user_id, [a.module for a, _ in summary])
    context = {
        "production": production,
        "membership": membership,
        "row": row,
        "summary": [(a, cell, today.get(a.module_id, (0, 0))) for a, cell in summary],
        "chosen": chosen,
        "page": page,
        "records": [(a, [review_of(answer) for answer in a.answers.all()]) for a in page],
    }
    return render(request, "reports/learner.html", context)


@require_POST
@instructor_required
def learner_grant(request: AuthedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    """One more certifying attempt today, past the module's daily limit, for a member of
    the production at a module it assigns them."""
    production = production_for(request, pk)
    membership = get_object_or_404(
        production.memberships.active().filter(role=Membership.Role.CREW).select_related("user"),
        user_id=user_id,
    )
    slug = request.POST.get("module", "")
    assignment = next(
        (
            a
            for a in production.assignments.select_related("module")
            if a.module.slug == slug and a.module.is_published
        ),
        None,
    )
    if assignment is None:
        return HttpResponse(
            "This production does not assign that module.", status=400, content_type="text/plain"
        )
    services.attempt_grant(assignment=assignment, membership=membership, actor=request.user)
    messages.success(
        request,
        f"{display_name(membership.user)} may take one more certifying attempt at "
        f"{services.quoted(assignment.module.title)} today.",
    )
    return redirect("reports:learner", pk=production.pk, user_id=user_id)
