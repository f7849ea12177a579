"""Django's loaddata, with the content rules checked before the load is committed.

Fixtures bypass model validation, so a file that breaks a rule (two right answers to a
single-choice question, a misquoted excerpt) would otherwise load silently. Here the
whole load is rolled back and every problem is listed.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import CommandError
from django.core.management.commands import loaddata

from safetyquiz.content.checks import check_content


class Command(loaddata.Command):
    help = loaddata.Command.help + " Content that breaks the content rules is refused whole."

    def loaddata(self, fixture_labels: Any) -> None:
        super().loaddata(fixture_labels)
        if not self.loaded_object_count:
            return
        report = check_content(Path(settings.SOURCES_DIR))
        if report.problems:
            listed = "\n".join(f"- {problem}" for problem in report.problems)
            raise CommandError(
                f"The content loaded breaks {len(report.problems)} content rule(s); "
                f"nothing was loaded:\n{listed}"
            )
