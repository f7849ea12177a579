"""A content release loaded into the content as edited here: each fixture entry merged
with the object it names (``merging.py``), what the release dropped removed on request,
every conflict reported and recorded, and what the release said of each object kept for
the next release to be compared with.

``ReleaseLoad.take`` decides, entry by entry, what ``loaddata`` saves: Django's
deserializer builds the object, and the fields kept as edited here are put back on it
before it is saved."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core import serializers
from django.core.serializers.base import DeserializedObject
from django.db import models
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from .. import merging
from ..merging import Fate, Outcome
from ..models import Release, ReleaseConflict, ReleasedObject
from . import identities, values
from .identities import Identity

DELETED = "(deleted here)"
DROPPED = "(not in the release)"
UNRECORDED = "(here before releases were recorded)"


def digest(entries: Iterable[dict[str, Any]]) -> str:
    """The release's fingerprint: its entries in order, however the files are laid out."""
    hashed = hashlib.sha256()
    for entry in entries:
        hashed.update(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode())
        hashed.update(b"\n")
    return hashed.hexdigest()


def loaded_before(fingerprint: str) -> Release | None:
    return Release.objects.filter(digest=fingerprint).first()


@dataclass
class Conflict:
    model: type[models.Model]
    ident: Identity
    name: str
    field: str  # "" for the object as a whole
    local: str
    theirs: str
    kept: str  # Release.Took


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept_local: int = 0  # fields changed here that the release left as they were
    kept_deleted: int = 0  # objects deleted here that the release still holds
    conflicts: list[Conflict] = field(default_factory=list)


