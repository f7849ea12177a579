"""Production installs what it runs and nothing else; development adds its tools at the same
pins. Both locks are written by `make lock` from pyproject.toml."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    found = {package.lower(): version for package, version in PIN.findall(text)}
    assert found and all("--hash=sha256:" in block for block in text.split("==")[1:])
    return found


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[; ]", r, maxsplit=1)[0].lower() for r in requirements}


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_production_holds_the_dependencies_and_postgres_but_no_tool() -> None:
    production = pins("requirements.lock")
    wanted = requirement_names(PROJECT["dependencies"]) | {"psycopg", "psycopg-binary"}
    assert wanted <= set(production)
    tools = requirement_names(PROJECT["optional-dependencies"]["dev"]) | {"playwright"}
    assert not tools & set(production), "a development tool in production's lock"


def test_development_adds_its_tools_at_productions_pins() -> None:
    production, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {p: development.get(p) for p in production} == production
    assert requirement_names(PROJECT["optional-dependencies"]["dev"]) <= set(development)
