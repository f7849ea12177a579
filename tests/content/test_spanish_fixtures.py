"""A module's fixture with its Spanish written beside the English (`<field>_es`, as
fixtures/FORMAT.md tells translators), stamped with `manage.py translations stamp`, loads
with loaddata and offers the module in Spanish; a fixture with its Spanish but no stamp
loads too, and keeps the module in English."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from safetyquiz.content import translations
from safetyquiz.content.models import Choice, Module, Question
from tests.conftest import FIXTURES
from tests.spanish import MARK, spanish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curriculum")]

SLUG = "inspect-every-round"


def with_spanish(path: Path, into: Path) -> Path:
    """The fixture file with a Spanish text beside every English one it has, and no stamp
    (the course's own fixtures carry theirs)."""
    objects = json.loads(path.read_text("utf-8"))
    for obj in objects:
        model = apps.get_model(obj["model"])
        fields = obj["fields"]
        fields.pop("translated_from", None)
        for field in translations.FIELDS.get(model, ()):
            if fields.get(field):
                fields[f"{field}_es"] = spanish(fields[field])
    into.write_text(json.dumps(objects, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return into


def files(tmp_path: Path) -> list[Path]:
    module = next(Path(f) for f in FIXTURES if SLUG in str(f))
    reference = next(Path(f) for f in FIXTURES if "00_reference" in str(f))
    return [
        with_spanish(reference, tmp_path / reference.name),
        with_spanish(module, tmp_path / module.name),
    ]


def loaded(paths: list[Path]) -> Module:
    call_command("loaddata", *map(str, paths), verbosity=0)
    return Module.objects.get(slug=SLUG)


def test_a_stamped_module_fixture_in_two_languages_is_offered_in_spanish(
    tmp_path: Path,
) -> None:
    paths = files(tmp_path)
    call_command("translations", "stamp", *map(str, paths), stdout=StringIO())
    module = loaded(paths)
    assert module.pk in translations.ready_modules("es", [module.pk])
    question = Question.objects.filter(module=module).first()
    assert question is not None
    row: Any = Question.objects.values("prompt_en", "prompt_es").get(pk=question.pk)
    assert row["prompt_es"] == f"{MARK} {row['prompt_en']}"
    # A choice is one object, its key the same in both languages.
    choice: Any = Choice.objects.filter(question=question).values("key", "text_es").first()
    assert choice["text_es"].startswith(MARK)


def test_an_unstamped_fixture_loads_and_keeps_the_module_in_english(tmp_path: Path) -> None:
    module = loaded(files(tmp_path))
    assert Question.objects.filter(module=module, prompt_es__startswith=MARK).exists()
    assert module.pk not in translations.ready_modules("es", [module.pk])
