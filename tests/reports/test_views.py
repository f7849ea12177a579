import csv
import io
import random
from datetime import timedelta
from typing import Any

import pytest
from django.db.models import F
from django.utils import timezone

from safetyquiz.crews import services
from safetyquiz.devtools.simulate import take
from safetyquiz.reports.exports import safe_cell
from safetyquiz.training.models import Attempt
from tests import factories
from tests.dates import today
from tests.worlds import World, login

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)


def roster_url(w: World) -> str:
    return f"/instructor/productions/{w.p1.pk}/"


def test_home_counts_members_cleared_and_not(client: Any, world: World) -> None:
    body = login(client, world.instructor_1).get("/instructor/").content.decode()
    assert "Dust Devil" in body and "Night Rider" not in body
    assert "2 crew members" in body and "1 cleared" in body and "1 not cleared" in body


def test_roster_shows_each_member_with_a_cell_and_clearance(client: Any, world: World) -> None:
    body = login(client, world.instructor_1).get(roster_url(world)).content.decode()
    assert "Crew_A Test" in body and "Crew_B Test" in body and "Crew_C" not in body
    assert "best 100%" in body and "best 0%" in body
    assert body.count("badge cleared") == 1 and "Not passed" in body


def test_roster_filters_by_department_and_status(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    body = client.get(roster_url(world), {"department": "props-armory"}).content.decode()
    assert "Crew_B" in body and "Crew_A" not in body
    body = client.get(roster_url(world), {"status": "cleared"}).content.decode()
    assert "Crew_A" in body and "Crew_B" not in body


def test_roster_offers_plain_filter_links_by_status_and_department(
    client: Any, world: World
) -> None:
    body = login(client, world.instructor_1).get(roster_url(world)).content.decode()
    assert 'href="?status=not-cleared"' in body
    assert 'href="?department=camera"' in body and 'href="?department=props-armory"' in body


def test_roster_filter_with_htmx_returns_only_the_table(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    response = client.get(roster_url(world), {"status": "not-cleared"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and '<table class="roster">' in body
    assert "Crew_B" in body and "Crew_A" not in body


def test_an_unknown_filter_value_is_a_400_with_a_message(client: Any, world: World) -> None:
    response = login(client, world.instructor_1).get(roster_url(world), {"status": "sideways"})
    assert response.status_code == 400
    assert "That filter is not one we know" in response.content.decode()


def test_roster_csv_has_a_row_per_member(client: Any, world: World) -> None:
    response = login(client, world.instructor_1).get(f"{roster_url(world)}roster.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_user = {r["username"]: r for r in rows}
    assert set(by_user) == {"crew_a", "crew_b"}
    assert by_user["crew_a"]["cleared"] == "yes" and by_user["crew_b"]["cleared"] == "no"
    assert by_user["crew_a"]["Cold is a claim: status"] == "passed"
    assert by_user["crew_a"]["Cold is a claim: best %"] == "100"
    assert by_user["crew_b"]["Cold is a claim: status"] == "failed"
    assert (
        by_user["crew_a"]["department"] == "Camera" and by_user["crew_a"]["job title"] == "1st AC"
    )


@pytest.mark.parametrize(
    "path", ["roster.csv", "reminders.csv?within=365", "modules/cold-is-a-claim/analysis.csv"]
)
def test_every_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8(
    client: Any, world: World, path: str
) -> None:
    world.crew_b.last_name = "Díaz “Cold”"
    world.crew_b.save()
    world.p1.assignments.update(due_on=today())
    content = login(client, world.instructor_1).get(f"{roster_url(world)}{path}").content
    assert content.startswith(b"\xef\xbb\xbf") and content.count(b"\xef\xbb\xbf") == 1
    if "analysis" not in path:
        assert "Díaz “Cold”" in content.decode("utf-8-sig")


def test_csv_cells_cannot_become_spreadsheet_formulas(client: Any, world: World) -> None:
    world.crew_a.first_name = "=HYPERLINK(1)"
    world.crew_a.save()
    content = (
        login(client, world.instructor_1).get(f"{roster_url(world)}roster.csv").content.decode()
    )
    assert "'=HYPERLINK(1)" in content


def test_csv_headers_cannot_become_spreadsheet_formulas(client: Any, world: World) -> None:
    world.module.title = "=cmd|'/c calc'!A1"
    world.module.save()
    content = (
        login(client, world.instructor_1).get(f"{roster_url(world)}roster.csv").content.decode()
    )
    header = content.splitlines()[0]
    assert "'=cmd|'/c calc'!A1: status" in header and ",=cmd" not in header


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("  @SUM(A1)", "'  @SUM(A1)"),
        ("\uff1dcmd", "'\uff1dcmd"),
        ("-5", "'-5"),
        ("\tx", "'\tx"),
        ("Kate Murphy", "Kate Murphy"),
        ("", ""),
        (5, 5),
    ],
)
def test_safe_cell_quotes_what_a_spreadsheet_would_run(value: Any, shown: Any) -> None:
    assert safe_cell(value) == shown


def test_print_view_has_a_signature_column(client: Any, world: World) -> None:
    body = login(client, world.instructor_1).get(f"{roster_url(world)}print/").content.decode()
    assert "Signature" in body and "1st AC" in body and "<strong>NO</strong>" in body


def test_the_sheet_puts_the_not_cleared_first_and_says_what_each_is_missing(
    client: Any, world: World
) -> None:
    world.p1.assignments.update(due_on=timezone.localdate() - timedelta(days=1))
    second = factories.PublishedModuleFactory(title="Inspect every round")
    factories.AssignmentFactory(production=world.p1, module=second)
    late = factories.MembershipFactory(
        production=world.p1, department=world.p1.memberships.get(user=world.crew_a).department
    )
    body = login(client, world.instructor_1).get(f"{roster_url(world)}print/").content.decode()
    rows = body.split("<tbody>")[1].split("</tr>")

    def place(user: Any) -> int:
        return next(i for i, row in enumerate(rows) if user.get_full_name() in row)

    # Nobody is cleared now (a second module): by department, Camera before Props and armory.
    assert max(place(world.crew_a), place(late.user)) < place(world.crew_b)
    crew_b = next(row for row in rows if world.crew_b.get_full_name() in row)
    assert (
        "<strong>Cold is a claim</strong>: not passed (best 0%); missed a critical question"
        in crew_b
    )
    assert "overdue since" in crew_b and "Inspect every round</strong>: not started" in crew_b
    newcomer = next(row for row in rows if late.user.get_full_name() in row)
    assert "Cold is a claim</strong>: not started" in newcomer


def test_the_sheet_lists_cleared_members_after_the_others(client: Any, world: World) -> None:
    body = login(client, world.instructor_1).get(f"{roster_url(world)}print/").content.decode()
    assert body.index("Crew_B Test") < body.index("Crew_A Test")  # B is not cleared
    assert 'class="signature"' in body and "data-print" in body


def test_only_certifying_attempts_count_on_the_roster_and_analysis(
    client: Any, world: World
) -> None:
    factories.FinishedAttemptFactory(user=world.crew_b, module=world.module, mode="practice")
    factories.AttemptFactory(user=world.crew_a, module=world.module, mode="practice")
    login(client, world.instructor_1)
    body = client.get(roster_url(world)).content.decode()
    assert "best 0%" in body and "In progress" not in body and body.count("badge cleared") == 1
    analysis = client.get(f"{roster_url(world)}modules/{world.module.slug}/").content.decode()
    assert "Attempts</dt><dd>2</dd>" in analysis


def test_a_module_the_production_does_not_assign_has_no_analysis_there(
    client: Any, world: World
) -> None:
    other = factories.PublishedModuleFactory()
    login(client, world.instructor_1)
    assert client.get(f"{roster_url(world)}modules/{other.slug}/").status_code == 404
    assert client.get(f"{roster_url(world)}modules/{other.slug}/analysis.csv").status_code == 404
    login(client, world.admin)
    assert client.get(f"/instructor/modules/{other.slug}/").status_code == 200


def test_learner_record_opens_on_a_summary_of_the_productions_modules(
    client: Any, world: World
) -> None:
    elsewhere = factories.PublishedModuleFactory(title="Not on this production")
    take(user=world.crew_a, module=elsewhere, skill=1.0, rng=random.Random(4))
    draft = factories.ModuleFactory(title="A draft module")
    factories.AssignmentFactory(production=world.p1, module=draft)
    body = (
        login(client, world.instructor_1)
        .get(f"{roster_url(world)}learners/{world.crew_a.pk}/")
        .content.decode()
    )
    summary, attempts = body.split('id="attempts"')
    assert "Cold is a claim" in summary and "valid until" in summary and "1 finished" in summary
    assert "Not on this production" not in body and "A draft module" not in body
    assert (
        '<details class="card attempt">' in attempts
        and " open" not in attempts.split("<details")[1][:40]
    )
    assert "They picked" in attempts and "You picked" not in attempts


def test_learner_record_pages_and_filters_attempts(client: Any, world: World) -> None:
    for n in range(12):
        take(user=world.crew_b, module=world.module, skill=0.0, rng=random.Random(n))
    login(client, world.instructor_1)
    url = f"{roster_url(world)}learners/{world.crew_b.pk}/"
    first = client.get(url).content.decode()
    assert first.count('<details class="card attempt">') == 10 and "Page 1 of 2" in first
    second = client.get(url, {"page": "2"}).content.decode()
    assert second.count('<details class="card attempt">') == 3
    assert client.get(url, {"page": "x"}).status_code == 200  # the first page
    assert client.get(url, {"module": world.module.slug}).status_code == 200
    assert client.get(url, {"module": "not-assigned-here"}).status_code == 404


def test_a_former_members_record_stops_when_they_left(client: Any, world: World) -> None:
    """crew_b failed on Dust Devil, was removed, joined Night Rider and passed there."""
    Attempt.objects.filter(user=world.crew_b).update(started_at=F("started_at") - HOUR)
    services.membership_remove(production=world.p1, user=world.crew_b, actor=world.instructor_1)
    factories.MembershipFactory(production=world.p2, user=world.crew_b)
    take(user=world.crew_b, module=world.module, skill=1.0, rng=random.Random(9))
    body = (
        login(client, world.instructor_1)
        .get(f"{roster_url(world)}learners/{world.crew_b.pk}/")
        .content.decode()
    )
    summary, attempts = body.split('id="attempts"')
    assert "1 finished" in summary and "valid until" not in summary
    assert attempts.count('<details class="card attempt">') == 1
    assert "Not passed" in attempts and ">Passed<" not in attempts
    on_p2 = login(client, world.instructor_2).get(
        f"/instructor/productions/{world.p2.pk}/learners/{world.crew_b.pk}/"
    )
    assert on_p2.content.decode().count('<details class="card attempt">') == 2  # current


def test_learner_page_shows_every_answer_as_snapshotted(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    question = world.module.questions.get(order=1)
    prompt = question.prompt
    question.prompt = "Edited afterwards"
    question.save()
    body = client.get(f"{roster_url(world)}learners/{world.crew_b.pk}/").content.decode()
    assert prompt in body and "Edited afterwards" not in body
    assert "Not passed" in body and "critical miss" in body


def test_module_analysis_shows_figures_chart_and_items(client: Any, world: World) -> None:
    body = (
        login(client, world.instructor_1)
        .get(f"{roster_url(world)}modules/{world.module.slug}/")
        .content.decode()
    )
    assert "<svg" in body and 'role="img"' in body
    assert "Attempts</dt><dd>2</dd>" in body
    assert "Pass rate</dt><dd>50%" in body
    assert "Median score</dt><dd>50%" in body
    # crew_b's wrong pick on question 1, named with its share
    assert "Carry on if the AD says cold" in body or "Check it yourself and carry on" in body
    assert "(50%)" in body


def test_module_analysis_csv_per_question(client: Any, world: World) -> None:
    response = login(client, world.instructor_1).get(
        f"{roster_url(world)}modules/{world.module.slug}/analysis.csv"
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["question"] for r in rows] == ["1", "2", "3"]
    assert all(r["answers"] == "2" and r["facility"] == "0.50" for r in rows)
    assert rows[1]["critical misses"] == "1"
    assert rows[0]["discrimination"] == "1.00"


def test_admin_sees_the_analysis_across_productions(client: Any, world: World) -> None:
    body = (
        login(client, world.admin).get(f"/instructor/modules/{world.module.slug}/").content.decode()
    )
    assert "Attempts</dt><dd>3</dd>" in body


def test_the_analysis_csv_sets_each_question_beside_its_slots_others(
    client: Any, world: World, settings: Any
) -> None:
    settings.QUALITY = {**settings.QUALITY, "SLOT_MIN_ANSWERS": 2}
    slot = factories.SlotFactory(module=world.module, objective="Who checks a firearm")
    world.module.questions.filter(order__in=[1, 3]).update(slot=slot)
    first, third = world.module.questions.get(order=1), world.module.questions.get(order=3)
    for user in (world.crew_a, world.crew_b):
        attempt = factories.FinishedAttemptFactory(user=user, module=world.module)
        factories.AnswerFactory(attempt=attempt, index=0, question=first, correct=True)
        factories.AnswerFactory(attempt=attempt, index=2, question=third, correct=False)
    response = login(client, world.instructor_1).get(
        f"{roster_url(world)}modules/{world.module.slug}/analysis.csv"
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["objective"] for r in rows] == ["Who checks a firearm", "", "Who checks a firearm"]
    # crew_a answered both right before, crew_b both wrong: now 3 of 4 against 1 of 4.
    assert (
        rows[0]["facility"] == "0.75"
        and rows[0]["facility of the objective's other questions"] == "0.25"
    )
    assert rows[0]["differs from them"] == "yes" and rows[2]["differs from them"] == "yes"
    assert rows[1]["differs from them"] == "no"
