"""check_content on the Spanish content: missing, unchecked and stale translations, the
Spanish reading ease and surface cues; warnings until TRANSLATIONS_ENFORCED."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Value
from django.db.models.functions import Concat

from safetyquiz.content.models import Choice, Module
from tests import factories
from tests.spanish import translate

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_content", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def assessment_rules_off(settings: Any) -> None:
    """These small modules are built for their Spanish alone, not to the pool rule and the
    panels that ASSESSMENT_RULES_ENFORCED holds content to: with the setting off, those
    only warn, and what is asserted here is the Spanish."""
    settings.ASSESSMENT_RULES_ENFORCED = False


@pytest.fixture
def module() -> Module:
    return factories.PublishedModuleFactory(slug="spanish", questions=2)


def test_modules_with_no_spanish_are_named_once(module: Module) -> None:
    factories.PublishedModuleFactory(slug="other", questions=1)
    _, err = run()
    assert "- warning: no Spanish yet, so offered in English: other, spanish" in err


def test_a_module_half_translated_says_what_is_missing(module: Module) -> None:
    translate(module, skip=("choice", "feedback"))
    _, err = run()
    assert "module spanish: offered in English until its Spanish is ready: 6 missing" in err
    assert "missing Spanish: choice spanish/" in err


def test_a_translation_nobody_checked_is_named(module: Module) -> None:
    translate(module, stamp=False)
    _, err = run()
    assert "module spanish: unchecked Spanish: module spanish: title;" in err


def test_english_changed_after_the_check_names_the_stale_text(module: Module) -> None:
    translate(module)
    choice = Choice.objects.filter(question__module=module).order_by("pk").first()
    assert choice is not None
    Choice.objects.filter(pk=choice.pk).update(text_en="Reworded in English")
    _, err = run()
    assert f"stale Spanish: choice spanish/{choice.question.slug}/{choice.key}: text" in err


def test_a_module_ready_in_spanish_gets_no_translation_warning(module: Module) -> None:
    translate(module)
    _, err = run()
    assert "module spanish: offered in English" not in err
    assert "no Spanish yet" not in err


def test_spanish_that_reads_above_grade_8_is_named(module: Module) -> None:
    translate(module)
    Module.objects.filter(pk=module.pk).update(
        briefing_es="La responsabilidad administrativa correspondiente a la verificación "
        "sistemática de municiones recae exclusivamente sobre profesionales acreditados"
    )
    _, err = run()
    assert "module spanish: its Spanish briefing read at Fernández-Huerta" in err


def test_surface_cues_are_read_on_the_spanish_words(module: Module) -> None:
    translate(module)
    Choice.objects.filter(question__module=module, is_correct=True).update(
        text_es=Concat("text_es", Value(" con muchas más palabras que las demás opciones"))
    )
    _, err = run()
    assert "- warning: in Spanish: module spanish: the right answer is the longest choice" in err


def test_strict_warns_about_spanish_until_translations_are_enforced(
    module: Module, settings: Any
) -> None:
    settings.TRANSLATIONS_ENFORCED = False
    translate(module, stamp=False)
    before = failing("--strict")
    assert "- warning: module spanish: unchecked Spanish" in before[1]
    settings.TRANSLATIONS_ENFORCED = True
    after = failing("--strict")
    assert "\n- module spanish: unchecked Spanish: module spanish: title" in after[1]
    assert after[0] > before[0]


def failing(*args: str) -> tuple[int, str]:
    """The number of problems check_content failed on, and what it wrote."""
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("check_content", *args, stdout=StringIO(), stderr=err)
    return int(str(error.value).split()[0]), err.getvalue()


def test_spanish_is_not_held_to_the_english_reading_grade(module: Module) -> None:
    """One long sentence of short Spanish words: easy by Fernández-Huerta, above grade 8 by
    the English Flesch-Kincaid grade and its English syllable counts, which do not apply."""
    translate(module)
    Module.objects.filter(pk=module.pk).update(
        briefing_es="Antes de cada toma el armero abre el arma, mira cada bala, se la muestra "
        "al actor y al primer ayudante de dirección y dice en voz alta que no hay en ella "
        "ninguna bala de verdad, y solo así se puede usar en el set"
    )
    _, err = run()
    assert "its Spanish briefing read at Fernández-Huerta" not in err
    assert "in Spanish: module spanish: its briefing read at grade" not in err
