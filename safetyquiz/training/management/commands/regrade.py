"""Regrade the answers already given to a question whose key an editor corrected.

The answers keep the question as it was shown; the corrected key is recorded beside it,
the attempts get their result again, and certificates follow the new results. Run it
with --dry-run first to see every attempt that would change. An answer whose picked choice
(any box of a multiple select, any item of an ordering) has been reworded since is listed
apart: the corrected key would judge a statement the learner never read, so it stays as
graded unless confirmed, one by one, with --confirm <answer id>. Running it twice changes
nothing the second time.
"""

from collections.abc import Sequence
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
        lines += _table(rows)
    if plan.held:
        lines.append(
            "Answers whose choice reads differently now from what the learner read; they stay "
            "as graded unless confirmed one by one with --confirm <answer>:"
        )
        held: list[tuple[str, ...]] = [
            ("answer", "attempt", "learner", "Q", "read then", "reads now", "points")
        ]
        held += [
            (
                str(h.answer_id),
                str(h.attempt_id),
                h.learner,
                str(h.number),
                " | ".join(h.then),
                " | ".join(h.now),
                _arrow((h.before.points, h.after.points)),
            )
            for h in plan.held
        ]
        lines += _table(held)
    lines += [f"Note: {note}" for note in plan.notes]
    return lines


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


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
            "--confirm",
            type=int,
            action="append",
            default=[],
            metavar="ANSWER",
            help="Regrade this answer too, though its choice was reworded since (repeat it).",
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
        confirm = set(options["confirm"])
        held = {h.answer_id for h in plans.regrade_plan(question=question).held}
        if unknown := sorted(confirm - held):
            listed = ", ".join(str(pk) for pk in unknown)
            raise CommandError(
                f"--confirm {listed}: not an answer to this question whose choice was reworded "
                "since (the dry run lists those)."
            )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing is changed.")
            plan = plans.regrade_plan(question=question, confirm=confirm)
            self.stdout.write("\n".join(plan_table(plan)))
            return
        editor = self._editor(options["user"])
        plan = plans.question_regrade(question=question, user=editor, confirm=confirm)
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
