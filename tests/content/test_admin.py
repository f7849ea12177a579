from typing import Any

import pytest
from django.contrib import admin
from django.urls import reverse

from safetyquiz.content.models import Choice, Module, Question, Release, ReleaseConflict
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
    release = Release.objects.create(digest="d", fixtures="fixtures/00_reference.json")
    ReleaseConflict.objects.create(
        release=release,
        model="content.module",
        key='["cold"]',
        object_name="Cold",
        field="summary",
        local="Edited here",
        theirs="Released",
        kept="local",
    )


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


RECORDS = {"training", "content.Release", "content.ReleaseConflict"}  # nobody adds to a record


@pytest.mark.parametrize(
    "model",
    [m for m in MODELS if not {m._meta.app_label, m._meta.label} & RECORDS],
    ids=lambda m: m._meta.label,
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
        "pool": "certifying",
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
    assert "a published module needs at least one certifying question" in response.content.decode()
    module.refresh_from_db()
    assert module.status == Module.Status.DRAFT


def test_the_record_of_releases_cannot_be_changed_in_the_admin(
    editor_client: Any, some_of_everything: None
) -> None:
    release = Release.objects.get()
    page = editor_client.get(reverse("admin:content_release_change", args=[release.pk]))
    assert "Edited here" in page.content.decode() and "Released" in page.content.decode()
    assert editor_client.get(reverse("admin:content_release_add")).status_code == 403
    delete = reverse("admin:content_release_delete", args=[release.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Release.objects.exists()


def test_module_change_page_links_to_the_crew_view(editor_client: Any) -> None:
    module = factories.PublishedModuleFactory()
    response = editor_client.get(reverse("admin:content_module_change", args=[module.pk]))
    assert f'href="/modules/{module.slug}/"' in response.content.decode()


def test_revoking_a_certificate_in_the_admin_marks_it_revoked(editor_client: Any) -> None:
    certificate = factories.CertificateFactory()
    response = editor_client.post(
        reverse("admin:training_certificate_changelist"),
        {"action": "revoke", "_selected_action": [certificate.pk], "reason": "Wrong person"},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.state() == "revoked" and certificate.revoked_reason == "Wrong person"


def test_question_page_has_slot_purpose_stacked_choices_and_full_quotes(
    editor_client: Any,
) -> None:
    quote = "The armorer " + "checked every round on the cart before the scene, " * 4 + "then."
    question = factories.QuestionFactory(
        kind="ordering", excerpts=[factories.ExcerptFactory(quote=quote)]
    )
    factories.SlotFactory(module=question.module, objective="Who may hand over a firearm")
    factories.SlotFactory(objective="An objective of another module")
    response = editor_client.get(reverse("admin:content_question_change", args=[question.pk]))
    page = response.content.decode()
    assert 'name="slot"' in page and 'name="purpose"' in page
    slots = [str(s) for s in response.context["adminform"].form.fields["slot"].queryset]
    assert slots == ["Who may hand over a firearm"]
    assert "inline-related" in page and "tabular" not in page.split('id="choices-group"')[1]
    assert f"“{quote}”" in page
    assert "js/question-admin.js" in page and "css/content-admin.css" in page
    assert "<script>" not in page  # the content security policy allows static scripts only


def test_the_fields_a_kind_does_not_use_are_ignored_when_saving(editor_client: Any) -> None:
    module = factories.ModuleFactory()
    data = question_post(
        module,
        "single",
        [
            {"key": "a", "text": "Stop", "is_correct": True, "position": 2},
            {"key": "b", "text": "Go on", "position": 1},
        ],
        partial_credit="on",
    )
    response = editor_client.post(reverse("admin:content_question_add"), data)
    assert response.status_code == 302
    question = Question.objects.get(slug="new-question")
    assert (question.role, question.partial_credit) == ("", False)
    assert list(question.choices.values_list("key", "is_correct", "position")) == [
        ("a", True, None),
        ("b", False, None),
    ]


def test_an_ordering_question_keeps_no_right_ticks(editor_client: Any) -> None:
    module = factories.ModuleFactory()
    choices = [
        {"key": "a", "text": "Stop", "position": 1, "is_correct": True},
        {"key": "b", "text": "Call the armorer", "position": 2},
    ]
    data = question_post(module, "ordering", choices, partial_credit="on")
    response = editor_client.post(reverse("admin:content_question_add"), data)
    assert response.status_code == 302
    question = Question.objects.get(slug="new-question")
    assert question.partial_credit and question.role == ""
    assert not question.choices.filter(is_correct=True).exists()


def test_changing_an_ordering_question_to_single_clears_positions_left_unedited(
    editor_client: Any,
) -> None:
    question = factories.QuestionFactory(kind="ordering", slug="new-question")
    existing = list(question.choices.order_by("key"))
    choices = [
        {"id": c.pk, "key": c.key, "text": c.text, "position": c.position, "is_correct": i == 0}
        for i, c in enumerate(existing)
    ]
    data = question_post(question.module, "single", choices)
    data["choices-INITIAL_FORMS"] = len(existing)
    for i in range(len(existing)):
        data[f"choices-{i}-question"] = question.pk
    response = editor_client.post(
        reverse("admin:content_question_change", args=[question.pk]), data
    )
    assert response.status_code == 302
    assert not question.choices.exclude(position=None).exists()
    assert question.choices.filter(is_correct=True).count() == 1


def test_the_kinds_rules_still_hold_for_the_fields_it_uses(editor_client: Any) -> None:
    module = factories.ModuleFactory()
    data = question_post(
        module, "decision", [{"key": "a", "text": "Stop"}, {"key": "b", "text": "Go"}], role=""
    )
    response = editor_client.post(reverse("admin:content_question_add"), data)
    page = response.content.decode()
    assert "A decision question puts the learner in a named role." in page
    assert "needs exactly one right choice (has 0)" in page
    assert not Question.objects.exists()


def test_a_slot_of_another_module_is_refused(editor_client: Any) -> None:
    module = factories.ModuleFactory()
    elsewhere = factories.SlotFactory()
    data = question_post(
        module,
        "single",
        [{"key": "a", "text": "Stop", "is_correct": True}, {"key": "b", "text": "Go"}],
        slot=elsewhere.pk,
    )
    response = editor_client.post(reverse("admin:content_question_add"), data)
    assert response.status_code == 200
    assert not Question.objects.exists()
    own = factories.SlotFactory(module=module)
    data["slot"] = own.pk
    assert editor_client.post(reverse("admin:content_question_add"), data).status_code == 302
    assert Question.objects.get().slot == own


def test_module_page_lists_and_adds_its_slots(editor_client: Any) -> None:
    module = factories.ModuleFactory()
    factories.SlotFactory(module=module, objective="Who may hand over a firearm")
    url = reverse("admin:content_module_change", args=[module.pk])
    page = editor_client.get(url).content.decode()
    assert 'id="slots-group"' in page and "Who may hand over a firearm" in page
    assert 'name="per_slot"' in page and 'name="max_case_facts"' in page


def module_post(
    module: Module, slots: list[dict[str, Any]], *, status: str = "published"
) -> dict[str, Any]:
    """The module's change form as the admin posts it: its slots as given, and its saved
    questions in order."""
    questions = list(module.questions.order_by("order", "pk"))
    saved = sum(1 for slot in slots if slot.get("id"))
    data: dict[str, Any] = {
        "title": module.title,
        "slug": module.slug,
        "status": status,
        "order": 0,
        "briefing": module.briefing,
        "pass_mark": 80,
        "validity_months": 12,
        "per_slot": 1,
        "form_slots": "",
        "max_case_facts": 1,
        "attempts_per_day": 3,
        "slots-TOTAL_FORMS": len(slots),
        "slots-INITIAL_FORMS": saved,
        "slots-MIN_NUM_FORMS": 0,
        "slots-MAX_NUM_FORMS": 1000,
        "questions-TOTAL_FORMS": len(questions),
        "questions-INITIAL_FORMS": len(questions),
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
    }
    for n, slot in enumerate(slots):
        data |= {f"slots-{n}-{key}": value for key, value in slot.items()}
        data[f"slots-{n}-module"] = module.pk
    for n, question in enumerate(questions):
        data |= {
            f"questions-{n}-id": question.pk,
            f"questions-{n}-module": module.pk,
            f"questions-{n}-order": question.order,
        }
    return data


@pytest.fixture
def one_slot_module(db: None) -> Module:
    """A draft whose one slot holds a lone certifying question, short of the pool rule."""
    module = factories.ModuleFactory()
    slot = factories.SlotFactory(module=module, slug="who-hands-over", objective="Hand over")
    factories.QuestionFactory(module=module, slot=slot, order=1)
    return module


@pytest.fixture
def pooled_module(db: None) -> Module:
    """A draft whose one slot keeps the pool rule: 3 certifying questions, 1 practice."""
    module = factories.ModuleFactory()
    factories.PooledSlotFactory(module=module, slug="who-hands-over", objective="Hand over")
    return module


def saved_slot(module: Module, **changes: Any) -> dict[str, Any]:
    slot = module.slots.get(slug="who-hands-over")
    return {"id": slot.pk, "order": 1, "slug": slot.slug, "objective": slot.objective} | changes


def test_publishing_a_module_whose_bank_cannot_fill_a_form_is_refused(
    editor_client: Any, pooled_module: Module
) -> None:
    module = pooled_module
    empty = factories.SlotFactory(module=module, slug="cold-means", order=2)
    listed = {"id": empty.pk, "order": 2, "slug": empty.slug, "objective": empty.objective}
    url = reverse("admin:content_module_change", args=[module.pk])
    response = editor_client.post(url, module_post(module, [saved_slot(module), listed]))
    assert response.status_code == 200
    assert (
        "slot cold-means has no certifying question, so no form can be drawn"
        in response.content.decode()
    )
    module.refresh_from_db()
    assert module.status == "draft"
    factories.fill_pools(empty)
    response = editor_client.post(url, module_post(module, [saved_slot(module), listed]))
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.status == "published"


def test_publishing_with_a_new_empty_slot_on_the_same_page_is_refused(
    editor_client: Any, pooled_module: Module
) -> None:
    module = pooled_module
    new = {"order": 2, "slug": "cold-means", "objective": "What cold means"}
    url = reverse("admin:content_module_change", args=[module.pk])
    response = editor_client.post(url, module_post(module, [saved_slot(module), new]))
    assert response.status_code == 200
    assert (
        "slot cold-means has no certifying question, so no form can be drawn"
        in response.content.decode()
    )
    module.refresh_from_db()
    assert module.status == "draft" and module.slots.count() == 1


def test_removing_the_empty_slot_while_publishing_is_accepted(
    editor_client: Any, pooled_module: Module
) -> None:
    module = pooled_module
    empty = factories.SlotFactory(module=module, slug="cold-means", order=2)
    gone = {"id": empty.pk, "order": 2, "slug": empty.slug, "objective": "x", "DELETE": "on"}
    url = reverse("admin:content_module_change", args=[module.pk])
    response = editor_client.post(url, module_post(module, [saved_slot(module), gone]))
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.status == "published" and module.slots.count() == 1


def test_renaming_a_slot_while_publishing_keeps_its_questions_in_it(
    editor_client: Any, pooled_module: Module
) -> None:
    module = pooled_module
    renamed = saved_slot(module, slug="who-may-hand-over")
    url = reverse("admin:content_module_change", args=[module.pk])
    response = editor_client.post(url, module_post(module, [renamed]))
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.status == "published"
    slots = list(module.questions.values_list("slot__slug", flat=True))
    assert slots == ["who-may-hand-over"] * 4


def test_the_pool_rule_warns_on_publishing_until_it_is_in_force(
    editor_client: Any, one_slot_module: Module, settings: Any
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = False
    module = one_slot_module
    url = reverse("admin:content_module_change", args=[module.pk])
    response = editor_client.post(url, module_post(module, [saved_slot(module)]), follow=True)
    assert response.redirect_chain
    assert (
        "Not yet required, but needed soon: slot who-hands-over has 1 certifying question and "
        "0 practice questions; every slot needs at least 3 and 1." in response.content.decode()
    )
    module.refresh_from_db()
    assert module.status == "published"


def test_the_pool_rule_refuses_publishing_once_in_force(
    editor_client: Any, one_slot_module: Module, settings: Any
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = True
    module = one_slot_module
    url = reverse("admin:content_module_change", args=[module.pk])
    response = editor_client.post(url, module_post(module, [saved_slot(module)]))
    assert response.status_code == 200
    assert "slot who-hands-over has 1 certifying question and 0 practice questions" in (
        response.content.decode()
    )
    module.refresh_from_db()
    assert module.status == "draft"
    slot = module.slots.get()
    for order in range(2, 4):
        factories.QuestionFactory(module=module, slot=slot, order=order)
    factories.QuestionFactory(module=module, slot=slot, order=9, pool="practice")
    response = editor_client.post(url, module_post(module, [saved_slot(module)]), follow=True)
    assert response.redirect_chain and "Not yet required" not in response.content.decode()
    module.refresh_from_db()
    assert module.status == "published"


def test_the_question_list_shows_slot_pool_and_purpose_and_offers_the_modules_slots(
    editor_client: Any,
) -> None:
    module = factories.ModuleFactory(title="Cold is a claim")
    first = factories.SlotFactory(module=module, slug="who-checks", order=1)
    second = factories.SlotFactory(module=module, slug="what-cold-means", order=2)
    factories.SlotFactory(slug="elsewhere")  # another module's
    asked = factories.QuestionFactory(module=module, slot=first, pool="practice", prompt="Asked?")
    factories.QuestionFactory(module=module, slot=second, prompt="Other?")
    factories.QuestionFactory(module=module, slot=None, prompt="Loose?")
    url = reverse("admin:content_question_changelist")
    page = editor_client.get(url).content.decode()
    for header in ("Slot", "Pool", "Purpose"):
        assert f">{header}</a>" in page
    assert "1. who-checks" in page and "By slot" not in page
    chosen = editor_client.get(url, {"module__id__exact": module.pk}).content.decode()
    assert "By slot" in chosen and "2. what-cold-means" in chosen and "elsewhere" not in chosen
    only = editor_client.get(
        url, {"module__id__exact": module.pk, "slot": first.pk, "pool": "practice"}
    )
    assert list(only.context["cl"].result_list) == [asked]
    loose = editor_client.get(url, {"module__id__exact": module.pk, "slot": "none"})
    assert [q.prompt for q in loose.context["cl"].result_list] == ["Loose?"]
    for value in ("x", "-1", "99999999999999999999"):  # refused quietly, not a 500
        assert editor_client.get(url, {"slot": value}).status_code in (200, 302)


def test_the_module_page_lists_its_questions_with_slot_pool_and_purpose(
    editor_client: Any,
) -> None:
    module = factories.ModuleFactory()
    slot = factories.SlotFactory(module=module, objective="Who may hand over a firearm")
    factories.QuestionFactory(module=module, slot=slot, pool="practice", purpose="case-fact")
    page = editor_client.get(reverse("admin:content_module_change", args=[module.pk]))
    inline = page.content.decode().split('id="questions-group"')[1]
    for shown in ("Who may hand over a firearm", "Practice", "Fact about the case"):
        assert shown in inline


def test_every_input_of_the_editors_tables_has_a_name(editor_client: Any) -> None:
    """A tabular inline's or an editable list's inputs are named by column and row, since
    their column header is their only visible label."""
    module = factories.ModuleFactory(title="Cold is a claim")
    factories.SlotFactory(module=module, slug="who-checks")
    factories.QuestionFactory(module=module, slug="q1-who-checks")
    factories.DepartmentFactory()
    listing = editor_client.get(reverse("admin:content_module_changelist")).content.decode()
    assert 'aria-label="Order of Cold is a claim"' in listing
    page = editor_client.get(reverse("admin:content_module_change", args=[module.pk]))
    body = page.content.decode()
    for name in ("Objective of slot who-checks", "Order of question q1-who-checks"):
        assert f'aria-label="{name}"' in body
    assert 'aria-label="Delete of slot who-checks"' in body
    assert '<input type="checkbox" name="departments"' in body  # not the two-box picker


@pytest.mark.parametrize("tail", ["widgets.css/change/", "x/change/", "1e3/change/"])
def test_a_question_address_that_is_no_question_is_not_a_500(editor_client: Any, tail: str) -> None:
    question = factories.QuestionFactory()
    response = editor_client.get(f"/admin/content/question/{question.pk}/change/{tail}")
    assert response.status_code in (302, 404)
