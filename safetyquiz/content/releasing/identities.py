"""Which object a fixture's entry is, by the natural key it would have once loaded, worked
out from the fixtures themselves: so an object deleted here is still recognised when a
release holds it, and so are the objects that hang from it."""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.core.serializers.base import DeserializationError
from django.db import models

# A kind of object and its key: ("content.choice", '["a", "q1", "cold-is-a-claim"]'), or
# for an object a fixture names by id, ("app.model", '{"pk": 4}').
Identity = tuple[str, str]


def model_of(label: Any) -> type[models.Model]:
    try:
        return apps.get_model(label)
    except (LookupError, TypeError, ValueError):
        raise DeserializationError(f"Invalid model identifier: '{label}'") from None


def has_natural_key(model: type[models.Model]) -> bool:
    manager = model._default_manager
    return hasattr(manager, "get_by_natural_key") and hasattr(model, "natural_key")


def identity(model: type[models.Model], key: Any) -> Identity:
    return (model._meta.label_lower, json.dumps(list(key) if isinstance(key, tuple) else key))


def key_of(ident: Identity) -> Any:
    return json.loads(ident[1])


def by_natural_key(model: type[models.Model], key: Any, using: str) -> models.Model | None:
    manager: Any = model._default_manager.db_manager(using)
    try:
        return manager.get_by_natural_key(*key)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        return None


def of_object(obj: models.Model) -> Identity | None:
    """The identity of an object in the database (None for a kind without natural keys)."""
    if not has_natural_key(type(obj)):
        return None
    return identity(type(obj), obj.natural_key())  # type: ignore[attr-defined]


class Identities:
    """Natural keys of fixture entries, from their fields: an entry's foreign keys name
    other entries (or objects already here) by their natural keys, so an unsaved copy of
    it, linked to unsaved copies of those, answers ``natural_key()`` as the saved object
    would."""

    def __init__(self, using: str) -> None:
        self.using = using
        self.entries: dict[Identity, tuple[type[models.Model], dict[str, Any]]] = {}
        self.built: dict[Identity, models.Model | None] = {}

    def of_entry(self, model: type[models.Model], entry: dict[str, Any]) -> Identity | None:
        """The entry's identity (None for an entry without a key: it is always new), and
        the entry remembered, for the entries that name it."""
        if "pk" in entry:
            return (model._meta.label_lower, json.dumps({"pk": entry["pk"]}))
        if not has_natural_key(model):
            return None
        ident = identity(model, self.unsaved(model, entry.get("fields", {})).natural_key())  # type: ignore[attr-defined]
        self.entries[ident] = (model, entry.get("fields", {}))
        return ident

    def unsaved(self, model: type[models.Model], fields: dict[str, Any]) -> models.Model:
        obj = model()
        for field in model._meta.concrete_fields:
            if field.name not in fields or field.primary_key:
                continue
            value = fields[field.name]
            if field.is_relation:
                target = field.related_model
                if isinstance(value, list) and has_natural_key(target):  # type: ignore[arg-type]
                    related = self.named(target, value)  # type: ignore[arg-type]
                    if related is not None:
                        setattr(obj, field.name, related)
                else:
                    setattr(obj, field.attname, value)
            else:
                setattr(obj, field.attname, field.to_python(value))
        return obj

    def named(self, model: type[models.Model], key: list[Any]) -> models.Model | None:
        """The object a natural key names: the fixture entry that has it, else the object
        here, else None."""
        ident = identity(model, key)
        if ident not in self.built:
            if ident in self.entries:
                entry_model, fields = self.entries[ident]
                self.built[ident] = self.unsaved(entry_model, fields)
            else:
                self.built[ident] = by_natural_key(model, key, self.using)
        return self.built[ident]
