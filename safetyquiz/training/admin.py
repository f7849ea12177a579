from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from safetyquiz.content.models import Question
from safetyquiz.content.question_admin import QuestionAdmin as ContentQuestionAdmin

from . import regrade as regrading
from .models import Answer, Attempt, Certificate


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


# The question admin is content's, with what needs training added here: regrading the
# answers given to a corrected question, and a preview as crew see it. Content may not
# import training, and a subclass keeps both in the one question page and changelist an
# editor already uses (a separate staff page would need content to know training's URLs).
admin.site.unregister(Question)


@admin.register(Question)
class QuestionAdmin(ContentQuestionAdmin):
    actions = ["regrade"]
    change_form_template = "admin/training/question_change_form.html"

    def has_regrade_permission(self, request: HttpRequest) -> bool:
        """Regrading rescores attempts and revokes certificates, so it needs both rights."""
        user = request.user
        return user.has_perm("content.change_question") and user.has_perm(
            "training.change_certificate"
        )

    @admin.action(description="Regrade answers to the selected questions", permissions=["regrade"])
    def regrade(
        self, request: HttpRequest, queryset: QuerySet[Question]
    ) -> TemplateResponse | None:
        questions = list(queryset.select_related("module").prefetch_related("choices"))
        plans = [regrading.regrade_plan(question=q) for q in questions]
        if all(plan.is_empty for plan in plans):
            self.message_user(
                request,
                "Nothing to regrade: every answer is already scored on the key as it is.",
                messages.INFO,
            )
            return None
        shown = {f"plan-{p.question.pk}": p.fingerprint for p in plans}
        if request.POST.get("apply") == "yes":
            if all(request.POST.get(name) == value for name, value in shown.items()):
                editor = cast(User, request.user)
                for question in questions:
                    plan = regrading.question_regrade(question=question, user=editor)
                    summary = f"Regraded {question.slug} ({question.module.title}): {plan.summary}"
                    self.message_user(request, summary, messages.SUCCESS)
                return None
            self.message_user(
                request,
                "Answers changed since the regrade was shown: here it is again, as it is now.",
                messages.WARNING,
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Regrade answers to a corrected key",
            "opts": self.opts,
            "plans": plans,
            "queryset": questions,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/training/regrade_confirmation.html", context)
