"""The module pages: a module's briefing, scope and form rules, with its slots and its
questions in order (each question is written on its own page).

A published module is read here, not changed: an editor opens a draft of it (a copy
crew never see), edits that, previews it whole and publishes it in one step, after
reading what changed since the last publish (``content/services.py``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from safetyquiz.forms import LabelledRowsFormSet, with_named_inputs

from .. import revisions, selectors, services
from ..checks import Problem
from ..models import Module, Question, Slot
from . import errors, extensions
from .forms import CONTENT_ADMIN_CSS, SLOT_FIELDS, QuestionInlineFormSet


class QuestionInline(admin.TabularInline):
    """Questions in their story order; each is written on its own page, with its choices."""

    model = Question
    formset = QuestionInlineFormSet
    extra = 0
    fields = ["order", "prompt", "slot", "pool", "purpose", "kind", "points", "critical"]
    readonly_fields = ["prompt", "slot", "pool", "purpose", "kind", "points", "critical"]
    show_change_link = True
    ordering = ["order", "pk"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a question is added with its choices, on the question page


class SlotInline(admin.TabularInline):
    """The module's objectives; each question belongs to one, and a form asks each."""

    model = Slot
    formset = LabelledRowsFormSet
    extra = 0
    fields = [*SLOT_FIELDS, "excerpts"]
    autocomplete_fields = ["excerpts"]
    prepopulated_fields = {"slug": ["objective"]}
    ordering = ["order", "pk"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "order", "question_count", "pass_mark", "view_link"]
    list_filter = ["status", "departments", "failures"]
    list_editable = ["order"]
    list_select_related = ["draft_of", "draft"]
    search_fields = ["title", "summary", "briefing"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["excerpts", "failures"]
    readonly_fields = ["view_link", "add_question_link", "pages"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "order", "view_link"]}),
        ("Briefing", {"fields": ["summary", "briefing", "excerpts", "objectives"]}),
        ("Scope", {"fields": ["failures", "departments"]}),
        ("Quiz", {"fields": ["pass_mark", "validity_months", "add_question_link", "pages"]}),
        ("Forms", {"fields": ["per_slot", "form_slots", "max_case_facts"]}),
        ("Results and retakes", {"fields": ["review_after_pass", "attempts_per_day"]}),
    ]
    inlines = [SlotInline, QuestionInline]
    change_form_template = "admin/content/module_change_form.html"

    class Media:
        css = CONTENT_ADMIN_CSS
        js = ["js/error-summary.js"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not settings.ASSESSMENT_RULES_ENFORCED:  # when it is on, the formset refuses these
            for problem in form.instance.pool_problems():
                messages.warning(request, f"Not yet required, but needed soon: {problem}.")

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        if db_field.name == "departments":  # a dozen: ticks, not the two-box picker
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> type[forms.ModelForm]:
        return with_named_inputs(super().get_changelist_form(request, **kwargs))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Module]:
        return super().get_queryset(request).annotate(num_questions=Count("questions"))

    # A published module is read, not changed: its draft is.

    def has_change_permission(self, request: HttpRequest, obj: Module | None = None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.was_published)

    def get_readonly_fields(self, request: HttpRequest, obj: Module | None = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_draft_copy:  # the published module's, kept there
            fields += ["slug", "status", "order"]
        return fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Module | None = None) -> Any:
        return (
            {}
            if obj is not None and obj.is_draft_copy
            else super().get_prepopulated_fields(request, obj)
        )

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/draft/", view(self.draft_view), name="content_module_draft"),
            path(
                "<path:object_id>/publish/", view(self.publish_view), name="content_module_publish"
            ),
            *super().get_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        module = self.get_object(request, object_id)
        context = {**(extra_context or {}), **self.state_context(request, module)}
        return super().change_view(request, object_id, form_url, context)

    def state_context(self, request: HttpRequest, module: Module | None) -> dict[str, Any]:
        """What the page says of the module's state, and the ways on from it."""
        if module is None:
            return {}
        may_edit = super().has_change_permission(request, module)
        context: dict[str, Any] = {
            "checks": [(link.label, link.url(module)) for link in extensions.module_links],
            "may_publish": request.user.has_perm("content.publish_module") and may_edit,
            "publish_url": reverse("admin:content_module_publish", args=[module.pk]),
        }
        context["published_now"] = module.was_published
        if module.was_published:
            draft = selectors.draft_of(module)
            context["draft"] = draft
            if may_edit:
                context["draft_url"] = reverse("admin:content_module_draft", args=[module.pk])
        elif module.draft_of is not None:
            context["draft_of"] = module.draft_of
            context["changes"] = revisions.summary(selectors.changes_since_publish(module))
        return context

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        context["error_summary"] = errors.summary(
            context["adminform"], context.get("inline_admin_formsets", [])
        )
        return super().render_change_form(request, context, *args, **kwargs)

    @method_decorator(require_POST)
    def draft_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Open the draft of a published module (made the first time) and go to it, or to
        its copy of the question named."""
        module = self.get_object(request, object_id)
        if module is None:
            raise Http404("No such module.")
        if not super().has_change_permission(request, module):
            raise PermissionDenied
        draft = services.draft_open(module=module, user=request.user)  # type: ignore[arg-type]
        asked = request.POST.get("question", "")
        question = draft.questions.filter(slug=asked).first() if asked else None
        if question is not None:
            return HttpResponseRedirect(
                reverse("admin:content_question_change", args=[question.pk])
            )
        return HttpResponseRedirect(reverse("admin:content_module_change", args=[draft.pk]))

    def publish_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """What publishing the draft changes, what stops it, and the button that does it."""
        module = self.get_object(request, object_id)
        if module is None:
            raise Http404("No such module.")
        if not (
            request.user.has_perm("content.publish_module")
            and super().has_change_permission(request, module)
        ):
            raise PermissionDenied
        if module.is_published:
            return HttpResponseRedirect(reverse("admin:content_module_change", args=[module.pk]))
        if request.method == "POST":
            published = module.draft_of or module
            try:
                found = services.draft_publish(module=module, user=request.user)  # type: ignore[arg-type]
            except services.PublishRefused as refused:
                return self.publish_page(request, module, refused.problems, status=400)
            except services.DraftGone:
                messages.info(request, "This draft was published or deleted meanwhile.")
                return HttpResponseRedirect(
                    reverse("admin:content_module_change", args=[published.pk])
                )
            messages.success(
                request,
                f"Published “{published}”: {revisions.summary(found)}. Crew see it from now on; "
                "attempts already started keep the questions they were given.",
            )
            return HttpResponseRedirect(reverse("admin:content_module_change", args=[published.pk]))
        return self.publish_page(request, module, selectors.publish_problems(module))

    def publish_page(
        self, request: HttpRequest, module: Module, problems: list[Problem], status: int = 200
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": f"Publish “{module.draft_of or module}”",
            "opts": self.opts,
            "module": module,
            "published": module.draft_of,
            "problems": [
                errors.Error(problem.what, problem_url(problem, module)) for problem in problems
            ],
            "changes": selectors.changes_since_publish(module),
            "meanwhile": selectors.changed_meanwhile(module),
            "extension_links": [(link.text, link.url(module)) for link in extensions.module_links],
        }
        return TemplateResponse(
            request, "admin/content/module_publish.html", context, status=status
        )

    # The list and the page's read-only fields

    @admin.display(description="State")
    def state(self, module: Module) -> str:
        if module.draft_of is not None:
            return f"Draft of “{module.draft_of}”"
        if not module.is_published:
            return "Draft"
        return "Published, with a draft open" if hasattr(module, "draft") else "Published"

    @admin.display(description="Questions", ordering="num_questions")
    def question_count(self, module: Module) -> int:
        return getattr(module, "num_questions", 0)

    @admin.display(description="As crew see it")
    def view_link(self, module: Module) -> str:
        if not module.pk:
            return "-"
        return format_html(
            '<a href="{}" target="_blank">View the module</a>', module.get_absolute_url()
        )

    @admin.display(description="Checks")
    def pages(self, module: Module) -> str:
        """The pages other apps keep about the module (training: its item quality)."""
        return format_html_join(
            "\n",
            "<p>{}: {}</p>",
            (
                (link.label, format_html('<a href="{}">{}</a>', link.url(module), link.text))
                if module.pk
                else (link.label, link.unsaved)
                for link in extensions.module_links
            ),
        )

    @admin.display(description="Add a question")
    def add_question_link(self, module: Module) -> str:
        if not module.pk:
            return "Save the module first (as a draft), then add its questions."
        if module.was_published:
            return "Questions are added to the module's draft."
        url = reverse("admin:content_question_add") + f"?module={module.pk}"
        return format_html('<a href="{}">Add a question to this module</a>', url)


def problem_url(problem: Problem, module: Module) -> str:
    """Where to mend a problem of a draft: the question's page, or the slot's row (or the
    field) on the module's page."""
    page = reverse("admin:content_module_change", args=[module.pk])
    questions = {q.slug: q.pk for q in module.questions.all()}
    _, _, named = problem.where.partition(", question ")
    if not named:
        named = next((s for s in questions if f"question {s}" in problem.what), "")
    if named in questions:
        return reverse("admin:content_question_change", args=[questions[named]])
    if "slug" in problem.what or "address" in problem.what:
        return page + "#id_slug"
    slots = list(module.slots.order_by("order", "pk").values_list("slug", flat=True))
    return page + errors.slot_anchor(problem.what, slots, "#questions-group")
