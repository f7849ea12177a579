"""The roster on screen a page of 100 people at a time, with the filters kept across pages;
the safety-meeting sheet and the CSV stay whole."""

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from safetyquiz.crews import rosters
from safetyquiz.crews.models import DueDateExtension, Membership, Production
from tests import factories
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db

ROW = '<th scope="row">'


@pytest.fixture
def big(client: Client) -> tuple[Client, Production]:
    production = factories.ProductionFactory(name="Big crew")
    camera = factories.DepartmentFactory(slug="camera", name="Camera")
    grip = factories.DepartmentFactory(slug="grip", name="Grip")
    for n in range(205):
        factories.MembershipFactory(
            production=production,
            department=camera if n < 150 else grip,
            user=factories.UserFactory(username=f"member{n:03d}", last_name=f"Zz{n:03d}"),
        )
    factories.AssignmentFactory(production=production)
    instructor = factories.MembershipFactory(
        production=production, role=Membership.Role.INSTRUCTOR
    ).user
    client.force_login(instructor)
    return client, production


def roster(client: Client, production: Production, **query: str) -> str:
    response = client.get(f"/instructor/productions/{production.pk}/", query)
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_roster_shows_a_hundred_people_a_page_with_the_counts_of_everyone(
    big: tuple[Client, Production],
) -> None:
    client, production = big
    first = roster(client, production)
    assert first.count(ROW) == 100
    assert "205 shown" in first and "people 1–100 on this page" in first
    assert "Page 1 of 3" in first and 'href="?page=2"' in first and "Previous page" not in first
    assert "Zz000" in first and "Zz100" not in first
    last = roster(client, production, page="3")
    assert last.count(ROW) == 5 and "Zz204" in last and 'href="?page=2"' in last
    assert roster(client, production, page="nine").count(ROW) == 100  # not a number: page 1


def test_the_pages_keep_the_filter_and_a_filter_that_fits_one_page_has_no_pager(
    big: tuple[Client, Production],
) -> None:
    client, production = big
    camera = roster(client, production, department="camera")
    assert camera.count(ROW) == 100 and 'href="?department=camera&amp;page=2"' in camera
    second = roster(client, production, department="camera", page="2")
    assert second.count(ROW) == 50 and "Zz149" in second and "Zz150" not in second
    grip = roster(client, production, department="grip")
    assert grip.count(ROW) == 55 and "Page 1 of" not in grip


def test_htmx_pages_swap_the_table_alone(big: tuple[Client, Production]) -> None:
    client, production = big
    response = client.get(
        f"/instructor/productions/{production.pk}/", {"page": "2"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and body.count(ROW) == 100 and "Page 2 of 3" in body
    assert 'hx-get="?page=3" hx-target="#roster-table"' in body


def test_the_sheet_and_the_csv_hold_everyone(big: tuple[Client, Production]) -> None:
    client, production = big
    sheet = client.get(f"/instructor/productions/{production.pk}/print/").content.decode()
    assert all(f"Zz{n:03d}" in sheet for n in range(205))
    response = client.get(f"/instructor/productions/{production.pk}/roster.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 206  # the header and everyone


def test_roster_pages_run_the_same_queries_whatever_the_page(
    big: tuple[Client, Production],
) -> None:
    client, production = big
    counts = []
    for page in ("1", "3"):
        with CaptureQueriesContext(connection) as captured:
            roster(client, production, page=page)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def general_state(n: int) -> str:
    """Member n's record on the module due yesterday, for everyone."""
    return ["valid", "expired", "revoked", "extended", "nothing"][n % 5]


def in_props(n: int) -> bool:
    return n % 3 == 2


def cleared(n: int) -> bool:
    # Props also need the armory module, not due yet: those with an even number hold it.
    return general_state(n) == "valid" and (not in_props(n) or n % 2 == 0)


def overdue(n: int) -> bool:
    return general_state(n) in ("expired", "revoked", "nothing")


@pytest.fixture(scope="module")
def crew_230(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[tuple[Production, User]]:
    """230 members in three departments, each in a state told by their number (``cleared``,
    ``overdue``), made once for the tests that ask for them (``shared_data``)."""
    with shared_data(django_db_blocker), django_db_blocker.unblock():
        yield make_crew_230()


def make_crew_230() -> tuple[Production, User]:
    today = timezone.localdate()
    production = factories.ProductionFactory(name="Crew of 230")
    departments = [factories.DepartmentFactory(slug=f"dept-{n}") for n in range(3)]
    general, armory = (factories.PublishedModuleFactory(questions=1) for _ in range(2))
    late = factories.AssignmentFactory(
        production=production, module=general, due_on=today - timedelta(days=1)
    )
    factories.AssignmentFactory(
        production=production,
        module=armory,
        due_on=today + timedelta(days=10),
        departments=[departments[2]],
    )
    expiry = {"valid": 30, "expired": -1, "revoked": 30}
    for n in range(230):
        membership = factories.MembershipFactory(
            production=production,
            department=departments[n % 3],
            user=factories.UserFactory(username=f"crew{n:03d}", last_name=f"Zz{n:03d}"),
        )
        state, user = general_state(n), membership.user
        if state in expiry:
            factories.CertificateFactory(
                attempt__user=user,
                attempt__module=general,
                expires_on=today + timedelta(days=expiry[state]),
                revoked_at=timezone.now() if state == "revoked" else None,
            )
        if state == "extended":
            DueDateExtension.objects.create(
                assignment=late, membership=membership, due_on=today + timedelta(days=7)
            )
        if in_props(n) and n % 2 == 0:
            factories.CertificateFactory(attempt__user=user, attempt__module=armory)
    instructor = factories.InstructorMembershipFactory(production=production).user
    return production, instructor


def people_on(body: str) -> list[int]:
    return [int(n) for n in re.findall(r'<th scope="row"><a [^>]*>[^<]*Zz(\d{3})</a>', body)]


def counts_line(ns: list[int]) -> str:
    done, late = sum(map(cleared, ns)), sum(map(overdue, ns))
    return f"{len(ns)} shown · {done} cleared · {len(ns) - done} not cleared · {late} overdue"


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ({}, lambda n: True),
        ({"status": "overdue"}, overdue),
        ({"status": "cleared"}, cleared),
        ({"status": "not-cleared"}, lambda n: not cleared(n)),
        (
            {"department": "dept-2", "status": "not-cleared"},
            lambda n: in_props(n) and not cleared(n),
        ),
    ],
)
def test_each_page_shows_its_people_in_order_under_the_counts_of_everyone_filtered(
    client: Client,
    crew_230: tuple[Production, User],
    query: dict[str, str],
    keep: Callable[[int], bool],
) -> None:
    production, instructor = crew_230
    client.force_login(instructor)
    matching = [n for n in range(230) if keep(n)]
    for page in range(1, (len(matching) + 99) // 100 + 1):
        body = roster(client, production, **query, page=str(page))
        assert people_on(body) == matching[(page - 1) * 100 : page * 100]
        assert counts_line(matching) in body


def test_a_page_builds_the_full_rows_of_its_people_alone(
    client: Client, crew_230: tuple[Production, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    production, instructor = crew_230
    client.force_login(instructor)
    built: list[Membership] = []
    real = rosters.Records.row

    def row(self: rosters.Records, member: Membership, *rest: Any) -> rosters.RosterRow:
        built.append(member)
        return real(self, member, *rest)

    monkeypatch.setattr(rosters.Records, "row", row)
    body = roster(client, production, page="3")
    assert len(built) == 30 and people_on(body) == list(range(200, 230))
    assert counts_line(list(range(230))) in body and "people 201–230 on this page" in body
