"""What training adds to content's question pages: the regrade action on the changelist (the
dry run to confirm, then apply), and the note that a question has answers. Certificates in
the admin: revoked with a reason, never deleted."""

import random
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.db.models import ProtectedError
from django.urls import reverse

from safetyquiz.content import services as content_services
from safetyquiz.content.models import Module, Question
from safetyquiz.devtools.simulate import take
from safetyquiz.training.models import Attempt, Certificate
from tests import factories
from tests.training.helpers import correct_to, state, taken

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:content_question_changelist")


@pytest.fixture
def module(db: None) -> Module:
    return factories.PublishedModuleFactory(slug="cold-is-a-claim")


@pytest.fixture
def first(module: Module) -> Question:
    question = module.questions.order_by("order").first()
    assert question is not None
    return question


@pytest.fixture
def passed(module: Module) -> Attempt:
    return taken(factories.UserFactory(username="ana"), module, ["a", "a", "a"])


@pytest.fixture
def editor_client(client: Any, editor: Any) -> Any:
    client.force_login(editor)
    return client


def action(question: Question, **extra: Any) -> dict[str, Any]:
    return {"action": "regrade", "_selected_action": [question.pk], **extra}


def test_the_action_shows_the_dry_run_and_changes_nothing(
    editor_client: Any, first: Question, passed: Attempt
) -> None:
    correct_to(first, "b")
    before = state()
    response = editor_client.post(CHANGELIST, action(first))
    assert response.status_code == 200
    assert "admin/training/regrade_confirmation.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "This is a dry run" in page and "ana" in page
    assert "100 → 66.67 %" in page and "valid → revoked" in page
    assert state() == before


def test_confirming_applies_the_regrade_shown(
    editor_client: Any, editor: Any, first: Question, passed: Attempt
) -> None:
    correct_to(first, "b")
    shown = editor_client.post(CHANGELIST, action(first))
    fingerprint = shown.context["plans"][0].fingerprint
    response = editor_client.post(
        CHANGELIST, action(first, apply="yes", **{f"plan-{first.pk}": fingerprint})
    )
    assert response.status_code == 302
    attempt = Attempt.objects.get(pk=passed.pk)
    assert not attempt.passed
    assert Certificate.objects.get(attempt=passed).state() == "revoked"
    assert LogEntry.objects.get(object_id=str(first.pk)).user == editor
    # Once applied there is nothing left to confirm.
    again = editor_client.post(CHANGELIST, action(first), follow=True)
    assert "Nothing to regrade" in again.content.decode()


def test_a_confirmation_of_a_plan_that_changed_since_is_shown_again(
    editor_client: Any, first: Question, passed: Attempt
) -> None:
    correct_to(first, "b")
    shown = editor_client.post(CHANGELIST, action(first))
    fingerprint = shown.context["plans"][0].fingerprint
    correct_to(first, "c")  # another edit while the confirmation was open
    before = state()
    response = editor_client.post(
        CHANGELIST, action(first, apply="yes", **{f"plan-{first.pk}": fingerprint})
    )
    assert response.status_code == 200
    assert "Answers changed since the regrade was shown" in response.content.decode()
    assert state() == before


def test_an_editor_without_the_right_to_revoke_certificates_cannot_regrade(
    client: Any, first: Question, passed: Attempt
) -> None:
    user = factories.UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_question", "change_question"])
    )
    client.force_login(user)
    listing = client.get(CHANGELIST)
    assert "Regrade answers" not in listing.content.decode()
    correct_to(first, "b")
    before = state()
    client.post(CHANGELIST, action(first, apply="yes"))
    assert state() == before


def test_editing_an_answered_question_warns_how_many_answers_keep_the_old_one(
    client: Any, editor: Any
) -> None:
    module = factories.PublishedModuleFactory(questions=1)
    for _ in range(3):
        take(user=factories.UserFactory(), module=module, skill=1, rng=random.Random(0))
    question = module.questions.get()
    client.force_login(editor)
    body = client.get(reverse("admin:content_question_change", args=[question.pk])).content.decode()
    assert "3 answer(s) were given to this question" in body
    fresh = factories.QuestionFactory()
    body = client.get(reverse("admin:content_question_change", args=[fresh.pk])).content.decode()
    assert "were given to this question" not in body


