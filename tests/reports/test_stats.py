"""The statistics on a small example worked by hand, without the database."""

from collections.abc import Sequence
from decimal import Decimal as D

import pytest

from safetyquiz.reports import stats


def sums(pairs: Sequence[tuple[float, float]]) -> stats.Sums:
    return stats.Sums(
        n=len(pairs),
        sx=sum(x for x, _ in pairs),
        sy=sum(y for _, y in pairs),
        sxy=sum(x * y for x, y in pairs),
        sxx=sum(x * x for x, _ in pairs),
        syy=sum(y * y for _, y in pairs),
    )


def test_discrimination_on_a_hand_worked_example() -> None:
    # Four learners; the item (x) against the rest of their score (y).
    # mean x = 0.5, mean y = 3; deviations x: +.5 +.5 -.5 -.5, y: +2 0 0 -2
    # cov = (1 + 0 + 0 + 1) / 4 = 0.5; sd x = 0.5; sd y = sqrt(8/4) = 1.4142
    # r = 0.5 / (0.5 * 1.4142) = 0.7071
    r = stats.correlation(sums([(1, 5), (1, 3), (0, 3), (0, 1)]))
    assert r == pytest.approx(0.70711, abs=1e-5)


def test_an_item_the_weak_get_right_and_the_strong_get_wrong_discriminates_negatively() -> None:
    r = stats.correlation(sums([(0, 5), (0, 4), (1, 1), (1, 0)]))
    assert r is not None and r < -0.9


def test_discrimination_is_undefined_without_spread_or_data() -> None:
    assert stats.correlation(sums([(1, 5), (1, 3), (1, 1)])) is None  # everyone right
    assert stats.correlation(sums([(1, 3), (0, 3)])) is None  # same rest score
    assert stats.correlation(sums([(1, 3)])) is None


def test_sums_from_a_frequency_table_match_the_sums_over_every_answer() -> None:
    pairs = [(1, 5), (1, 5), (1, 3), (0, 3), (0, 3), (0, 3), (0, 1)]
    table = [stats.Scored(1, 5, 2), stats.Scored(1, 3, 1), stats.Scored(0, 3, 3)]
    table.append(stats.Scored(0, 1, 1))
    assert stats.sums(table) == sums(pairs)
    assert stats.sums([]) == stats.Sums(0, 0, 0, 0, 0, 0)


def test_facility_is_the_share_right() -> None:
    assert stats.share(3, 4) == 0.75
    assert stats.share(0, 0) is None


def test_median_and_mean_from_a_frequency_table() -> None:
    counts = {D(40): 1, D(80): 2, D(100): 1}
    assert stats.median(counts) == 80
    assert stats.mean(counts) == 75
    assert stats.median({D(40): 1, D(60): 1}) == 50
    assert stats.median({}) is None


def test_histogram_puts_100_in_the_last_bin() -> None:
    assert stats.histogram({D(0): 1, D("9.99"): 1, D(10): 2, D(85): 1, D(100): 3}) == [
        2,
        2,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        3,
    ]
