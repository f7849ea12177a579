"""Fill the database with a studio's worth of made-up crews, to measure the app at scale.

`make bench` runs it on a throwaway PostgreSQL cluster; a developer can run it on their
own database to see the instructor pages at size. It writes many productions (one of
them with a crew of exactly ``--big``), their memberships, assignments and instructors,
then attempts, answers and certificates spread over the published curriculum, made by
the quiz's own snapshot, grading and certificate code (``devtools.scale``).

Everything it makes is named after ``--seed`` and drawn from ``random.Random(seed)``, in
one transaction: running it again with the same seed and sizes changes nothing, and
``--replace`` rebuilds that seed's data at new sizes. Accounts get unusable passwords, so
no one can sign in as them; still, it writes thousands of fake people, so it runs only
with DEBUG on or with the bench flag (SAFETYQUIZ_BENCH=1).
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from safetyquiz.devtools.scale import people
from safetyquiz.devtools.scale.attempts import LEAN_SIMULATED, copy_finished, make_attempts


class Command(BaseCommand):
    help = (
        "Make productions, crews, attempts and answers at scale from --seed "
        "(idempotent per seed; --replace to rebuild; DEBUG or SAFETYQUIZ_BENCH only)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--crew", type=int, default=20_000, help="Crew members (20,000).")
        parser.add_argument(
            "--answers", type=int, default=1_000_000, help="Answers in all (1,000,000)."
        )
        parser.add_argument(
            "--big", type=int, default=500, help="Crew of the one large production (500)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Names and randomness (1).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete this seed's data first and rebuild."
        )
        parser.add_argument(
            "--lean",
            action="store_true",
            help="Store no snapshot in attempts and answers (graded as usual), and past "
            "250,000 answers copy the finished attempts instead of simulating more: data for "
            "the module analysis alone, at sizes such as 10,000,000 answers (make "
            "bench-scale). The total then exceeds --answers by less than one attempt.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be made; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        crew, answers, big, seed = (options[k] for k in ("crew", "answers", "big", "seed"))
        self.verbosity, self.last_tenth = options["verbosity"], -1
        if not (settings.DEBUG or settings.SAFETYQUIZ_BENCH):
            raise CommandError(
                "seed_scale writes thousands of made-up people: it runs only with "
                "DJANGO_DEBUG=1 or SAFETYQUIZ_BENCH=1."
            )
        if seed < 0 or crew < 1 or answers < 0 or not 1 <= big <= crew:
            raise CommandError(
                "Need --seed >= 0, --crew >= 1, --answers >= 0 and 1 <= --big <= --crew."
            )
        curriculum = people.load_curriculum(random.Random(seed))
        if not curriculum.modules:
            raise CommandError("No published module with questions: load the curriculum first.")
        have = people.existing(seed)
        if have is not None and not options["replace"]:
            lean_total = options["lean"] and have[0] == crew and 0 <= have[1] - answers < 100
            if have == (crew, answers) or lean_total:
                self.stdout.write(f"Seed {seed} is already there ({crew} crew, {have[1]} answers).")
                return
            raise CommandError(
                f"Seed {seed} already has {have[0]} crew and {have[1]} answers: "
                "pass --replace to rebuild it, or use another --seed."
            )
        productions = people.plan_productions(random.Random(seed), crew, big)
        if options["dry_run"]:
            self.stdout.write(
                f"Would make {len(productions)} productions (one of {big} crew), {crew} crew, "
                f"{len(productions)} instructors and {answers} answers in about "
                f"{answers // max(1, people.mean_questions(curriculum))} attempts"
                + (f", after deleting seed {seed}'s data." if options["replace"] else ".")
            )
            return
        started = time.monotonic()
        with transaction.atomic():
            if options["replace"]:
                people.delete_seed(seed)
            made_people = people.make_people(
                seed, crew, productions, curriculum, random.Random(seed)
            )
            lean = options["lean"]
            simulated = min(answers, LEAN_SIMULATED) if lean else answers
            made = make_attempts(
                made_people,
                curriculum,
                simulated,
                random.Random(seed + 1),
                self.progress,
                lean=lean,
            )
            if lean and answers > simulated:
                made = (made[0], made[1] + copy_finished(answers), made[2])
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {len(productions)} productions, {crew} crew, {made[0]} attempts, "
                f"{made[1]} answers, {made[2]} certificates in {time.monotonic() - started:.0f} s."
            )
        )

    def progress(self, done: int, total: int, since: float) -> None:
        """A bar redrawn in place on a terminal; a line per tenth in a log."""
        if self.verbosity == 0:
            return
        share = done / total if total else 1.0
        tenth = int(share * 10)
        bar = "#" * int(share * 30)
        took = time.monotonic() - since
        line = f"answers [{bar:<30}] {share:4.0%} {done:>9,}/{total:,} {took:5.0f} s"
        if sys.stderr.isatty():
            self.stderr.write("\r" + line, ending="\n" if done >= total else "")
        elif tenth != self.last_tenth:
            self.stderr.write(line)
        self.last_tenth = tenth
