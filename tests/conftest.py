"""Fixtures for every test. The settings tests run with are in pyproject.toml
([tool.pytest.ini_options] and [tool.pytest_env]), so bare `pytest` works."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from pytest_django import DjangoDbBlocker

from tests import factories
from tests.worlds import World, build_world

# Fuzzing explores new examples on every local run; CI replays the same ones, so a
# submission is judged on its own change, not on what a run happened to draw.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [
    ROOT / "fixtures" / "00_reference.json",
    *sorted((ROOT / "fixtures" / "modules").glob("*.json")),
    *sorted((ROOT / "fixtures" / "panels").glob("*/*.json")),
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last, after pytest-django's ordering: Playwright keeps an event loop
    in the main thread from its first test to the end of the session."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session", autouse=True)
def fast_passwords() -> Iterator[None]:
    """A quick hasher for every account the tests make, module-scoped data included."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@contextmanager
def shared_data(blocker: DjangoDbBlocker) -> Iterator[None]:
    """Data written once for many tests (a module-scoped fixture's): in a transaction around
    them, rolled back after the last. Each test runs in a savepoint of its own, so what it
    writes is undone after it. Every later test of the module sees the data, so a module
    asks for such a fixture in all of its tests and has no transactional tests."""
    with blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def curriculum(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Every content fixture, loaded as `make run` loads them, once per test module that
    asks for it (``pytestmark``; see ``shared_data``)."""
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("loaddata", *FIXTURES, verbosity=0)
        yield


@pytest.fixture
def crew(db: None) -> User:
    return factories.UserFactory(username="crew-a")


@pytest.fixture
def crew_client(client: Client, crew: User) -> Client:
    client.force_login(crew)
    return client


@pytest.fixture
def editor(db: None) -> User:
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


@pytest.fixture(autouse=True)
def english_between_tests() -> Iterator[None]:
    """Each test starts in English: a page asked for in Spanish leaves Spanish active in the
    thread (LocaleMiddleware sets it per request), where a factory's text would be written
    into the Spanish columns (django-modeltranslation writes the active language's)."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)
