"""The roster on screen a page of 100 people at a time, with the filters kept across pages;
the safety-meeting sheet and the CSV stay whole."""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from safetyquiz.crews.models import Membership, Production
from tests import factories

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
    rows = list(csv.reader(io.StringIO(response.content.decode())))
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
