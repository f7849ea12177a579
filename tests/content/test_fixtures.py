"""The content fixtures as `make run` loads them: they pass check_content, loading them
twice changes nothing, and every article names its text."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from safetyquiz.content.models import Choice, Excerpt, Failure, Module, Question, Source
from tests.conftest import FIXTURES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curriculum")]


def counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count() for m in (Source, Excerpt, Failure, Module, Question, Choice)
    }


def test_all_fixtures_load_and_pass_check_content(capsys: Any) -> None:
    call_command("check_content")
    out = capsys.readouterr().out
    assert out.startswith("Content OK:")
    assert Module.objects.published().count() >= 2
    assert Source.objects.count() >= 4


def test_loading_the_fixtures_twice_changes_nothing() -> None:
    before = counts()
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert counts() == before


def test_every_article_source_names_a_document_that_exists(settings: Any) -> None:
    if not Path(settings.SOURCES_DIR).is_dir():
        pytest.skip("the source texts are not beside this checkout (CI has them)")
    for source in Source.objects.filter(kind=Source.Kind.ARTICLE):
        assert (Path(settings.SOURCES_DIR) / source.document).is_file(), source.slug
