"""Email each crew member the modules they are overdue on or have due soon.

Run it once a day (cron or a systemd timer: see the README). It needs email to be set up
(DJANGO_EMAIL_HOST); without it, it says so and exits 0 having sent nothing, and the
instructors' reminders page is the way to remind people. Members without an email address
are counted and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from safetyquiz.crews.models import Production
from safetyquiz.crews.rosters import rosters


@dataclass
class Letter:
    name: str
    lines: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = "Email crew their overdue and soon-due modules (only where email is set up)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--within", type=int, default=7, help="Days ahead to include (0-365; default 7)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be emailed what; send nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        within = options["within"]
        if not 0 <= within <= 365:
            raise CommandError("--within is a number of days from 0 to 365.")
        if not settings.SAFETYQUIZ_EMAIL_ENABLED:
            self.stdout.write(
                "Email is not set up here (DJANGO_EMAIL_HOST is unset): nothing sent. "
                "Instructors can copy the list from each production's reminders page."
            )
            return
        letters = self.letters(within)
        emails = dict(
            User.objects.filter(pk__in=letters, is_active=True)
            .exclude(email="")
            .values_list("pk", "email")
        )
        messages = [
            self.message(letter, emails[pk]) for pk, letter in letters.items() if pk in emails
        ]
        skipped = len(letters) - len(messages)
        if options["dry_run"]:
            for message in messages:
                self.stdout.write(f"Would email {message.to[0]}: {message.subject}")
        else:
            get_connection().send_messages(messages)
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(messages)} reminder{'s' if len(messages) != 1 else ''}; "
                f"{skipped} member{'s' if skipped != 1 else ''} with something due "
                "but no email address."
            )
        )

    def letters(self, within: int) -> dict[int, Letter]:
        """Per member, across every production still running, a line per module due."""
        today = timezone.localdate()
        running = Production.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        letters: dict[int, Letter] = {}
        for roster in rosters(running, today).values():
            for row, items in roster.due_within(within):
                letter = letters.setdefault(row.membership.user_id, Letter(row.name))
                letter.lines += [
                    f"- {a.module.title} ({roster.production.name}): {cell.due}; {cell.missing}"
                    for a, cell in items
                ]
        return letters

    def message(self, letter: Letter, email: str) -> EmailMessage:
        count = len(letter.lines)
        where = (
            f"Take them at {settings.SAFETYQUIZ_SITE_URL}/modules/"
            if settings.SAFETYQUIZ_SITE_URL
            else "Sign in to set-safety training to take them."
        )
        body = "\n".join(
            [
                f"Hello {letter.name},",
                "",
                "These set-safety training modules need a pass before your firearm scenes:",
                "",
                *letter.lines,
                "",
                where,
            ]
        )
        subject = f"Set-safety training: {count} module{'s' if count != 1 else ''} due"
        return EmailMessage(subject, body, to=[email])
