"""The layout checks of `make check`: each fails on a planted example, and the code passes."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from django.contrib import admin
from django.core.management import call_command

from safetyquiz.content.models import Excerpt, Module
from safetyquiz.devtools import layout

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = layout.Contracts.read(ROOT / "pyproject.toml")


def graph_of(imports: dict[str, list[str]]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports.items():
        graph.add_module(importer)
        for module in imported:
            graph.add_import(importer=importer, imported=module)
    return graph


def test_a_circle_of_imports_at_any_depth_is_found() -> None:
    graph = graph_of(
        {
            "safetyquiz.a": ["safetyquiz.b.inner"],
            "safetyquiz.b.inner": ["safetyquiz.c"],
            "safetyquiz.c": ["safetyquiz.a", "django"],
            "safetyquiz.d": ["safetyquiz.a"],
            "safetyquiz.e": ["safetyquiz.e"],
        }
    )
    assert layout.import_cycles(graph) == [
        ["safetyquiz.a", "safetyquiz.b.inner", "safetyquiz.c"],
        ["safetyquiz.e"],
    ]
    assert layout.import_cycles(graph_of({"safetyquiz.a": ["safetyquiz.b"]})) == []


def test_a_module_without_django_must_be_under_the_pure_contract(tmp_path: Path) -> None:
    for name, text in {"pure.py": "import re\n", "orm.py": "x = 1\n", "via.py": "y = 1\n"}.items():
        (tmp_path / "safetyquiz" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "safetyquiz" / name).write_text(text)
    graph = graph_of(
        {
            "safetyquiz.pure": ["re"],
            "safetyquiz.orm": ["django.db"],
            "safetyquiz.via": ["safetyquiz.orm"],
        }
    )
    assert layout.unlisted_pure_modules(graph, [], tmp_path) == ["safetyquiz.pure"]
    assert layout.unlisted_pure_modules(graph, ["safetyquiz.pure"], tmp_path) == []


@pytest.mark.django_db
def test_an_admin_registered_by_another_app_is_misplaced() -> None:
    site = admin.AdminSite(name="planted")
    home = type("ModuleAdmin", (admin.ModelAdmin,), {"__module__": "safetyquiz.content.admin"})
    away = type("ExcerptAdmin", (admin.ModelAdmin,), {"__module__": "safetyquiz.training.admin"})
    site.register(Module, home)
    site.register(Excerpt, away)
    assert layout.misplaced_admins(site, CONTRACTS.layers) == [
        "content.Excerpt: its admin is registered in safetyquiz.training.admin, "
        "not in safetyquiz.content"
    ]


def test_the_real_admins_each_sit_in_the_app_of_their_model() -> None:
    assert layout.misplaced_admins(admin.site, CONTRACTS.layers) == []


def test_strings_naming_a_higher_layer_are_found_in_code_and_templates(tmp_path: Path) -> None:
    code = tmp_path / "models.py"
    code.write_text(
        '"""Docstrings may say training:module or crews/x.html."""\n'
        'A = reverse("training:module")\n'
        'B = Count("answers")\n'
        "C = Q(answers__correct=True)\n"
        'D = reverse("admin:content_question_add"), "content.module", "answers given"\n'
    )
    relations = {"safetyquiz.content": {"answers"}}
    found = layout.python_references(code, "safetyquiz.content.models", CONTRACTS, relations)
    assert [(r.text, r.where.rsplit(":", 1)[1]) for r in found] == [
        ("training:module", "2"),
        ("answers", "3"),
        ("answers__correct", "4"),
    ]
    page = tmp_path / "result.html"
    page.write_text(
        "{% url 'training:attempt' 1 %}\n{% url 'crews:next-module' %}\n"
        '{% include "crews/_card.html" %}\n{% url pages.next_module %}\n'
    )
    found = layout.template_references(page, "safetyquiz.training", CONTRACTS)
    assert [r.text for r in found] == ["crews:next-module", "crews/_card.html"]


def test_a_migration_may_name_a_default_but_import_no_other_app_code(tmp_path: Path) -> None:
    migration = tmp_path / "0009_planted.py"
    migration.write_text(
        "import random\n"
        "import safetyquiz.crews.models\n"
        "from django.db import migrations, models\n"
        "F = models.CharField(default=safetyquiz.crews.models.new_join_code)\n"
    )
    assert layout.migration_imports(migration) == []
    migration.write_text(
        migration.read_text()
        + "import safetyquiz.training.scoring\n"
        + "from safetyquiz.training.scoring import display_order\n"
        + "from ..models import Attempt\n"
        + "X = safetyquiz.training.scoring.display_order\n"
    )
    assert [line.split(": ", 1)[1] for line in layout.migration_imports(migration)] == [
        "import safetyquiz.training.scoring",
        "from safetyquiz.training.scoring",
        "from ..models",
    ]


def test_the_relations_that_reach_content_from_above_are_known() -> None:
    names = layout.relation_names(CONTRACTS)
    assert {"answers", "assignments"} <= names["safetyquiz.content"]
    assert "choices" not in names["safetyquiz.content"]  # content's own


def test_the_code_as_it_is_passes(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("check_layout")
    assert "Layout OK" in capsys.readouterr().out


# Planted in a copy of the project, as `make check` would meet them.

PLANTS = {
    # a circle of two modules
    "safetyquiz/training/planted_a.py": "from . import planted_b  # noqa\n",
    "safetyquiz/training/planted_b.py": "from . import planted_a  # noqa\n",
    # an admin for content's model, registered by training
    "safetyquiz/training/admin.py": (
        "\n\nfrom safetyquiz.content.models import Excerpt as Planted\n\n"
        "class PlantedAdmin(admin.ModelAdmin):\n"
        "    search_fields = ['slug']\n\n\n"
        "admin.site.unregister(Planted)\n"
        "admin.site.register(Planted, PlantedAdmin)\n"
    ),
    # a URL name of crews in content, and in a template of training
    "safetyquiz/content/checks.py": '\n\nPLANTED = "crews:modules"\n',
    "templates/training/result.html": "{% url 'crews:modules' %}\n",
    # an ORM import in a pure module
    "safetyquiz/training/drawing.py": "\n\nfrom django.db import models  # noqa\n",
    # a migration that imports the app's code
    "safetyquiz/training/migrations/0003_modes_forms_regrade.py": (
        "\n\nfrom safetyquiz.training.scoring import display_order  # noqa\n"
    ),
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("planted")
    for name in ("safetyquiz", "templates", "static", "fixtures"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "manage.py"):
        shutil.copy(ROOT / name, copy / name)
    for name, text in PLANTS.items():
        with (copy / name).open("a") as file:
            file.write(text)
    return copy


def run(copy: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SAFETYQUIZ_"))}
    env.update(PYTHONPATH=str(copy), DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="safetyquiz.settings")
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)


def test_check_layout_fails_on_each_planted_problem(planted: Path) -> None:
    done = run(planted, sys.executable, "manage.py", "check_layout")
    assert done.returncode != 0
    said = done.stderr
    assert "import cycle: safetyquiz.training.planted_a -> safetyquiz.training.planted_b" in said
    assert "content.Excerpt: its admin is registered in safetyquiz.training.admin" in said
    assert "safetyquiz/content/checks.py:" in said and "'crews:modules' names crews" in said
    assert "templates/training/result.html:" in said
    assert "0003_modes_forms_regrade.py:" in said and "a migration imports no live" in said
    assert str(planted) not in said  # places are given from the project's root


def test_the_pure_contract_fails_on_an_orm_import_in_a_pure_module(planted: Path) -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = run(planted, str(lint_imports), "--no-cache")
    assert done.returncode != 0
    assert "Pure rules import no Django, hence no ORM BROKEN" in done.stdout
    assert "safetyquiz.training.drawing -> django" in done.stdout