def test_rewording_and_rekeying_a_choice_of_an_answered_question_warns_the_editor(
    editor_client: Any, editor: Any, first: Question, passed: Attempt
) -> None:
    """The edit is made in the module's draft; the answers counted are those given to the
    published question it will be published over."""
    draft = content_services.draft_open(module=first.module, user=editor)
    question = draft.questions.get(slug=first.slug)
    url = reverse("admin:content_question_change", args=[question.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {"module": draft.pk, "excerpts": []}
    choices = list(question.choices.order_by("key"))
    data |= {
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": len(choices),
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for n, choice in enumerate(choices):
        data |= {
            f"choices-{n}-id": choice.pk,
            f"choices-{n}-question": question.pk,
            f"choices-{n}-key": choice.key,
            f"choices-{n}-text": choice.text,
            f"choices-{n}-feedback": choice.feedback,
        }
        if choice.is_correct:
            data[f"choices-{n}-is_correct"] = "on"
    # b becomes right and says something else; a is no longer right.
    data.pop("choices-0-is_correct")
    data |= {"choices-1-is_correct": "on", "choices-1-text": "Nobody: the armorer checks it"}
    response = editor_client.post(url, data, follow=True)
    body = response.content.decode()
    assert response.redirect_chain, body
    assert "Choice b was reworded and keyed again in one edit, and 1 answer(s)" in body
    # A key corrected without new words, or new words without a new key, warns of nothing.
    data.pop("choices-1-is_correct")
    data["choices-0-is_correct"] = "on"
    body = editor_client.post(url, data, follow=True).content.decode()
    assert "was reworded and keyed again" not in body


def test_the_regrade_page_asks_for_each_reworded_answer_and_applies_only_those_ticked(
    editor_client: Any, module: Module, first: Question
) -> None:
    ben = taken(factories.UserFactory(username="ben"), module, ["b", "a", "a"])
    cy = taken(factories.UserFactory(username="cy"), module, ["b", "a", "a"])
    first.choices.update(is_correct=False)
    first.choices.filter(key="b").update(is_correct=True, text="Nobody: the armorer checks it")
    shown = editor_client.post(CHANGELIST, action(first))
    page = shown.content.decode()
    plan = shown.context["plans"][0]
    assert {h.learner for h in plan.held} == {"ben", "cy"}
    assert 'name="confirm"' in page and "Carry on if the AD says cold" in page
    ticked = next(h.answer_id for h in plan.held if h.learner == "ben")
    response = editor_client.post(
        CHANGELIST,
        action(first, apply="yes", confirm=[str(ticked)], **{f"plan-{first.pk}": plan.fingerprint}),
    )
    assert response.status_code == 302
    ben.refresh_from_db()
    cy.refresh_from_db()
    assert ben.passed and Certificate.objects.filter(attempt=ben).exists()
    assert not cy.passed and not Certificate.objects.filter(attempt=cy).exists()


@pytest.fixture
def certificate(db: None) -> Certificate:
    return factories.CertificateFactory()


@pytest.fixture
def certificate_editor(client: Any) -> Any:
    """An editor: staff with every content and training permission, not a superuser."""
    editor = factories.UserFactory(username="editor", is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["content", "training"])
    )
    client.force_login(editor)
    return client


def test_an_editor_cannot_delete_a_certificate(
    certificate_editor: Any, certificate: Certificate
) -> None:
    delete = reverse("admin:training_certificate_delete", args=[certificate.pk])
    assert certificate_editor.post(delete, {"post": "yes"}).status_code == 403
    listing = certificate_editor.get(reverse("admin:training_certificate_changelist"))
    assert "delete_selected" not in listing.content.decode()
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    assert certificate_editor.get(f"/certificates/{certificate.code}/").status_code == 200


def test_a_certificate_is_revoked_with_a_reason_and_its_page_says_so(
    certificate_editor: Any, certificate: Certificate
) -> None:
    changelist = reverse("admin:training_certificate_changelist")
    revoke = {"action": "revoke", "_selected_action": [certificate.pk]}
    certificate_editor.post(changelist, {**revoke, "reason": "  "})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None  # no reason, no revocation
    certificate_editor.post(changelist, {**revoke, "reason": "Took it for someone else"})
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Took it for someone else"
    assert LogEntry.objects.get(object_id=str(certificate.pk)).change_message == (
        "Revoked: Took it for someone else"
    )
    response = certificate_editor.get(f"/certificates/{certificate.code}/")
    assert response.status_code == 200 and "Certificate: revoked" in response.content.decode()


def test_a_certificate_outlives_every_delete_of_its_attempt_or_holder(
    certificate: Certificate,
) -> None:
    for delete in (certificate.attempt.delete, certificate.user.delete):
        with pytest.raises(ProtectedError):
            delete()
    assert Certificate.objects.filter(pk=certificate.pk).exists()
