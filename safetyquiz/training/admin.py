from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

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


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["user", "module", "issued_on", "expires_on", "revoked_at"]
    list_filter = ["module", "revoked_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "code"]
    list_select_related = ["user", "module"]
    readonly_fields = ("code", "user", "module", "attempt", "issued_on", "expires_on", "revoked_at")
    fields = (*readonly_fields, "revoked_reason")
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Revoke the selected certificates")
    def revoke(self, request: HttpRequest, queryset: QuerySet[Certificate]) -> None:
        count = queryset.filter(revoked_at=None).update(revoked_at=timezone.now())
        self.message_user(request, f"Revoked {count} certificate(s).", messages.SUCCESS)
