"""The roster a page at a time: the full rows of one page's members, the same as the whole
roster filtered and paged."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.paginator import Paginator

from safetyquiz.crews import rosters
from safetyquiz.crews.clearance import is_cleared
from safetyquiz.crews.rosters import RosterRow, roster, roster_page
from safetyquiz.crews.standings import standings_of
from tests.crews.mixed import mixed_crew

pytestmark = pytest.mark.django_db
PER_PAGE = 7

# The filters as the roster applied them to its full rows, cell by cell.
SHOWN: dict[str, Callable[[RosterRow], bool]] = {
    "": lambda row: True,
    "cleared": lambda row: is_cleared(row.applicable),
    "not-cleared": lambda row: not is_cleared(row.applicable),
    "overdue": lambda row: any(cell.overdue for cell in row.applicable),
}


def shown(row: RosterRow) -> tuple[Any, ...]:
    return (row.membership.pk, row.name, row.membership.job_title, row.cells, row.cleared)


@pytest.mark.parametrize("seed", [1, 2])
def test_each_page_agrees_with_the_full_roster_filtered_and_paged(seed: int) -> None:
    mixed = mixed_crew(seed, 45)
    whole = roster(mixed.production)
    crew = standings_of(mixed.production)
    for department in [None, *mixed.departments]:
        for status, keep in SHOWN.items():
            rows = [
                row
                for row in whole.rows
                if (department is None or row.membership.department_id == department.pk)
                and keep(row)
            ]
            filtered = crew.filtered(department=department, status=status)
            assert (filtered.members, filtered.cleared, filtered.overdue) == (
                len(rows),
                sum(1 for row in rows if SHOWN["cleared"](row)),
                sum(1 for row in rows if SHOWN["overdue"](row)),
            )
            pages = Paginator(rows, PER_PAGE)
            for number in range(pages.num_pages + 2):  # 0 and one past the end fall back
                old, new = pages.get_page(number), roster_page(filtered, number, PER_PAGE)
                assert (new.number, new.start_index(), new.end_index()) == (
                    old.number,
                    old.start_index(),
                    old.end_index(),
                )
                assert (new.has_previous(), new.has_next(), new.paginator.num_pages) == (
                    old.has_previous(),
                    old.has_next(),
                    pages.num_pages,
                )
                assert [shown(row) for row in new] == [shown(row) for row in old]


def test_a_page_builds_the_rows_of_its_members_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    mixed = mixed_crew(3, 30)
    built: list[int] = []
    real = rosters.Records.row

    def row(self: rosters.Records, member: Any, *rest: Any) -> RosterRow:
        built.append(member.pk)
        return real(self, member, *rest)

    monkeypatch.setattr(rosters.Records, "row", row)
    crew = standings_of(mixed.production)
    page = roster_page(crew, 3, 10)
    assert built == [s.membership_id for s in crew.rows[20:30]]
    assert [row.membership.pk for row in page] == built
