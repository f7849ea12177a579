"""Every form and URL parameter, fuzzed: whatever arrives, never a 5xx. Text is any
Unicode, with non-ASCII digits, control characters and NUL; bodies are any bytes in any
charset. `make test-postgres` runs the same examples on PostgreSQL, which refuses what
SQLite stores (NUL characters, over-long values)."""

import json
from typing import Any
from urllib.parse import quote, unquote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from safetyquiz.crews.models import JoinCodeMiss, Production
from safetyquiz.training.models import Answer, Attempt
from safetyquiz.training.services import attempt_start
from tests import factories
from tests.worlds import World

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
digits = st.text(alphabet="0123456789\u0660\u0663\u06f5\u0966\uff11\u00b2\u2163", max_size=12)
controls = st.text(alphabet=[chr(c) for c in [*range(32), 127]], min_size=1, max_size=5)
values = st.one_of(
    text,
    digits,
    st.tuples(st.sampled_from(["0", "1", "2", ""]), controls).map("".join),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["0", "1", "2", "-1", "", " 1", "\x00", "1\x00"]),
)
CHARSETS = ["utf-8", "latin-1", "utf-16", "cp1252", "shift_jis", "no-such-charset", ""]
bodies = st.one_of(
    st.binary(max_size=400),
    st.lists(st.tuples(values, values), max_size=6).map(
        lambda pairs: "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs).encode()
    ),
)


@pytest.fixture
def module(db: None) -> Any:
    module = factories.PublishedModuleFactory(questions=0)
    for order, kind in enumerate(["single", "multiple", "ordering"]):
        for pool in ("certifying", "practice"):
            factories.QuestionFactory(module=module, order=order, kind=kind, pool=pool)
    return module


@FUZZ
@given(
    question=values,
    choices=st.lists(values, max_size=12),
    htmx=st.booleans(),
    mode=st.sampled_from(Attempt.Mode.values),
)
def test_the_answer_endpoint_never_fails(
    crew_client: Any,
    crew: Any,
    module: Any,
    question: str,
    choices: list[str],
    htmx: bool,
    mode: str,
) -> None:
    quiz = attempt_start(user=crew, module=module, mode=mode)
    Attempt.objects.exclude(pk=quiz.pk).delete()  # a fresh attempt for every example
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = crew_client.post(
        f"/attempts/{quiz.pk}/", {"question": question, "choice": choices}, **extra
    )
    assert response.status_code in (200, 302, 400), response.status_code
    for stored in Answer.objects.filter(attempt=quiz):
        assert 0 <= stored.points_awarded <= stored.max_points


# JSON as a device might send it, broken in every way: any value where each field goes.
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), values),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(values, inner, max_size=4),
    max_leaves=12,
)
kept_answers = st.fixed_dictionaries(
    {
        "key": st.one_of(st.uuids().map(str), values),
        "attempt": st.one_of(st.just("ATTEMPT"), json_values),
        "place": st.one_of(st.integers(-2, 5), json_values),
        "choices": st.one_of(st.lists(values, max_size=6), json_values),
    }
)


@FUZZ
@given(
    learner=st.one_of(st.just("CREW"), json_values),
    answers=st.one_of(st.lists(kept_answers, max_size=4), json_values),
    raw=st.one_of(st.none(), st.binary(max_size=200)),
)
def test_the_kept_answers_endpoint_never_fails(
    crew_client: Any, crew: Any, module: Any, learner: Any, answers: Any, raw: bytes | None
) -> None:
    quiz = attempt_start(user=crew, module=module)
    Attempt.objects.exclude(pk=quiz.pk).delete()
    if isinstance(answers, list):
        answers = [
            {**a, "attempt": quiz.pk}
            if isinstance(a, dict) and a.get("attempt") == "ATTEMPT"
            else a
            for a in answers
        ]
    body = {"learner": str(crew.pk) if learner == "CREW" else learner, "answers": answers}
    data = raw if raw is not None else json.dumps(body, allow_nan=True).encode()
    response = crew_client.post("/answers/", data, content_type="application/json")
    assert response.status_code in (200, 400, 409), response.status_code
    for stored in Answer.objects.filter(attempt=quiz):
        assert 0 <= stored.points_awarded <= stored.max_points


@FUZZ
@given(body=bodies, charset=st.sampled_from(CHARSETS), multipart=st.booleans())
def test_any_body_in_any_charset_is_never_a_5xx(
    crew_client: Any, crew: Any, module: Any, body: bytes, charset: str, multipart: bool
) -> None:
    quiz = attempt_start(user=crew, module=module)
    Attempt.objects.exclude(pk=quiz.pk).delete()
    kind = "multipart/form-data; boundary=xyz" if multipart else "application/x-www-form-urlencoded"
    content_type = f"{kind}; charset={charset}" if charset else kind
    JoinCodeMiss.objects.all().delete()
    for url in (f"/attempts/{quiz.pk}/", "/join/", "/accounts/login/"):
        response = crew_client.generic("POST", url, body, content_type)
        assert response.status_code < 500, (url, response.status_code)


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
    JoinCodeMiss.objects.all().delete()  # the form every time, not the wrong-code limit
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
# Found by the fuzzing: a member's user id past SQLite's integer range.
@example(fields={"member": "9223372036854775808"}, target="assignments/{a}/extension/")
def test_the_instructors_forms_never_fail(
    client: Any, world: World, fields: dict[str, str], target: str
) -> None:
    client.force_login(world.instructor_1)
    path = target.format(a=world.p1.assignments.get().pk, u=world.crew_a.pk)
    response = client.post(f"/instructor/productions/{world.p1.pk}/{path}", fields)
    assert response.status_code in (302, 400), response.status_code


@FUZZ
@given(within=values, token=st.text(alphabet="abcXYZ019-_%.", min_size=1, max_size=200))
@example(within="", token="%00")  # a NUL in the address, once found by the fuzzing
def test_reminders_and_sign_in_links_never_fail(
    client: Any, world: World, within: str, token: str
) -> None:
    response = client.get(f"/accounts/link/{token}/")
    # "%00" in the address is a NUL: refused as unreadable before any view. Any other token
    # moves into the session, and the page it leads to finds no live link.
    expected = (400,) if "\x00" in unquote(token) else (302, 404)
    assert response.status_code in expected, response.status_code
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 404
    client.force_login(world.instructor_1)
    response = client.get(f"/instructor/productions/{world.p1.pk}/reminders/", {"within": within})
    assert response.status_code in (200, 400)
