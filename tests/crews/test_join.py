from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from safetyquiz.crews import throttle
from safetyquiz.crews.models import Membership
from safetyquiz.names import display_name
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(db: None) -> Any:
    return factories.ProductionFactory(name="Dust Devil", join_code="DUSTDEVIL")


def signup(**overrides: str) -> dict[str, str]:
    return {
        "code": "dust devil",
        "first_name": "Casey",
        "last_name": "Rivera",
        "username": "casey",
        "password1": "a-long-unusual-passphrase",
        "department": "",
        **overrides,
    }


def test_the_join_page_has_labelled_fields(client: Any) -> None:
    body = client.get("/join/").content.decode()
    for field in ("code", "first_name", "username", "password1", "department"):
        assert f'<label for="id_{field}">' in body


def test_a_new_person_signs_up_with_a_code_and_is_signed_in(client: Any, production: Any) -> None:
    department = factories.DepartmentFactory(slug="camera")
    response = client.post("/join/", signup(department=str(department.pk)))
    assert response.status_code == 302 and response["Location"] == "/modules/"
    membership = Membership.objects.get(user__username="casey")
    assert (membership.production, membership.role, membership.department) == (
        production,
        "crew",
        department,
    )
    assert "Welcome to Dust Devil" in client.get("/modules/").content.decode()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("NOPE1234", "No production has that code"),
        ("", "This field is required"),
    ],
)
def test_a_wrong_code_says_so_and_creates_nobody(
    client: Any, production: Any, code: str, message: str
) -> None:
    response = client.post("/join/", signup(code=code))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_an_ended_production_code_says_when_it_ended(client: Any, production: Any) -> None:
    production.ends_on = timezone.localdate() - timedelta(days=1)
    production.save()
    response = client.post("/join/", signup())
    assert response.status_code == 400
    assert "its code no longer works" in response.content.decode()


def test_a_refused_sign_up_keeps_everything_but_the_password_and_focuses_the_error(
    client: Any, production: Any
) -> None:
    department = factories.DepartmentFactory(slug="camera", name="Camera")
    data = signup(password1="password", department=str(department.pk), code="dust devil")
    response = client.post("/join/", data)
    body = response.content.decode()
    assert response.status_code == 400 and "too common" in body
    for kept in ('value="casey"', 'value="Casey"', 'value="Rivera"', 'value="dust devil"'):
        assert kept in body
    assert f'<option value="{department.pk}" selected>' in body
    assert 'value="password"' not in body
    assert autofocused(body) == "id_password1"
    assert not User.objects.exists()


def autofocused(body: str) -> str:
    """The id of the one field with autofocus."""
    assert body.count(" autofocus") == 1, body.count(" autofocus")
    at = body.index(" autofocus")
    tag = body[body.rindex("<", 0, at) : body.index(">", at)]
    return tag.split(' id="')[1].split('"')[0]


def test_the_join_link_fills_the_code_and_the_cursor_starts_in_the_first_empty_field(
    client: Any,
) -> None:
    body = client.get("/join/?code=DUSTDEVIL").content.decode()
    assert 'name="code" value="DUSTDEVIL"' in body
    assert autofocused(body) == "id_first_name"
    assert autofocused(client.get("/join/").content.decode()) == "id_code"


def test_joining_asks_for_six_fields_and_one_password(client: Any) -> None:
    body = client.get("/join/").content.decode()
    start = body.index('<form method="post" action="/join/"')  # not the language switch's
    form = body[start : body.index("</form>", start)]
    names = {part.split('"')[0] for part in form.split(' name="')[1:]}
    assert names == {
        "csrfmiddlewaretoken",
        "code",
        "first_name",
        "last_name",
        "username",
        "password1",
        "department",
    }
    assert 'autocomplete="new-password"' in body and "data-show-password" in body


