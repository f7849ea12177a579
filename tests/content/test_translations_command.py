"""manage.py translations: stamping checked translations in fixture files, and the glossary
check of a module's Spanish."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from safetyquiz.content import translations
from tests import factories
from tests.spanish import translate

MODULE = {
    "model": "content.module",
    "fields": {
        "slug": "m",
        "title": "Inspect every round",
        "title_es": "Inspeccione cada cartucho",
        "summary": "One line.",
        "briefing": "What this means for you.",
    },
}
QUOTE = {
    "model": "content.excerpt",
    "fields": {"slug": "e", "source": ["s"], "quote": "It was live."},
}


def run(*args: str) -> str:
    out = StringIO()
    call_command("translations", *args, stdout=out)
    return out.getvalue()


def written(path: Path, objects: list) -> Path:
    path.write_text(json.dumps(objects, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return path


def test_stamp_records_the_english_of_each_translated_field_only(tmp_path: Path) -> None:
    path = written(tmp_path / "m.json", [MODULE, QUOTE])
    assert "stamped 1 object." in run("stamp", str(path))
    module, quote = json.loads(path.read_text())
    stamps = module["fields"]["translated_from"]["es"]
    assert set(stamps) == {"title"}  # the summary and briefing have no Spanish yet
    assert translations.text_state("Inspect every round", "x", stamps["title"]) == "ready"
    assert "translated_from" not in quote["fields"]


def test_stamp_keeps_the_file_as_it_was_written_but_for_the_stamps(tmp_path: Path) -> None:
    path = written(tmp_path / "m.json", [MODULE])
    run("stamp", str(path))
    again = path.read_text()
    assert "stamped 0 objects." in run("stamp", str(path))
    assert path.read_text() == again
    assert again.startswith('[\n  {\n    "model": "content.module"')


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = written(tmp_path / "m.json", [MODULE])
    before = path.read_text()
    assert "would stamp 1 object." in run("stamp", "--dry-run", str(path))
    assert path.read_text() == before


@pytest.mark.parametrize("content", ["{not json", '{"model": "content.module"}', "\udcff"])
def test_a_file_that_is_no_fixture_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(CommandError, match="bad.json"):
        run("stamp", str(path))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run("stamp", str(tmp_path / "none.json"))


@pytest.mark.django_db
def test_glossary_lists_the_terms_the_spanish_lacks() -> None:
    module = factories.PublishedModuleFactory(questions=0)
    factories.QuestionFactory(
        module=module,
        prompt="Who loads the blanks?",
        choices=[
            {"key": "a", "text": "The armorer", "is_correct": True},
            {"key": "b", "text": "The actor"},
        ],
    )
    translate(module)
    out = run("glossary", module.slug)
    assert "“blank” without “cartucho de salva”" in out
    assert "“armorer” without “armero / armera”" in out


@pytest.mark.django_db
def test_glossary_refuses_an_unknown_module() -> None:
    with pytest.raises(CommandError, match="nothing-here"):
        run("glossary", "nothing-here")
