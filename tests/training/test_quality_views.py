"""The editors' item-quality page: who may see it, what it shows, and its query budget."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission

from safetyquiz.content.models import Module
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def module() -> Module:
    module: Module = factories.PublishedModuleFactory.create(
        slug="cold-is-a-claim", title="Cold is a claim"
    )
    factories.QuestionFactory(module=module, kind="decision", slug="hold-the-scene")
    return module


def url(module: Module) -> str:
    return f"/modules/{module.slug}/quality/"


def editor_with(*codenames: str) -> Any:
    user: Any = factories.UserFactory.create(username="content-editor", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_signed_out_goes_to_sign_in(client: Any, module: Module) -> None:
    response = client.get(url(module))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_crew_are_told_nothing(crew_client: Any, module: Module) -> None:
    assert crew_client.get(url(module)).status_code == 404


def test_staff_without_the_permission_are_told_nothing(client: Any, module: Module) -> None:
    client.force_login(editor_with("view_module", "change_question"))
    assert client.get(url(module)).status_code == 404


def test_a_non_staff_user_with_the_permission_is_told_nothing(client: Any, module: Module) -> None:
    user = editor_with("change_module")
    user.is_staff = False
    user.save()
    client.force_login(user)
    assert client.get(url(module)).status_code == 404


def test_an_editor_sees_each_measure_and_the_surface_cue_readers(
    client: Any, module: Module
) -> None:
    client.force_login(editor_with("change_module"))
    response = client.get(url(module))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cold is a claim: item quality" in page
    assert "Chance that a reader who follows a surface cue passes a first form" in page
    assert "always the longest choice" in page and "Reading grade of the briefing" in page
    assert "No readings recorded for this module yet." in page
    # The decision question is keyed on its longest choice, and is flagged by name.
    assert "hold-the-scene" in page
    assert "the right answer is the longest choice" in page
    assert f'href="/admin/content/module/{module.pk}/change/"' in page


def test_an_unknown_module_is_not_found(client: Any, editor: Any) -> None:
    client.force_login(editor)
    assert client.get("/modules/no-such-module/quality/").status_code == 404


def test_only_get_is_allowed(client: Any, editor: Any, module: Module) -> None:
    client.force_login(editor)
    assert client.post(url(module)).status_code == 405


def test_drafts_are_checked_too(client: Any, editor: Any) -> None:
    draft: Module = factories.ModuleFactory.create(slug="draft-module", title="Draft module")
    factories.QuestionFactory(module=draft)
    client.force_login(editor)
    assert client.get(url(draft)).status_code == 200


def test_the_module_admin_page_links_to_it(client: Any, editor: Any, module: Module) -> None:
    client.force_login(editor)
    page = client.get(f"/admin/content/module/{module.pk}/change/").content.decode()
    assert f'href="{url(module)}"' in page


@pytest.mark.parametrize(("modules", "questions"), [(1, 2), (6, 8)])
def test_query_budget(
    client: Any, django_assert_max_num_queries: Any, modules: int, questions: int
) -> None:
    built: list[Module] = [
        factories.PublishedModuleFactory.create(questions=questions) for _ in range(modules)
    ]
    client.force_login(editor_with("change_module"))
    # Session, user, the user's and the groups' permissions, modules, questions, choices;
    # the module's panel (module, certifying pool, choices, readings); the certifying
    # questions' answers counted; the header's instructor link (staff are instructors only
    # through a membership).
    with django_assert_max_num_queries(13):
        assert client.get(url(built[0])).status_code == 200


def test_the_page_shows_the_panel_scored_now_and_the_items_out_of_line_with_their_slot(
    client: Any, module: Module
) -> None:
    from safetyquiz.training.panel.readings import reading_record

    slot = factories.SlotFactory(module=module, slug="who-checks", objective="Who checks")
    module.questions.update(slot=slot)
    easy, hard = module.questions.order_by("order")[:2]
    for question, right in ((easy, 40), (hard, 10)):
        attempt = factories.FinishedAttemptFactory(module=module)
        for n in range(40):
            factories.AnswerFactory(attempt=attempt, index=n, question=question, correct=n < right)
    picks = {q.slug: ["a"] for q in module.questions.all()}
    reading_record(
        module=module,
        reader="armorer",
        picks=picks,
        persona="expert",
        language="en",
        reader_kind="person",
        description="An armorer of twenty years.",
    )
    client.force_login(editor_with("change_module"))
    page = client.get(url(module)).content.decode()
    assert "armorer" in page and "An armorer of twenty years." in page
    assert "4 of 4" in page and "100.00%" in page
    assert "needs a current reading by a cautious non-expert" in page
    assert page.count("Differs</span>") == 2  # 100 % and 25 % against each other's side


def test_a_draft_of_a_published_module_is_measured_in_its_place(
    client: Any, editor: Any, module: Module
) -> None:
    """Its questions are copies of the published ones: measured beside them they would all
    read as near-duplicates; the draft stands in for the module instead."""
    from safetyquiz.content import services

    draft = services.draft_open(module=module, user=editor)
    client.force_login(editor)
    page = client.get(url(draft)).content.decode()
    assert "near-duplicate of module cold-is-a-claim-draft" in page  # within the draft
    assert "near-duplicate of module cold-is-a-claim," not in page
    page = client.get(url(module)).content.decode()
    assert "near-duplicate of module cold-is-a-claim," in page  # within the module
    assert "cold-is-a-claim-draft" not in page
