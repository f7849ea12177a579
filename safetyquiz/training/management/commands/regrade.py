"""Regrade the answers already given to a question whose key an editor corrected.

The answers keep the question as it was shown; the corrected key is recorded beside it,
the attempts get their result again, and certificates follow the new results. Run it
with --dry-run first to see every attempt that would change. Running it twice changes
nothing the second time.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetyquiz.content.models import Module, Question
from safetyquiz.training.regrading import plans


def plan_table(plan: plans.Plan) -> list[str]:
    """The plan as text: one row per finished attempt that changes, then the notes."""
    question = plan.question
    critical = " (critical)" if question.critical else ""
    lines = [f"{question.module.slug} / {question.slug}{critical}: {question.prompt}", plan.summary]
    if plan.attempts:
        header = ("attempt", "learner", "finished", "Q", "points", "%", "passed", "certificate")
        rows = [header] + [
            (
                str(a.attempt_id),
                a.learner,
                a.finished_on.isoformat(),
                ", ".join(str(n) for n in a.numbers),
                _arrow(a.points),
                _arrow(a.percentage),
                _arrow((_yes(a.passed[0]), _yes(a.passed[1]))),
                _arrow(a.certificate),
            )
            for a in plan.attempts
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
        ]
    lines += [f"Note: {note}" for note in plan.notes]
    return lines


def _yes(value: bool | None) -> str:
    return "yes" if value else "no"


def _arrow(pair: tuple[Any, Any]) -> str:
    before, after = (str(v) for v in pair)
    return before if before == after else f"{before} -> {after}"


class Command(BaseCommand):
    help = "Regrade the answers to a question whose key, points or critical flag was corrected."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("module", help="The module's slug.")
        parser.add_argument("question", help="The question's slug within the module.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; change nothing."
        )
        parser.add_argument(
            "--user",
            help="The editor the admin log names (default: the only superuser, if one).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        module = Module.objects.filter(slug=options["module"]).first()
        if module is None:
            raise CommandError(f"No module with the slug {options['module']!r}.")
        question = (
            Question.objects.filter(module=module, slug=options["question"])
            .prefetch_related("choices")
            .first()
        )
        if question is None:
            raise CommandError(
                f"The module {module.slug!r} has no question with the slug {options['question']!r}."
            )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing is changed.")
            self.stdout.write("\n".join(plan_table(plans.regrade_plan(question=question))))
            return
        editor = self._editor(options["user"])
        plan = plans.question_regrade(question=question, user=editor)
        self.stdout.write("\n".join(plan_table(plan)))

    def _editor(self, username: str | None) -> Any:
        users = get_user_model().objects.filter(is_active=True)
        if username:
            editor = users.filter(username=username, is_staff=True).first()
            if editor is None:
                raise CommandError(f"No active staff user {username!r}.")
            return editor
        superusers = list(users.filter(is_superuser=True)[:2])
        if len(superusers) != 1:
            raise CommandError("Name the editor for the admin log with --user <username>.")
        return superusers[0]
