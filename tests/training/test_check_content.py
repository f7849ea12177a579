"""check_content: item-quality warnings, --strict, the source texts (--require-sources), and
the rules that wait for ASSESSMENT_RULES_ENFORCED (the pool rule, the surface-cue readers,
the reading grade, the blind panels), in both of its states."""

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from safetyquiz.content.models import Module, Question
from safetyquiz.training.models import PanelReading
from safetyquiz.training.panel.readings import reading_record
from tests import factories

pytestmark = pytest.mark.django_db

QUOTE = "No one realized it was loaded with a live round."
DOCUMENT = "002_41486f725f8f5c69.txt"
# Four choices of distinct lengths and no absolute or action word: the key moves over the
# ranks, so no feature of a choice finds it.
TEXTS = ["one", "three", "eleven", "seventeen"]


@pytest.fixture(autouse=True)
def english_only(settings: Any) -> None:
    """The modules here are written in English only; what the Spanish must meet is tested
    in test_translation_checks."""
    settings.TRANSLATIONS_ENFORCED = False


@pytest.fixture
def sources(tmp_path: Path, settings: Any) -> Path:
    """A source texts folder of our own, holding the one article the excerpts quote."""
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / DOCUMENT).write_text(f"Reporting.\n{QUOTE}\nMore reporting.", encoding="utf-8")
    settings.SOURCES_DIR = folder
    return folder


def clean_module(slots: int = 6) -> Module:
    """Slots of three certifying questions, each keyed on a choice of another length, and a
    practice question each; a pass mark of 100 %."""
    module: Module = factories.PublishedModuleFactory.create(
        slug="clean", questions=0, pass_mark=100
    )
    for s in range(slots):
        slot = factories.SlotFactory(module=module, slug=f"objective-{s}", order=s)
        for n in range(4):
            question = factories.QuestionFactory(
                module=module,
                slot=slot,
                slug=f"q{s}{n}",
                order=n,
                prompt=f"Which number, case {s}{n}?",
                pool="practice" if n == 3 else "certifying",
                choices=False,
            )
            for k, text in enumerate(TEXTS):
                factories.ChoiceFactory(
                    question=question, key="abcd"[k], text=text, is_correct=k == (s + n) % 4
                )
    factories.ExcerptFactory(slug="real-quote", quote=QUOTE)
    return module


def longest_right_module() -> Module:
    """Three slots that keep the pool rule, of decision questions whose right answer is
    always the longest choice."""
    module: Module = factories.PublishedModuleFactory.create(slug="cued", questions=0)
    for order in range(3):
        factories.PooledSlotFactory(module=module, order=order, questions__kind="decision")
    return module


def panel(module: Module) -> None:
    """A cautious reader who picks "a" everywhere (right on a third of the forms' questions)
    and an expert with every item right."""
    questions = module.questions.filter(pool="certifying").prefetch_related("choices")
    keys = {q.slug: next(c.key for c in q.choices.all() if c.is_correct) for q in questions}
    for reader, persona, picks in (
        ("careful", "cautious", {slug: ["a"] for slug in keys}),
        ("armorer", "expert", {slug: [key] for slug, key in keys.items()}),
    ):
        reading_record(
            module=module,
            reader=reader,
            picks=picks,
            persona=persona,
            language="en",
            reader_kind="automated",
            description="Given the export only.",
        )


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_content", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_quality_findings_are_warnings_by_default(sources: Path) -> None:
    panel(clean_module())
    longest_right_module()
    out, err = run()
    assert "Content OK: 2 modules, 36 questions" in out
    assert (
        "- warning: module cued: the right answer is the longest choice in 12 of 12 "
        "single-answer and decision questions (100%; limit 35%) (an error with --strict)"
    ) in err
    assert (
        "- warning: module cued: a reader who takes always the longest choice passes 100.0% of "
        "first forms (limit below 1%) (an error with --strict)"
    ) in err
    assert "module clean:" not in err
    assert re.search(r"\n  cued +100\.00% ", out)