class ReleaseLoad:
    def __init__(self, *, using: str, theirs_wins: bool, ignore: bool) -> None:
        self.using = using
        self.theirs_wins = theirs_wins
        self.ignore = ignore
        self.names = identities.Identities(using)
        self.bases = {(r.model, r.key): r for r in ReleasedObject.objects.using(using).order_by()}
        self.first = not Release.objects.using(using).exists()  # no release recorded here yet
        self.held: dict[Identity, values.Values] = {}  # what this release says of each
        self.kept_deleted: set[Identity] = set()
        self.recreated: set[Identity] = set()
        self.local_rows: dict[type[models.Model], dict[Any, models.Model]] = {}
        self.local_m2m: dict[type[models.Model], dict[str, dict[Any, list[int]]]] = {}
        self.tally = Tally()

    @property
    def kept(self) -> str:
        return Release.Took.RELEASE if self.theirs_wins else Release.Took.LOCAL

    # Entry by entry

    def take(self, entry: dict[str, Any]) -> DeserializedObject | None:
        """The object to save for a fixture entry, merged with the one here; None when
        nothing is to be saved."""
        model = identities.model_of(entry.get("model"))
        ident = self.names.of_entry(model, entry)
        linked = self.without_kept_deleted(model, entry)
        if linked is None:  # it hangs from an object kept deleted here, so it goes too
            if ident is not None:
                self.kept_deleted.add(ident)
            return None
        obj = self.deserialized(linked)
        if obj is None:
            return None
        if ident is None:
            self.tally.added += 1
            return obj
        theirs = values.of_release(obj)
        self.held[ident] = theirs
        base = self.base_of(model, ident)
        here = self.local(model, obj.object.pk)
        local = None if here is None else self.values_here(here)
        fate = merging.fate(base=base, local=local, theirs=theirs)
        if fate is Fate.MERGE:
            assert here is not None and local is not None
            return self.merged(obj, ident, here, base, local, theirs)
        if fate is Fate.DELETED_HERE_CONFLICT:
            self.conflict(model, ident, "", DELETED, "(changed by the release)")
        if fate is Fate.ADD or self.recreates(model, entry, fate):
            self.recreated.add(ident)
            self.tally.added += 1
            return obj
        self.kept_deleted.add(ident)
        self.tally.kept_deleted += 1
        return None

    def recreates(self, model: type[models.Model], entry: dict[str, Any], fate: Fate) -> bool:
        """Whether an object deleted here comes back: the release changed it and wins the
        conflicts, or an object it hangs from came back."""
        if fate is Fate.DELETED_HERE_CONFLICT and self.theirs_wins:
            return True
        return any(parent in self.recreated for parent in self.parents(model, entry))

    def merged(
        self,
        obj: DeserializedObject,
        ident: Identity,
        here: models.Model,
        base: values.Values | None,
        local: values.Values,
        theirs: values.Values,
    ) -> DeserializedObject | None:
        model = type(here)
        changes = merging.merge_fields(base=base, local=local, theirs=theirs)
        for change in changes:
            if change.outcome is Outcome.CONFLICT:
                self.conflict(
                    model,
                    ident,
                    change.field,
                    values.shown(model, change.field, change.local),
                    values.shown(model, change.field, change.theirs),
                    here,
                )
            if change.outcome is Outcome.LOCAL:
                self.tally.kept_local += 1
        taken = [c for c in changes if c.takes_release(self.theirs_wins)]
        for change in changes:
            if change.outcome is not Outcome.SAME and change not in taken:
                keep_here(obj, here, change.field)
        if not taken and not obj.deferred_fields:
            self.tally.unchanged += 1
            return None
        self.tally.updated += 1
        return obj

    def conflict(
        self,
        model: type[models.Model],
        ident: Identity,
        name: str,
        local: str,
        theirs: str,
        here: models.Model | None = None,
    ) -> None:
        shown = str(here) if here is not None else values.natural_text(identities.key_of(ident))
        self.tally.conflicts.append(
            Conflict(model, ident, shown[:300], name, local, theirs, self.kept)
        )

    # What is here

    def base_of(self, model: type[models.Model], ident: Identity) -> values.Values | None:
        record = self.bases.get(ident)
        if record is None:
            return None
        return values.defaults(model) | record.values

    def local(self, model: type[models.Model], pk: Any) -> models.Model | None:
        if pk is None:
            return None
        if model not in self.local_rows:
            manager = model._base_manager.using(self.using)
            self.local_rows[model] = {obj.pk: obj for obj in manager.order_by()}
            self.local_m2m[model] = {
                m2m.name: links(m2m, self.using) for m2m in model._meta.many_to_many
            }
        return self.local_rows[model].get(pk)

    def values_here(self, obj: models.Model) -> values.Values:
        m2m = self.local_m2m[type(obj)]
        return values.of_instance(obj, {name: ids.get(obj.pk, []) for name, ids in m2m.items()})

    def deserialized(self, entry: dict[str, Any]) -> DeserializedObject | None:
        found = serializers.deserialize(
            "python",
            [entry],
            using=self.using,
            ignorenonexistent=self.ignore,
            handle_forward_references=True,
        )
        return next(iter(found), None)

    def parents(self, model: type[models.Model], entry: dict[str, Any]) -> list[Identity]:
        """The objects a fixture entry's required foreign keys name."""
        fields = entry.get("fields", {})
        return [
            identities.identity(f.related_model, fields[f.name])  # type: ignore[arg-type]
            for f in model._meta.concrete_fields
            if f.is_relation and not f.null and isinstance(fields.get(f.name), list)
        ]

    def without_kept_deleted(
        self, model: type[models.Model], entry: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The entry without its links to objects kept deleted here: None if it cannot
        stand without one (a required foreign key)."""
        if not self.kept_deleted:
            return entry
        fields = dict(entry.get("fields", {}))
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            value = fields.get(f.name)
            if not f.is_relation or not isinstance(value, list):
                continue
            target = f.related_model
            if f.many_to_many:
                fields[f.name] = [
                    key
                    for key in value
                    if not isinstance(key, list)
                    or identities.identity(target, key) not in self.kept_deleted  # type: ignore[arg-type]
                ]
            elif identities.identity(target, value) in self.kept_deleted:  # type: ignore[arg-type]
                if not f.null:
                    return None
                fields[f.name] = None
        return {**entry, "fields": fields}

    # What the release dropped

    def prune(self) -> None:
        """Remove what the previous releases held and this one does not, unless it was
        changed here (a conflict), it hangs from an object kept, or removing it would
        take with it something kept: this release's, made here, or kept for a reason."""
        doomed: dict[Identity, models.Model] = {}
        kept: set[Identity] = set()
        for ident, record in self.bases.items():
            if ident in self.held or ident in self.kept_deleted:
                continue
            model, here = self.found(ident)
            if model is None or here is None:
                continue
            base = values.defaults(model) | record.values
            fate = merging.fate(base=base, local=self.values_of(here), theirs=None)
            if fate is Fate.DROPPED_CONFLICT:
                self.conflict(model, ident, "", "(changed here)", DROPPED, here)
            if fate is Fate.REMOVE or (fate is Fate.DROPPED_CONFLICT and self.theirs_wins):
                doomed[ident] = here
            else:
                kept.add(ident)
        if self.first:
            self.prune_unrecorded(doomed, kept)
        while moved := self.spared(doomed, kept):
            for ident in moved:
                del doomed[ident]
            kept |= moved
        for here in doomed.values():
            if type(here)._base_manager.using(self.using).filter(pk=here.pk).exists():
                here.delete()  # an object it hung from may have taken it already
        self.tally.removed += len(doomed)

    def prune_unrecorded(self, doomed: dict[Identity, models.Model], kept: set[Identity]) -> None:
        """On the first release recorded here, what the content holds of the kinds the
        release has and the release does not: nothing says whether an earlier release
        or an editor made it, so each is a conflict, removed with --theirs. What hangs
        from another such object goes with it, unreported."""
        found = dict(self.unrecorded())
        for ident, here in found.items():
            if not any(parent in found for parent in parents_of(here)):
                self.conflict(type(here), ident, "", UNRECORDED, DROPPED, here)
            if self.theirs_wins:
                doomed[ident] = here
            else:
                kept.add(ident)

    def unrecorded(self) -> Iterable[tuple[Identity, models.Model]]:
        kinds = {label for label, _ in self.held}
        for label in sorted(kinds):
            model = identities.model_of(label)
            for here in model._base_manager.using(self.using).select_related().order_by("pk"):
                ident = identities.of_object(here)
                if ident is not None and ident not in self.held and ident not in self.bases:
                    yield ident, here

    def spared(self, doomed: dict[Identity, models.Model], kept: set[Identity]) -> set[Identity]:
        """The doomed objects to keep after all: those whose removal would take something
        that stays, those that hang from an object that stays, those still referred to."""
        spared = set()
        for ident, here in doomed.items():
            if any(parent in kept for parent in parents_of(here)):
                spared.add(ident)
                continue
            try:
                others = [
                    o
                    for o in also_deleted(here, self.using)
                    if identities.of_object(o) not in doomed
                ]
            except (ProtectedError, RestrictedError) as error:
                kinds = sorted({str(type(o)._meta.verbose_name_plural) for o in error.args[1]})
                self.conflict(
                    type(here), ident, "", f"(kept: {', '.join(kinds)} refer to it)", DROPPED, here
                )
                spared.add(ident)
                continue
            if others and not self.theirs_wins:
                what = ", ".join(sorted({str(type(o)._meta.verbose_name) for o in others}))
                shown = f"(kept: removing it would remove {what} too)"
                self.conflict(type(here), ident, "", shown, DROPPED, here)
                spared.add(ident)
        return spared

    def found(self, ident: Identity) -> tuple[type[models.Model] | None, models.Model | None]:
        try:
            model = identities.model_of(ident[0])
        except Exception:
            return None, None  # a kind of object that no longer exists
        key = identities.key_of(ident)
        manager = model._base_manager.using(self.using)
        if isinstance(key, dict):
            return model, manager.filter(pk=key.get("pk")).first()
        return model, identities.by_natural_key(model, key, self.using)

    def values_of(self, obj: models.Model) -> values.Values:
        m2m = {
            f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True))
            for f in type(obj)._meta.many_to_many
        }
        return values.of_instance(obj, m2m)

    # The record

    def record(self, *, digest: str, fixtures: Sequence[str], pruned: bool) -> Release:
        tally = self.tally
        release = Release.objects.using(self.using).create(
            digest=digest,
            fixtures="\n".join(fixtures),
            conflicts_took=self.kept,
            pruned=pruned,
            added=tally.added,
            updated=tally.updated,
            unchanged=tally.unchanged,
            removed=tally.removed,
            conflict_count=len(tally.conflicts),
        )
        ReleaseConflict.objects.using(self.using).bulk_create(
            ReleaseConflict(
                release=release,
                model=c.model._meta.label_lower,
                key=c.ident[1][:300],
                object_name=c.name,
                field=c.field,
                local=c.local,
                theirs=c.theirs,
                kept=c.kept,
            )
            for c in tally.conflicts
        )
        records = ReleasedObject.objects.using(self.using)
        records.bulk_create(
            [
                ReleasedObject(model=model, key=key, values=held, release=release)
                for (model, key), held in self.held.items()
            ],
            update_conflicts=True,
            unique_fields=["model", "key"],
            update_fields=["values", "release"],
        )
        if pruned:  # what was removed, and what was already gone, is no longer released
            gone = [
                ident for ident in self.bases if ident not in self.held and not self.exists(ident)
            ]
            for model, key in gone:
                records.filter(model=model, key=key).delete()
        return release

    def exists(self, ident: Identity) -> bool:
        return self.found(ident)[1] is not None


