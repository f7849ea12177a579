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
from django.db.models.signals import post_save

from safetyquiz.content.checks import check_content
from safetyquiz.content.models import Module, Question, Slot


class Command(loaddata.Command):
    help = loaddata.Command.help + (
        " Content that breaks the content rules is refused whole. With --prune, the slots and"
        " questions of the loaded modules that the fixtures no longer hold are removed."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Remove the loaded modules' slots and questions that the fixtures no longer "
            "hold (answers keep their snapshots), as a new release of the content replaces "
            "the old.",
        )

    def handle(self, *fixture_labels: Any, **options: Any) -> None:
        self.prune = options["prune"]
        super().handle(*fixture_labels, **options)

    def loaddata(self, fixture_labels: Any) -> None:
        loaded: dict[type, set[int]] = {Module: set(), Slot: set(), Question: set()}

        def remember(sender: type, instance: Any, **kwargs: Any) -> None:
            loaded[sender].add(instance.pk)

        for model in loaded:
            post_save.connect(remember, sender=model, weak=False)
        try:
            super().loaddata(fixture_labels)
        finally:
            for model in loaded:
                post_save.disconnect(remember, sender=model)
        if not self.loaded_object_count:
            return
        if self.prune:
            self.prune_modules(loaded[Module], loaded[Question], loaded[Slot])
        report = check_content(Path(settings.SOURCES_DIR))
        if report.problems:
            listed = "\n".join(f"- {problem}" for problem in report.problems)
            raise CommandError(
                f"The content loaded breaks {len(report.problems)} content rule(s); "
                f"nothing was loaded:\n{listed}"
            )
        if report.warnings:
            self.stderr.write(
                f"Warning: {len(report.warnings)} slot(s) of published modules fall short of "
                "the pools a slot needs (3 certifying questions, 1 practice); `check_content` "
                "lists them. They are refused while ASSESSMENT_RULES_ENFORCED is on (the default)."
            )

    def prune_modules(self, modules: set[int], questions: set[int], slots: set[int]) -> None:
        gone = Question.objects.filter(module__in=modules).exclude(pk__in=questions)
        for question in gone.select_related("module"):
            self.stdout.write(f"Removed question {question.module.slug}/{question.slug}")
        gone.delete()
        Slot.objects.filter(module__in=modules).exclude(pk__in=slots).delete()
