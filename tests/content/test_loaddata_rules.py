import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from safetyquiz.content.models import Module, Question

pytestmark = pytest.mark.django_db

SOURCE = {
    "model": "content.source",
    "fields": {
        "slug": "insights",
        "title": "Insights",
        "kind": "article",
        "document": "002_41486f725f8f5c69.txt",
    },
}
MODULE = {
    "model": "content.module",
    "fields": {"slug": "m", "title": "M", "briefing": "b", "status": "published"},
}


def choice(question: list[str], key: str, right: bool) -> dict[str, Any]:
    return {
        "model": "content.choice",
        "fields": {"question": question, "key": key, "text": key, "is_correct": right},
    }


def load(tmp_path: Path, objects: list[dict[str, Any]]) -> None:
    fixture = tmp_path / "content.json"
    fixture.write_text(json.dumps(objects))
    call_command("loaddata", str(fixture), verbosity=0)


def pooled(
    slots: int = 1, certifying: int = 3, practice: int = 1, module: str = "m"
) -> list[dict[str, Any]]:
    """A published module whose slots hold these many questions of each pool (3 and 1 keep
    the pool rule)."""
    about = {"slug": module, "title": "M", "briefing": "b", "status": "published"}
    objects: list[dict[str, Any]] = [{"model": "content.module", "fields": about}]
    for s in range(slots):
        slot = {"module": [module], "slug": f"s{s}", "objective": "o"}
        objects.append({"model": "content.slot", "fields": slot})
        for n in range(certifying + practice):
            slug = f"q{s}{n}"
            pool = "certifying" if n < certifying else "practice"
            fields = {"module": [module], "slug": slug, "slot": [f"s{s}", module], "pool": pool}
            fields |= {"kind": "single", "prompt": "p", "explanation": "e"}
            objects.append({"model": "content.question", "fields": fields})
            objects += [choice([slug, module], "a", True), choice([slug, module], "b", False)]
    return objects


def test_a_fixture_that_keeps_the_rules_loads(tmp_path: Path) -> None:
    load(tmp_path, pooled())
    assert [q.choices.count() for q in Question.objects.all()] == [2, 2, 2, 2]


def test_a_fixture_breaking_a_choice_rule_loads_nothing_and_says_why(tmp_path: Path) -> None:
    fields = {"module": ["m"], "slug": "two-right", "slot": ["s0", "m"], "kind": "single"}
    question = {"model": "content.question", "fields": fields | {"prompt": "p"}}
    two_right = [choice(["two-right", "m"], "a", True), choice(["two-right", "m"], "b", True)]
    objects = [*pooled(), question, *two_right]
    with pytest.raises(CommandError) as error:
        load(tmp_path, objects)
    said = str(error.value)
    assert "module m, question two-right: needs exactly one right choice (has 2)" in said
    assert "nothing was loaded" in said
    assert not Module.objects.exists() and not Question.objects.exists()


def test_a_misquoted_excerpt_loads_nothing(tmp_path: Path, settings: Any) -> None:
    texts = tmp_path / "sources"  # the check needs the article's text, not the shared folder
    texts.mkdir()
    (texts / "002_41486f725f8f5c69.txt").write_text("Baldwin was charged with manslaughter.")
    settings.SOURCES_DIR = texts
    excerpt = {
        "model": "content.excerpt",
        "fields": {
            "slug": "x",
            "source": ["insights"],
            "quote": "Baldwin was convicted of murder.",
        },
    }
    with pytest.raises(CommandError, match="excerpt x: not verbatim"):
        load(tmp_path, [SOURCE, excerpt])
    assert not Module.objects.exists()


def test_a_published_module_without_questions_loads_nothing(tmp_path: Path) -> None:
    with pytest.raises(
        CommandError, match="a published module needs at least one certifying question"
    ):
        load(tmp_path, [MODULE])


def test_a_published_module_with_an_empty_slot_is_refused_whole(tmp_path: Any, db: None) -> None:
    empty = {"module": ["m"], "slug": "empty", "objective": "B"}
    release = [*pooled(), {"model": "content.slot", "fields": empty}]
    path = tmp_path / "release.json"
    path.write_text(json.dumps(release))
    with pytest.raises(CommandError, match="slot empty has no certifying question"):
        call_command("loaddata", str(path), verbosity=0)
    assert not Module.objects.exists()


def test_slots_short_of_the_pools_load_with_a_warning_until_the_rule_is_in_force(
    tmp_path: Path, settings: Any
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = False
    fixture = tmp_path / "content.json"
    fixture.write_text(json.dumps(pooled(certifying=2, practice=0)))
    err = StringIO()
    call_command("loaddata", str(fixture), verbosity=0, stderr=err)
    assert Question.objects.count() == 2
    assert "1 slot(s) of published modules fall short of the pools" in err.getvalue()


def test_slots_short_of_the_pools_are_refused_once_the_rule_is_in_force(
    tmp_path: Path, settings: Any
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = True
    with pytest.raises(CommandError) as error:
        load(tmp_path, pooled(certifying=2, practice=0))
    assert (
        "module m: slot s0 has 2 certifying questions and 0 practice questions; every slot "
        "needs at least 3 and 1" in str(error.value)
    )
    assert not Question.objects.exists()
    load(tmp_path, pooled(slots=2))
    assert Question.objects.filter(pool="practice").count() == 2
