from typing import Any

import pytest
from django.contrib import admin
from django.urls import reverse

from safetyquiz.content.models import Choice, Module, Question
from tests import factories

pytestmark = pytest.mark.django_db

MODELS = [m for m in admin.site._registry if m._meta.app_label in {"content", "crews", "training"}]


@pytest.fixture
def editor_client(client: Any, editor: Any) -> Any:
    client.force_login(editor)
    return client


@pytest.fixture
def some_of_everything(db: None) -> None:
    question = factories.QuestionFactory(kind="ordering")
    factories.FailureFactory(excerpts=[factories.ExcerptFactory()])
    factories.CertificateFactory(attempt__module=question.module)
    factories.MembershipFactory()
    factories.AssignmentFactory()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_admin_list_and_change_pages_render(
    editor_client: Any, some_of_everything: None, model: Any
) -> None:
    opts = model._meta
    listing = editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert listing.status_code == 200
    obj = model.objects.first()
    change = editor_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert change.status_code == 200


@pytest.mark.parametrize(
    "model", [m for m in MODELS if m._meta.app_label != "training"], ids=lambda m: m._meta.label
)
def test_admin_add_pages_render(editor_client: Any, model: Any) -> None:
    opts = model._meta
    response = editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert response.status_code == 200


def question_post(
    module: Module, kind: str, choices: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    data = {
        "module": module.pk,
        "slug": "new-question",
        "order": 1,
        "kind": kind,
        "purpose": "rule",
        "role": "2nd AD",
        "prompt": "The AD calls cold gun. What do you do?",
        "points": 1,
        "explanation": "Only the armorer's check makes a gun safe.",
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
        **extra,
    }
    for i, choice in enumerate(choices):
        for field, value in choice.items():
            if value is not None and value is not False:
                data[f"choices-{i}-{field}"] = "on" if value is True else value
    return data


def test_adding_a_valid_question_with_choices_saves_it(editor_client: Any) -> None:
    module = factories.ModuleFactory()
    data = question_post(
        module,
        "single",
        [{"key": "a", "text": "Stop", "is_correct": True}, {"key": "b", "text": "Go on"}],
    )
    response = editor_client.post(reverse("admin:content_question_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    question = Question.objects.get(slug="new-question")
    assert list(question.choices.values_list("key", "is_correct")) == [("a", True), ("b", False)]


def test_adding_a_single_choice_question_with_two_right_choices_shows_the_rule(
    editor_client: Any,
) -> None:
    module = factories.ModuleFactory()
    data = question_post(
        module,
        "single",
        [
            {"key": "a", "text": "Stop", "is_correct": True},
            {"key": "b", "text": "Go", "is_correct": True},
        ],
    )
    response = editor_client.post(reverse("admin:content_question_add"), data)
    assert response.status_code == 200
    assert "needs exactly one right choice (has 2)" in response.content.decode()
    assert not Question.objects.filter(slug="new-question").exists()
    assert not Choice.objects.exists()


def test_ordering_question_with_a_gap_is_refused_in_the_admin(editor_client: Any) -> None:
    module = factories.ModuleFactory()
    data = question_post(
        module,
        "ordering",
        [{"key": "a", "text": "One", "position": 1}, {"key": "b", "text": "Three", "position": 3}],
    )
    response = editor_client.post(reverse("admin:content_question_add"), data)
    assert "positions must be 1 to 2 with no gaps or repeats" in response.content.decode()
    assert not Question.objects.exists()


def test_changing_kind_and_choices_together_in_the_admin_is_judged_on_the_new_choices(
    editor_client: Any,
) -> None:
    question = factories.QuestionFactory(kind="multiple", slug="new-question")
    ids = {c.key: c.pk for c in question.choices.all()}
    choices = [
        {"id": ids["a"], "key": "a", "text": "The armorer", "is_correct": True},
        {"id": ids["b"], "key": "b", "text": "The first AD", "is_correct": False},
        {"id": ids["c"], "key": "c", "text": "The caterer"},
        {"id": ids["d"], "key": "d", "text": "A passer-by"},
    ]
    data = question_post(question.module, "single", choices)
    data.update({"choices-INITIAL_FORMS": 4, "role": ""})
    for i in range(4):
        data[f"choices-{i}-question"] = question.pk
    response = editor_client.post(
        reverse("admin:content_question_change", args=[question.pk]), data
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.kind == "single"
    assert question.choices.filter(is_correct=True).count() == 1


def test_publishing_a_module_without_questions_is_refused_in_the_admin(editor_client: Any) -> None:
    module = factories.ModuleFactory()
    url = reverse("admin:content_module_change", args=[module.pk])
    data = {
        "title": module.title,
        "slug": module.slug,
        "status": "published",
        "order": 0,
        "briefing": module.briefing,
        "pass_mark": 80,
        "validity_months": 12,
        "questions-TOTAL_FORMS": 0,
        "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "a published module needs at least one question" in response.content.decode()
    module.refresh_from_db()
    assert module.status == Module.Status.DRAFT


def test_module_change_page_links_to_the_crew_view(editor_client: Any) -> None:
    module = factories.PublishedModuleFactory()
    response = editor_client.get(reverse("admin:content_module_change", args=[module.pk]))
    assert f'href="/modules/{module.slug}/"' in response.content.decode()


def test_revoking_a_certificate_in_the_admin_marks_it_revoked(editor_client: Any) -> None:
    certificate = factories.CertificateFactory()
    response = editor_client.post(
        reverse("admin:training_certificate_changelist"),
        {"action": "revoke", "_selected_action": [certificate.pk]},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.state() == "revoked"
