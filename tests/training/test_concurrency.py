"""Two tabs, a double click, a replayed POST: exactly one stored answer per question and the
right score, never a 500. Threads post at the same moment through the whole request stack."""

import sqlite3
import threading
import time
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from safetyquiz.training.models import Answer, Attempt, Certificate
from safetyquiz.training.services import answer_submit, attempt_start
from tests import factories
from tests.training.helpers import answer_data

pytestmark = pytest.mark.django_db(transaction=True)


def post_at_once(user: Any, url: str, payloads: list[dict[str, Any]]) -> list[int]:
    """Post each payload from its own thread and client, all released together."""
    barrier = threading.Barrier(len(payloads))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def run(data: dict[str, Any]) -> None:
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            statuses.append(client.post(url, data).status_code)
        except BaseException as error:  # surfaced below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return statuses


@pytest.fixture
def attempt(transactional_db: None) -> Attempt:
    module = factories.PublishedModuleFactory(questions=2)
    return attempt_start(user=factories.UserFactory(), module=module)


def test_many_tabs_answering_one_question_at_once_store_one_answer(attempt: Attempt) -> None:
    right, wrong = answer_data(attempt, 0, right=True), answer_data(attempt, 0, right=False)
    statuses = post_at_once(attempt.user, f"/attempts/{attempt.pk}/", [right, wrong] * 4)
    assert all(status == 302 for status in statuses), statuses
    stored = Answer.objects.filter(attempt=attempt)
    assert stored.count() == 1
    assert stored.get().points_awarded in (0, 1)


def test_the_last_question_answered_from_two_tabs_finishes_once(attempt: Attempt) -> None:
    first = answer_data(attempt, 0)
    client = Client()
    client.force_login(attempt.user)
    client.post(f"/attempts/{attempt.pk}/", first)
    last = answer_data(attempt, 1)
    statuses = post_at_once(attempt.user, f"/attempts/{attempt.pk}/", [last] * 6)
    assert all(status == 302 for status in statuses), statuses
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.passed and attempt.percentage == 100
    assert Answer.objects.filter(attempt=attempt).count() == 2
    assert Certificate.objects.filter(attempt=attempt).count() == 1


def test_starting_a_module_from_many_tabs_makes_one_attempt(transactional_db: None) -> None:
    module = factories.PublishedModuleFactory(questions=1)
    user = factories.UserFactory()
    statuses = post_at_once(user, f"/modules/{module.slug}/", [{}] * 6)
    assert all(status == 302 for status in statuses), statuses
    assert Attempt.objects.filter(user=user, module=module).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite locks the whole database for a write; row locks are PostgreSQL's",
)
def test_an_answer_held_open_locks_no_other_learners_row(transactional_db: None) -> None:
    """One learner's answer transaction stays open (its attempt row locked) while another
    learner answers the same module to the end: nothing they share is locked."""
    from django.db import connections, transaction

    module = factories.PublishedModuleFactory(questions=2)
    held = attempt_start(user=factories.UserFactory(), module=module)
    other = attempt_start(user=factories.UserFactory(), module=module)
    locked = threading.Event()
    release = threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():  # the real answer, its transaction kept open
                answer_submit(attempt_id=held.pk, index=0, values=answer_data(held, 0)["choice"])
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        client = Client()
        client.force_login(other.user)
        for index in range(2):
            response = client.post(f"/attempts/{other.pk}/", answer_data(other, index))
            assert response.status_code == 302
        other.refresh_from_db()
        assert other.is_finished and hasattr(other, "certificate")
    finally:
        release.set()
        holder.join(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")


def test_an_answer_waits_for_another_writer_s_lock_instead_of_failing(attempt: Attempt) -> None:
    """SQLite: an immediate transaction waits on the busy timeout for the lock to be free."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single write lock")
    client = Client()
    client.force_login(attempt.user)
    holder = sqlite3.connect(
        connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False
    )
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, holder.commit)
    started = time.monotonic()
    release.start()
    try:
        response = client.post(f"/attempts/{attempt.pk}/", answer_data(attempt, 0))
    finally:
        release.join()
        holder.close()
    assert response.status_code == 302
    assert time.monotonic() - started >= 0.4  # it waited for the lock rather than failing
    assert Answer.objects.filter(attempt=attempt).count() == 1
