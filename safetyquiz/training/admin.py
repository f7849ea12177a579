from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from safetyquiz.content.admin import extensions
from safetyquiz.content.models import Module, Question
from safetyquiz.parsing import strict_int

from .models import Answer, Attempt, Certificate
from .regrading import plans


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "index",
        "question",
        "correct",
        "points_awarded",
        "max_points",
        "critical_miss",
        "answered_at",
        "regraded_at",
    )

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Attempts are the record of what a learner did: read-only here."""

    list_display = [
        "user",
        "module",
        "started_at",
        "finished_at",
        "percentage",
        "passed",
        "critical_misses",
    ]
    list_filter = ["passed", "module"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "module"]
    readonly_fields = [f.name for f in Attempt._meta.fields]
    inlines = [AnswerInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class RevokeForm(helpers.ActionForm):
    """The action bar of the certificate list, with the reason a revocation needs."""

    reason = forms.CharField(label="Reason", required=False, max_length=300)


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """A certificate is never deleted, so its check page always answers: it is revoked,
    with a reason, and the revocation is in the admin's log."""

    list_display = ["user", "module", "issued_on", "expires_on", "revoked_at"]
    list_filter = ["module", "revoked_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "code"]
    list_select_related = ["user", "module"]
    readonly_fields = fields = (
        "code",
        "user",
        "module",
        "attempt",
        "issued_on",
        "expires_on",
        "revoked_at",
        "revoked_reason",
    )
    actions = ["revoke"]
    action_form = RevokeForm

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(
        description="Revoke the selected certificates, for the reason given", permissions=["change"]
    )
    def revoke(self, request: HttpRequest, queryset: QuerySet[Certificate]) -> None:
        reason = request.POST.get("reason", "").strip()[:300]
        if not reason:
            self.message_user(
                request, "Give the reason for revoking: nothing was revoked.", messages.ERROR
            )
            return
        revoking = list(queryset.filter(revoked_at=None))
        Certificate.objects.filter(pk__in=[c.pk for c in revoking]).update(
            revoked_at=timezone.now(), revoked_reason=reason
        )
        for certificate in revoking:
            self.log_change(request, certificate, f"Revoked: {reason}")
        self.message_user(request, f"Revoked {len(revoking)} certificate(s).", messages.SUCCESS)


# What training adds to content's question and module pages (content imports no training):
# regrading the answers given to a corrected question, the note that a question has
# answers, and links to the question's preview and the module's item quality.


def may_regrade(request: HttpRequest) -> bool:
    """Regrading rescores attempts and revokes certificates, so it needs both rights."""
    user = request.user
    return user.has_perm("content.change_question") and user.has_perm("training.change_certificate")


def regrade(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Question]
) -> HttpResponseBase | None:
    questions = list(queryset.select_related("module").prefetch_related("choices"))
    found = [plans.regrade_plan(question=q) for q in questions]
    if all(plan.is_empty and not plan.held for plan in found):
        model_admin.message_user(
            request,
            "Nothing to regrade: every answer is already scored on the key as it is.",
            messages.INFO,
        )
        return None
    shown = {f"plan-{p.question.pk}": p.fingerprint for p in found}
    if request.POST.get("apply") == "yes":
        if all(request.POST.get(name) == value for name, value in shown.items()):
            editor = cast(User, request.user)
            # Answers whose choice was reworded are regraded only where ticked, one by one.
            ticked = {strict_int(v) for v in request.POST.getlist("confirm")}
            for question, shown_plan in zip(questions, found, strict=True):
                held = {h.answer_id for h in shown_plan.held}
                plan = plans.question_regrade(question=question, user=editor, confirm=held & ticked)
                summary = f"Regraded {question.slug} ({question.module.title}): {plan.summary}"
                model_admin.message_user(request, summary, messages.SUCCESS)
            return None
        model_admin.message_user(
            request,
            "Answers changed since the regrade was shown: here it is again, as it is now.",
            messages.WARNING,
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Regrade answers to a corrected key",
        "opts": model_admin.opts,
        "plans": found,
        "queryset": questions,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/training/regrade_confirmation.html", context)


def answers_given(question: Question) -> str | None:
    answered = Answer.objects.filter(question=question).count()
    if not answered:
        return None
    return (
        f"{answered} answer(s) were given to this question. They keep the question as "
        "it was when answered (wording, choices, key and points); a published edit changes "
        "only attempts from then on. To correct a wrong key in the answers already given, "
        "correct it in the module's draft and publish it, then use “Regrade answers” on "
        "the question list."
    )


def rekeyed_with_answers(question: Question, keys: list[str]) -> str | None:
    """A draft's question counts the answers given to the published question it will be
    published over (the one of its slug)."""
    module = question.module
    if module.draft_of_id is not None:
        answered = Answer.objects.filter(
            question__module_id=module.draft_of_id, question__slug=question.slug
        ).count()
    else:
        answered = Answer.objects.filter(question=question).count()
    if not answered:
        return None
    return (
        f"Choice {', '.join(keys)} was reworded and keyed again in one edit, and {answered} "
        "answer(s) were given to this question. A regrade judges an answer on the key of the "
        "choice picked: the answers given to the old wording are listed apart in the regrade "
        "and stay as graded unless you confirm each one. If the meaning changed, consider a "
        "new choice (or a new question) instead."
    )


def preview_url(question: Question) -> str:
    return reverse("training:question-preview", args=[question.module.slug, question.slug])


def quality_url(module: Module) -> str:
    return reverse("training:module-quality", args=[module.slug])


def module_preview_url(module: Module) -> str:
    return reverse("training:module-preview", args=[module.slug])


extensions.question_actions.append(
    extensions.Action(
        name="regrade",
        description="Regrade answers to the selected questions",
        run=regrade,
        allowed=may_regrade,
    )
)
extensions.question_notes.append(answers_given)  # type: ignore[arg-type]
extensions.rekeyed_notes.append(rekeyed_with_answers)  # type: ignore[arg-type]
extensions.question_links.append(
    extensions.Link(label="Preview", text="Preview as crew see it", url=preview_url)
)
extensions.module_links.append(
    extensions.Link(
        label="Preview",
        text="Preview the whole module as crew see it, both pools",
        url=module_preview_url,
        unsaved="Save the module first; it is then shown here as crew see it.",
    )
)
extensions.module_links.append(
    extensions.Link(
        label="Item quality",
        text="Surface cues, key balance, duplicates, reading grade, the blind panel and the "
        "item analysis by slot",
        url=quality_url,
        unsaved="Save the module first; its questions are then checked here.",
    )
)
