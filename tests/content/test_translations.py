"""Which texts are ready in Spanish, and which modules are offered in it: the database's
answer (one query) held to the rule's, text by text."""

import pytest
from django.db import models

from safetyquiz.content import translations
from safetyquiz.content.models import Choice, Excerpt, Module, Question, Slot
from safetyquiz.content.translating import TextState
from tests import factories
from tests.spanish import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def module() -> Module:
    module = factories.PublishedModuleFactory()
    module.failures.add(factories.FailureFactory(description="Nobody checked the rounds."))
    slot = factories.SlotFactory(module=module, teaching_point="Only the armorer says.")
    slot.excerpts.add(factories.ExcerptFactory())
    question = factories.QuestionFactory(module=module, slot=slot)
    question.excerpts.add(factories.ExcerptFactory(quote="It was loaded."))
    module.excerpts.add(factories.ExcerptFactory(quote="Nobody checked."))
    return module


def agree(module: Module) -> bool:
    """Whether the database and the rule say the same of the module, and what."""
    by_rule = not translations.not_ready(
        translations.module_texts(translations.modules_with_texts().get(pk=module.pk), "es")
    )
    by_database = module.pk in translations.ready_modules("es", [module.pk])
    assert by_rule == by_database
    return by_database


def test_english_is_always_offered(module: Module) -> None:
    assert translations.ready_modules("en", [module.pk]) == {module.pk}


def test_a_module_nobody_translated_is_not_offered_in_spanish(module: Module) -> None:
    assert not agree(module)


def test_a_module_translated_and_checked_whole_is_offered(module: Module) -> None:
    translate(module)
    assert agree(module)


def test_a_translation_nobody_checked_is_not_offered(module: Module) -> None:
    translate(module, stamp=False)
    assert not agree(module)
    texts = translations.module_texts(translations.modules_with_texts().get(pk=module.pk), "es")
    assert {t.state for t in translations.not_ready(texts)} == {TextState.UNCHECKED}


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("module", "briefing"),
        ("slot", "teaching_point"),
        ("question", "explanation"),
        ("choice", "feedback"),
        ("failure", "description"),
        ("excerpt", "quote"),
    ],
)
def test_one_text_left_untranslated_keeps_the_module_in_english(
    module: Module, model: str, field: str
) -> None:
    translate(module, skip=(model, field))
    assert not agree(module)


@pytest.mark.parametrize(
    ("model", "column"),
    [
        (Module, "summary_en"),
        (Slot, "objective_en"),
        (Question, "prompt_en"),
        (Choice, "text_en"),
        (Excerpt, "quote"),
    ],
)
def test_english_changed_after_the_check_is_stale(
    module: Module, model: type[models.Model], column: str
) -> None:
    translate(module)
    row = _rows(module, model)[0]
    model._default_manager.filter(pk=row.pk).update(**{column: getattr(row, column) + " Changed."})
    assert not agree(module)
    texts = translations.module_texts(translations.modules_with_texts().get(pk=module.pk), "es")
    assert [t.state for t in translations.not_ready(texts)] == [TextState.STALE]


def test_a_text_with_no_english_needs_no_spanish(module: Module) -> None:
    Choice.objects.filter(question__module=module).update(feedback_en="")
    translate(module)
    assert agree(module)


def test_the_check_is_one_query_whatever_the_modules(
    module: Module, django_assert_num_queries
) -> None:
    others = [factories.PublishedModuleFactory().pk for _ in range(3)]
    with django_assert_num_queries(1):
        translations.ready_modules("es", [module.pk, *others])


def test_stamping_again_changes_nothing(module: Module) -> None:
    translate(module)
    again = translations.modules_with_texts().get(pk=module.pk)
    assert translations.stamp_module(again, "es") == 0


def _rows(module: Module, model: type[models.Model]) -> list[models.Model]:
    loaded = translations.modules_with_texts().get(pk=module.pk)
    return [row for row in translations.rows_of(loaded) if type(row) is model]
