from typing import cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safetyquiz.clients import client_address
from safetyquiz.http import AuthedHttpRequest, HtmxHttpRequest
from safetyquiz.training import banks
from safetyquiz.training import selectors as training
from safetyquiz.training import services as training_services
from safetyquiz.training.forms import StartForm
from safetyquiz.training.progress import ModuleProgress

from . import learner, services, throttle
from .forms import JoinForm, SignUpForm


@login_required
@require_GET
def module_list(request: AuthedHttpRequest) -> HttpResponse:
    """The learner's modules: a summary per production, then the required ones, most
    urgent first, then the optional ones."""
    overview = learner.learner_overview(request.user)
    return render(request, "crews/module_list.html", {"overview": overview})


@login_required
@require_http_methods(["GET", "POST"])
def module_detail(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """The briefing: what the learner needs to start (due date, questions, pass mark, the
    critical rule, the buttons), then what happened and the sources; POST starts or resumes
    an attempt."""
    preview = (  # an editor sees a draft as crew will
        request.user.is_staff
        and request.user.has_perm("content.view_module")
        and request.method == "GET"
    )
    module = training.module_for_briefing(slug, include_drafts=preview)
    if module is None:
        raise Http404("No such module.")
    if request.method == "POST":
        form = StartForm(request.POST, slots=training.slot_ids(module))
        if not form.is_valid():
            return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
        attempt = training_services.attempt_start(
            user=request.user,
            module=module,
            mode=form.cleaned_data["mode"],
            slots=form.cleaned_data["slots"],
        )
        return redirect(attempt)
    context = {
        "module": module,
        "progress": training.progress_by_module(request.user).get(module.pk, ModuleProgress()),
        "outline": banks.outline(module),
        "practice": training.open_practice(request.user, module),
        "due_on": learner.module_due(request.user, module),
        "sources": training.excerpts_by_source(module),
    }
    return render(request, "training/module_detail.html", context)


@login_required
@require_GET
def next_module(request: AuthedHttpRequest) -> HttpResponse:
    """After a pass: the next module a production still asks of the learner, or their
    modules with the news that they are cleared."""
    row, cleared = learner.learner_overview(request.user).next_required()
    if row is not None:
        return redirect("training:module", row.module.slug)
    if cleared:
        names = ", ".join(p.name for p in cleared)
        messages.success(request, f"You are cleared for {names}.")
    return redirect("training:modules")


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
                    job_title=form.cleaned_data["job_title"],
                )
        except IntegrityError:
            if not isinstance(form, SignUpForm):
                raise
            form.username_taken()  # two sign-ups with one username at the same moment
        except services.Refused as refused:  # removed from it: an instructor adds them back
            form.add_error("code", str(refused))
        else:
            verb = "Welcome to" if created else "You were already on"
            messages.success(
                request, f"{verb} {form.production.name}. Your assigned modules come first."
            )
            response = redirect("training:modules")
            if signing_up:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                throttle.remember_browser(request, response, user.get_username())
            return response
    if form.code_missed:
        throttle.join_code_missed(ip)
    status = (429 if taken == "untold" else 400) if request.method == "POST" else 200
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
