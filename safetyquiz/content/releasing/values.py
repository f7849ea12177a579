"""An object's fields as plain JSON values, the form a release and the content here are
compared in (``merging.py``), and those values as an editor reads them.

A foreign key is the id of the object it points to, a many-to-many field the sorted ids;
everything else is the field's value as JSON. Ids stand for objects in one database,
which is where the record of releases lives."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.base import DeserializedObject
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from safetyquiz.content.translations import is_english_copy

Values = dict[str, Any]


def as_json(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def compared_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a release sets and an editor may change: not the id, nor a time the
    database keeps by itself, nor the English copy django-modeltranslation keeps of a
    translated field (``title_en``, always the same as ``title``); its Spanish
    (``title_es``) is a field of its own."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not getattr(field, "auto_now", False)
        and not is_english_copy(field)
    ]


def of_instance(obj: models.Model, m2m: dict[str, list[int]]) -> Values:
    values = {f.name: as_json(f.value_from_object(obj)) for f in compared_fields(type(obj))}
    return values | {name: sorted(ids) for name, ids in m2m.items()}


def of_release(obj: DeserializedObject) -> Values:
    """What the release gives for an object: every field but those it names by an object
    not loaded yet (Django sets those after the load), and the many-to-many fields it
    gives (one left out is left as it is)."""
    deferred = {field.name for field in obj.deferred_fields or {}}
    values = {
        f.name: as_json(f.value_from_object(obj.object))
        for f in compared_fields(type(obj.object))
        if f.name not in deferred
    }
    return values | {name: sorted(ids) for name, ids in (obj.m2m_data or {}).items()}


def defaults(model: type[models.Model]) -> Values:
    """Each field's default: what a field added to the model after a release holds on
    the objects that release loaded, hence what that release is taken to have said."""
    fields = [f for f in compared_fields(model) if not f.is_relation]
    return {f.name: as_json(f.get_default()) for f in fields}


def natural_text(key: Iterable[Any]) -> str:
    return " / ".join(str(part) for part in key)


def shown(model: type[models.Model], name: str, value: Any) -> str:
    """A value as an editor reads it: text as it is, an object by its natural key."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(_named(field.related_model, pk) for pk in value or []) or "(none)"
    if field.is_relation:
        return "(none)" if value is None else _named(field.related_model, value)
    if value is None:
        return "(none)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _named(model: Any, pk: Any) -> str:
    found = model._base_manager.filter(pk=pk).first()
    if found is None:
        return f"#{pk} (gone)"
    return natural_text(found.natural_key()) if hasattr(found, "natural_key") else str(found)
