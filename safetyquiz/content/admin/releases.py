"""The record of content releases, read-only: each load of the fixtures with what it
added, changed and removed, and every conflict with an edit made here, both values side
by side and the one kept."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ..models import Release, ReleaseConflict

CONFLICT_FIELDS = ("model", "key", "object_name", "field", "local", "theirs", "kept")


class ReadOnly:
    """A record: nobody adds, changes or deletes one in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ConflictInline(ReadOnly, admin.TabularInline):
    model = ReleaseConflict
    fields = readonly_fields = CONFLICT_FIELDS
    extra = 0


@admin.register(Release)
class ReleaseAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "__str__",
        "added",
        "updated",
        "removed",
        "conflict_count",
        "conflicts_took",
        "pruned",
    ]
    list_filter = ["conflicts_took", "pruned"]
    fields = readonly_fields = (
        "loaded_at",
        "fixtures",
        "added",
        "updated",
        "unchanged",
        "removed",
        "conflict_count",
        "conflicts_took",
        "pruned",
        "digest",
    )
    inlines = [ConflictInline]


@admin.register(ReleaseConflict)
class ReleaseConflictAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["object_name", "model", "field", "local", "theirs", "kept", "release"]
    list_filter = ["kept", "model", "release"]
    search_fields = ["object_name", "key", "local", "theirs"]
    list_select_related = ["release"]
    fields = readonly_fields = ("release", *CONFLICT_FIELDS)
