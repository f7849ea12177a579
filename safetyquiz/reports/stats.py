"""Item and score statistics, as pure functions over sums and frequency tables that the
database computes (so a report never fetches one row per learner or per answer)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Sums:
    """Sums over the answers to one question: x is the item score (0 to 1), y the rest of the
    attempt's score (the attempt's points less this item's)."""

    n: int
    sx: float
    sy: float
    sxy: float
    sxx: float
    syy: float


@dataclass(frozen=True)
class Scored:
    """``n`` answers with item score x and rest-of-attempt score y: one row of a frequency
    table the database groups."""

    x: float
    y: float
    n: int


def sums(rows: Iterable[Scored]) -> Sums:
    """The sums behind a correlation, from a frequency table of (x, y) pairs."""
    n = sx = sy = sxy = sxx = syy = 0.0
    for r in rows:
        n += r.n
        sx += r.n * r.x
        sy += r.n * r.y
        sxy += r.n * r.x * r.y
        sxx += r.n * r.x * r.x
        syy += r.n * r.y * r.y
    return Sums(int(n), sx, sy, sxy, sxx, syy)


def correlation(s: Sums) -> float | None:
    """Pearson's r of x and y from their sums; None when undefined (fewer than two answers,
    or everyone scored the same on either)."""
    if s.n < 2:
        return None
    cov = s.n * s.sxy - s.sx * s.sy
    var_x = s.n * s.sxx - s.sx**2
    var_y = s.n * s.syy - s.sy**2
    if var_x <= 1e-12 or var_y <= 1e-12:
        return None
    return cov / math.sqrt(var_x * var_y)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def mean(counts: Mapping[Decimal, int]) -> float | None:
    total = sum(counts.values())
    return sum(float(v) * n for v, n in counts.items()) / total if total else None


def median(counts: Mapping[Decimal, int]) -> float | None:
    """The median of values given as value -> how many times it occurs."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())

    def nth(k: int) -> float:  # the k-th value, from 0
        seen = 0
        for value, n in ordered:
            seen += n
            if k < seen:
                return float(value)
        raise IndexError(k)

    middle = total // 2
    return nth(middle) if total % 2 else (nth(middle - 1) + nth(middle)) / 2


def histogram(counts: Mapping[Decimal, int], bins: int = 10) -> list[int]:
    """Percentages 0-100 in ``bins`` equal bins; 100 falls in the last."""
    result = [0] * bins
    width = 100 / bins
    for value, n in counts.items():
        result[min(int(float(value) // width), bins - 1)] += n
    return result
