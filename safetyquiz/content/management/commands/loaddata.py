"""Django's loaddata for content releases: the fixtures merged into the content as edited
here, and the content rules checked before the load is committed.

Once deployed, the database is the source of truth: an editor's change to an object a
release also holds is kept, and where the release changed the same field it is reported
as a conflict and recorded (Content releases, in the admin); ``--theirs`` takes the
release's side instead. What the release adds is added, and with ``--prune`` what it
dropped is removed. Fixtures bypass model validation, so a load that breaks a rule (two
right answers to a single-choice question, a misquoted excerpt) is rolled back whole,
with every problem listed."""

from __future__ import annotations

import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.management import CommandError
from django.core.management.commands import loaddata
from django.db import transaction

from safetyquiz.content.checks import check_content
from safetyquiz.content.releasing import loading, report


class Command(loaddata.Command):
    help = (
        "Load a content release: the fixtures are merged into the content here, keeping "
        "the changes made here (a field both changed is reported as a conflict and "
        "recorded), and content that breaks the content rules is refused whole."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Remove what earlier releases held and this one does not (answers keep "
            "their snapshots), unless it was changed here.",
        )
        parser.add_argument(
            "--theirs",
            action="store_true",
            help="Settle every conflict for the release: its value replaces the one changed "
            "here, an object deleted here comes back, one changed here is pruned.",
        )
        parser.add_argument(
            "--new-only",
            action="store_true",
            help="Do nothing when this database has loaded the same release before "
            "(make run loads the content into an empty database, or after it changed).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what the release would change, and its conflicts; change nothing.",
        )

    def handle(self, *fixture_labels: Any, **options: Any) -> None:
        self.prune = options["prune"]
        self.theirs = options["theirs"]
        self.new_only = options["new_only"]
        self.dry_run = options["dry_run"]
        super().handle(*fixture_labels, **options)

    def loaddata(self, fixture_labels: Any) -> None:
        self.serialization_formats = serializers.get_public_serializer_formats()
        self.entries: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {}
        for label in fixture_labels:
            self.entries[label] = [self.read(path) for path, _, _ in self.find_fixtures(label)]
        files = [(path, found) for label in fixture_labels for path, found in self.entries[label]]
        fingerprint = loading.digest(entry for _, found in files for entry in found)
        if self.new_only and (before := loading.loaded_before(fingerprint)):
            self.say(f"This content release is loaded already ({before}); nothing to do.")
            return
        self.merger = loading.ReleaseLoad(
            using=self.using, theirs_wins=self.theirs, ignore=self.ignore
        )
        super().loaddata(fixture_labels)
        if self.prune:
            self.merger.prune()
        names = [os.path.relpath(path) for path, _ in files]
        record = self.merger.record(digest=fingerprint, fixtures=names, pruned=self.prune)
        self.say(report.summary(self.merger.tally, record, theirs=self.theirs))
        checked = check_content(Path(settings.SOURCES_DIR))
        if checked.problems:
            listed = "\n".join(f"- {problem}" for problem in checked.problems)
            raise CommandError(
                f"The content loaded breaks {len(checked.problems)} content rule(s); "
                f"nothing was loaded:\n{listed}"
            )
        if checked.warnings:
            self.stderr.write(
                f"Warning: {len(checked.warnings)} slot(s) of published modules fall short of "
                "the pools a slot needs (3 certifying questions, 1 practice); `check_content` "
                "lists them. They are refused while ASSESSMENT_RULES_ENFORCED is on (the default)."
            )
        if self.dry_run:
            transaction.set_rollback(True, using=self.using)
            self.say("Dry run: nothing was changed.")

    def read(self, path: str) -> tuple[str, list[dict[str, Any]]]:
        """A fixture file's entries, as Django's Python deserializer takes them."""
        _, ser_fmt, cmp_fmt = self.parse_name(os.path.basename(path))
        opener: Any = self.compression_formats[cmp_fmt]
        try:
            if path == loaddata.READ_STDIN:
                text = sys.stdin.read()
            else:
                with opener[0](path, opener[1]) as fixture:
                    text = fixture.read()
            text = text.decode() if isinstance(text, bytes) else text
            found = entries_of(str(ser_fmt), text)
        except Exception as error:
            raise CommandError(f"Problem installing fixture '{path}': {error}") from error
        return path, found

    def load_label(self, fixture_label: str) -> None:
        """Each entry merged with the object here, then saved as Django saves it."""
        for path, found in self.entries[fixture_label]:
            self.fixture_count += 1
            self.fixture_object_count += len(found)
            if self.verbosity >= 2:
                self.stdout.write(f"Installing fixture '{path}'.")
            try:
                for entry in found:
                    obj = self.merger.take(entry)
                    if obj is not None and self.save_obj(obj):
                        self.loaded_object_count += 1
            except Exception as error:
                if not isinstance(error, CommandError):
                    error.args = (f"Problem installing fixture '{path}': {error}",)
                raise
            if not found:
                warnings.warn(
                    f"No fixture data found for '{path}'. (File format may be invalid.)",
                    RuntimeWarning,
                    stacklevel=2,
                )

    def say(self, text: str) -> None:
        if self.verbosity >= 1 and text:
            self.stdout.write(text)


def entries_of(ser_fmt: str, text: str) -> list[dict[str, Any]]:
    """The entries of a JSON (or JSON lines) fixture, as Django's Python deserializer
    takes them."""
    if ser_fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if ser_fmt != "json":
        raise ValueError(f"a content release is read from JSON fixtures, not {ser_fmt}")
    found = json.loads(text)
    if not isinstance(found, list):
        raise ValueError("a fixture is a list of objects")
    return found
