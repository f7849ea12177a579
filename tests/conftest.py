import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests import factories
from tests.worlds import World, build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server tests drive a sync app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [
    ROOT / "fixtures" / "00_reference.json",
    *sorted((ROOT / "fixtures" / "modules").glob("*.json")),
]


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def curriculum(db: None) -> None:
    """Every content fixture, loaded as `make run` loads them."""
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def crew(db: None) -> Any:
    return factories.UserFactory(username="crew-a")


@pytest.fixture
def crew_client(client: Any, crew: Any) -> Any:
    client.force_login(crew)
    return client


@pytest.fixture
def editor(db: None) -> Any:
    return factories.UserFactory(username="editor", is_staff=True, is_superuser=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def world(db: None) -> World:
    """Two productions with their instructors and crew, a shared module, real attempts."""
    return build_world()
