"""Tell every server the content has changed, after a change the app could not see.

Changes made through the admin, ``loaddata`` and the app's own code move the content
version on by themselves. A change made outside them (SQL in a database shell, a restore
of the content tables alone) does not: run this after it, and every worker reads the
curriculum again on its next request."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from safetyquiz.content import curriculum


class Command(BaseCommand):
    help = (
        "Move the content version on, so every server reads the curriculum again: run it "
        "after changing content outside the admin and loaddata (SQL, a partial restore)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--show", action="store_true", help="Say which version is current; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["show"]:
            with transaction.atomic():
                curriculum.bump()
        version = curriculum.version()
        said = "Content version" if options["show"] else "Content version moved on to"
        self.stdout.write(
            f"{said} {version.number} (changed {version.changed_at:%Y-%m-%d %H:%M} UTC)."
        )
