"""manage.py panel: export a module's certifying pool, record a reader's picks, and the
readings scored again as the content changes."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from safetyquiz.content.models import Module, Question
from safetyquiz.training.models import PanelReading
from safetyquiz.training.panel.readings import readings_now
from tests import factories

pytestmark = pytest.mark.django_db

RECORD = ["--language", "en", "--reader-kind", "automated", "--description", "Given the sheet."]


@pytest.fixture
def module() -> Module:
    """Two slots of three certifying questions, one of them critical, and a practice
    question in each."""
    module = factories.ModuleFactory(
        slug="cold-check", order=4, status=Module.Status.PUBLISHED, pass_mark=100
    )
    for number in (1, 2):
        slot = factories.SlotFactory(module=module, slug=f"slot-{number}", order=number)
        for n in range(3):
            factories.QuestionFactory(
                module=module,
                slot=slot,
                slug=f"q{number}{n}",
                kind=Question.Kind.DECISION,
                critical=number == 1,
                explanation=f"CERTIFYING-EXPLANATION-{number}{n}",
            )
        factories.QuestionFactory(
            module=module,
            slot=slot,
            slug=f"p{number}",
            pool=Question.Pool.PRACTICE,
            prompt=f"PRACTICE-PROMPT-{number}",
            explanation=f"PRACTICE-EXPLANATION-{number}",
        )
    return module


def export(tmp_path: Path, *args: str) -> dict[str, Any]:
    call_command("panel", "export", "cold-check", str(tmp_path), "--seed", "1", *args)
    return json.loads((tmp_path / "mapping" / "cold-check.json").read_text())


def picks_file(tmp_path: Path, mapping: dict[str, Any], choose: dict[str, str]) -> Path:
    """Picks that choose these keys by question slug (the right one, "a", elsewhere)."""
    picks = {}
    for qid, entry in mapping["questions"].items():
        label = {key: lab for lab, key in entry["labels"].items()}
        picks[qid] = label[choose.get(entry["question"], "a")]
    path = tmp_path / "picks.json"
    path.write_text(json.dumps(picks))
    return path


def record(tmp_path: Path, reader: str, picks: Path, *args: str) -> None:
    mapping = tmp_path / "mapping" / "cold-check.json"
    call_command(
        "panel", "record", "cold-check", reader, str(picks), "--mapping", str(mapping), *args
    )


def test_the_export_holds_the_certifying_pool_and_no_key(module: Module, tmp_path: Path) -> None:
    mapping = export(tmp_path, "--practice", "--briefing")
    sheet = (tmp_path / "cold-check.md").read_text()
    assert sorted(e["question"] for e in mapping["questions"].values()) == [
        "q10", "q11", "q12", "q20", "q21", "q22"
    ]  # fmt: skip
    for question in module.questions.filter(pool=Question.Pool.CERTIFYING):
        assert question.prompt in sheet
        assert question.explanation not in sheet
        assert question.slug not in sheet
        for choice in question.choices.all():
            assert choice.feedback not in sheet
    assert "PRACTICE" not in sheet
    assert "## Briefing" in sheet and "Nobody had checked every round." in sheet
    assert json.loads((tmp_path / "cold-check.picks.json").read_text()) == dict.fromkeys(
        mapping["questions"]
    )
    practice = (tmp_path / "cold-check.practice.md").read_text()
    assert "PRACTICE-PROMPT-1" in practice and "PRACTICE-EXPLANATION-2" in practice
    assert "CERTIFYING" not in practice


def test_export_all_writes_every_module_with_a_pool(module: Module, tmp_path: Path) -> None:
    factories.PublishedModuleFactory(slug="other")
    factories.ModuleFactory(slug="empty")
    call_command("panel", "export", "--all", str(tmp_path))
    assert sorted(p.name for p in (tmp_path / "mapping").iterdir()) == [
        "cold-check.json",
        "other.json",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "a", "b"], "give the folder only"),
        (["cold-check"], "give a module and a folder"),
        (["no-such", "out"], "No module with the slug 'no-such'"),
    ],
)
def test_export_refuses_bad_arguments(module: Module, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("panel", "export", *args)


def test_an_expert_is_recorded_scored_and_written_as_a_fixture(
    module: Module, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = export(tmp_path)
    fixtures = tmp_path / "panels"
    picks = picks_file(tmp_path, mapping, {})
    record(
        tmp_path, "armorer-1", picks, "--persona", "expert", "--fixtures", str(fixtures), *RECORD
    )
    assert "6 of 6 right; passes 100.00% of first certifying forms" in capsys.readouterr().out
    reading = PanelReading.objects.get()
    assert (reading.items, reading.items_right, reading.pass_chance) == (6, 6, 1.0)
    assert reading.picks == {slug: ["a"] for slug in ["q10", "q11", "q12", "q20", "q21", "q22"]}
    path = fixtures / "04_cold-check" / "armorer-1.json"
    written = json.loads(path.read_text())
    assert written[0]["model"] == "training.panelreading"
    assert written[0]["fields"]["module"] == ["cold-check"] and "pk" not in written[0]
    reading.delete()
    call_command("loaddata", str(path), verbosity=0)
    assert PanelReading.objects.get().picks == reading.picks


def test_the_pass_chance_is_over_every_form(module: Module, tmp_path: Path) -> None:
    # One of the three critical questions wrong, one of the other slot's: passes when the
    # draw misses both, 2/3 x 2/3.
    mapping = export(tmp_path)
    picks = picks_file(tmp_path, mapping, {"q10": "b", "q20": "c"})
    record(tmp_path, "careful", picks, "--persona", "cautious", "--dry-run", *RECORD)
    assert not PanelReading.objects.exists()
    record(
        tmp_path, "careful", picks, "--persona", "cautious", "--fixtures", str(tmp_path), *RECORD
    )
    assert PanelReading.objects.get().pass_chance == pytest.approx(4 / 9)
    assert PanelReading.objects.get().items_right == 4


def test_a_reader_recorded_again_replaces_their_reading(module: Module, tmp_path: Path) -> None:
    mapping = export(tmp_path)
    args = ["--persona", "expert", "--fixtures", str(tmp_path), *RECORD]
    record(tmp_path, "ann", picks_file(tmp_path, mapping, {"q10": "b"}), *args)
    record(tmp_path, "ann", picks_file(tmp_path, mapping, {}), *args)
    assert PanelReading.objects.get().items_right == 6


@pytest.mark.parametrize(
    ("reader", "change", "message"),
    [
        ("Ann B", None, "use lower-case letters, digits and single hyphens"),
        ("ann", "pool", r"changed since this export \(changed: q11\)"),
        ("ann", "module", "is not the mapping of an export of cold-check"),
        ("ann", "picks", r"cannot be read:\n- [A-Z0-9]{6}: no pick"),
    ],
)
def test_record_refuses_what_it_cannot_score(
    module: Module, tmp_path: Path, reader: str, change: str | None, message: str
) -> None:
    mapping = export(tmp_path)
    picks = picks_file(tmp_path, mapping, {})
    if change == "pool":
        Question.objects.filter(slug="q11").update(prompt="Reworded since the export.")
    if change == "module":
        mapping["module"] = "another"
        (tmp_path / "mapping" / "cold-check.json").write_text(json.dumps(mapping))
    if change == "picks":
        values = json.loads(picks.read_text())
        picks.write_text(json.dumps({**values, next(iter(values)): None}))
    with pytest.raises(CommandError, match=message):
        record(tmp_path, reader, picks, "--persona", "expert", *RECORD)
    assert not PanelReading.objects.exists()


def test_record_refuses_missing_files_and_modules(module: Module, tmp_path: Path) -> None:
    export(tmp_path)
    with pytest.raises(CommandError, match="does not exist"):
        record(tmp_path, "ann", tmp_path / "nothing.json", "--persona", "expert", *RECORD)
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(CommandError, match="is not JSON"):
        record(tmp_path, "ann", tmp_path / "broken.json", "--persona", "expert", *RECORD)
    with pytest.raises(CommandError, match="No module with the slug 'nope'"):
        call_command(
            "panel", "record", "nope", "ann", "x.json", "--mapping", "m.json",
            "--persona", "expert", *RECORD,
        )  # fmt: skip


def test_readings_are_scored_again_on_the_content_now(
    module: Module, tmp_path: Path, django_assert_num_queries: Any
) -> None:
    mapping = export(tmp_path)
    args = ["--persona", "expert", "--fixtures", str(tmp_path), *RECORD]
    record(tmp_path, "ann", picks_file(tmp_path, mapping, {}), *args)
    record(tmp_path, "bob", picks_file(tmp_path, mapping, {"q21": "b"}), *args)
    # A corrected key is scored as it is now; a reworded choice makes the readings stale.
    question = Question.objects.get(slug="q21")
    question.choices.update(is_correct=False)
    question.choices.filter(key="b").update(is_correct=True)
    with django_assert_num_queries(4):
        (now,) = readings_now()
    scored = {r.reader: s for r, s in now.readings}
    assert scored["ann"].score and scored["ann"].score.right == 5
    assert scored["bob"].score and scored["bob"].score.all_right
    question.choices.filter(key="c").update(text="A new wording")
    (now,) = readings_now()
    assert all(not s.current and s.changes.changed == ("q21",) for _, s in now.readings)
