"""Writes of the content's editors: a published module is edited as a draft (a copy that
crew never see) and published over it in one step.

Publishing keeps the published module's rows and ids (its assignments, attempts and
certificates point to them): each slot, question and choice of the draft updates the one
of the same slug (or key), what is new is added, what the draft dropped is removed
(answers to a removed question keep their snapshots), and the draft goes. Attempts in
progress keep the form they were given."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TypeVar

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import User
from django.db import models, transaction

from . import revisions, selectors
from .checks import Problem
from .models import Module

M = TypeVar("M", bound=models.Model)

# What a draft does not carry: which row it is, and the module's place in the course,
# its address and its state, which stay the published module's.
NOT_COPIED = {"id", "slug", "status", "order", "draft_of", "draft_base"}
DRAFT_SUFFIX = "-draft"


class PublishRefused(Exception):
    """The draft breaks a content rule as it would be published."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class DraftGone(Exception):
    """The draft was published, or deleted, since it was read."""


@transaction.atomic
def draft_open(*, module: Module, user: User) -> Module:
    """The draft of a published module: the one open, or a new copy of the module with
    its slots, questions and choices. A module never published is its own draft."""
    if not module.is_published:
        return module
    published = Module.objects.select_for_update().get(pk=module.pk)
    found = selectors.draft_of(published)
    if found is not None:
        return found
    draft = copy_row(published, Module(), skip=NOT_COPIED)
    draft.slug = free_slug(published.slug)
    draft.status = Module.Status.DRAFT
    draft.order = published.order
    draft.draft_of = published
    draft.draft_base = revisions.to_json(selectors.version(published))
    draft.save()
    copy_links(published, draft)
    copy_bank(selectors.bank(published), draft)
    log(user, draft, ADDITION, f"Draft of “{published}” made.")
    return draft


def free_slug(slug: str) -> str:
    """The draft's address: the module's slug marked as a draft, unused by any module."""
    base = slug[: 50 - len(DRAFT_SUFFIX) - 3] + DRAFT_SUFFIX
    taken = set(Module.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return next(s for s in (base, *(f"{base}-{n}" for n in range(2, 100))) if s not in taken)


@transaction.atomic
def draft_publish(*, module: Module, user: User) -> list[revisions.Change]:
    """Publish a draft: over the published module it copies, or, for a module never
    published, the module itself. Refused (PublishRefused) when the draft, published,
    would break a content rule; DraftGone when it was published or deleted meanwhile.
    Returns what changed for crew."""
    locked = Module.objects.select_for_update().filter(pk=module.pk).first()
    if locked is None or locked.is_published:
        raise DraftGone
    problems = selectors.publish_problems(locked)
    if problems:
        raise PublishRefused(problems)
    if locked.draft_of_id is None:
        locked.status = Module.Status.PUBLISHED
        locked.save(update_fields=["status"])
        log(user, locked, CHANGE, "Published.")
        return []
    published = Module.objects.select_for_update().get(pk=locked.draft_of_id)
    draft = selectors.bank(locked)
    found = revisions.changes(selectors.version(published), selectors.version(draft))
    copy_row(draft, published, skip=NOT_COPIED).save()
    copy_links(draft, published)
    copy_bank(draft, published)
    Module.objects.filter(pk=draft.pk).delete()
    log(user, published, CHANGE, f"Published its draft: {revisions.summary(found)}.")
    return found


def copy_bank(source: Module, into: Module) -> None:
    """Make ``into``'s slots, questions and choices say what ``source``'s say (``source``
    read with them, as ``selectors.bank`` reads it)."""
    slots = sync(source.slots.all(), into.slots.all(), key="slug", parent=("module", into))
    questions = sync(
        source.questions.all(),
        into.questions.all(),
        key="slug",
        parent=("module", into),
        linked={"slot": slots},
    )
    for question in source.questions.all():
        now = questions[question.pk]
        sync(question.choices.all(), now.choices.all(), key="key", parent=("question", now))


def sync(
    source: Iterable[M],
    target: Iterable[M],
    *,
    key: str,
    parent: tuple[str, models.Model],
    linked: Mapping[str, Mapping[int, models.Model]] | None = None,
) -> dict[int, M]:
    """Make ``target``'s rows say what ``source``'s say, matched by ``key``: each one
    updated in place, those missing added, those left over removed. ``linked`` maps a
    foreign key of the rows (a question's slot) from source rows to target rows.
    Returns each source row's id and the target row it became."""
    remaining = {getattr(row, key): row for row in target}
    linked = linked or {}
    made = {}
    for row in source:
        into = remaining.pop(getattr(row, key), None) or type(row)()
        skip = {"id", parent[0], *linked}
        copy_row(row, into, skip=skip)
        setattr(into, parent[0], parent[1])
        for name, mapping in linked.items():
            setattr(into, name, mapping.get(getattr(row, f"{name}_id")))
        into.save()
        copy_links(row, into)
        made[row.pk] = into
    for row in remaining.values():
        row.delete()
    return made


def copy_row(source: M, into: M, *, skip: Collection[str]) -> M:
    """``into`` with ``source``'s concrete fields, but those in ``skip`` (unsaved)."""
    for field in source._meta.concrete_fields:
        if field.name not in skip:
            setattr(into, field.attname, getattr(source, field.attname))
    return into


def copy_links(source: models.Model, into: models.Model) -> None:
    for field in source._meta.many_to_many:
        getattr(into, field.name).set(getattr(source, field.name).all())


def log(user: User, obj: models.Model, flag: int, message: str) -> None:
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[obj],
        action_flag=flag,
        change_message=message,
        single_object=True,
    )
