"""Instructor pages: edges beyond the app-wide permission table in tests/test_permissions.py."""

from typing import Any

import pytest

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
