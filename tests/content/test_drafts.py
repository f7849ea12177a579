"""A published module is edited as a draft that crew never see, and published over it in
one step: the published rows keep their ids, attempts in progress keep their form."""

from typing import Any

import pytest
from django.contrib.admin.models import LogEntry

from safetyquiz.content import selectors, services
from safetyquiz.content.models import Choice, Module, Question, Slot
from safetyquiz.content.revisions import ADDED, CHANGED, REMOVED
from safetyquiz.training import selectors as crew_reads
from safetyquiz.training import services as training
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db: None) -> Module:
    """A published module: one slot of two questions, an excerpt and a department."""
    module = factories.PublishedModuleFactory(
        slug="cold", title="Cold is a claim", questions=0, excerpts=[factories.ExcerptFactory()]
    )
    module.departments.set([factories.DepartmentFactory(slug="camera")])
    slot = factories.SlotFactory(module=module, slug="who-checks", objective="Who checks")
    factories.QuestionFactory(module=module, slot=slot, slug="q1", prompt="Who checks it?")
    factories.QuestionFactory(module=module, slot=slot, slug="q2", prompt="And then?")
    return module


def test_a_draft_copies_the_module_with_its_bank_and_crew_still_see_the_published(
    published: Module, editor: Any
) -> None:
    draft = services.draft_open(module=published, user=editor)
    assert (draft.slug, draft.status, draft.draft_of) == ("cold-draft", "draft", published)
    assert selectors.version(draft) == selectors.version(published)
    assert draft.slots.get().questions.count() == 2  # the copies sit in the copied slot
    assert Choice.objects.filter(question__module=draft).count() == 6
    assert list(draft.departments.values_list("slug", flat=True)) == ["camera"]
    assert services.draft_open(module=published, user=editor) == draft  # one draft at a time
    assert crew_reads.module_for_briefing("cold-draft", include_drafts=False) is None
    assert LogEntry.objects.get(object_id=str(draft.pk)).change_message.startswith("Draft of")


def test_a_module_never_published_is_its_own_draft(editor: Any) -> None:
    module = factories.ModuleFactory()
    assert services.draft_open(module=module, user=editor) == module


def test_the_draft_takes_a_free_address() -> None:
    factories.ModuleFactory(slug="cold-draft")
    assert services.free_slug("cold") == "cold-draft-2"
    assert len(services.free_slug("x" * 50)) <= 50


def edit(draft: Module) -> None:
    """An editor's session on the draft: the summary, a question's prompt, a choice's
    key, a question removed, a question added, the slot's objective."""
    Module.objects.filter(pk=draft.pk).update(summary="Edited in the draft")
    q1 = draft.questions.get(slug="q1")
    Question.objects.filter(pk=q1.pk).update(prompt="Who checks the firearm, and when?")
    q1.choices.filter(key="a").update(is_correct=False)
    q1.choices.filter(key="b").update(is_correct=True)
    draft.questions.get(slug="q2").delete()
    slot = draft.slots.get()
    factories.QuestionFactory(module=draft, slot=slot, slug="q3", prompt="A new one")
    Slot.objects.filter(pk=slot.pk).update(objective="Who checks, and when")


def test_publishing_a_draft_puts_its_content_on_the_published_rows(
    published: Module, editor: Any
) -> None:
    q1 = published.questions.get(slug="q1")
    draft = services.draft_open(module=published, user=editor)
    edit(draft)
    assert published.questions.get(pk=q1.pk).prompt == "Who checks it?"  # crew see no edit
    changes = services.draft_publish(module=draft, user=editor)
    published.refresh_from_db()
    assert published.summary == "Edited in the draft"
    assert (published.slug, published.status) == ("cold", "published")
    assert set(published.questions.values_list("slug", flat=True)) == {"q1", "q3"}
    q1.refresh_from_db()  # the same row, so its answers and regrades follow it
    assert q1.prompt == "Who checks the firearm, and when?"
    assert list(q1.choices.filter(is_correct=True).values_list("key", flat=True)) == ["b"]
    assert published.questions.get(slug="q3").slot == published.slots.get()
    assert published.slots.get().objective == "Who checks, and when"
    assert not Module.objects.filter(pk=draft.pk).exists()
    assert not Question.objects.filter(module__slug="cold-draft").exists()
    assert {(c.kind, c.what) for c in changes} == {
        ("module", CHANGED),
        ("question", CHANGED),
        ("choice", CHANGED),
        ("slot", CHANGED),
        ("question", ADDED),
        ("question", REMOVED),
        ("choice", ADDED),  # the new question's
        ("choice", REMOVED),  # the removed one's
    }
    logged = LogEntry.objects.filter(object_id=str(published.pk)).latest("action_time")
    assert logged.change_message.startswith("Published its draft: the module: 1 field(s)")


