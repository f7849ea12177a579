from django.contrib import admin

from safetyquiz.forms import LabelledRowsFormSet

from .models import Assignment, Membership, Production


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = LabelledRowsFormSet
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "department", "job_title", "joined_at", "left_at"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    formset = LabelledRowsFormSet
    extra = 0
    autocomplete_fields = ["module"]
    fields = ["module", "due_on", "due_days", "departments"]


@admin.register(Production)
class ProductionAdmin(admin.ModelAdmin):
    list_display = ["name", "join_code", "starts_on", "ends_on"]
    search_fields = ["name", "join_code"]
    inlines = [MembershipInline, AssignmentInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "production", "role", "department", "job_title", "left_at"]
    list_filter = ["role", "production", "department", ("left_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name", "job_title"]
    autocomplete_fields = ["user", "production"]
    list_select_related = ["user", "production", "department"]
