"""Two instructors changing each other at the same moment, each on their own connection:
they take turns, so neither is shown a database outage and the production keeps an
instructor."""

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from safetyquiz.crews import services
from safetyquiz.crews.selectors import instructor_count
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite locks the whole database for a write; row locks are PostgreSQL's",
    ),
]


def demote(production: Any, actor: Any, target: Any) -> None:
    services.instructor_set(production=production, user=target, instructor=False, actor=actor)


def remove(production: Any, actor: Any, target: Any) -> None:
    services.membership_remove(production=production, user=target, actor=actor)


@pytest.mark.parametrize("change", [demote, remove], ids=["demote", "remove"])
def test_two_instructors_changing_each_other_at_once_take_turns(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[Any, Any, Any], None]
) -> None:
    production = factories.ProductionFactory()
    first, second = factories.UserFactory(), factories.UserFactory()
    for user in (first, second):
        factories.InstructorMembershipFactory(production=production, user=user)
    # Both changes reach the check for another instructor together, each holding the locks
    # it took before it; if they locked the same rows in opposite orders, PostgreSQL would
    # now find a deadlock. Once one waits for the other's lock instead, the meeting times
    # out and the first goes on alone.
    meeting = threading.Barrier(2, timeout=3)
    check = services._keep_an_instructor

    def meet_then_check(*args: Any) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            meeting.wait()
        check(*args)

    monkeypatch.setattr(services, "_keep_an_instructor", meet_then_check)
    outcomes: list[str] = []

    def run(actor: Any, target: Any) -> None:
        try:
            change(production, actor, target)
            outcomes.append("done")
        except services.Refused:
            outcomes.append("refused")
        except Exception as error:  # a deadlock: surfaced below, not lost in the thread
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(first, second)),
        threading.Thread(target=run, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["done", "refused"], outcomes
    assert instructor_count(production) == 1
