"""Reads of the content for its editors: a module as a version its draft is compared with
(``revisions.py``), and what stops a draft from being published."""

from __future__ import annotations

from collections.abc import Collection
from copy import copy
from typing import Any

from django.db import models
from django.db.models import Prefetch

from . import revisions
from .checks import Problem, module_problems
from .models import Excerpt, Module, Question, Slot
from .revisions import Part
from .translations import is_english_copy

# Fields that say which row a part is, or where it hangs, rather than what it says; and
# the module's own fields that a draft does not carry over (``drafts.py``).
ROW_FIELDS = {"id", "module", "question", "draft_of", "draft_base"}
MODULE_OWN = {"slug", "status", "order"}


def bank(module: Module) -> Module:
    """The module read again with its slots, questions and choices (five queries)."""
    quotes = Excerpt.objects.only("slug")
    questions = Question.objects.select_related("slot").prefetch_related(
        "choices", Prefetch("excerpts", quotes)
    )
    return Module.objects.prefetch_related(
        "excerpts",
        "failures",
        "departments",
        Prefetch("slots", Slot.objects.prefetch_related(Prefetch("excerpts", quotes))),
        Prefetch("questions", questions),
    ).get(pk=module.pk)


def version(module: Module) -> list[Part]:
    """The module as its editors read it, part by part, each field as text."""
    module = bank(module)
    parts = [Part("module", "", "The module", text_fields(module, skip=MODULE_OWN))]
    for slot in module.slots.all():
        parts.append(Part("slot", slot.slug, f"Slot {slot.slug}", text_fields(slot)))
    for question in module.questions.all():
        label = f"Question {question.slug}"
        parts.append(Part("question", question.slug, label, text_fields(question)))
        for choice in question.choices.all():
            key = f"{question.slug}/{choice.key}"
            parts.append(Part("choice", key, f"Choice {key}", text_fields(choice)))
    return parts


def text_fields(obj: models.Model, skip: Collection[str] = ()) -> dict[str, str]:
    meta = obj._meta
    found = {}
    for field in [*meta.concrete_fields, *meta.many_to_many]:
        if field.name in ROW_FIELDS or field.name in skip or is_english_copy(field):
            continue
        label = str(field.verbose_name).capitalize()
        if field.many_to_many:
            found[label] = ", ".join(sorted(named(o) for o in getattr(obj, field.name).all()))
        elif field.is_relation:
            related = getattr(obj, field.name)
            found[label] = "" if related is None else named(related)
        else:
            found[label] = shown(getattr(obj, field.attname))
    return found


def named(obj: Any) -> str:
    """An object another part names: by its slug, which a draft's copy shares."""
    return str(getattr(obj, "slug", obj))


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def publish_problems(module: Module) -> list[Problem]:
    """What breaks a content rule in the module as it would be published."""
    as_published = copy(bank(module))
    as_published.status = Module.Status.PUBLISHED
    return module_problems(as_published, list(as_published.questions.all()))


def changes_since_publish(draft: Module) -> list[revisions.Change]:
    """What publishing the draft changes in the published module (for a module never
    published: nothing to compare with, so nothing)."""
    if draft.draft_of is None:
        return []
    return revisions.changes(version(draft.draft_of), version(draft))


def changed_meanwhile(draft: Module) -> list[revisions.Change]:
    """What changed in the published module since its draft was made (a content release,
    say): publishing the draft puts back the draft's version of it."""
    if draft.draft_of is None or draft.draft_base is None:
        return []
    return revisions.changes(revisions.from_json(draft.draft_base), version(draft.draft_of))


def draft_of(module: Module) -> Module | None:
    return Module.objects.filter(draft_of=module).first()
