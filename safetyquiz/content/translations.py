"""Which of the content's texts are ready in Spanish, and which modules are offered in it.

Every text of the content (``translation.TRANSLATED``, and each quote's marked translation)
is ready, missing, unchecked or stale in a language (``translating.py``). A module is
offered in a language only when every text it shows is ready there: its own, its slots',
questions' and choices', its failures', and the translations of every quote it shows.
Otherwise it is shown in English, whole, never half-translated."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import MD5

from .models import Choice, Excerpt, Failure, Module, Question, Slot
from .translating import TextState, fingerprint, text_state
from .translation import TRANSLATED

ENGLISH = "en"
TRANSLATED_INTO = ("es",)  # the languages the content is translated into, beside English

# Each translated model's fields: (the field's name, its English column, its translation's).
# A quote is the one text whose English is the field itself: it stays verbatim.
# (A department's name is translated too, but is no part of a module: it falls back to
# English on its own.)
FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    **{model: TRANSLATED[model] for model in (Module, Slot, Question, Choice, Failure)},
    Excerpt: ("quote",),
}


def is_english_copy(field: models.Field) -> bool:
    """Whether a field is the English column django-modeltranslation adds beside a translated
    field (``title_en``), which always holds what the field itself (``title``) holds: code
    that lists or compares a row's fields counts the field once, and its Spanish apart."""
    return hasattr(field, "translated_field") and getattr(field, "language", None) == ENGLISH


def text_in(obj: models.Model, field: str, language: str) -> str:
    """A translated field's text in ``language`` (its own column, whatever language is
    active), "" where there is none."""
    return getattr(obj, f"{field}_{language}", None) or ""


def english_column(model: type[models.Model], field: str) -> str:
    return field if model is Excerpt else f"{field}_{ENGLISH}"


def translated_column(model: type[models.Model], field: str, language: str) -> str:
    return f"{field}_{language}"


@dataclass(frozen=True)
class Text:
    """One text of the content and its translation into one language."""

    model: str  # "question"
    key: str  # readable: the natural key joined with "/", e.g. "inspect-every-round/q1-count"
    field: str
    english: str
    translated: str
    stamp: str | None

    @property
    def state(self) -> TextState | None:
        return text_state(self.english, self.translated, self.stamp)

    def __str__(self) -> str:
        return f"{self.model} {self.key}: {self.field}"


def key_of(obj: models.Model) -> str:
    natural = obj.natural_key()  # type: ignore[attr-defined]
    return "/".join(reversed(natural)) if len(natural) > 1 else natural[0]


def texts_of(obj: models.Model, language: str) -> Iterator[Text]:
    stamps = (getattr(obj, "translated_from", None) or {}).get(language, {})
    for field in FIELDS[type(obj)]:
        yield Text(
            model=obj._meta.model_name or "",
            key=key_of(obj),
            field=field,
            english=getattr(obj, english_column(type(obj), field)) or "",
            translated=getattr(obj, translated_column(type(obj), field, language)) or "",
            stamp=stamps.get(field),
        )


def rows_of(module: Module) -> Iterator[models.Model]:
    """Every translated row a module shows, each once: the module, its slots, questions and
    choices, its failures, and every quote of the module, its slots and its questions."""
    yield module
    excerpts: dict[int, Excerpt] = {e.pk: e for e in module.excerpts.all()}
    yield from module.failures.all()
    for slot in module.slots.all():
        yield slot
        excerpts.update((e.pk, e) for e in slot.excerpts.all())
    for question in module.questions.all():
        yield question
        yield from question.choices.all()
        excerpts.update((e.pk, e) for e in question.excerpts.all())
    yield from excerpts.values()


def modules_with_texts(modules: QuerySet[Module] | None = None) -> QuerySet[Module]:
    """Modules with every row ``rows_of`` reads, prefetched (eight queries)."""
    return (modules if modules is not None else Module.objects.all()).prefetch_related(
        "excerpts",
        "failures",
        "slots__excerpts",
        "questions__choices",
        "questions__excerpts",
    )


