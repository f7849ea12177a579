"""Two people signing up with one username at the same moment: one gets the account, the
other the form again with "that username was just taken", never a 503 or a 500."""

import threading
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from safetyquiz.crews.forms import SignUpForm
from safetyquiz.crews.models import Membership
from tests import factories
from tests.crews.test_join import signup

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_sign_ups_with_one_username_give_one_account_and_a_form_error() -> None:
    factories.ProductionFactory(name="Dust Devil", join_code="DUSTDEVIL")
    barrier = threading.Barrier(2)
    original = SignUpForm.username_in_use

    def checked_then_wait(form: SignUpForm) -> bool:
        in_use = original(form)  # the username is free for both...
        barrier.wait(timeout=10)  # ...and both save only once both have checked
        return in_use

    responses: list[Any] = []
    errors: list[BaseException] = []

    def run(first_name: str) -> None:
        try:
            responses.append(Client().post("/join/", signup(first_name=first_name)))
        except BaseException as error:  # surfaced below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(SignUpForm, "username_in_use", checked_then_wait):
        threads = [threading.Thread(target=run, args=(name,)) for name in ("Casey", "Kim")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors
    assert sorted(r.status_code for r in responses) == [302, 400]
    refused = next(r for r in responses if r.status_code == 400).content.decode()
    assert "That username was just taken" in refused
    assert Membership.objects.filter(user__username="casey").count() == 1
