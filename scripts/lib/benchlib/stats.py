"""Median and spread over repetitions: what every table and bar chart reports.

The median, not the mean: one run disturbed by a neighbour on a shared VM moves a mean but not a
median. The spread is the full range (min..max) of the repetitions, also given relative to the
median as ±half-range, because with 3-5 repetitions a standard deviation says little more.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    n: int
    median: float
    low: float
    high: float

    @property
    def relative_half_range(self) -> float:
        """(high - low) / 2 / median: "±4%". 0 for a single value or a zero median."""
        if self.n < 2 or self.median == 0:
            return 0.0
        return (self.high - self.low) / 2 / abs(self.median)

    def describe(self, fmt=lambda v: f"{v:,.0f}") -> str:
        """"12,345 (11,900–12,800, ±3.6%)", or just the value for one repetition."""
        if self.n < 2:
            return fmt(self.median)
        return (f"{fmt(self.median)} ({fmt(self.low)}–{fmt(self.high)}, "
                f"±{100 * self.relative_half_range:.1f}%)")


def spread(values: list[float]) -> Spread | None:
    """Median and range of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return Spread(len(present), statistics.median(present), min(present), max(present))


def median(values: list[float]) -> float | None:
    s = spread(values)
    return s.median if s else None


def ratio_of_medians(a: list[float], b: list[float]) -> float | None:
    """median(a) / median(b): how compare-wrk reports loadgen against wrk."""
    ma, mb = median(a), median(b)
    if ma is None or mb is None or mb == 0:
        return None
    return ma / mb