def module_texts(module: Module, language: str) -> list[Text]:
    """Every text the module shows, with its translation into ``language``."""
    return [text for row in rows_of(module) for text in texts_of(row, language)]


def not_ready(texts: Iterable[Text]) -> list[Text]:
    return [t for t in texts if t.state not in (None, TextState.READY)]


# Which modules are offered in a language, asked of the database: one query, whatever the
# size of the content. The same rule as ``text_state``; tests hold the two to each other.


def _not_ready_rows(model: type[models.Model], language: str) -> QuerySet[Any]:
    """The model's rows with a text not ready in ``language``."""
    found = Q()
    annotations: dict[str, Any] = {}
    for field in FIELDS[model]:
        english, translated = (
            english_column(model, field),
            translated_column(model, field, language),
        )
        annotations[f"{field}_stamp"] = KT(f"translated_from__{language}__{field}")
        annotations[f"{field}_made_from"] = MD5(english)
        has_english = Q(**{f"{english}__isnull": False}) & ~Q(**{english: ""})
        untranslated = Q(**{f"{translated}__isnull": True}) | Q(**{translated: ""})
        unstamped = Q(**{f"{field}_stamp__isnull": True})
        changed = ~Q(**{f"{field}_stamp": F(f"{field}_made_from")})
        found |= has_english & (untranslated | unstamped | changed)
    return model._default_manager.order_by().alias(**annotations).filter(found)


def ready_modules(language: str, modules: Collection[int] | None = None) -> set[int]:
    """The ids of the modules (of ``modules``, or all) offered in ``language``: every text
    they show is ready there. English is always ready. One query for another language."""
    every = (
        set(modules) if modules is not None else set(Module.objects.values_list("pk", flat=True))
    )
    if language == ENGLISH or not every:
        return every
    if language not in TRANSLATED_INTO:
        return set()
    paths = [
        (Module, "pk"),
        (Slot, "module_id"),
        (Question, "module_id"),
        (Choice, "question__module_id"),
        (Failure, "modules"),
        (Excerpt, "modules"),
        (Excerpt, "slots__module_id"),
        (Excerpt, "questions__module_id"),
    ]
    parts = [
        _not_ready_rows(model, language).filter(**{f"{path}__in": every}).values_list(path)
        for model, path in paths
    ]
    lacking = {pk for (pk,) in parts[0].union(*parts[1:])}
    return every - lacking


def shown_language(module_id: int, language: str, ready: Collection[int]) -> str:
    """The language a module's texts are shown in: the page's, where the module is offered
    in it, else English."""
    return language if language == ENGLISH or module_id in ready else ENGLISH


# Stamps: what English each translation was made from, recorded once a second reader has
# checked it. In the database (an editor's check) and in fixture files (a translator's).


def stamped(
    stamps: dict[str, Any], language: str, texts: Iterable[tuple[str, str, str]]
) -> dict[str, Any]:
    """``stamps`` (a row's ``translated_from``) with ``language`` stamped for each text
    (field, English, translation) that has a translation, and unstamped for each that has
    none. A new dict; the one given is not changed."""
    mine = dict(stamps.get(language, {}))
    for field, english, translated in texts:
        if translated and english:
            mine[field] = fingerprint(english)
        else:
            mine.pop(field, None)
    result = {k: v for k, v in stamps.items() if k != language}
    if mine:
        result[language] = dict(sorted(mine.items()))
    return result


def stamp_module(module: Module, language: str) -> int:
    """Stamp every translated text of the module as checked, in the database: the number of
    rows whose stamps changed."""
    changed = 0
    for row in rows_of(module):
        texts = [(t.field, t.english, t.translated) for t in texts_of(row, language)]
        new = stamped(row.translated_from, language, texts)  # type: ignore[attr-defined]
        if new != row.translated_from:  # type: ignore[attr-defined]
            type(row)._default_manager.filter(pk=row.pk).update(translated_from=new)
            changed += 1
    return changed
