"""Every instructor URL by every role: only what one supervises answers 200; the rest 404."""

from typing import Any

import pytest

from tests.worlds import World, login

pytestmark = pytest.mark.django_db

ROLES = ["signed-out", "crew_a", "instructor_1", "instructor_2", "admin"]


def urls(w: World) -> dict[str, str]:
    p1, slug, learner = w.p1.pk, w.module.slug, w.crew_a.pk
    return {
        "home": "/instructor/",
        "roster": f"/instructor/productions/{p1}/",
        "roster-print": f"/instructor/productions/{p1}/print/",
        "roster-csv": f"/instructor/productions/{p1}/roster.csv",
        "learner": f"/instructor/productions/{p1}/learners/{learner}/",
        "analysis": f"/instructor/productions/{p1}/modules/{slug}/",
        "analysis-csv": f"/instructor/productions/{p1}/modules/{slug}/analysis.csv",
        "overall": f"/instructor/modules/{slug}/",
        "overall-csv": f"/instructor/modules/{slug}/analysis.csv",
    }


# What each role gets; "login" is a redirect to sign in.
EXPECTED = {
    "signed-out": dict.fromkeys(
        [
            "home",
            "roster",
            "roster-print",
            "roster-csv",
            "learner",
            "analysis",
            "analysis-csv",
            "overall",
            "overall-csv",
        ],
        "login",
    ),
    "crew_a": dict.fromkeys(
        [
            "home",
            "roster",
            "roster-print",
            "roster-csv",
            "learner",
            "analysis",
            "analysis-csv",
            "overall",
            "overall-csv",
        ],
        404,
    ),
    "instructor_1": {
        **dict.fromkeys(
            ["home", "roster", "roster-print", "roster-csv", "learner", "analysis", "analysis-csv"],
            200,
        ),
        "overall": 404,
        "overall-csv": 404,
    },
    "instructor_2": {
        "home": 200,
        **dict.fromkeys(
            [
                "roster",
                "roster-print",
                "roster-csv",
                "learner",
                "analysis",
                "analysis-csv",
                "overall",
                "overall-csv",
            ],
            404,
        ),
    },
    "admin": dict.fromkeys(
        [
            "home",
            "roster",
            "roster-print",
            "roster-csv",
            "learner",
            "analysis",
            "analysis-csv",
            "overall",
            "overall-csv",
        ],
        200,
    ),
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_table(client: Any, world: World, role: str) -> None:
    login(client, None if role == "signed-out" else getattr(world, role))
    for name, url in urls(world).items():
        response = client.get(url)
        expected = EXPECTED[role][name]
        if expected == "login":
            assert response.status_code == 302 and response["Location"].startswith(
                "/accounts/login/"
            ), url
        else:
            assert response.status_code == expected, (role, url, response.status_code)


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
