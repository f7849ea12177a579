"""Create the demo production and accounts, so `make run` shows a working app.

Idempotent: running it again updates the same rows. It sets known passwords, so
it refuses to run unless DEBUG is on.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from safetyquiz.devtools.demo import seed_demo


class Command(BaseCommand):
    help = "Create the demo production, people and attempts (DEBUG only; safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo makes accounts with published passwords: "
                "it runs only with DJANGO_DEBUG=1."
            )
        with transaction.atomic():
            summary = seed_demo()
            if options["dry_run"]:
                transaction.set_rollback(True)
        prefix = "Would seed" if options["dry_run"] else "Seeded"
        self.stdout.write(self.style.SUCCESS(f"{prefix} {summary}."))
        if not options["dry_run"]:
            self.stdout.write(
                "Sign in as crew / crew-demo, instructor / instructor-demo or admin / admin-demo."
            )
