"""Content releases at the command level: `loaddata` of the fixtures merged into the
content as edited here. An edit stays, a field both sides changed is a conflict reported
and recorded (the local value kept unless --theirs), what is new is added, and --prune
removes only what an earlier release held, unchanged here."""

import json
from copy import deepcopy
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safetyquiz.content.models import (
    Choice,
    Department,
    Module,
    Question,
    Release,
    ReleaseConflict,
    ReleasedObject,
    Slot,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pool_rule_off(settings: Any) -> None:
    """These releases are one-question modules, to show how a release merges; the pool
    rule a published module must keep is tested with `loaddata` in test_loaddata_rules."""
    settings.ASSESSMENT_RULES_ENFORCED = False


def module(**fields: Any) -> dict[str, Any]:
    return {
        "model": "content.module",
        "fields": {
            "slug": "cold",
            "title": "Cold is a claim",
            "summary": "Who says a firearm is cold.",
            "briefing": "b",
            "status": "published",
            "departments": [["camera"]],
        }
        | fields,
    }


def slot(slug: str = "who-checks", **fields: Any) -> dict[str, Any]:
    return {
        "model": "content.slot",
        "fields": {"module": ["cold"], "slug": slug, "objective": "Who checks", "order": 1}
        | fields,
    }


def question(slug: str = "q1", slot_slug: str = "who-checks", **fields: Any) -> dict[str, Any]:
    return {
        "model": "content.question",
        "fields": {
            "module": ["cold"],
            "slug": slug,
            "slot": [slot_slug, "cold"],
            "kind": "single",
            "prompt": "Who checks the firearm?",
            "explanation": "Only the armorer.",
        }
        | fields,
    }


def choice(key: str, right: bool = False, q: str = "q1", **fields: Any) -> dict[str, Any]:
    return {
        "model": "content.choice",
        "fields": {
            "question": [q, "cold"],
            "key": key,
            "text": f"Choice {key}",
            "is_correct": right,
        }
        | fields,
    }


DEPARTMENT = {"model": "content.department", "fields": {"slug": "camera", "name": "Camera"}}


def first_release() -> list[dict[str, Any]]:
    return [
        DEPARTMENT,
        module(),
        slot(),
        question(),
        choice("a", right=True),
        choice("b"),
    ]


def release(tmp_path: Path, entries: list[dict[str, Any]], *args: str, **options: Any) -> str:
    """Load the entries as a release; what the command said."""
    path = tmp_path / "release.json"
    path.write_text(json.dumps(entries))
    out = StringIO()
    call_command("loaddata", str(path), *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def released(tmp_path: Path) -> list[dict[str, Any]]:
    """The first release, loaded; a copy to change into the next one."""
    entries = first_release()
    release(tmp_path, entries)
    return deepcopy(entries)


def edit_here() -> None:
    """The three edits the review made in the admin: a module summary, a choice's text
    and a slot's objective."""
    Module.objects.filter(slug="cold").update(summary="Edited here")
    Choice.objects.filter(key="b").update(text="Edited choice")
    Slot.objects.filter(slug="who-checks").update(objective="Edited objective")


def test_a_release_keeps_edits_made_here_to_fields_it_did_not_change(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    edit_here()
    released[1]["fields"]["title"] = "Cold is only a claim"  # the release changes another field
    said = release(tmp_path, released)
    cold = Module.objects.get(slug="cold")
    assert (cold.summary, cold.title) == ("Edited here", "Cold is only a claim")
    assert Choice.objects.get(key="b").text == "Edited choice"
    assert Slot.objects.get().objective == "Edited objective"
    assert "Kept 3 change(s) made here" in said
    assert "conflict" not in said
    assert not ReleaseConflict.objects.exists()


def test_a_field_both_changed_is_a_conflict_reported_recorded_and_kept_as_here(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    edit_here()
    released[1]["fields"]["summary"] = "The release's summary"
    said = release(tmp_path, released)
    assert Module.objects.get(slug="cold").summary == "Edited here"
    assert "1 conflict(s); in each the value here was kept" in said
    assert "- content.module Cold is a claim: summary" in said
    assert "here:    Edited here" in said and "release: The release's summary" in said
    conflict = ReleaseConflict.objects.get()
    assert (conflict.model, conflict.key, conflict.field) == (
        "content.module",
        '["cold"]',
        "summary",
    )
    assert (conflict.local, conflict.theirs, conflict.kept) == (
        "Edited here",
        "The release's summary",
        "local",
    )
    assert conflict.release == Release.objects.first()
    assert conflict.release.conflict_count == 1


def test_a_later_release_that_leaves_the_field_as_it_was_reports_it_no_more(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    edit_here()
    released[1]["fields"]["summary"] = "The release's summary"
    release(tmp_path, released)
    said = release(tmp_path, released)
    assert "conflict" not in said
    assert Module.objects.get(slug="cold").summary == "Edited here"
    assert ReleaseConflict.objects.count() == 1  # the first report stays on record


def test_theirs_takes_the_releases_value_in_each_conflict_and_records_it(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    edit_here()
    released[1]["fields"]["summary"] = "The release's summary"
    said = release(tmp_path, released, theirs=True)
    assert Module.objects.get(slug="cold").summary == "The release's summary"
    assert Choice.objects.get(key="b").text == "Edited choice"  # not a conflict: it stays
    assert "the release's value was taken (--theirs)" in said
    conflict = ReleaseConflict.objects.get()
    assert (conflict.local, conflict.kept) == ("Edited here", "release")


def test_a_field_only_the_release_changed_is_updated(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    released[4]["fields"]["text"] = "The armorer, and nobody else"
    said = release(tmp_path, released)
    assert Choice.objects.get(key="a").text == "The armorer, and nobody else"
    assert "0 added, 1 updated, 5 unchanged, 0 removed" in said


def test_what_the_release_adds_is_added_beside_the_conflicts(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    edit_here()
    released[1]["fields"]["summary"] = "The release's summary"
    released += [question("q2", order=2), choice("a", True, q="q2"), choice("b", q="q2")]
    said = release(tmp_path, released)
    assert Question.objects.filter(slug="q2").exists()
    assert Choice.objects.filter(question__slug="q2").count() == 2
    assert "3 added" in said and "1 conflict(s)" in said


def test_links_edited_here_are_kept_and_a_conflict_names_the_objects(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    grip = factories.DepartmentFactory(slug="grip")
    Module.objects.get(slug="cold").departments.set([grip])
    released.insert(0, {"model": "content.department", "fields": {"slug": "props", "name": "P"}})
    released[2]["fields"]["departments"] = [["camera"], ["props"]]
    release(tmp_path, released)
    assert list(Module.objects.get(slug="cold").departments.values_list("slug", flat=True)) == [
        "grip"
    ]
    conflict = ReleaseConflict.objects.get()
    assert (conflict.field, conflict.local, conflict.theirs) == (
        "departments",
        "grip",
        "camera, props",
    )


def test_a_slot_moved_here_is_kept_and_named_by_its_key(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    Module.objects.filter(slug="cold").update(status="draft")  # a draft's slots may be empty
    released[1]["fields"]["status"] = "draft"
    other = factories.SlotFactory(module=Module.objects.get(slug="cold"), slug="made-here")
    Question.objects.filter(slug="q1").update(slot=other)
    released.insert(3, slot("new-slot", order=2))
    released[4]["fields"]["slot"] = ["new-slot", "cold"]
    release(tmp_path, released)
    assert Question.objects.get(slug="q1").slot == other
    conflict = ReleaseConflict.objects.get()
    assert (conflict.local, conflict.theirs) == ("made-here / cold", "new-slot / cold")


def test_prune_removes_what_an_earlier_release_held_and_this_one_dropped(
    tmp_path: Path,
) -> None:
    first = [*first_release(), slot("old", order=2), question("q-old", "old", order=2)]
    first += [choice("a", True, q="q-old"), choice("b", q="q-old")]
    release(tmp_path, first)
    made_here = factories.QuestionFactory(module=Module.objects.get(slug="cold"), slug="q-here")
    said = release(tmp_path, first_release())
    assert Question.objects.filter(slug="q-old").exists()  # without --prune nothing goes
    assert "0 removed" in said
    said = release(tmp_path, first_release(), prune=True)
    assert set(Question.objects.values_list("slug", flat=True)) == {"q1", "q-here"}
    assert not Slot.objects.filter(slug="old").exists()
    assert not Choice.objects.filter(question__slug="q-old").exists()
    assert made_here.choices.count() == 3  # never released, so never pruned
    assert "4 removed" in said  # the slot, the question and its two choices
    assert not ReleasedObject.objects.filter(key__contains="q-old").exists()


def test_prune_keeps_what_was_changed_here_as_a_conflict_and_theirs_removes_it(
    tmp_path: Path,
) -> None:
    first = [*first_release(), question("q-old", order=2), choice("a", True, q="q-old")]
    first += [choice("b", q="q-old")]
    release(tmp_path, first)
    Question.objects.filter(slug="q-old").update(prompt="Reworded here")
    said = release(tmp_path, first_release(), prune=True)
    assert Question.objects.filter(slug="q-old").exists()
    assert "content.question Reworded here: the object" in said
    conflict = ReleaseConflict.objects.get()
    assert (conflict.local, conflict.theirs) == ("(changed here)", "(not in the release)")
    release(tmp_path, first_release(), prune=True, theirs=True)
    assert not Question.objects.filter(slug="q-old").exists()


def test_prune_keeps_an_object_whose_removal_would_take_something_made_here(
    tmp_path: Path,
) -> None:
    first = [*first_release(), question("q-old", order=2), choice("a", True, q="q-old")]
    first += [choice("b", q="q-old")]
    release(tmp_path, first)
    factories.ChoiceFactory(question=Question.objects.get(slug="q-old"), key="c")
    said = release(tmp_path, first_release(), prune=True)
    assert Question.objects.filter(slug="q-old").exists()
    assert "removing it would remove choice too" in said
    assert Choice.objects.filter(question__slug="q-old").count() == 3  # they go with it


def with_a_second_question(tmp_path: Path) -> list[dict[str, Any]]:
    """A release whose slot holds two questions, loaded: one can go and the bank holds."""
    entries = [*first_release(), question("q2", order=2), choice("a", True, q="q2")]
    entries += [choice("b", q="q2")]
    release(tmp_path, entries)
    return entries


def test_an_object_deleted_here_stays_deleted_with_what_hangs_from_it(tmp_path: Path) -> None:
    released = with_a_second_question(tmp_path)
    Question.objects.filter(slug="q1").delete()
    said = release(tmp_path, released)
    assert list(Question.objects.values_list("slug", flat=True)) == ["q2"]
    assert not Choice.objects.filter(question__slug="q1").exists()
    assert "Left 1 object(s) deleted here deleted." in said
    assert "conflict" not in said


def test_an_object_deleted_here_that_the_release_changed_is_a_conflict(tmp_path: Path) -> None:
    released = with_a_second_question(tmp_path)
    Question.objects.filter(slug="q1").delete()
    released[3]["fields"]["prompt"] = "Who checks it, and when?"
    said = release(tmp_path, released, dry_run=True)
    assert "here:    (deleted here)" in said
    said = release(tmp_path, released)
    assert not Question.objects.filter(slug="q1").exists()
    assert ReleaseConflict.objects.get().local == "(deleted here)"


def test_theirs_brings_back_an_object_deleted_here_that_the_release_changed(
    tmp_path: Path,
) -> None:
    released = with_a_second_question(tmp_path)
    Question.objects.filter(slug="q1").delete()
    released[3]["fields"]["prompt"] = "Who checks it, and when?"
    release(tmp_path, released, theirs=True)
    q1 = Question.objects.get(slug="q1")
    assert q1.prompt == "Who checks it, and when?"
    assert q1.choices.count() == 2  # its choices come back with it


def test_a_slot_deleted_here_leaves_its_questions_without_it(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    Slot.objects.filter(slug="who-checks").delete()
    Module.objects.filter(slug="cold").update(status="draft")  # a slot-less bank is a draft's
    released[1]["fields"]["status"] = "draft"
    release(tmp_path, released)
    assert Question.objects.get(slug="q1").slot is None
    assert not Slot.objects.exists()


def test_without_a_record_of_an_earlier_release_every_difference_is_a_conflict(
    tmp_path: Path,
) -> None:
    factories.DepartmentFactory(slug="camera", name="Camera crew")
    said = release(tmp_path, first_release())
    assert Department.objects.get(slug="camera").name == "Camera crew"
    assert ReleaseConflict.objects.get().field == "name"
    assert "1 added" not in said and "5 added" in said


def test_the_first_recorded_release_prunes_what_it_dropped_only_with_theirs(
    tmp_path: Path,
) -> None:
    """A database loaded before releases were recorded: what the release does not hold
    may be an earlier release's or an editor's, so it is a conflict, removed with --theirs."""
    cold = factories.PublishedModuleFactory(slug="cold", title="Cold is a claim", questions=0)
    old = factories.QuestionFactory(module=cold, slug="q-old")
    said = release(tmp_path, first_release(), prune=True, dry_run=True)
    assert "content.question Question" in said and "(here before releases were recorded)" in said
    assert "content.choice" not in said  # its choices go with it, unreported
    release(tmp_path, first_release(), prune=True, theirs=True)
    assert not Question.objects.filter(pk=old.pk).exists()
    assert list(Question.objects.values_list("slug", flat=True)) == ["q1"]


def test_a_field_added_after_a_release_counts_as_its_default_there(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    record = ReleasedObject.objects.get(model="content.question")
    record.values.pop("purpose")  # as if the release came before the field
    record.save()
    released[3]["fields"]["purpose"] = "safety-decision"
    release(tmp_path, released)
    assert Question.objects.get(slug="q1").purpose == "safety-decision"
    assert not ReleaseConflict.objects.exists()


def test_a_release_that_breaks_a_rule_once_merged_loads_nothing(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    Choice.objects.filter(key="b").update(is_correct=True)  # here: b is right as well...
    released[4]["fields"]["text"] = "Changed by the release"
    released[5]["fields"]["feedback"] = "...and the release changes b too"
    with pytest.raises(CommandError, match="needs exactly one right choice") as error:
        release(tmp_path, released)
    assert "nothing was loaded" in str(error.value)
    assert Choice.objects.get(key="a").text == "Choice a"
    assert Release.objects.count() == 1  # the first release's record only


def test_new_only_loads_a_release_once(tmp_path: Path) -> None:
    said = release(tmp_path, first_release(), new_only=True)
    assert "6 added" in said
    edit_here()
    said = release(tmp_path, first_release(), new_only=True)
    assert "loaded already" in said
    assert Module.objects.get(slug="cold").summary == "Edited here"
    changed = first_release()
    changed[4]["fields"]["text"] = "A newer release"
    said = release(tmp_path, changed, new_only=True)
    assert Choice.objects.get(key="a").text == "A newer release"
    assert Release.objects.count() == 2


def test_a_dry_run_reports_the_conflicts_and_changes_nothing(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    edit_here()
    released[1]["fields"]["summary"] = "The release's summary"
    released[4]["fields"]["text"] = "Changed by the release"
    said = release(tmp_path, released, dry_run=True)
    assert "1 conflict(s)" in said and "Dry run: nothing was changed." in said
    assert Choice.objects.get(key="a").text == "Choice a"
    assert Release.objects.count() == 1 and not ReleaseConflict.objects.exists()


def test_an_unchanged_release_writes_no_content(
    tmp_path: Path, released: list[dict[str, Any]]
) -> None:
    with CaptureQueriesContext(connection) as queries:
        said = release(tmp_path, released)
    assert "0 added, 0 updated, 6 unchanged" in said
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes and all('"content_release' in sql for sql in writes), writes


def test_a_fixture_in_another_format_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "release.xml"
    path.write_text('<?xml version="1.0"?><django-objects version="1.0"></django-objects>')
    with pytest.raises(CommandError, match="read from JSON fixtures, not xml"):
        call_command("loaddata", str(path), verbosity=0)
