"""The project's own admin: the site's title, its sign-in (throttled as every sign-in is),
and the record of edits (Django's LogEntry: who, when, what), readable in the admin. Each
app registers the admins of its own models; the admins of Django's models are registered
here, by the project, not by an app."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.http import HttpRequest

from safetyquiz.crews.views.accounts import AdminSignInForm

admin.site.site_header = "safetyquiz: content and people"
admin.site.site_title = "safetyquiz admin"
admin.site.login_form = AdminSignInForm  # the same throttle as every sign-in


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    list_display = [
        "action_time",
        "user",
        "content_type",
        "object_repr",
        "action_flag",
        "change_message",
    ]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
