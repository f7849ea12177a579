import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import CommandError as BaseCommandError

from safetyquiz.content.models import Choice, Excerpt, Failure, Module, Question, Source
from tests import factories

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count() for m in (Source, Excerpt, Failure, Module, Question, Choice)
    }


def test_check_content_lists_every_problem_and_fails(
    capsys: Any, tmp_path: Path, settings: Any
) -> None:
    texts = tmp_path / "sources"  # the quote check needs the article's text, here made up
    texts.mkdir()
    (texts / "002_41486f725f8f5c69.txt").write_text("Someone said a different sentence.")
    settings.SOURCES_DIR = texts
    module = factories.PublishedModuleFactory(slug="broken-module", questions=0)
    slot = factories.PooledSlotFactory(module=module)  # its pools are not what is broken
    factories.ModuleFactory(slug="empty-published", status=Module.Status.PUBLISHED)
    question = factories.QuestionFactory(module=module, slot=slot, slug="two-right")
    question.choices.update(is_correct=True)
    ordering = factories.QuestionFactory(module=module, slot=slot, slug="gappy", kind="ordering")
    ordering.choices.filter(key="a").update(position=9)
    factories.ExcerptFactory(slug="made-up", quote="Nobody ever said this sentence.")
    with pytest.raises(BaseCommandError) as error:
        call_command("check_content")
    err = capsys.readouterr().err
    assert "module broken-module, question two-right: needs exactly one right choice (has 3)" in err
    assert "module broken-module, question gappy: positions must be 1 to 4" in err
    assert (
        "module empty-published: a published module needs at least one certifying question" in err
    )
    assert "excerpt made-up: not verbatim in 002_41486f725f8f5c69.txt" in err
    assert str(error.value).startswith("4 problems in")


def test_check_content_with_a_missing_sources_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("check_content", "--sources", str(tmp_path / "nowhere"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[{"model": "content.source", "fields": {"slug": "x"',
            "Problem installing fixture .*broken.json",
        ),
        (
            json.dumps(
                [
                    {
                        "model": "content.question",
                        "fields": {"module": ["no-such-module"], "slug": "q"},
                    }
                ]
            ),
            "broken.json.*Question has no module",
        ),
        (
            json.dumps([{"model": "content.nothing", "fields": {}}]),
            "broken.json.*Invalid model identifier",
        ),
    ],
    ids=["truncated-json", "dangling-natural-key", "unknown-model"],
)
def test_malformed_fixture_fails_loaddata_and_leaves_the_database_as_it_was(
    tmp_path: Path, content: str, message: str
) -> None:
    factories.QuestionFactory()
    before = counts()
    good = {
        "model": "content.source",
        "fields": {"slug": "new", "title": "New", "document": "x.txt"},
    }
    bad = tmp_path / "broken.json"
    bad.write_text(content)
    first = tmp_path / "a_first.json"
    first.write_text(json.dumps([good]))
    with pytest.raises(Exception, match=message):
        call_command("loaddata", str(first), str(bad), verbosity=0)
    assert counts() == before
