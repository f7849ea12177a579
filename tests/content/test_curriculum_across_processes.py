"""Other workers see a change to the content when it commits, not before, and at once."""

import threading
from collections.abc import Callable
from typing import TypeVar

import pytest
from django.db import connection, transaction

from safetyquiz.content import curriculum
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite's shared-cache test database locks whole tables between connections",
    ),
]

T = TypeVar("T")


def in_another_worker(work: Callable[[], T]) -> T:
    """Run ``work`` on a connection of its own, as another worker would."""
    found: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            found.append(work())
        except BaseException as error:  # surfaced below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not errors, errors
    return found[0]


def test_an_edit_reaches_the_other_workers_when_it_commits() -> None:
    module = factories.PublishedModuleFactory(slug="inspect-every-round", title="Before")
    other = curriculum.Held()

    def title() -> str:
        held = other.current().module("inspect-every-round")
        return held.title if held else "(not published)"

    assert in_another_worker(title) == "Before"
    with transaction.atomic():
        module.title = "After"
        module.save()
        assert in_another_worker(title) == "Before"  # not committed: nothing moved yet
    assert in_another_worker(title) == "After"
    module.status = module.Status.DRAFT
    module.save()
    assert in_another_worker(title) == "(not published)"