def test_a_signed_in_person_joins_another_production(
    crew_client: Any, crew: Any, production: Any
) -> None:
    response = crew_client.post("/join/", {"code": "DUSTDEVIL"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=crew, production=production).count() == 1
    crew_client.post("/join/", {"code": "DUSTDEVIL"})
    assert Membership.objects.filter(user=crew, production=production).count() == 1


def test_wrong_join_codes_are_limited_per_address(client: Any, production: Any) -> None:
    from safetyquiz.crews.throttle import JOIN_MISSES_PER_IP

    for _ in range(JOIN_MISSES_PER_IP):
        assert client.post("/join/", signup(code="NOPE")).status_code == 400
    blocked = client.post("/join/", signup())  # even the right code, from this address
    assert blocked.status_code == 429
    assert "Too many wrong join codes" in blocked.content.decode()
    other = client.post("/join/", signup(), REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_a_right_code_with_another_mistake_counts_nothing(client: Any, production: Any) -> None:
    from safetyquiz.crews.models import JoinCodeMiss

    assert client.post("/join/", signup(password1="12345678")).status_code == 400
    assert not JoinCodeMiss.objects.exists()


def test_a_removed_member_cannot_rejoin_alone_with_the_code(client: Any, production: Any) -> None:
    user = factories.UserFactory()
    factories.MembershipFactory(production=production, user=user, left_at=timezone.now())
    client.force_login(user)
    response = client.post("/join/", {"code": "DUSTDEVIL"})
    assert response.status_code == 400
    assert "You were removed from Dust Devil: ask its safety officer" in response.content.decode()
    assert Membership.objects.get(user=user).left_at is not None


def test_a_taken_username_is_told_only_once_the_code_and_passwords_pass(
    client: Any, production: Any
) -> None:
    factories.UserFactory(username="casey")
    wrong_code = client.post("/join/", signup(code="NOPE2345"))
    weak = client.post("/join/", signup(password1="password"))
    for refused in (wrong_code, weak):
        assert "username" not in refused.context["form"].errors
    assert "too common" in weak.content.decode()
    response = client.post("/join/", signup(username="CASEY"))
    assert response.status_code == 400
    assert "That username is taken" in response.content.decode()


def test_taken_usernames_are_told_only_so_often_per_address_and_per_code(
    client: Any, production: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(throttle, "TAKEN_PER_IP", 2)
    monkeypatch.setattr(throttle, "TAKEN_PER_CODE", 3)
    for name in ("casey", "kim", "robin", "sam"):
        factories.UserFactory(username=name)

    def try_name(name: str, ip: str) -> Any:
        return client.post("/join/", signup(username=name), REMOTE_ADDR=ip)

    assert try_name("casey", "10.0.0.1").status_code == 400
    assert try_name("kim", "10.0.0.1").status_code == 400
    untold = try_name("robin", "10.0.0.1")  # the address's third: not told which
    assert untold.status_code == 429
    body = untold.content.decode()
    assert "Too many taken usernames" in body and "That username is taken" not in body
    assert try_name("robin", "10.0.0.2").status_code == 400  # another address: told
    assert try_name("sam", "10.0.0.3").status_code == 429  # the code's fourth, anywhere
    assert try_name("a-fresh-name", "10.0.0.1").status_code == 302  # a free name still joins


RLO, PDF = "\u202e", "\u202c"  # right-to-left override, pop directional formatting


def test_names_are_kept_without_direction_controls(client: Any, production: Any) -> None:
    data = signup(first_name=f"Ada{RLO}ecnaL{PDF}", last_name="Lovelace\u2066")
    assert client.post("/join/", data).status_code == 302
    user = User.objects.get(username="casey")
    assert (user.first_name, user.last_name) == ("AdaecnaL", "Lovelace")


def test_someone_who_joins_after_a_due_date_is_not_overdue_anywhere(
    client: Any, production: Any
) -> None:
    """Their own date is the production's days for new members from today: the roster, its
    counts, the reminders, the sheet and their own list all say so."""
    module = factories.PublishedModuleFactory(title="Cold is a claim")
    factories.AssignmentFactory(
        production=production, module=module, due_on=timezone.localdate() - timedelta(days=2)
    )
    old_hand = factories.MembershipFactory(production=production)
    instructor = factories.InstructorMembershipFactory(production=production).user
    assert client.post("/join/", signup()).status_code == 302
    own = timezone.localdate() + timedelta(days=production.grace_days)
    said = f"due {own.day} {own:%b %Y}"

    modules = client.get("/modules/").content.decode()
    assert "overdue" not in modules.lower() and f"{own.day} {own:%b %Y}" in modules
    client.force_login(instructor)
    base = f"/instructor/productions/{production.pk}/"
    roster = client.get(base).content.decode()
    assert said in roster and "1 overdue" in roster  # the old hand alone
    reminders = client.get(f"{base}reminders/?within=0").content.decode()
    assert "Casey Rivera" not in reminders and display_name(old_hand.user) in reminders
    sheet = client.get(f"{base}print/").content.decode()
    assert said in sheet
    assert client.get("/instructor/").content.decode().count("1 overdue") == 1
