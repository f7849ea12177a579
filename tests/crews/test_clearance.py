"""Clearance rules, without the database."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from safetyquiz.crews.clearance import (
    Cell,
    Clearance,
    applies_to,
    clearance_of,
    effective_due,
    is_cleared,
    member_due,
)
from safetyquiz.training.progress import ModuleProgress

TODAY = date(2026, 11, 22)
PASSED = ModuleProgress(valid_until=date(2027, 11, 1), finished_attempts=1)
FAILED = ModuleProgress(finished_attempts=2)
EXPIRED = ModuleProgress(lapsed_on=date(2026, 1, 1), finished_attempts=1)
NOTHING = ModuleProgress()


def test_an_assignment_without_departments_applies_to_everyone() -> None:
    assert applies_to(frozenset(), None)
    assert applies_to(frozenset(), 3)


def test_an_assignment_with_departments_applies_only_to_them() -> None:
    assert applies_to(frozenset({1, 2}), 2)
    assert not applies_to(frozenset({1, 2}), 3)
    assert not applies_to(frozenset({1, 2}), None)


def test_cleared_needs_a_valid_certificate_for_every_assigned_module() -> None:
    assert is_cleared([Cell(PASSED, None, TODAY), Cell(PASSED, None, TODAY)])
    assert not is_cleared([Cell(PASSED, None, TODAY), Cell(FAILED, None, TODAY)])
    assert not is_cleared([Cell(PASSED, None, TODAY), Cell(EXPIRED, None, TODAY)])
    assert not is_cleared([Cell(NOTHING, None, TODAY)])


def test_nobody_is_cleared_by_an_empty_assignment_list() -> None:
    assert not is_cleared([])


def test_a_cell_past_its_due_date_and_not_passed_is_overdue() -> None:
    assert Cell(FAILED, date(2026, 11, 21), TODAY).status == "overdue"
    assert Cell(NOTHING, date(2026, 11, 21), TODAY).overdue
    assert not Cell(NOTHING, TODAY, TODAY).overdue  # due today is not late yet
    assert not Cell(PASSED, date(2026, 11, 1), TODAY).overdue
    assert Cell(FAILED, None, TODAY).status == "failed"
    assert Cell(EXPIRED, None, TODAY).status == "expired"


def test_a_cell_says_its_state_as_the_roster_prints_it() -> None:
    best = ModuleProgress(valid_until=date(2027, 3, 5), finished_attempts=2)
    best.best_percentage = Decimal("85.50")
    cell = Cell(best, None, TODAY)
    assert (cell.label, cell.best, cell.until, cell.answered) == ("Passed", "86", "5 Mar 2027", "")
    going = Cell(ModuleProgress(open_attempt_id=1, answered=3, planned=7), date(2026, 11, 1), TODAY)
    assert (going.label, going.answered, going.best) == ("Overdue", "3/7", "")
    assert Cell(NOTHING, None, TODAY).label == "Not started"


def test_an_extension_only_ever_moves_the_due_date_later() -> None:
    assert effective_due(date(2026, 12, 1), date(2026, 12, 9)) == date(2026, 12, 9)
    assert effective_due(date(2026, 12, 1), date(2026, 11, 25)) == date(2026, 12, 1)
    assert effective_due(None, date(2026, 12, 9)) is None  # nothing to extend
    assert effective_due(date(2026, 12, 1), None) == date(2026, 12, 1)


def test_a_valid_certificate_clears_even_while_a_retake_is_under_way() -> None:
    retaking = ModuleProgress(
        open_attempt_id=9, answered=1, planned=5, valid_until=date(2027, 1, 1), finished_attempts=1
    )
    cell = Cell(retaking, date(2026, 11, 1), TODAY)
    assert cell.passed and not cell.overdue and is_cleared([cell])
    assert (cell.status, cell.label, cell.answered, cell.missing, cell.due) == (
        "passed",
        "Passed",
        "",
        "",
        "",
    )


def test_a_cell_says_exactly_what_is_missing() -> None:
    failed = ModuleProgress(finished_attempts=2, best_percentage=Decimal("61.4"))
    assert Cell(NOTHING, None, TODAY).missing == "not started"
    assert Cell(failed, None, TODAY).missing == "not passed (best 61%)"
    assert Cell(failed, None, TODAY, critical_miss=True).missing == (
        "not passed (best 61%); missed a critical question in the last attempt"
    )
    assert Cell(EXPIRED, None, TODAY).missing == "certificate expired 1 Jan 2026"
    assert Cell(ModuleProgress(revoked=True), None, TODAY).missing == "certificate revoked"
    going = ModuleProgress(open_attempt_id=3, answered=2, planned=6)
    assert Cell(going, None, TODAY).missing == "started, 2 of 6 questions answered"


def test_a_cell_says_by_when_it_is_due() -> None:
    assert Cell(NOTHING, date(2026, 11, 30), TODAY).due == "due 30 Nov 2026"
    assert Cell(NOTHING, date(2026, 11, 20), TODAY).due == "overdue since 20 Nov 2026"
    assert Cell(NOTHING, date(2026, 12, 4), TODAY, extended=True).due == (
        "due 4 Dec 2026 (extended)"
    )
    assert Cell(NOTHING, None, TODAY).due == ""
    assert Cell(PASSED, date(2026, 11, 20), TODAY).due == ""  # done: nothing is due


def test_a_member_is_cleared_by_a_valid_certificate_for_each_module_assigned() -> None:
    due = {1: date(2026, 12, 1), 2: None}
    assert clearance_of(due, {1, 2}, TODAY) == Clearance(cleared=True, overdue=False)
    assert clearance_of(due, {1, 2, 3}, TODAY).cleared  # one more, not assigned: no matter
    assert clearance_of(due, {1}, TODAY) == Clearance(cleared=False, overdue=False)
    assert clearance_of({}, {1}, TODAY) == Clearance(cleared=False, overdue=False)


def test_a_member_is_overdue_on_any_module_past_its_due_date_without_a_certificate() -> None:
    due = {1: date(2026, 11, 21), 2: TODAY, 3: None}
    assert clearance_of(due, set(), TODAY) == Clearance(cleared=False, overdue=True)
    assert not clearance_of(due, {1}, TODAY).overdue  # due today is not late yet
    assert clearance_of({1: date(2026, 11, 21)}, {1}, TODAY).overdue is False


def test_the_roster_filters_show_a_clearance_under_its_standings() -> None:
    late = Clearance(cleared=False, overdue=True)
    done = Clearance(cleared=True, overdue=False)
    assert [late.shows_under(s) for s in ("", "cleared", "not-cleared", "overdue")] == [
        True,
        False,
        True,
        True,
    ]
    assert [done.shows_under(s) for s in ("", "cleared", "not-cleared", "overdue")] == [
        True,
        True,
        False,
        False,
    ]


@given(
    st.dictionaries(st.integers(1, 6), st.one_of(st.none(), st.integers(-3, 3)), max_size=5),
    st.sets(st.integers(1, 8)),
)
def test_a_clearance_agrees_with_the_cells_of_the_same_modules(
    due_in: dict[int, int | None], valid: set[int]
) -> None:
    due = {m: None if days is None else TODAY + timedelta(days=days) for m, days in due_in.items()}
    cells = [Cell(PASSED if m in valid else FAILED, on, TODAY) for m, on in due.items()]
    assert clearance_of(due, valid, TODAY) == Clearance(
        cleared=is_cleared(cells), overdue=any(cell.overdue for cell in cells)
    )


JOINED_LONG_AGO = TODAY - timedelta(days=90)


def test_a_member_on_the_production_for_a_while_has_the_assignments_date() -> None:
    due = TODAY - timedelta(days=2)
    assert member_due(due, None, joined_on=JOINED_LONG_AGO, assigned_on=TODAY, grace_days=7) == (
        due
    )


def test_someone_who_joins_after_the_due_date_gets_the_productions_grace_days() -> None:
    due = TODAY - timedelta(days=2)
    own = member_due(due, None, joined_on=TODAY, assigned_on=JOINED_LONG_AGO, grace_days=7)
    assert own == TODAY + timedelta(days=7)
    assert not Cell(NOTHING, own, TODAY).overdue


def test_days_after_joining_count_from_joining_or_from_the_assignment_if_later() -> None:
    assigned = TODAY - timedelta(days=4)
    assert member_due(None, 14, joined_on=JOINED_LONG_AGO, assigned_on=assigned, grace_days=7) == (
        assigned + timedelta(days=14)
    )
    assert member_due(None, 14, joined_on=TODAY, assigned_on=assigned, grace_days=7) == (
        TODAY + timedelta(days=14)
    )


def test_a_date_and_days_after_joining_give_the_later_of_the_two() -> None:
    due = TODAY + timedelta(days=10)
    early = member_due(due, 3, joined_on=JOINED_LONG_AGO, assigned_on=TODAY, grace_days=7)
    late = member_due(due, 30, joined_on=TODAY, assigned_on=TODAY, grace_days=7)
    assert (early, late) == (due, TODAY + timedelta(days=30))


def test_no_date_and_no_days_mean_no_due_date_whatever_the_grace() -> None:
    assert member_due(None, None, joined_on=TODAY, assigned_on=TODAY, grace_days=7) is None


@given(
    due=st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1))),
    days=st.one_of(st.none(), st.integers(0, 365)),
    assigned=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    grace=st.integers(0, 365),
)
def test_nobody_is_overdue_on_the_day_they_join(
    due: date | None, days: int | None, assigned: date, grace: int
) -> None:
    joined = date(2030, 6, 1)  # the latest of the dates drawn: they join last
    own = member_due(due, days, joined_on=joined, assigned_on=assigned, grace_days=grace)
    assert not Cell(NOTHING, own, joined).overdue
    assert not Cell(NOTHING, effective_due(own, None), joined).overdue
