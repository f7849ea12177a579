"""Every form and URL parameter, fuzzed: whatever arrives, never a 500."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyquiz.crews.models import Production
from safetyquiz.training.models import Answer
from safetyquiz.training.services import attempt_start
from tests import factories
from tests.worlds import World

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=300
)
values = st.one_of(
    text, st.integers(-(10**20), 10**20).map(str), st.sampled_from(["0", "1", "2", "-1", "", " 1"])
)


@pytest.fixture
def quiz(crew: Any) -> Any:
    module = factories.PublishedModuleFactory(questions=0)
    for order, kind in enumerate(["single", "multiple", "ordering"]):
        factories.QuestionFactory(module=module, order=order, kind=kind)
    return attempt_start(user=crew, module=module)


@FUZZ
@given(question=values, choices=st.lists(values, max_size=12), htmx=st.booleans())
def test_the_answer_endpoint_never_fails(
    crew_client: Any, quiz: Any, question: str, choices: list[str], htmx: bool
) -> None:
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = crew_client.post(
        f"/attempts/{quiz.pk}/", {"question": question, "choice": choices}, **extra
    )
    assert response.status_code in (200, 302, 400), response.status_code
    for stored in Answer.objects.filter(attempt=quiz):
        assert 0 <= stored.points_awarded <= stored.max_points


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "code",
                "first_name",
                "last_name",
                "username",
                "password1",
                "password2",
                "department",
                "job_title",
            ]
        ),
        values,
        max_size=8,
    )
)
def test_join_never_fails(client: Any, fields: dict[str, str]) -> None:
    Production.objects.get_or_create(join_code="DUSTDEVIL", defaults={"name": "Dust Devil"})
    response = client.post("/join/", fields)
    assert response.status_code in (200, 302, 400), response.status_code


@FUZZ
@given(department=values, status=values, htmx=st.booleans())
def test_roster_filters_never_fail(
    client: Any, world: World, department: str, status: str, htmx: bool
) -> None:
    client.force_login(world.instructor_1)
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(
        f"/instructor/productions/{world.p1.pk}/",
        {"department": department, "status": status},
        **extra,
    )
    assert response.status_code in (200, 400), response.status_code


@FUZZ
@given(path=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_%.", min_size=1, max_size=80))
def test_url_parameters_never_fail(crew_client: Any, path: str) -> None:
    for url in (f"/modules/{path}/", f"/certificates/{path}/", f"/attempts/{path}/"):
        assert crew_client.get(url).status_code < 500, url


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(["module", "departments", "due_on", "member", "department", "job_title"]),
        values,
        max_size=6,
    ),
    target=st.sampled_from(
        ["assignments/", "assignments/{a}/due/", "assignments/{a}/extension/", "people/{u}/"]
    ),
)
def test_the_instructors_forms_never_fail(
    client: Any, world: World, fields: dict[str, str], target: str
) -> None:
    client.force_login(world.instructor_1)
    path = target.format(a=world.p1.assignments.get().pk, u=world.crew_a.pk)
    response = client.post(f"/instructor/productions/{world.p1.pk}/{path}", fields)
    assert response.status_code in (302, 400), response.status_code


@FUZZ
@given(within=values, token=st.text(alphabet="abcXYZ019-_%.", min_size=1, max_size=200))
def test_reminders_and_sign_in_links_never_fail(
    client: Any, world: World, within: str, token: str
) -> None:
    assert client.get(f"/accounts/link/{token}/").status_code in (200, 404)
    client.force_login(world.instructor_1)
    response = client.get(f"/instructor/productions/{world.p1.pk}/reminders/", {"within": within})
    assert response.status_code in (200, 400)
