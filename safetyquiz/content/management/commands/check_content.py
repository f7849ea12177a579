"""Validate all training content in the database.

The admin checks each edit; this checks everything at once, for fixtures loaded
from files, for CI and before publishing a release of the curriculum.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetyquiz.content.checks import check_content


class Command(BaseCommand):
    help = (
        "Check every module, question, choice and excerpt against the content rules; "
        "list each problem and exit non-zero when there are any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sources",
            type=Path,
            default=None,
            help="Folder of source texts to check quotes against (default: SOURCES_DIR).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sources = options["sources"] or Path(settings.SOURCES_DIR)
        if options["sources"] and not sources.is_dir():
            raise CommandError(f"--sources: {sources} is not a folder.")
        report = check_content(sources)
        for problem in report.problems:
            self.stderr.write(f"- {problem}")
        summary = (
            f"{report.modules} modules, {report.questions} questions, {report.choices} choices, "
            f"{report.excerpts} excerpts "
            f"({report.quotes_checked} quotes checked against their source)"
        )
        if report.problems:
            raise CommandError(f"{len(report.problems)} problems in {summary}.")
        self.stdout.write(self.style.SUCCESS(f"Content OK: {summary}."))
