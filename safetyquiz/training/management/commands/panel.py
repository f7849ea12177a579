"""Blind panels for editors: export a module's certifying pool for readers who see no key,
then score what they picked.

A certificate should say that its holder knows the safeguards. Whether the questions test
that is shown by readers who answer the certifying pool as a persona (a careful person who
knows no firearm specifics; an armorer; someone who read only the briefing and did the
practice) from a sheet with no key, no feedback and no explanation. The app scores their
picks with its own scoring and gives the exact chance that each passes a first certifying
form. The readings are kept in the database and written as fixtures (fixtures/panels/), so
`check_content` scores them again whenever the content changes.

    manage.py panel export <module-slug> <dir> [--briefing] [--practice]
    manage.py panel export --all <dir>
    manage.py panel record <module-slug> <reader> <picks.json> --mapping <file> \\
        --persona cautious --language en --reader-kind automated --description "..."
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from safetyquiz.content.models import Module, Question
from safetyquiz.training.models import PanelReading
from safetyquiz.training.panel import sheet
from safetyquiz.training.panel.picks import PickError, changes, pool_digests, read_picks
from safetyquiz.training.panel.readings import (
    fixture_of,
    fixture_path,
    pool_of,
    reading_record,
    with_pool,
)

READER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Command(BaseCommand):
    help = (
        "Blind panels: `export` writes a module's certifying pool for readers (no key, no "
        "feedback; the mapping apart); `record` scores a reader's picks and keeps them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="export|record")
        export = actions.add_parser(
            "export",
            help="Write each module's reader's sheet, picks template and mapping.",
            description="panel export <module-slug> <dir>, or panel export --all <dir>",
        )
        export.add_argument(
            "targets", nargs="+", metavar="ARG", help="<module-slug> <dir>; with --all, <dir>"
        )
        export.add_argument("--all", action="store_true", help="Every module with a pool.")
        export.add_argument(
            "--briefing", action="store_true", help="Put the module's briefing on the sheet."
        )
        export.add_argument(
            "--practice",
            action="store_true",
            help="Also write <slug>.practice.md: the practice pool with keys and feedback.",
        )
        export.add_argument("--seed", default=None, help="Shuffle the same way every time.")
        record = actions.add_parser(
            "record",
            help="Score a reader's picks and keep them, with a fixture.",
            description="panel record <module-slug> <reader> <picks.json> --mapping <file> ...",
        )
        record.add_argument("module", metavar="module-slug")
        record.add_argument("reader", help="A name for the reader: lower-case words and hyphens.")
        record.add_argument("picks", type=Path, metavar="picks.json")
        record.add_argument("--mapping", type=Path, required=True)
        record.add_argument("--persona", required=True, choices=PanelReading.Persona.values)
        record.add_argument("--language", required=True, choices=PanelReading.Language.values)
        record.add_argument("--reader-kind", required=True, choices=PanelReading.ReaderKind.values)
        record.add_argument(
            "--description", required=True, help="Who the reader is and what they were given."
        )
        record.add_argument(
            "--fixtures",
            type=Path,
            default=None,
            help="Folder of the panels' fixtures (default: fixtures/panels in the project).",
        )
        record.add_argument(
            "--dry-run", action="store_true", help="Score the picks; keep and write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self.export(**options)
        else:
            self.record(**options)

    # export

    def export(self, *, targets: list[str], **options: Any) -> None:
        if options["all"] and len(targets) != 1:
            raise CommandError("panel export --all <dir>: give the folder only.")
        if not options["all"] and len(targets) != 2:
            raise CommandError("panel export <module-slug> <dir>: give a module and a folder.")
        folder = Path(targets[-1])
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        modules = list(with_pool())
        if not options["all"]:
            modules = [m for m in modules if m.slug == targets[0]]
            if not modules:
                raise CommandError(f"No module with the slug {targets[0]!r}.")
        rng = random.Random(options["seed"])
        (folder / "mapping").mkdir(parents=True, exist_ok=True)
        for module in modules:
            self.export_module(module, folder, rng, **options)

    def export_module(
        self, module: Module, folder: Path, rng: random.Random, **options: Any
    ) -> None:
        pool = pool_of(module)
        if not pool.items:
            self.stderr.write(f"{module.slug}: no certifying questions, nothing written.")
            return
        written = sheet.export(
            slug=module.slug,
            title=module.title,
            pool=pool.items,
            rng=rng,
            briefing=module.paragraphs if options["briefing"] else (),
        )
        files = {
            folder / f"{module.slug}.md": written.sheet,
            folder / f"{module.slug}.picks.json": _json(written.picks),
            folder / "mapping" / f"{module.slug}.json": _json(written.mapping),
        }
        if options["practice"]:
            practice = pool_of(module, Question.Pool.PRACTICE)
            files[folder / f"{module.slug}.practice.md"] = sheet.practice_sheet(
                slug=module.slug, title=module.title, pool=practice.items
            )
        for path, text in files.items():
            path.write_text(text, encoding="utf-8")
        listed = ", ".join(str(p) for p in files)
        self.stdout.write(f"{module.slug}: {len(pool.items)} questions; wrote {listed}")

    # record

    def record(self, **options: Any) -> None:
        module = Module.objects.filter(slug=options["module"]).first()
        if module is None:
            raise CommandError(f"No module with the slug {options['module']!r}.")
        reader = options["reader"]
        if not READER.match(reader) or len(reader) > 80:
            raise CommandError(
                f"Reader {reader!r}: use lower-case letters, digits and single hyphens "
                "(it names the reading's file), such as cautious-reader-1."
            )
        description = options["description"].strip()
        if not description:
            raise CommandError("--description: say who the reader is and what they were given.")
        mapping = _read_json(options["mapping"], "--mapping")
        if not isinstance(mapping, dict) or mapping.get("module") != module.slug:
            raise CommandError(
                f"--mapping: {options['mapping']} is not the mapping of an export of {module.slug}."
            )
        moved = changes(mapping.get("pool") or {}, pool_digests(pool_of(module).items))
        if moved:
            raise CommandError(
                f"The certifying pool of {module.slug} changed since this export ({moved}): "
                "export it again and give the reader the new sheet."
            )
        try:
            picks = read_picks(_read_json(options["picks"], "picks"), mapping)
        except PickError as error:
            listed = "\n".join(f"- {problem}" for problem in error.problems)
            raise CommandError(
                f"The picks in {options['picks']} cannot be read:\n{listed}"
            ) from None
        fields = {k: options[k] for k in ("persona", "language", "reader_kind")}
        with transaction.atomic():
            reading, scored = reading_record(
                module=module, reader=reader, picks=picks, description=description, **fields
            )
            transaction.set_rollback(options["dry_run"])
        score = scored.score
        if score is None:  # the pool was held to the export's above: not expected
            raise CommandError(f"The picks do not answer the certifying pool: {scored.changes}.")
        self.stdout.write(
            f"{reader} ({reading.persona}, {reading.reader_kind}, {reading.language}) on "
            f"{module.slug}: {score.right} of {score.items} right; passes "
            f"{float(score.pass_chance):.2%} of first certifying forms."
        )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing kept or written.")
            return
        folder = options["fixtures"] or Path(settings.BASE_DIR) / "fixtures" / "panels"
        path = fixture_path(folder, module, reader)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fixture_of(reading), encoding="utf-8")
        self.stdout.write(f"Wrote {path}")


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _read_json(path: Path, what: str) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{what}: {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{what}: {path} cannot be read ({error}).") from None
    except json.JSONDecodeError as error:
        raise CommandError(f"{what}: {path} is not JSON ({error}).") from None
