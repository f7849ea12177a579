"""The project's own admin: the record of edits, readable by editors."""

from typing import Any

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_admin_edits_are_logged_with_who_when_and_what(client: Any, editor: Any) -> None:
    client.force_login(editor)
    source = factories.SourceFactory(title="Before")
    data = {
        "slug": source.slug,
        "title": "After",
        "publisher": "",
        "kind": "article",
        "document": source.document,
        "url": "",
        "excerpts-TOTAL_FORMS": 0,
        "excerpts-INITIAL_FORMS": 0,
        "excerpts-MIN_NUM_FORMS": 0,
        "excerpts-MAX_NUM_FORMS": 1000,
    }
    response = client.post(reverse("admin:content_source_change", args=[source.pk]), data)
    assert response.status_code == 302
    entry = LogEntry.objects.get()
    assert (entry.user, entry.action_flag, entry.object_repr) == (editor, CHANGE, "After")
    assert "Title" in entry.get_change_message() and entry.action_time
    listing = client.get(reverse("admin:admin_logentry_changelist")).content.decode()
    assert "After" in listing
