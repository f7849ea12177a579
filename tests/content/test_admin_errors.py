"""Every error of a content admin page is listed at its top, each linked to its field or
row: a publish refused for a slot far down the page says so first."""

from typing import Any

import pytest
from django.urls import reverse

from safetyquiz.content.admin.errors import mentioned, slot_anchor
from safetyquiz.content.models import Module
from tests.content.test_admin import module_post, one_slot_module, question_post, saved_slot

pytestmark = pytest.mark.django_db

__all__ = ["one_slot_module"]  # the fixture, used by name


@pytest.fixture
def editor_client(client: Any, editor: Any) -> Any:
    client.force_login(editor)
    return client


def summary_of(page: str) -> str:
    start = page.index('class="error-summary"')
    return page[start : page.index("</div>", start)]


def test_a_publish_refused_for_a_slot_far_down_is_listed_first_with_a_link_to_its_row(
    editor_client: Any, one_slot_module: Module
) -> None:
    module = one_slot_module
    new = {"order": 2, "slug": "cold-means", "objective": "What cold means"}
    url = reverse("admin:content_module_change", args=[module.pk])
    page = editor_client.post(url, module_post(module, [saved_slot(module), new])).content.decode()
    summary = summary_of(page)
    assert page.index('class="error-summary"') < page.index('id="id_title"')
    assert 'href="#slots-1"' in summary  # the new slot's row
    assert "slot cold-means has no certifying question, so no form can be drawn" in summary
    assert 'role="alert"' in summary and "js/error-summary.js" in page
    assert "Draft: crew do not see this module." in page  # refused: it is still a draft


def test_a_field_error_links_to_its_field(editor_client: Any, one_slot_module: Module) -> None:
    module = one_slot_module
    data = module_post(module, [saved_slot(module, objective="")], status="draft")
    data["title"] = ""
    url = reverse("admin:content_module_change", args=[module.pk])
    summary = summary_of(editor_client.post(url, data).content.decode())
    assert 'href="#id_title"' in summary and "Title: This field is required." in summary
    assert 'href="#id_slots-0-objective"' in summary
    assert "Slots, row 1, Objective: This field is required." in summary


def test_a_question_whose_choices_break_a_rule_links_to_its_choices(editor_client: Any) -> None:
    from tests import factories

    data = question_post(
        factories.ModuleFactory(),
        "single",
        [{"key": "a", "text": "Stop"}, {"key": "b", "text": "Go on"}],
    )
    page = editor_client.post(reverse("admin:content_question_add"), data).content.decode()
    summary = summary_of(page)
    assert 'href="#choices-group"' in summary
    assert "Choices: needs exactly one right choice (has 0)" in summary


def test_a_page_without_errors_has_no_summary(editor_client: Any, one_slot_module: Module) -> None:
    url = reverse("admin:content_module_change", args=[one_slot_module.pk])
    assert 'class="error-summary"' not in editor_client.get(url).content.decode()


def test_a_slot_is_found_by_its_whole_slug() -> None:
    slots = ["who", "who-checks", "cold"]
    assert mentioned("slot who-checks has no question", slots) == 1
    assert mentioned("slot cold-means has no question", slots) is None
    assert slot_anchor("slots cold, who are case facts", slots, "#x") == "#slots-0"
    assert slot_anchor("a published module needs a question", slots, "#x") == "#x"
