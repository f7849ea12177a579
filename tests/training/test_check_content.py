"""check_content: item-quality warnings, --strict, and the source texts (--require-sources)."""

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from safetyquiz.content.models import Module
from tests import factories

pytestmark = pytest.mark.django_db

QUOTE = "No one realized it was loaded with a live round."
DOCUMENT = "002_41486f725f8f5c69.txt"


@pytest.fixture
def sources(tmp_path: Path, settings: Any) -> Path:
    """A source texts folder of our own, holding the one article the excerpts quote."""
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / DOCUMENT).write_text(f"Reporting.\n{QUOTE}\nMore reporting.", encoding="utf-8")
    settings.SOURCES_DIR = folder
    return folder


def clean_module() -> Module:
    """Eight single-choice questions whose right answer is the shortest choice, and a pass
    mark of 100 %: a guesser who knows nothing passes about once in 6,500 forms."""
    module: Module = factories.PublishedModuleFactory.create(
        slug="clean", questions=0, pass_mark=100
    )
    for order in range(8):
        factories.QuestionFactory(
            module=module, order=order, prompt=f"Question about rule number {order}, {'x' * order}"
        )
    factories.ExcerptFactory(slug="real-quote", quote=QUOTE)
    return module


def longest_right_module() -> Module:
    """Decision questions whose right answer is always the longest choice."""
    module: Module = factories.PublishedModuleFactory.create(slug="cued", questions=0)
    for order, topic in enumerate(["the gun", "a misfire", "the rounds"]):
        factories.QuestionFactory(
            module=module, order=order, kind="decision", prompt=f"What now about {topic}?"
        )
    return module


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_content", "--forms", "200", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_quality_findings_are_warnings_by_default(sources: Path) -> None:
    clean_module()
    longest_right_module()
    out, err = run()
    assert out.startswith("Content OK: 2 modules, 11 questions")
    assert "item-quality warnings (errors with --strict)" in out
    assert (
        "- warning: module cued: the right answer is the longest choice in 3 of 3 "
        "single-answer and decision questions (100%; limit 35%)"
    ) in err
    assert "- warning: module cued: a guesser who knows nothing passes 100.0% of forms" in err
    assert "module clean" not in err
    assert re.search(r"\n  cued +100\.0%  always the longest choice", out)


def test_strict_turns_quality_findings_into_errors(sources: Path) -> None:
    longest_right_module()
    with pytest.raises(CommandError, match=r"^\d+ problems in 1 modules"):
        run("--strict")


def test_strict_passes_content_without_findings(sources: Path) -> None:
    clean_module()
    out, err = run("--strict", "--require-sources")
    assert out.startswith("Content OK: 1 modules, 8 questions, 24 choices, 1 excerpts")
    assert "(1 quotes checked against their source)." in out
    assert re.search(r"\n  clean +0\.0%", out)
    # Nothing but that the Spanish is still to come (a warning until TRANSLATIONS_ENFORCED).
    assert err == "- warning: no Spanish yet, so offered in English: clean\n"


def test_content_rule_problems_fail_without_strict(sources: Path) -> None:
    module = clean_module()
    module.questions.first().choices.update(is_correct=True)  # type: ignore[union-attr]
    with pytest.raises(CommandError, match="^1 problem in"):
        run()


def test_missing_source_texts_warn_loudly_and_fail_with_require_sources(
    settings: Any, tmp_path: Path
) -> None:
    clean_module()
    settings.SOURCES_DIR = tmp_path / "not-here"
    out, err = run()
    assert "WARNING: no quotes checked: the source texts folder" in err
    assert "--require-sources makes this an error" in err
    assert "(0 quotes checked against their source)" in out
    with pytest.raises(CommandError, match="^1 problem in"):
        run("--require-sources")


def test_require_sources_fails_on_a_quote_whose_text_is_missing(sources: Path) -> None:
    clean_module()
    other = factories.SourceFactory(slug="elsewhere", document="999_missing.txt")
    factories.ExcerptFactory(slug="from-elsewhere", source=other, quote="Anything at all.")
    out, err = run()
    assert "WARNING: 1 of 2 quotes not checked: their source text is not in" in err
    assert "(from-elsewhere)" in err
    with pytest.raises(CommandError):
        run("--require-sources")


def test_require_sources_fails_when_there_is_nothing_to_check(sources: Path) -> None:
    longest_right_module()
    with pytest.raises(CommandError, match="^1 problem in"):
        run("--require-sources")


def test_a_quote_not_in_its_text_is_an_error_with_the_texts_present(sources: Path) -> None:
    clean_module()
    factories.ExcerptFactory(slug="made-up", quote="Nobody ever said this sentence.")
    with pytest.raises(CommandError, match="^1 problem in"):
        run("--require-sources")


def test_bad_forms_are_refused() -> None:
    with pytest.raises(CommandError, match="--forms"):
        call_command("check_content", "--forms", "0")
