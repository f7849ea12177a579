from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.worlds import World

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due(world: World) -> World:
    """crew_b (failed) has Cold is a claim due in two days; crew_a passed it."""
    world.p1.assignments.update(due_on=timezone.localdate() + timedelta(days=2))
    world.crew_b.email = "crew_b@example.com"
    world.crew_b.save()
    world.crew_a.email = "crew_a@example.com"
    world.crew_a.save()
    return world


def test_without_email_it_says_so_and_sends_nothing(settings: Any, due: World) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = False
    assert "Email is not set up here" in run()
    assert mail.outbox == []


def test_it_emails_each_member_what_is_due(settings: Any, due: World) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = True
    settings.SAFETYQUIZ_SITE_URL = "https://quiz.example.com"
    assert "Sent 1 reminder;" in run()
    [message] = mail.outbox
    assert message.to == ["crew_b@example.com"]  # crew_a holds a valid certificate
    assert message.subject == "Set-safety training: 1 module due"
    assert "Cold is a claim (Dust Devil): due " in message.body
    assert "not passed" in message.body and "https://quiz.example.com/modules/" in message.body


def test_members_without_an_address_are_counted_not_emailed(settings: Any, due: World) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = True
    due.crew_b.email = ""
    due.crew_b.save()
    assert "Sent 0 reminders; 1 member with something due but no email address" in run()
    assert mail.outbox == []


def test_nothing_due_within_the_window_sends_nothing(settings: Any, due: World) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = True
    assert "Sent 0 reminders" in run("--within", "1")


def test_dry_run_sends_nothing(settings: Any, due: World) -> None:
    settings.SAFETYQUIZ_EMAIL_ENABLED = True
    assert "Would email crew_b@example.com" in run("--dry-run")
    assert mail.outbox == []


def test_a_bad_window_is_refused(settings: Any, due: World) -> None:
    with pytest.raises(CommandError, match="from 0 to 365"):
        run("--within", "-1")
