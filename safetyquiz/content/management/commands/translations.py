"""The translators' tools for the Spanish content (fixtures/FORMAT.md, "Translations").

``stamp`` records, in each fixture object, what English each of its translations was made
from: run it once a second reader has checked a translation, so that a later change to the
English shows as a stale translation. Translators never write the stamps by hand.
``glossary`` lists where a module's Spanish lacks the term ``fixtures/GLOSSARY.es.md`` gives
for an English term its English uses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetyquiz.content import glossary, translations
from safetyquiz.content.models import Module

# The translated models by their fixture name, with their translated fields.
FIXTURE_MODELS = {
    model._meta.label_lower: (model, fields) for model, fields in translations.FIELDS.items()
}
GLOSSARY = settings.BASE_DIR / "fixtures" / "GLOSSARY.es.md"


def stamp_objects(objects: list[dict[str, Any]], language: str) -> int:
    """Stamp each translated object of a fixture in place: the number of objects changed."""
    changed = 0
    for obj in objects:
        known = FIXTURE_MODELS.get(str(obj.get("model", "")))
        if known is None or not isinstance(obj.get("fields"), dict):
            continue
        model, names = known
        fields = obj["fields"]
        texts = []
        for name in names:
            english_column = translations.english_column(model, name)
            english = fields.get(english_column) or fields.get(name) or ""
            texts.append((name, english, fields.get(f"{name}_{language}") or ""))
        before = fields.get("translated_from") or {}
        after = translations.stamped(before, language, texts)
        if after != before:
            if after:
                fields["translated_from"] = after
            else:
                fields.pop("translated_from", None)
            changed += 1
    return changed


class Command(BaseCommand):
    help = "Translators' tools: stamp checked translations in fixture files; check the glossary."

    def add_arguments(self, parser: CommandParser) -> None:
        tools = parser.add_subparsers(dest="tool", required=True)
        stamp = tools.add_parser(
            "stamp",
            help="Record the English each translation in these fixture files was made from, "
            "once a second reader has checked it.",
        )
        stamp.add_argument("files", nargs="+", type=Path)
        stamp.add_argument("--language", default="es", choices=translations.TRANSLATED_INTO)
        stamp.add_argument("--dry-run", action="store_true", help="Say what would change.")
        terms = tools.add_parser(
            "glossary",
            help="List where a module's Spanish lacks the glossary's term for an English term "
            "its English uses (reads the modules in the database).",
        )
        terms.add_argument("modules", nargs="*", help="Module slugs (default: every module).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["tool"] == "stamp":
            self.stamp(options["files"], options["language"], options["dry_run"])
        else:
            self.glossary(options["modules"])

    def stamp(self, files: list[Path], language: str, dry_run: bool) -> None:
        for path in files:
            try:
                objects = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise CommandError(f"{path}: no such file.") from None
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise CommandError(f"{path}: not a JSON fixture ({error}).") from None
            if not isinstance(objects, list):
                raise CommandError(f"{path}: not a fixture (a list of objects).")
            changed = stamp_objects(objects, language)
            if changed and not dry_run:
                path.write_text(json.dumps(objects, indent=2, ensure_ascii=False) + "\n", "utf-8")
            verb = "would stamp" if dry_run else "stamped"
            self.stdout.write(f"{path}: {verb} {changed} object{'s' if changed != 1 else ''}.")

    def glossary(self, slugs: list[str]) -> None:
        entries = glossary.parse(GLOSSARY.read_text(encoding="utf-8"))
        modules = translations.modules_with_texts(Module.objects.order_by("order", "slug"))
        if slugs:
            modules = modules.filter(slug__in=slugs)
            unknown = set(slugs) - {m.slug for m in modules}
            if unknown:
                raise CommandError(f"No module with the slug {', '.join(sorted(unknown))}.")
        total = 0
        for module in modules:
            for text in translations.module_texts(module, "es"):
                for miss in glossary.misses(text.english, text.translated, entries):
                    self.stdout.write(f"{module.slug}: {text}: {miss}")
                    total += 1
        self.stdout.write(f"{total} glossary term{'s' if total != 1 else ''} to look at.")