def keep_here(obj: DeserializedObject, here: models.Model, name: str) -> None:
    """Put the value here back on the object about to be saved."""
    kept: Any = type(here)._meta.get_field(name)
    if kept.many_to_many:
        (obj.m2m_data or {}).pop(name, None)  # left out, the links stay as they are
    else:
        setattr(obj.object, kept.attname, getattr(here, kept.attname))


def links(m2m: Any, using: str) -> dict[Any, list[int]]:
    through = m2m.remote_field.through
    source = through._meta.get_field(m2m.m2m_field_name()).attname
    target = through._meta.get_field(m2m.m2m_reverse_field_name()).attname
    found: dict[Any, list[int]] = defaultdict(list)
    for owner, linked in through._base_manager.using(using).values_list(source, target):
        found[owner].append(linked)
    return found


def parents_of(obj: models.Model) -> list[Identity]:
    """The objects an object hangs from: those its required foreign keys point to."""
    found = []
    for link in type(obj)._meta.concrete_fields:
        if link.is_relation and not link.null:
            parent = getattr(obj, link.name)
            if (ident := identities.of_object(parent)) is not None:
                found.append(ident)
    return found


def also_deleted(obj: models.Model, using: str) -> list[models.Model]:
    """The objects of kinds with natural keys that deleting ``obj`` would delete too: those
    the collector reads, and those it would delete in one query (with no signal to send)."""
    collector = Collector(using=using)
    collector.collect([obj])
    found: list[models.Model] = [o for objs in collector.data.values() for o in objs]
    for batch in collector.fast_deletes:
        found += list(batch)
    return [
        other
        for other in found
        if identities.has_natural_key(type(other))
        and not (type(other) is type(obj) and other.pk == obj.pk)
    ]
