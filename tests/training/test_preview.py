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