def test_crew_see_the_draft_only_once_published(published: Module, editor: Any) -> None:
    draft = services.draft_open(module=published, user=editor)
    edit(draft)
    module = crew_reads.module_for_briefing("cold", include_drafts=False)
    assert module is not None and module.summary != "Edited in the draft"
    services.draft_publish(module=draft, user=editor)
    module = crew_reads.module_for_briefing("cold", include_drafts=False)
    assert module is not None and module.summary == "Edited in the draft"


def test_an_attempt_in_progress_keeps_its_form(published: Module, editor: Any) -> None:
    crew = factories.UserFactory()
    attempt = training.attempt_start(user=crew, module=published, mode="certifying")
    form = list(attempt.form)
    draft = services.draft_open(module=published, user=editor)
    edit(draft)
    services.draft_publish(module=draft, user=editor)
    attempt.refresh_from_db()
    assert attempt.form == form
    for index, shown in enumerate(form):
        right = [str(n) for n, c in enumerate(shown["choices"]) if c["is_correct"]]
        training.answer_submit(attempt_id=attempt.pk, index=index, values=right)
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.passed  # scored on the key it was shown


def test_a_draft_that_would_break_a_rule_is_not_published(published: Module, editor: Any) -> None:
    draft = services.draft_open(module=published, user=editor)
    factories.SlotFactory(module=draft, slug="empty", objective="Nothing yet")
    draft.questions.get(slug="q1").choices.update(is_correct=True)
    with pytest.raises(services.PublishRefused) as refused:
        services.draft_publish(module=draft, user=editor)
    said = [str(p) for p in refused.value.problems]
    empty = "module cold-draft: slot empty has no certifying question, so no form can be drawn"
    assert empty in said
    assert "module cold-draft, question q1: needs exactly one right choice (has 3)" in said
    assert Module.objects.filter(pk=draft.pk).exists()
    assert not published.slots.filter(slug="empty").exists()


def test_publishing_a_module_never_published_publishes_it(editor: Any) -> None:
    module = factories.ModuleFactory()
    factories.QuestionFactory(module=module)
    assert services.draft_publish(module=module, user=editor) == []
    module.refresh_from_db()
    assert module.is_published


def test_the_changes_since_the_last_publish_and_those_made_meanwhile(
    published: Module, editor: Any
) -> None:
    draft = services.draft_open(module=published, user=editor)
    assert selectors.changes_since_publish(draft) == []
    Module.objects.filter(pk=draft.pk).update(summary="Edited in the draft")
    Module.objects.filter(pk=published.pk).update(title="Changed by a release")
    draft.refresh_from_db()
    since = selectors.changes_since_publish(draft)
    assert [(c.field, c.before, c.after) for c in since] == [
        ("Title", "Changed by a release", "Cold is a claim"),
        ("Summary", published.summary, "Edited in the draft"),
    ]
    meanwhile = selectors.changed_meanwhile(draft)
    assert [(c.field, c.after) for c in meanwhile] == [("Title", "Changed by a release")]


def test_a_draft_published_meanwhile_is_not_published_twice(published: Module, editor: Any) -> None:
    draft = services.draft_open(module=published, user=editor)
    stale = Module.objects.get(pk=draft.pk)  # read by a second editor's page
    services.draft_publish(module=draft, user=editor)
    with pytest.raises(services.DraftGone):
        services.draft_publish(module=stale, user=editor)
    with pytest.raises(services.DraftGone):
        services.draft_publish(module=published, user=editor)  # published: nothing to do