def test_the_deferred_rules_only_warn_while_the_setting_is_off(
    sources: Path, settings: Any
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = False
    clean_module()  # no panel
    out, err = run("--strict", "--require-sources")
    assert "Content OK: 1 modules, 24 questions" in out
    assert (
        "needs a current reading by a cautious non-expert" in err
        and "(not in force until ASSESSMENT_RULES_ENFORCED)" in err
    )
    longest_right_module()
    out, err = run()
    assert (
        "- warning: module cued: a reader who takes always the longest choice passes 100.0% of "
        "first forms (limit below 1%) (not in force until ASSESSMENT_RULES_ENFORCED)"
    ) in err


def test_strict_turns_quality_findings_into_errors(sources: Path) -> None:
    longest_right_module()
    with pytest.raises(CommandError, match=r"^\d+ problems in 1 modules"):
        run("--strict")


def test_strict_passes_content_without_findings(sources: Path) -> None:
    panel(clean_module())
    out, err = run("--strict", "--require-sources")
    assert "Content OK: 1 modules, 24 questions, 96 choices, 1 excerpts" in out
    assert "(1 quotes checked against their source)" in out
    assert re.search(r"\n  clean +0\.0\d%", out)
    # Nothing but that the Spanish is still to come, a warning until TRANSLATIONS_ENFORCED.
    assert err == (
        "- warning: no Spanish yet, so offered in English: clean "
        "(not in force until TRANSLATIONS_ENFORCED)\n"
    )


def test_the_deferred_rules_fail_under_strict_once_enforced(sources: Path, settings: Any) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = True
    module = clean_module()
    with pytest.raises(CommandError, match="^2 problems in"):
        run("--strict", "--require-sources")  # no panel yet: no cautious reader, no expert
    panel(module)
    out, err = run("--strict", "--require-sources")
    # Nothing left but that the Spanish is still to come, which waits for its own setting.
    assert "Content OK" in out
    assert err == (
        "- warning: no Spanish yet, so offered in English: clean "
        "(not in force until TRANSLATIONS_ENFORCED)\n"
    )
    row = next(line for line in out.splitlines() if line.startswith("  clean "))
    assert re.search(r"clean +0\.\d\d% +0\.00% +18/18 right", row)


def test_the_pool_rule_warns_while_off_and_is_a_content_error_once_enforced(
    sources: Path, settings: Any
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = False
    module = clean_module()
    Question.objects.filter(module=module, pool="practice", slot__slug="objective-0").delete()
    out, err = run()
    assert (
        "slot objective-0 has 3 certifying questions and 0 practice questions; every slot needs "
        "at least 3 and 1 (not in force until ASSESSMENT_RULES_ENFORCED)" in err
    )
    settings.ASSESSMENT_RULES_ENFORCED = True
    with pytest.raises(CommandError, match="^1 problem in"):
        run()  # a content rule: an error without --strict


def test_a_reading_grade_above_the_limit_warns_while_off_and_fails_strict_once_enforced(
    sources: Path, settings: Any
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = False
    module = clean_module()
    module.briefing = (
        "Notwithstanding considerable organisational pressure, unidentified ammunition "
        "necessitates immediate notification of the designated armorer before continuation."
    )
    module.save()
    out, err = run("--strict")
    assert "module clean: its briefing read at grade" in err and "Content OK" in out
    settings.ASSESSMENT_RULES_ENFORCED = True
    panel(module)
    with pytest.raises(CommandError, match="^1 problem in"):
        run("--strict")


def test_readings_are_scored_again_and_a_stale_one_counts_for_nothing(
    sources: Path, settings: Any
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = True
    module = clean_module()
    panel(module)
    Question.objects.filter(slug="q00").update(prompt="Which number, reworded?")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("check_content", "--strict", stdout=out, stderr=err)
    said = err.getvalue()
    assert "reading by armorer is stale: the certifying pool changed since (changed: q00)" in said
    assert "module clean: needs a current reading by an expert with every item right" in said
    # A corrected key is no reason to read again: the picks are scored on the key now.
    Question.objects.filter(slug="q00").update(prompt="Which number, case 00?")
    question = Question.objects.get(slug="q00")
    question.choices.update(is_correct=False)
    question.choices.filter(key="d").update(is_correct=True)
    out = StringIO()
    with pytest.raises(CommandError):  # the expert no longer has every item right
        call_command("check_content", "--strict", stdout=out, stderr=StringIO())
    row = next(line for line in out.getvalue().splitlines() if line.startswith("  clean "))
    assert "17/18 right" in row
    assert PanelReading.objects.count() == 2


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
    assert "warning: no quotes checked: the source texts folder" in err
    assert "--require-sources makes this an error" in err
    assert "(0 quotes checked against their source)" in out
    with pytest.raises(CommandError, match="^1 problem in"):
        run("--require-sources")


def test_require_sources_fails_on_a_quote_whose_text_is_missing(sources: Path) -> None:
    clean_module()
    other = factories.SourceFactory(slug="elsewhere", document="999_missing.txt")
    factories.ExcerptFactory(slug="from-elsewhere", source=other, quote="Anything at all.")
    out, err = run()
    assert "warning: 1 of 2 quotes not checked: their source text is not in" in err
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
