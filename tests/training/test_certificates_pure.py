from datetime import date

import pytest

from safetyquiz.training.certificates import add_months, certificate_dates


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_a_certificate_is_valid_from_its_issue_day_for_the_module_s_months() -> None:
    assert certificate_dates(date(2026, 3, 31), 12) == (date(2026, 3, 31), date(2027, 3, 31))
    assert certificate_dates(date(2026, 3, 31), 1) == (date(2026, 3, 31), date(2026, 4, 30))
