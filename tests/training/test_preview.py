"""The editors' preview of a question as crew see it: staff only, and nothing recorded."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from safetyquiz.content.models import Question
from safetyquiz.training.models import Answer, Attempt
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(db: None) -> Question:
    module = factories.ModuleFactory(slug="cold-is-a-claim")  # a draft: editors preview drafts
    return factories.QuestionFactory(
        module=module, slug="who-checks", kind="decision", prompt="The gun is handed to you."
    )


def url(question: Question) -> str:
    return reverse("training:question-preview", args=[question.module.slug, question.slug])


def test_anonymous_visitors_are_sent_to_sign_in(client: Any, question: Question) -> None:
    response = client.get(url(question))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_crew_get_not_found(crew_client: Any, question: Question) -> None:
    assert crew_client.get(url(question)).status_code == 404


def test_staff_without_the_right_to_see_questions_get_not_found(
    client: Any, question: Question
) -> None:
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get(url(question)).status_code == 404


def test_an_editor_sees_the_question_as_crew_do_and_nothing_is_recorded(
    client: Any, question: Question
) -> None:
    user = factories.UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_question"))
    client.force_login(user)
    response = client.get(url(question))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your seat: 2nd AD" in page and "The gun is handed to you." in page
    for choice in question.choices.all():
        assert choice.text in page
    assert 'type="radio" name="choice"' in page
    assert "Nothing is recorded here" in page
    assert not Attempt.objects.exists() and not Answer.objects.exists()


def test_an_unknown_question_is_not_found(client: Any, editor: Any, question: Question) -> None:
    client.force_login(editor)
    missing = reverse("training:question-preview", args=[question.module.slug, "nope"])
    assert client.get(missing).status_code == 404


def test_the_preview_records_nothing_on_post(client: Any, editor: Any, question: Question) -> None:
    client.force_login(editor)
    assert client.post(url(question), {"choice": ["0"]}).status_code == 405
    assert not Answer.objects.exists()


def test_the_question_page_in_the_admin_links_to_the_preview(
    client: Any, editor: Any, question: Question
) -> None:
    client.force_login(editor)
    page = client.get(reverse("admin:content_question_change", args=[question.pk]))
    assert f'href="{url(question)}"' in page.content.decode()
    assert "Preview as crew see it" in page.content.decode()


# The whole module


@pytest.fixture
def draft(db: None, editor: Any) -> Any:
    """The draft of a published module: a slot with two certifying questions and a
    practice one, and a question in no slot."""
    from safetyquiz.content import services

    module = factories.PublishedModuleFactory(
        slug="cold", title="Cold is a claim", questions=0, excerpts=[factories.ExcerptFactory()]
    )
    slot = factories.SlotFactory(
        module=module, objective="Who checks a firearm", teaching_point="Only the armorer."
    )
    factories.QuestionFactory(module=module, slot=slot, slug="c1", prompt="Certifying one?")
    factories.QuestionFactory(module=module, slot=slot, slug="c2", prompt="Certifying two?")
    factories.QuestionFactory(
        module=module, slot=slot, slug="p1", prompt="Practice one?", pool="practice"
    )
    factories.QuestionFactory(module=module, slug="loose", kind="ordering", prompt="In order?")
    return services.draft_open(module=module, user=editor)


def module_url(module: Any) -> str:
    return reverse("training:module-preview", args=[module.slug])


def test_the_whole_draft_shows_its_briefing_and_both_pools_slot_by_slot(
    client: Any, editor: Any, draft: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(editor)
    with django_assert_max_num_queries(14):
        response = client.get(module_url(draft))
    page = response.content.decode()
    assert "Preview of a draft: crew see the published module until it is published" in page
    assert draft.paragraphs[0] in page and "No one realized it was loaded" in page
    slot = page.index("Who checks a firearm")
    assert page.index("Teaching point:") > slot
    certifying = page.index("Certifying questions (2)")
    practice = page.index("Practice questions (1)")
    assert (
        slot < certifying < page.index("Certifying two?") < practice < page.index("Practice one?")
    )
    assert "Questions in no slot" in page and "In order?" in page
    for choice in draft.questions.get(slug="p1").choices.all():
        assert choice.feedback in page  # each choice's feedback, under the question
    ids = [part.split('"')[0] for part in page.split('id="choice-')[1:]]
    assert len(ids) == len(set(ids)) == 3 * 3 + 4  # every field its own id on the page
    assert not Attempt.objects.exists()


def test_the_module_preview_is_for_editors_only(client: Any, crew: Any, draft: Any) -> None:
    client.force_login(crew)
    assert client.get(module_url(draft)).status_code == 404
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get(module_url(draft)).status_code == 404


def test_an_unknown_module_has_no_preview(client: Any, editor: Any) -> None:
    client.force_login(editor)
    assert client.get(reverse("training:module-preview", args=["nope"])).status_code == 404


def test_the_module_page_in_the_admin_links_to_its_preview(
    client: Any, editor: Any, draft: Any
) -> None:
    client.force_login(editor)
    page = client.get(reverse("admin:content_module_change", args=[draft.pk])).content.decode()
    assert f'href="{module_url(draft)}"' in page
