"""The curriculum each process holds: keyed by the content version, which every change
moves on in its own transaction, so the next read anywhere sees the change."""

from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetyquiz.content import curriculum, services
from safetyquiz.content.models import ContentVersion, Module, Question
from safetyquiz.training.models import Answer
from tests import factories
from tests.content.test_admin import question_post

pytestmark = pytest.mark.django_db


def stamp() -> str:
    return ContentVersion.objects.get().stamp


@pytest.fixture
def module() -> Module:
    module = factories.PublishedModuleFactory(slug="cold-is-a-claim", questions=2)
    module.excerpts.set([factories.ExcerptFactory(quote="The gun was called cold.")])
    return module


@pytest.fixture
def editor_client(client: Any, editor: Any) -> Any:
    client.force_login(editor)
    return client


def held_module(process: curriculum.Held, slug: str = "cold-is-a-claim") -> Module:
    found = process.current().module(slug)
    assert found is not None
    return found


def test_a_process_reads_the_curriculum_once_per_version(module: Module) -> None:
    process = curriculum.Held()
    with CaptureQueriesContext(connection) as loading:
        first = process.current()
    with CaptureQueriesContext(connection) as again:
        second = process.current()
    assert second is first
    assert len(again) == 1  # the version alone
    assert len(loading) > 1
    held = held_module(process)
    slugs = set(module.questions.values_list("slug", flat=True))
    with CaptureQueriesContext(connection) as reading:
        bank = process.bank_of(held)
        assert bank is not None
        assert {q.slug for q in bank} == slugs
        assert {c.key for q in bank for c in q.choices.all()} == {"a", "b", "c"}
        assert [e.quote for e in held.excerpts.all()] == ["The gun was called cold."]
    assert len(reading) == 0
    assert process.bank_of(Module.objects.get(pk=module.pk)) is None  # not the held one


def test_an_edit_published_in_the_admin_is_seen_at_once_by_another_process(
    module: Module, editor_client: Any, editor: Any
) -> None:
    first, second = curriculum.Held(), curriculum.Held()  # two workers, one database
    first.current(), second.current()
    draft = services.draft_open(module=module, user=editor)
    question = draft.questions.get(order=1)
    ids = {c.key: c.pk for c in question.choices.all()}
    choices = [
        {"id": ids["a"], "key": "a", "text": "Stop and call the armorer", "is_correct": True},
        {"id": ids["b"], "key": "b", "text": "Carry on if the AD says cold"},
        {"id": ids["c"], "key": "c", "text": "Check it yourself and carry on"},
    ]
    data = question_post(draft, "single", choices, slug=question.slug, order=1)
    data.update({"choices-INITIAL_FORMS": 3, "role": "", "prompt": "Edited: who says cold?"})
    for i in range(3):
        data[f"choices-{i}-question"] = question.pk
    response = editor_client.post(
        reverse("admin:content_question_change", args=[question.pk]), data
    )
    assert response.status_code == 302
    for process in (first, second):  # a draft is not for crew
        assert "Edited: who says cold?" not in [
            q.prompt for q in process.bank_of(held_module(process)) or []
        ]
    before = stamp()
    response = editor_client.post(reverse("admin:content_module_publish", args=[draft.pk]))
    assert response.status_code == 302
    assert stamp() != before
    for process in (first, second):
        prompts = [q.prompt for q in process.bank_of(held_module(process)) or []]
        assert "Edited: who says cold?" in prompts


def test_an_unpublished_module_leaves_every_process_at_once(module: Module) -> None:
    process = curriculum.Held()
    assert process.current().module("cold-is-a-claim") is not None
    module.status = Module.Status.DRAFT
    module.save()
    assert process.current().module("cold-is-a-claim") is None


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda m: m.excerpts.clear(), id="many-to-many cleared"),
        pytest.param(lambda m: m.failures.add(factories.FailureFactory()), id="many-to-many added"),
        pytest.param(lambda m: m.questions.get(order=2).delete(), id="question deleted"),
        pytest.param(lambda m: m.questions.get(order=1).choices.get(key="c").delete(), id="choice"),
        pytest.param(lambda m: Question.objects.filter(module=m).delete(), id="queryset delete"),
        pytest.param(lambda m: factories.SlotFactory(module=m), id="slot added"),
    ],
)
def test_every_kind_of_change_moves_the_version_on(module: Module, change: Any) -> None:
    process = curriculum.Held()
    held = process.current()
    change(module)
    assert process.current() is not held


