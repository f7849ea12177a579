"""The rules of the code's layout that the import contracts of pyproject.toml cannot state.

- **No import cycle** anywhere in the package, between modules at any depth.
- **Every pure module is under the pure-rules contract**: a module that imports no Django,
  directly or through another module, must be listed there, so that it stays that way.
- **Each admin is registered by the app that owns its model**, and no app registers one
  for a model of another (the project's own admin module registers those of Django's).
- **No string names a layer above its own**: a URL name, a template, a model or a
  permission of a higher app, or a lookup through a relation that a higher app declares,
  in an app's code or in its templates. The import contracts see imports; these are the
  dependencies they cannot see.

- **Migrations import no live app code**: a data migration carries a frozen copy of what
  it needs. The one import Django itself writes, of a model module whose function is a
  field's callable default, is allowed: Django serialises such a default by reference.

``manage.py check_layout`` runs them all (``make check``).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import grimp
from django.apps import apps
from django.contrib.admin import AdminSite
from django.db.models.fields.related import RelatedField

PACKAGE = "safetyquiz"


@dataclass(frozen=True)
class Contracts:
    """What the import contracts of pyproject.toml say: the layers, highest first, and the
    modules under the pure-rules contract."""

    layers: tuple[str, ...]
    pure: tuple[str, ...]

    @classmethod
    def read(cls, pyproject: Path) -> Contracts:
        config = tomllib.loads(pyproject.read_text())["tool"]["importlinter"]["contracts"]
        layers = next(c["layers"] for c in config if c["type"] == "layers")
        pure = next(c["source_modules"] for c in config if c.get("id") == "pure")
        return cls(tuple(layers), tuple(pure))

    def rank(self, module: str) -> int | None:
        """How high the app holding ``module`` stands (0 the lowest); None outside the apps."""
        for height, layer in enumerate(reversed(self.layers)):
            if module == layer or module.startswith(layer + "."):
                return height
        return None

    def height(self, module: str) -> int:
        """How high a layer stands; 0 for what is outside the apps (the project's own)."""
        return self.rank(module) or 0

    def app_of(self, module: str) -> str | None:
        rank = self.rank(module)
        return None if rank is None else self.layers[len(self.layers) - 1 - rank]


# Cycles


def import_cycles(graph: grimp.ImportGraph, package: str = PACKAGE) -> list[list[str]]:
    """Each set of the package's modules that import one another in a circle, sorted
    (Tarjan's strongly connected components, without recursion)."""
    modules = sorted(m for m in graph.modules if m == package or m.startswith(package + "."))
    inside = set(modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & inside) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges[node]:
                    cycles.append(sorted(component))
    return sorted(cycles)


# Pure modules


def unlisted_pure_modules(
    graph: grimp.ImportGraph, listed: Iterable[str], root: Path, package: str = PACKAGE
) -> list[str]:
    """The package's modules that import no Django, directly or not, and are not under
    the pure-rules contract. ``graph`` holds the external packages; packages that import
    nothing (markers) and migrations are left out."""
    listed = tuple(listed)
    found = []
    for module in sorted(graph.modules):
        if not module.startswith(package + ".") or ".migrations" in module:
            continue
        if any(module == pure or module.startswith(pure + ".") for pure in listed):
            continue
        source = source_of(module, root)
        if source.name == "__init__.py" and not graph.find_modules_directly_imported_by(module):
            continue  # a package's marker, its docstring at most
        reached = graph.find_upstream_modules(module)
        if "django" not in reached and not any(m.startswith("django.") for m in reached):
            found.append(module)
    return found


def source_of(module: str, root: Path) -> Path:
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


# Migrations


def migration_imports(path: Path, shown: Path | None = None, package: str = PACKAGE) -> list[str]:
    """The imports of app code in a migration, but for those Django writes for a field's
    callable default (``import safetyquiz.crews.models`` used only as ``default=``)."""
    tree = ast.parse(path.read_text(), str(path))
    defaults = {
        ast.unparse(word.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for word in node.keywords
        if word.arg == "default"
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level or (node.module or "").split(".")[0] == package:
                found.append(
                    f"{shown or path}:{node.lineno}: from {'.' * node.level}{node.module or ''}"
                )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] != package:
                    continue
                uses = [
                    ast.unparse(use)
                    for use in ast.walk(tree)
                    if isinstance(use, ast.Attribute)
                    and ast.unparse(use).startswith(alias.name + ".")
                    and ast.unparse(use).count(".") == alias.name.count(".") + 1
                ]
                if not uses or any(use not in defaults for use in uses):
                    found.append(f"{shown or path}:{node.lineno}: import {alias.name}")
    return found


# Admins


def misplaced_admins(site: AdminSite, apps_of_ours: Sequence[str]) -> list[str]:
    """Each admin registered by a module outside the app that owns its model, and each
    admin of a model from elsewhere (Django's) registered by one of the apps."""

    def owner(module: str) -> str | None:
        return next((a for a in apps_of_ours if module == a or module.startswith(a + ".")), None)

    problems = []
    for model, model_admin in site._registry.items():
        registered_in = type(model_admin).__module__
        model_app = model._meta.app_config.name  # type: ignore[union-attr]
        label = model._meta.label
        if model_app in apps_of_ours and owner(registered_in) != model_app:
            problems.append(
                f"{label}: its admin is registered in {registered_in}, not in {model_app}"
            )
        elif model_app not in apps_of_ours and owner(registered_in) is not None:
            problems.append(
                f"{label} belongs to {model_app}, but {registered_in} registers its admin: "
                "register it in the project's admin module"
            )
    return problems


# Strings that name a higher layer


@dataclass(frozen=True)
class Reference:
    where: str  # file and line
    text: str
    names: str  # the app named

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r} names {self.names}, a layer above"


def relation_names(contracts: Contracts) -> dict[str, set[str]]:
    """App -> the lookup names that reach it back from a higher app (the related query
    names of the higher app's relations to it): these name the higher app."""
    names: dict[str, set[str]] = {}
    for model in apps.get_models():
        holder = contracts.app_of(model.__module__)
        for relation in model._meta.get_fields():
            if not isinstance(relation, RelatedField) or relation.auto_created:
                continue
            name = relation.related_query_name()
            target_app = contracts.app_of(relation.related_model.__module__)
            if target_app is None or holder is None or name.endswith("+"):
                continue
            if contracts.height(holder) > contracts.height(target_app):
                names.setdefault(target_app, set()).add(name)
    return names


def _apps_pattern(contracts: Contracts) -> re.Pattern[str]:
    short = "|".join(re.escape(layer.rsplit(".", 1)[-1]) for layer in contracts.layers)
    return re.compile(rf"^(?P<app>{short})[.:/][\w-]")


def python_references(
    path: Path,
    module: str,
    contracts: Contracts,
    relations: Mapping[str, set[str]],
    shown: Path | None = None,
) -> list[Reference]:
    """The strings in a module's code (docstrings aside) that name a higher app: a URL
    name ("reports:home"), a template ("crews/join.html"), a model or permission label
    ("training.change_certificate"), or a lookup through a relation it declares."""
    app = contracts.app_of(module)
    if app is None:
        return []
    rank = contracts.height(app)
    named = _apps_pattern(contracts)
    reverse_names = relations.get(app, set())
    tree = ast.parse(path.read_text(), str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found += [
                Reference(f"{shown or path}:{node.lineno}", word.arg, "a relation declared above")
                for word in node.keywords
                if word.arg and is_lookup(node, word.arg) and lookup_head(word.arg) in reverse_names
            ]
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if id(node) in docstrings:
            continue
        text = node.value
        where = f"{shown or path}:{node.lineno}"
        match = named.match(text)
        if match and contracts.height(f"{PACKAGE}.{match['app']}") > rank:
            found.append(Reference(where, text, match["app"]))
        elif lookup_head(text) in reverse_names:
            found.append(Reference(where, text, "a relation declared above"))
    return sorted(found, key=lambda ref: int(ref.where.rsplit(":", 1)[1]))


# The queryset methods whose keywords are lookups even without a "__".
QUERY_METHODS = {"filter", "exclude", "get", "get_or_create", "update_or_create", "Q"}


def lookup_head(lookup: str) -> str:
    return lookup.split("__", 1)[0].lstrip("-")


def is_lookup(call: ast.Call, keyword: str) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return "__" in keyword or name in QUERY_METHODS


TEMPLATE_STRING = re.compile(r"""\{%[^%]*?['"](?P<text>[\w-]+[:/][^'"]*)['"][^%]*%\}""")


def template_references(
    path: Path, folder_app: str, contracts: Contracts, shown: Path | None = None
) -> list[Reference]:
    """The URL names and templates of a higher app in a template of ``folder_app``'s:
    ``{% url 'crews:module' %}``, ``{% include "reports/_nav.html" %}``."""
    rank = contracts.height(folder_app)
    named = _apps_pattern(contracts)
    found = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        for tag in TEMPLATE_STRING.finditer(line):
            match = named.match(tag["text"])
            if match and contracts.height(f"{PACKAGE}.{match['app']}") > rank:
                found.append(Reference(f"{shown or path}:{number}", tag["text"], match["app"]))
    return found


def template_owner(relative: Path, contracts: Contracts, aliases: Mapping[str, str]) -> str | None:
    """The app whose pages a template serves, by its folder: ``training/x.html`` and
    ``admin/training/x.html`` are training's; the project's own are at the top."""
    parts = relative.parts[:-1]
    if parts[:1] == ("admin",):
        parts = parts[1:]
    if not parts:
        return None
    app = aliases.get(parts[0], f"{PACKAGE}.{parts[0]}")
    return app if contracts.rank(app) is not None else None


def string_references(root: Path, templates: Path, contracts: Contracts) -> list[Reference]:
    relations = relation_names(contracts)
    found: list[Reference] = []
    for path in sorted((root / PACKAGE).rglob("*.py")):
        relative = path.relative_to(root)
        if "migrations" in relative.parts:
            continue
        module = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        found += python_references(path, module, contracts, relations, shown=relative)
    # Django's sign-in pages take their templates from registration/: crews serves them.
    aliases = {"registration": f"{PACKAGE}.crews"}
    for path in sorted(templates.rglob("*.html")):
        owner = template_owner(path.relative_to(templates), contracts, aliases)
        if owner is not None:
            found += template_references(path, owner, contracts, shown=path.relative_to(root))
    return found
