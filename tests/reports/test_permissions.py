"""Instructor pages: edges beyond the app-wide permission table in tests/test_permissions.py."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission

from safetyquiz.crews.models import Membership, SignInLink
from tests import factories
from tests.worlds import World, login

pytestmark = pytest.mark.django_db


def test_a_learner_outside_the_production_is_404_even_for_its_instructor(
    client: Any, world: World
) -> None:
    login(client, world.instructor_1)
    assert (
        client.get(f"/instructor/productions/{world.p1.pk}/learners/{world.crew_c.pk}/").status_code
        == 404
    )
    assert (
        client.get(
            f"/instructor/productions/{world.p1.pk}/learners/{world.instructor_1.pk}/"
        ).status_code
        == 404
    )


def test_an_unknown_module_analysis_is_404(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    assert client.get(f"/instructor/productions/{world.p1.pk}/modules/nope/").status_code == 404


def test_the_instructor_link_shows_only_to_instructors(client: Any, world: World) -> None:
    assert (
        'href="/instructor/"' not in login(client, world.crew_a).get("/modules/").content.decode()
    )
    assert (
        'href="/instructor/"' in login(client, world.instructor_1).get("/modules/").content.decode()
    )


def staff_member(world: World, *permissions: str) -> Any:
    """Staff, crew of production 1, with these admin permissions (app labels) and no others."""
    user = factories.UserFactory(username="staffer", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=permissions))
    factories.MembershipFactory(production=world.p1, user=user)
    return user


@pytest.mark.parametrize("permissions", [(), ("content", "training")], ids=["bare", "editor"])
def test_staff_get_no_instructor_powers_from_being_staff(
    client: Any, world: World, permissions: tuple[str, ...]
) -> None:
    login(client, staff_member(world, *permissions))
    p1, p2 = world.p1.pk, world.p2.pk
    for page in (
        "/instructor/",
        f"/instructor/productions/{p1}/",
        f"/instructor/productions/{p2}/people/",
        f"/instructor/modules/{world.module.slug}/",
    ):
        assert client.get(page).status_code == 404, page
    link = client.post(
        f"/instructor/productions/{p2}/people/{world.instructor_2.pk}/password-link/"
    )
    promote = client.post(
        f"/instructor/productions/{p1}/people/{world.crew_a.pk}/instructor/", {"instructor": "yes"}
    )
    assert (link.status_code, promote.status_code) == (404, 404)
    assert not SignInLink.objects.exists()
    assert not Membership.objects.filter(user=world.crew_a, role="instructor").exists()
    assert 'href="/instructor/"' not in client.get("/modules/").content.decode()


def test_staff_who_instruct_a_production_see_only_that_one(client: Any, world: World) -> None:
    user = staff_member(world)
    factories.InstructorMembershipFactory(production=world.p1, user=user)
    login(client, user)
    assert client.get(f"/instructor/productions/{world.p1.pk}/").status_code == 200
    assert client.get(f"/instructor/productions/{world.p2.pk}/").status_code == 404
    assert client.get(f"/instructor/modules/{world.module.slug}/").status_code == 404
