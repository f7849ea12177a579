"""The development tooling is left out of a production build."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django; django.setup(); from django.apps import apps; "
    "print(apps.is_installed('safetyquiz.devtools'))"
)


def installed(**env: str) -> bool:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SAFETYQUIZ_"))}
    environ.update(DJANGO_SETTINGS_MODULE="safetyquiz.settings", DJANGO_SECRET_KEY="x" * 50, **env)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=environ, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DJANGO_DEBUG": "0"}, False),
        ({"DJANGO_DEBUG": "1"}, True),
        ({"DJANGO_DEBUG": "0", "SAFETYQUIZ_BENCH": "1"}, True),
    ],
)
def test_devtools_is_installed_only_for_debug_or_the_bench(
    env: dict[str, str], expected: bool
) -> None:
    assert installed(**env) is expected
