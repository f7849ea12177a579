"""The learner's modules: the list, a module's briefing (which starts attempts), and the
next module a production asks of them. They read assignments, so crews serves them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from safetyquiz import offline
from safetyquiz.content import translations
from safetyquiz.http import AuthedHttpRequest
from safetyquiz.training import banks
from safetyquiz.training import selectors as training
from safetyquiz.training import services as training_services
from safetyquiz.training.forms import StartForm
from safetyquiz.training.progress import ModuleProgress

from .. import learner


@login_required
@require_GET
def module_list(request: AuthedHttpRequest) -> HttpResponse:
    """The learner's modules: a summary per production, then the required ones, most
    urgent first, then the optional ones."""
    overview = learner.learner_overview(request.user)
    return offline.keep(render(request, "crews/module_list.html", {"overview": overview}))


@login_required
@require_http_methods(["GET", "POST"])
def module_detail(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """The briefing: what the learner needs to start (due date, questions, pass mark, the
    critical rule, the buttons), then what happened and the sources; POST starts or resumes
    an attempt."""
    if request.method == "POST":
        return _start(request, slug)
    # An editor sees a draft as crew will; staff without the permission do not.
    preview = request.user.is_staff and request.user.has_perm("content.view_module")
    module = training.module_for_briefing(slug, include_drafts=preview)
    if module is None:
        raise Http404("No such module.")
    progress = training.progress_by_module(request.user).get(module.pk, ModuleProgress())
    gate = None if progress.open_attempt_id else training.retake_gate(request.user, module)
    waiting = [s for s in module.slots.all() if gate and s.slug in gate.to_practise]
    language = get_language()
    context = {
        "module": module,
        # The briefing's texts are in the page's language where the module is offered in
        # it, else in English, whole.
        "content_language": translations.shown_language(
            module.pk, language, translations.ready_modules(language, [module.pk])
        ),
        "progress": progress,
        "gate": gate,
        "waiting": waiting,
        "waiting_names": [s.objective for s in waiting],
        "outline": banks.outline(module),
        "practice": training.open_practice(request.user, module),
        "practice_questions": banks.practice_count(module),
        "due_on": learner.module_due(request.user, module),
        "sources": training.excerpts_by_source(module),
    }
    response = render(request, "crews/module_detail.html", context)
    return offline.keep(response) if module.is_published else response


def _start(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """Start or resume an attempt at a published module (a draft is not found)."""
    module = training.module_to_start(slug)
    if module is None:
        raise Http404("No such module.")
    form = StartForm(request.POST, slots=training.slot_slugs(module))
    if not form.is_valid():
        refused = "\n".join(str(m) for errors in form.errors.values() for m in errors)
        return HttpResponse(refused, status=400, content_type="text/plain")
    try:
        attempt = training_services.attempt_start(
            user=request.user,
            module=module,
            mode=form.cleaned_data["mode"],
            slots=form.cleaned_data["slots"],
            language=get_language(),
        )
    except training_services.NothingToPractise:
        messages.info(request, _("There is no practice question for that yet."))
        return redirect("crews:module", module.slug)
    except training_services.RetakeClosed:
        messages.info(request, _("A new certifying attempt is not open yet: see below why."))
        return redirect("crews:module", module.slug)
    return redirect(attempt)


@login_required
@require_GET
def next_module(request: AuthedHttpRequest) -> HttpResponse:
    """After a pass: the next module a production still asks of the learner, or their
    modules with the news that they are cleared."""
    row, cleared = learner.learner_overview(request.user).next_required()
    if row is not None:
        return redirect("crews:module", row.module.slug)
    if cleared:
        names = ", ".join(p.name for p in cleared)
        messages.success(
            request, _("You are cleared for %(productions)s.") % {"productions": names}
        )
    return redirect("crews:modules")
