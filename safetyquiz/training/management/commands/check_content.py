"""Validate all training content in the database, and how well its questions test.

The admin checks each edit; this checks everything at once, for fixtures loaded from
files, for CI and before publishing a release of the curriculum. The content rules
(content.checks) are errors. The item-quality findings (training.quality: length cues,
key balance, duplicates, the chance a guesser who knows nothing passes) are warnings, and
errors with --strict. It lives in training because the guesser plays the real form draw
and scoring.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetyquiz.content.checks import Report, check_content
from safetyquiz.training.banks import course_banks
from safetyquiz.training.quality import CourseQuality, Thresholds, assess_course
from safetyquiz.training.translation_checks import spanish_findings


class Command(BaseCommand):
    help = (
        "Check every module, question, choice and excerpt against the content rules and the "
        "item-quality thresholds (settings.QUALITY); list each problem and exit non-zero "
        "when there are any. Item-quality findings are warnings unless --strict."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sources",
            type=Path,
            default=None,
            help="Folder of source texts to check quotes against (default: SOURCES_DIR).",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Item-quality findings are errors, not warnings.",
        )
        parser.add_argument(
            "--require-sources",
            action="store_true",
            help="Fail unless every excerpt's quote was checked against its source text.",
        )
        parser.add_argument(
            "--forms",
            type=int,
            default=None,
            help="Forms the guesser plays per module (default: QUALITY['GUESSER_FORMS']).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sources = options["sources"] or Path(settings.SOURCES_DIR)
        if options["sources"] and not sources.is_dir():
            raise CommandError(f"--sources: {sources} is not a folder.")
        if options["forms"] is not None and options["forms"] < 1:
            raise CommandError("--forms: give a number of forms of at least 1.")
        report = check_content(sources)
        problems = [str(problem) for problem in report.problems]
        if note := unchecked_quotes(report, sources):
            if options["require_sources"]:
                problems.append(note)
            else:
                self.stderr.write(
                    self.style.WARNING(f"WARNING: {note}. --require-sources makes this an error.")
                )
        quality = assess_course(
            course_banks(), Thresholds.from_settings(settings.QUALITY), forms=options["forms"]
        )
        findings = [str(finding) for finding in quality.findings]
        spanish = spanish_findings(forms=options["forms"])
        if settings.TRANSLATIONS_ENFORCED:
            findings += spanish
        else:  # until the Spanish content lands: warnings, even under --strict
            for finding in spanish:
                self.stderr.write(self.style.WARNING(f"- warning: {finding}"))
        if options["strict"]:
            problems += findings
        for problem in problems:
            self.stderr.write(f"- {problem}")
        if not options["strict"]:
            for finding in findings:
                self.stderr.write(self.style.WARNING(f"- warning: {finding}"))
        summary = (
            f"{report.modules} modules, {report.questions} questions, {report.choices} choices, "
            f"{report.excerpts} excerpts "
            f"({report.quotes_checked} quotes checked against their source)"
        )
        if problems:
            self.stdout.write(guesser_table(quality))
            count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
            raise CommandError(f"{count} in {summary}.")
        warned = f" and {len(findings)} item-quality warnings (errors with --strict)"
        self.stdout.write(self.style.SUCCESS(f"Content OK: {summary}{warned if findings else ''}."))
        self.stdout.write(guesser_table(quality))


def unchecked_quotes(report: Report, sources: Path) -> str:
    """Why some quotes were not checked against their source, or "" when all were."""
    if not sources.is_dir():
        return (
            f"no quotes checked: the source texts folder {sources} does not exist "
            "(set SAFETYQUIZ_SOURCES_DIR or pass --sources)"
        )
    if not report.excerpts:
        return "no quotes checked: there are no excerpts in the database"
    if report.unchecked:
        listed = ", ".join(report.unchecked[:5]) + (", ..." if len(report.unchecked) > 5 else "")
        return (
            f"{len(report.unchecked)} of {report.excerpts} quotes not checked: "
            f"their source text is not in {sources} ({listed})"
        )
    return ""


def guesser_table(quality: CourseQuality) -> str:
    width = max((len(m.bank.slug) for m in quality.modules), default=0)
    lines = ["The chance that a guesser who knows nothing passes, per module:"]
    for module in quality.modules:
        worst = module.guessing.worst
        chance = f"{worst.probability:6.1%}  {worst.label}" if worst else "     -  no questions"
        lines.append(f"  {module.bank.slug:<{width}}  {chance}")
    return "\n".join(lines)
