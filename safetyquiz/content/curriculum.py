"""The published curriculum, held in memory by each process and keyed by the content
version: every change to the content moves the version on in the change's own
transaction, and every read of the curriculum first reads the version (one indexed row),
so the next request on any server sees an edit.

What reads it: the learner's module list, the briefing and the start of an attempt (its
bank, from which the form's snapshots are built). The question page and the answers read
the form recorded with the attempt, not the curriculum. Drafts are never held: a staff
preview of one reads the database."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import F, Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import (
    ContentVersion,
    Excerpt,
    Module,
    Question,
    Release,
    ReleaseConflict,
    ReleasedObject,
)

VERSION_ROW = 1  # the one row of ContentVersion


def new_stamp() -> str:
    return secrets.token_hex(16)


def version() -> ContentVersion:
    """The version's row, made where a database has none (flushed, or never migrated)."""
    row, _ = ContentVersion.objects.get_or_create(pk=VERSION_ROW, defaults={"stamp": new_stamp()})
    return row


def bump() -> None:
    """Move the content version on: call it inside the transaction of any change to the
    content the model signals do not see (``QuerySet.update``, ``bulk_create``, SQL)."""
    moved = ContentVersion.objects.filter(pk=VERSION_ROW).update(
        number=F("number") + 1, stamp=new_stamp(), changed_at=timezone.now()
    )
    if not moved:
        version()


def stored_stamp() -> str:
    """The stamp of the content as stored: one query (two the first time, on an empty
    database)."""
    found = ContentVersion.objects.filter(pk=VERSION_ROW).values_list("stamp", flat=True)
    return found.first() or version().stamp


@dataclass(frozen=True)
class Curriculum:
    """The published modules, in the course's order, each with its briefing's quotes,
    failures and departments, its slots, and its bank: questions with their slot, choices
    and quotes. Shared by every request of the process: read it, never change it."""

    stamp: str
    modules: tuple[Module, ...]
    by_slug: dict[str, Module] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_slug", {m.slug: m for m in self.modules})

    def module(self, slug: str) -> Module | None:
        return self.by_slug.get(slug)

    def module_by_id(self, pk: int) -> Module | None:
        return next((m for m in self.modules if m.pk == pk), None)

    def holds(self, module: Module) -> bool:
        """Whether ``module`` is this curriculum's own instance (its bank is loaded)."""
        return self.by_slug.get(module.slug) is module


def load(stamp: str) -> Curriculum:
    """The published curriculum as stored now (eight queries)."""
    quotes = Excerpt.objects.select_related("source")
    bank = Question.objects.select_related("slot").prefetch_related(
        "choices", Prefetch("excerpts", quotes)
    )
    modules = Module.objects.published().prefetch_related(
        Prefetch("excerpts", quotes),
        "failures",
        "departments",
        "slots",
        Prefetch("questions", bank),
    )
    return Curriculum(stamp, tuple(modules))


class Held:
    """The curriculum one process holds, loaded again when the stored version moves on."""

    def __init__(self) -> None:
        self.curriculum: Curriculum | None = None

    def current(self) -> Curriculum:
        return self.at(stored_stamp())  # read first: what is loaded is at least this new

    def at(self, stamp: str) -> Curriculum:
        """The curriculum of a version read in another query (no query while it stands)."""
        held = self.curriculum
        if held is None or held.stamp != stamp:
            held = self.curriculum = load(stamp)
        return held

    def bank_of(self, module: Module) -> list[Question] | None:
        """The module's questions, if the module came from this process's curriculum."""
        held = self.curriculum
        if held is not None and held.holds(module):
            return list(module.questions.all())
        return None


PROCESS = Held()


def current() -> Curriculum:
    return PROCESS.current()


def bank_of(module: Module) -> list[Question] | None:
    return PROCESS.bank_of(module)


def module_at(stamp: str | None, pk: int) -> Module | None:
    """The published module ``pk`` as of the version ``stamp`` read in another query."""
    return None if stamp is None else PROCESS.at(stamp).module_by_id(pk)


# Every change the model signals see moves the version on, in the change's transaction.


def _changed(sender: type[models.Model], **kwargs: Any) -> None:
    bump()


def _relinked(sender: type[models.Model], action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


# The content app's own records, which no learner reads.
RECORDS = (ContentVersion, Release, ReleaseConflict, ReleasedObject)


def content_models() -> Iterable[type[models.Model]]:
    return (m for m in apps.get_app_config("content").get_models() if m not in RECORDS)


def connect() -> None:
    """Connect the signals for each content model (never for every model: a receiver for
    all senders would turn off Django's fast deletes everywhere)."""
    for model in content_models():
        uid = f"content-version:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}:delete")
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(_relinked, sender=through, dispatch_uid=f"{uid}:{m2m.name}")
