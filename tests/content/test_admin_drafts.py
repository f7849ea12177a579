"""Editing a published module in the admin: its page is read, a draft of it is edited,
and the draft is published from a page that lists its changes and what stops it."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from safetyquiz.content import services
from safetyquiz.content.models import Module, Question
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client: Any, editor: Any) -> Any:
    client.force_login(editor)
    return client


@pytest.fixture
def published(db: None) -> Module:
    module = factories.PublishedModuleFactory(slug="cold", title="Cold is a claim", questions=0)
    slot = factories.SlotFactory(module=module, slug="who-checks", objective="Who checks", order=1)
    factories.QuestionFactory(module=module, slot=slot, slug="q1", prompt="Who checks it?")
    return module


def change_url(obj: Any) -> str:
    return reverse(f"admin:content_{obj._meta.model_name}_change", args=[obj.pk])


def test_a_published_module_is_read_here_and_edited_as_a_draft(
    editor_client: Any, published: Module
) -> None:
    page = editor_client.get(change_url(published)).content.decode()
    assert "Published: crew see this module." in page
    assert "Edit as a draft" in page and 'name="_save"' not in page
    assert editor_client.post(change_url(published), {"title": "Changed"}).status_code == 403
    draft_url = reverse("admin:content_module_draft", args=[published.pk])
    assert editor_client.get(draft_url).status_code == 405  # a GET changes nothing
    response = editor_client.post(draft_url)
    draft = Module.objects.get(draft_of=published)
    assert response.status_code == 302 and response["Location"] == change_url(draft)
    page = editor_client.get(change_url(draft)).content.decode()
    assert "Draft of “" in page and "Changes since the last publish: no changes." in page
    assert 'name="_save"' in page and 'name="slug"' not in page  # the address stays
    assert editor_client.post(draft_url)["Location"] == change_url(draft)  # the same draft
    listing = editor_client.get(reverse("admin:content_module_changelist")).content.decode()
    assert "Published, with a draft open" in listing and "Draft of “Cold is a claim”" in listing


def test_a_question_of_a_published_module_is_edited_in_the_draft(
    editor_client: Any, published: Module
) -> None:
    q1 = published.questions.get()
    page = editor_client.get(change_url(q1)).content.decode()
    assert "Edit in the module&#x27;s draft" in page or "Edit in the module's draft" in page
    assert editor_client.post(change_url(q1), {"prompt": "Changed"}).status_code == 403
    delete = reverse("admin:content_question_delete", args=[q1.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    draft_url = reverse("admin:content_module_draft", args=[published.pk])
    response = editor_client.post(draft_url, {"question": "q1"})
    copy = Question.objects.get(module__draft_of=published, slug="q1")
    assert response["Location"] == change_url(copy)


def test_a_question_cannot_be_added_to_a_published_module(
    editor_client: Any, published: Module
) -> None:
    data = {
        "module": published.pk,
        "slug": "q-new",
        "order": 2,
        "kind": "true_false",
        "purpose": "rule",
        "pool": "certifying",
        "prompt": "Blanks can kill.",
        "points": 1,
        "explanation": "They can.",
        "choices-TOTAL_FORMS": 2,
        "choices-INITIAL_FORMS": 0,
        "choices-0-key": "true",
        "choices-0-text": "True",
        "choices-0-is_correct": "on",
        "choices-1-key": "false",
        "choices-1-text": "False",
    }
    response = editor_client.post(reverse("admin:content_question_add"), data)
    assert response.status_code == 200
    assert "is published, so its questions are added and changed in its draft" in (
        response.content.decode()
    )
    assert not Question.objects.filter(slug="q-new").exists()


def test_the_publish_page_lists_the_changes_and_publishes_in_one_step(
    editor_client: Any, editor: Any, published: Module
) -> None:
    draft = services.draft_open(module=published, user=editor)
    Module.objects.filter(pk=draft.pk).update(summary="Edited in the draft")
    url = reverse("admin:content_module_publish", args=[draft.pk])
    page = editor_client.get(url).content.decode()
    assert "Changes since the last publish" in page
    assert "Edited in the draft" in page and "Summary" in page
    assert "The published module changed after this draft was made" not in page
    response = editor_client.post(url)
    assert response.status_code == 302 and response["Location"] == change_url(published)
    published.refresh_from_db()
    assert published.summary == "Edited in the draft"
    assert not Module.objects.filter(pk=draft.pk).exists()
    page = editor_client.get(response["Location"]).content.decode()
    assert "Published “Cold is a claim”: the module: 1 field(s) changed." in page


def test_the_publish_page_warns_of_changes_made_to_the_published_module_meanwhile(
    editor_client: Any, editor: Any, published: Module
) -> None:
    draft = services.draft_open(module=published, user=editor)
    Module.objects.filter(pk=published.pk).update(title="Changed by a release")
    page = editor_client.get(reverse("admin:content_module_publish", args=[draft.pk]))
    assert "The published module changed after this draft was made" in page.content.decode()


def test_what_stops_a_publish_is_listed_first_with_a_link_to_where_it_is_mended(
    editor_client: Any, editor: Any, published: Module
) -> None:
    draft = services.draft_open(module=published, user=editor)
    factories.SlotFactory(module=draft, slug="cold-means", order=9)
    q1 = draft.questions.get()
    q1.choices.update(is_correct=True)
    url = reverse("admin:content_module_publish", args=[draft.pk])
    page = editor_client.get(url).content.decode()
    summary = page.index('class="error-summary"')
    assert summary < page.index("Changes since the last publish")
    assert f'href="{change_url(draft)}#slots-1"' in page  # the empty slot's row
    assert "slot cold-means has no certifying question" in page
    assert f'href="{change_url(q1)}"' in page and "needs exactly one right choice" in page
    assert 'type="submit"' not in page[summary:]  # no Publish button
    response = editor_client.post(url)
    assert response.status_code == 400
    assert Module.objects.filter(pk=draft.pk).exists()
    assert not published.slots.filter(slug="cold-means").exists()


def test_publishing_needs_the_right_to_publish(client: Any, published: Module) -> None:
    writer = factories.UserFactory(username="writer", is_staff=True)
    writer.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="content", codename__in=["view_module", "change_module"]
        )
    )
    client.force_login(writer)
    response = client.post(reverse("admin:content_module_draft", args=[published.pk]))
    draft = Module.objects.get(draft_of=published)
    page = client.get(response["Location"]).content.decode()
    assert "Read the changes and publish" not in page
    publish = reverse("admin:content_module_publish", args=[draft.pk])
    assert client.get(publish).status_code == 403
    assert client.post(publish).status_code == 403
    writer.user_permissions.add(Permission.objects.get(codename="publish_module"))
    assert client.post(publish).status_code == 302


def test_a_module_never_published_is_published_from_the_same_page(
    editor_client: Any,
) -> None:
    module = factories.ModuleFactory(title="Storage and control")
    factories.QuestionFactory(module=module)
    url = reverse("admin:content_module_publish", args=[module.pk])
    assert "has never been published" in editor_client.get(url).content.decode()
    assert editor_client.post(url).status_code == 302
    module.refresh_from_db()
    assert module.is_published
