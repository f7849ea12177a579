"""A learner's training record, as their production's instructors see it."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from safetyquiz.crews.models import Membership
from safetyquiz.crews.rosters import roster
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.parsing import strict_int
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
    context = {
        "production": production,
        "membership": membership,
        "row": row,
        "summary": summary,
        "chosen": chosen,
        "page": page,
        "records": [(a, [review_of(answer) for answer in a.answers.all()]) for a in page],
    }
    return render(request, "reports/learner.html", context)
