"""What ``check_content`` says of the Spanish content (fixtures/FORMAT.md, "Translations").

Per published module: the texts whose Spanish is missing, unchecked or stale, while any is;
the reading ease of its Spanish briefing, prompts and feedback, once it has any (Fernández-
Huerta, 60 or more: grade 8); and, for each module offered in Spanish, the item-quality
measures read on its Spanish words (a length cue in English may not be one in Spanish, and
the other way round). Warnings until ``TRANSLATIONS_ENFORCED``; then errors under --strict."""

from __future__ import annotations

from collections import Counter

from django.conf import settings

from safetyquiz.content import translations
from safetyquiz.content.models import Module
from safetyquiz.content.readability import (
    SPANISH_EASE_GRADE_8,
    fernandez_huerta,
    spanish_reading_of,
)
from safetyquiz.content.translating import TextState

from .banks import course_banks
from .quality import Thresholds, assess_course

LANGUAGE = "es"
LISTED = 5  # texts named per state; the rest are counted

# The parts of a module measured for reading, as in English: (model, field) -> part.
PARTS = {
    ("module", "briefing"): "briefing",
    ("question", "prompt"): "prompts",
    ("question", "explanation"): "feedback",
    ("choice", "feedback"): "feedback",
}


def spanish_findings() -> list[str]:
    modules = list(
        translations.modules_with_texts(Module.objects.published().order_by("order", "slug"))
    )
    findings: list[str] = []
    untranslated = []
    for module in modules:
        texts = translations.module_texts(module, LANGUAGE)
        if not any(t.translated for t in texts if t.state is not None):
            untranslated.append(module.slug)
            continue
        findings += _states(module, texts)
        findings += _reading(module, texts)
    if untranslated:
        findings.insert(0, f"no Spanish yet, so offered in English: {', '.join(untranslated)}")
    ready = translations.ready_modules(LANGUAGE, [m.pk for m in modules])
    banks = [bank for bank in course_banks(language=LANGUAGE) if bank.id in ready]
    if banks:
        # Without the English reading grade: the Spanish is read by Fernández-Huerta above.
        limits = Thresholds.from_settings(settings.QUALITY)
        quality = assess_course(banks, limits, graded=False)
        findings += [f"in Spanish: {finding}" for finding in quality.findings]
    return findings


def _states(module: Module, texts: list[translations.Text]) -> list[str]:
    pending = translations.not_ready(texts)
    if not pending:
        return []
    needed = sum(1 for t in texts if t.state is not None)
    counts = Counter(t.state for t in pending)
    if counts[TextState.MISSING] == needed:
        return [
            f"module {module.slug}: no Spanish yet ({needed} texts), so it is offered in English"
        ]
    lines = [
        f"module {module.slug}: offered in English until its Spanish is ready: "
        + ", ".join(f"{counts[s]} {s}" for s in TextState if counts[s])
        + f" of {needed} texts"
    ]
    for state in (TextState.STALE, TextState.UNCHECKED, TextState.MISSING):
        named = [t for t in pending if t.state is state]
        if named:
            more = f" and {len(named) - LISTED} more" if len(named) > LISTED else ""
            listed = "; ".join(str(t) for t in named[:LISTED])
            lines.append(f"module {module.slug}: {state} Spanish: {listed}{more}")
    return lines


def _reading(module: Module, texts: list[translations.Text]) -> list[str]:
    by_part: dict[str, list[str]] = {}
    for text in texts:
        part = PARTS.get((text.model, text.field))
        if part and text.translated:
            by_part.setdefault(part, []).append(text.translated)
    found = []
    for part, spanish in by_part.items():
        ease = fernandez_huerta(spanish_reading_of(spanish))
        if ease < SPANISH_EASE_GRADE_8:
            found.append(
                f"module {module.slug}: its Spanish {part} read at Fernández-Huerta {ease:g} "
                f"(at least {SPANISH_EASE_GRADE_8:g}, grade 8)"
            )
    return found
