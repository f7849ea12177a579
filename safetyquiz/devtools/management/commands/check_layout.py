"""Check the layout rules the import contracts cannot state (``devtools/layout.py``): no
import cycle, every pure module under the pure-rules contract, each admin registered by the
app that owns its model, migrations that import no app code, and no string naming a layer
above its own. ``make check`` runs it.
"""

from importlib import import_module
from pathlib import Path
from typing import Any

import grimp
from django.conf import settings
from django.contrib import admin
from django.core.management.base import BaseCommand, CommandError

from safetyquiz.devtools import layout


class Command(BaseCommand):
    help = (
        "Check the code's layout: no import cycle, every pure module under the pure-rules "
        "contract, admins registered by the app owning the model, migrations importing no "
        "app code, no string naming a higher layer. Exits non-zero with the problems."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        import_module(settings.ROOT_URLCONF)  # the project's own admin module with it
        root = Path(settings.BASE_DIR)
        contracts = layout.Contracts.read(root / "pyproject.toml")
        graph = grimp.build_graph(layout.PACKAGE, include_external_packages=True, cache_dir=None)
        problems = [
            *(f"import cycle: {' -> '.join(cycle)}" for cycle in layout.import_cycles(graph)),
            *(
                f"{module} imports no Django: list it in the pure-rules contract of pyproject.toml"
                for module in layout.unlisted_pure_modules(graph, contracts.pure, root)
            ),
            *layout.misplaced_admins(admin.site, contracts.layers),
            *(
                f"{found} (a migration imports no live app code: freeze a copy in it)"
                for path in sorted((root / layout.PACKAGE).glob("*/migrations/0*.py"))
                for found in layout.migration_imports(path, path.relative_to(root))
            ),
            *(str(ref) for ref in layout.string_references(root, root / "templates", contracts)),
        ]
        if problems:
            listed = "\n".join(f"- {problem}" for problem in problems)
            raise CommandError(f"{len(problems)} layout problem(s):\n{listed}")
        self.stdout.write(
            f"Layout OK: {len(graph.find_children(layout.PACKAGE))} top-level modules, no cycle; "
            f"{len(contracts.pure)} pure module(s) under contract."
        )