def test_a_change_rolled_back_leaves_the_version_as_it_was(module: Module) -> None:
    process = curriculum.Held()
    held = process.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        module.title = "Never saved"
        module.save()
        assert process.current() is not held  # this transaction sees its own change
        raise RuntimeError
    assert process.current().stamp == held.stamp


def test_a_version_rolled_back_is_never_taken_for_a_later_one(module: Module) -> None:
    """A restored backup (or a test's rollback) returns to an old number; the next change
    must not take the stamp of a curriculum some process loaded before."""
    process = curriculum.Held()
    with transaction.atomic():
        module.title = "Changed, then rolled back"
        module.save()
        rolled_back = process.current()
        transaction.set_rollback(True)
    module.title = "Changed for good"
    module.save()
    assert process.current().stamp != rolled_back.stamp
    assert held_module(process).title == "Changed for good"


def test_a_bulk_change_is_covered_by_an_explicit_bump(module: Module) -> None:
    process = curriculum.Held()
    held = process.current()
    Question.objects.filter(module=module).update(prompt="Changed by an update")
    assert process.current() is held  # no signal for QuerySet.update: the version stands
    curriculum.bump()
    prompts = {q.prompt for q in process.bank_of(held_module(process)) or []}
    assert prompts == {"Changed by an update"}


def test_loading_fixtures_moves_the_version_on(tmp_path: Any) -> None:
    process = curriculum.Held()
    held = process.current()
    fixture = tmp_path / "departments.json"
    fixture.write_text(
        '[{"model": "content.department", "fields": {"slug": "grip", "name": "Grip"}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert process.current() is not held


def test_drafts_are_never_held() -> None:
    factories.ModuleFactory(slug="a-draft")
    assert curriculum.Held().current().module("a-draft") is None


def test_a_database_without_the_version_row_makes_one() -> None:
    ContentVersion.objects.all().delete()
    process = curriculum.Held()
    process.current()
    assert ContentVersion.objects.count() == 1
    curriculum.bump()
    assert ContentVersion.objects.get().number == 2


def test_every_content_model_is_watched_and_no_other() -> None:
    """Each content model and many-to-many table has its receivers, so a model added later
    is watched without a line of its own; no other model has any, so Django's fast deletes
    (of answers, say) stay fast."""
    for model in apps.get_app_config("content").get_models():
        if model in curriculum.RECORDS:  # the version and the record of releases
            assert not post_save.has_listeners(model), model
            continue
        assert post_save.has_listeners(model), model
        assert post_delete.has_listeners(model), model
        for m2m in model._meta.local_many_to_many:
            assert m2m_changed.has_listeners(m2m.remote_field.through), m2m
    assert not post_delete.has_listeners(Answer)
    assert not post_save.has_listeners(ContentVersion)


def test_a_module_of_a_curriculum_loaded_again_meanwhile_still_gives_its_bank(
    module: Module,
) -> None:
    """Two threads of one process may each load the same version: a module of the one
    replaced still gives its bank (read again) to the start of an attempt."""
    from safetyquiz.training import banks

    first = curriculum.PROCESS.current().module("cold-is-a-claim")
    assert first is not None
    curriculum.PROCESS.curriculum = None
    curriculum.PROCESS.current()
    assert curriculum.bank_of(first) is None
    bank = banks.questions_of(first)
    assert [q.pk for q in bank] == list(
        module.questions.order_by("order").values_list("pk", flat=True)
    )
    assert all(q.choices.all() for q in bank)


def test_the_command_moves_the_version_on_after_a_change_made_by_hand(module: Module) -> None:
    from io import StringIO

    process = curriculum.Held()
    process.current()
    Question.objects.filter(module=module).update(prompt="Changed in a database shell")
    shown = StringIO()
    call_command("content_changed", "--show", stdout=shown)
    assert "Content version" in shown.getvalue()
    assert {q.prompt for q in process.bank_of(held_module(process)) or []} != {
        "Changed in a database shell"
    }
    said = StringIO()
    call_command("content_changed", stdout=said)
    number = ContentVersion.objects.get().number
    assert f"moved on to {number}" in said.getvalue()
    prompts = {q.prompt for q in process.bank_of(held_module(process)) or []}
    assert prompts == {"Changed in a database shell"}
