"""An instructor grants a member of their production one more certifying attempt today."""

from typing import Any

import pytest

from safetyquiz.crews.models import Membership, ProductionEvent
from safetyquiz.training.models import AttemptGrant
from tests import factories
from tests.worlds import World, login

pytestmark = pytest.mark.django_db


def grant_url(world: World, user: Any) -> str:
    return f"/instructor/productions/{world.p1.pk}/learners/{user.pk}/grant/"


def test_an_instructor_grants_one_more_attempt_and_it_is_logged(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    page = client.get(f"/instructor/productions/{world.p1.pk}/learners/{world.crew_b.pk}/")
    body = page.content.decode()
    assert "1 of 3 started" in body and "One more today" in body
    response = client.post(grant_url(world, world.crew_b), {"module": world.module.slug})
    assert response.status_code == 302
    grant = AttemptGrant.objects.get()
    assert (grant.user, grant.module, grant.granted_by) == (
        world.crew_b,
        world.module,
        world.instructor_1,
    )
    event = ProductionEvent.objects.get(kind=ProductionEvent.Kind.ATTEMPT_GRANTED)
    assert event.production == world.p1 and event.member == world.crew_b
    assert "one more certifying attempt today" in event.summary
    after = client.get(response["Location"]).content.decode()
    assert "may take one more certifying attempt" in after and "1 more granted" in after


@pytest.mark.parametrize("who", ["crew_a", "instructor_2"])
def test_nobody_but_the_productions_instructors_may_grant(
    client: Any, world: World, who: str
) -> None:
    login(client, getattr(world, who))
    response = client.post(grant_url(world, world.crew_b), {"module": world.module.slug})
    assert response.status_code == 404
    assert not AttemptGrant.objects.exists()


def test_a_module_the_production_does_not_assign_is_refused_naming_none(
    client: Any, world: World
) -> None:
    other = factories.PublishedModuleFactory(slug="not-assigned")
    login(client, world.instructor_1)
    for value in ("not-assigned", "", "x" * 500):
        response = client.post(grant_url(world, world.crew_b), {"module": value})
        assert response.status_code == 400
        assert world.module.slug not in response.content.decode()
    assert not AttemptGrant.objects.exists() and other.pk


def test_a_member_who_left_or_someone_elses_crew_gets_nothing(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    assert (
        client.post(grant_url(world, world.crew_c), {"module": world.module.slug}).status_code
        == 404
    )
    Membership.objects.filter(user=world.crew_b).update(left_at="2026-01-01T00:00:00Z")
    assert (
        client.post(grant_url(world, world.crew_b), {"module": world.module.slug}).status_code
        == 404
    )
    assert client.get(grant_url(world, world.crew_b)).status_code == 405
    assert not AttemptGrant.objects.exists()
