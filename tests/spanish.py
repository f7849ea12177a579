"""A Spanish module built in the tests, for as long as the course's own Spanish is still to
come: every text of a module given a Spanish translation (marked so the tests can tell it
from the English), and stamped as checked."""

from __future__ import annotations

from safetyquiz.content import translations
from safetyquiz.content.models import Module

MARK = "ES·"  # what each test translation starts with


def spanish(english: str) -> str:
    """The test's Spanish for a text: each of its lines marked (objectives are one a line)."""
    return "\n".join(f"{MARK} {line}" if line.strip() else line for line in english.split("\n"))


def translate(module: Module, *, stamp: bool = True, skip: tuple[str, str] | None = None) -> Module:
    """Give every text the module shows a Spanish translation, in the database; stamp them
    as checked unless ``stamp`` is False. ``skip`` = (model name, field) leaves that text
    untranslated, on every row of that model."""
    module = translations.modules_with_texts().get(pk=module.pk)
    for row in translations.rows_of(module):
        model = type(row)
        updates = {}
        for field in translations.FIELDS[model]:
            if skip == (model._meta.model_name, field):
                continue
            english = getattr(row, translations.english_column(model, field))
            if english:
                updates[translations.translated_column(model, field, "es")] = spanish(english)
        model._default_manager.filter(pk=row.pk).update(**updates)
    module = translations.modules_with_texts().get(pk=module.pk)
    if stamp:
        translations.stamp_module(module, "es")
    return Module.objects.get(pk=module.pk)
