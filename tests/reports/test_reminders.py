import csv
import io
from datetime import timedelta
from typing import Any

import pytest

from tests.dates import today
from tests.worlds import World, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructor(client: Any, world: World) -> Any:
    world.p1.assignments.update(due_on=today() + timedelta(days=3))
    return login(client, world.instructor_1)


def url(w: World, rest: str = "reminders/") -> str:
    return f"/instructor/productions/{w.p1.pk}/{rest}"


def test_lists_who_is_due_within_the_days_asked(instructor: Any, world: World) -> None:
    body = instructor.get(url(world), {"within": "7"}).content.decode()
    assert "Crew_B Test" in body and "Crew_A Test" not in body  # crew_a passed
    assert "not passed" in body and "due " in body
    assert "Crew_B Test, Props And Armory: Cold is a claim (due " in body or (
        "Crew_B Test, Props and armory: Cold is a claim (due " in body
    )
    assert "Nobody" in instructor.get(url(world), {"within": "2"}).content.decode()


def test_overdue_shows_whatever_the_window(instructor: Any, world: World) -> None:
    world.p1.assignments.update(due_on=today() - timedelta(days=1))
    body = instructor.get(url(world), {"within": "0"}).content.decode()
    assert "overdue since" in body and "Crew_B Test" in body


@pytest.mark.parametrize("within", ["-1", "366", "soon", "1.5"])
def test_a_bad_window_is_a_400_with_a_message(instructor: Any, world: World, within: str) -> None:
    response = instructor.get(url(world), {"within": within})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert instructor.get(url(world, "reminders.csv"), {"within": within}).status_code == 400


def test_the_csv_has_a_row_per_member_and_module_with_safe_cells(
    instructor: Any, world: World
) -> None:
    world.crew_b.first_name = "=CMD()"
    world.crew_b.save()
    response = instructor.get(url(world, "reminders.csv"), {"within": "7"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["username"], r["module"], r["overdue"]) for r in rows] == [
        ("crew_b", "Cold is a claim", "no")
    ]
    assert rows[0]["name"].startswith("'=CMD()")
    assert rows[0]["due on"] == str(today() + timedelta(days=3))
