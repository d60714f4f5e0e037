"""The open-loop rate sweep: how much load a backend sustains under a latency objective.

A closed-loop run says how fast a backend goes when the client waits for every answer; it does
not say what latency users see at a given arrival rate. The sweep offers fixed rates (open loop,
latency measured from the intended send time) at fractions of the backend's closed-loop
throughput, and reports:

  sustainable throughput  the highest offered rate at which p99 stays within the objective and
                          the rate is actually achieved, every lower rate passing too;
  knee                    where latency stops being flat and starts to climb: the point of the
                          p99-vs-rate curve farthest below the chord from its first to its last
                          point, on a log latency scale (the "Kneedle" construction).

One pass of a sweep is noisy: a single rate whose p99 dips (a quiet second on the VM) sits far
below the chord and would be taken for the knee. So the knee is found on a cleaned curve:
repeated runs of a rate (--sweep-repetitions) are pooled into their median p99, then the curve
is fitted by the closest non-decreasing curve (isotonic regression of log p99, pool-adjacent-
violators), which is what latency against offered load is in truth: more load never makes
the tail shorter. A dip is pooled with its neighbours instead of becoming a knee.

Each backend's sweep stops after two consecutive failing rates (beyond saturation latency only
grows with the queue), then bisects between the highest passing and the lowest failing rate.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

DEFAULT_FRACTIONS = [0.25, 0.5, 0.7, 0.8, 0.9, 1.0, 1.1]
FULL_FRACTIONS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0, 1.1, 1.2]
MIN_RISE_FOR_KNEE = 2.0  # no knee unless p99 at least doubles across the sweep
STOP_AFTER_FAILURES = 2


@dataclass(frozen=True)
class SweepPoint:
    rate: float  # offered, req/s
    throughput: float  # achieved, req/s
    p99_us: float | None  # corrected (from the intended send time)
    ok: bool = True  # the run counts (not FAILED)
    rate_achieved: bool = True
    samples: int | None = None  # requests behind p99 (None: unknown)

    @property
    def p99_supported(self) -> bool:
        """At least 1,000 requests behind the p99 (percentiles.py); unknown counts pass."""
        return self.samples is None or self.samples >= 1000


def pooled(points: list[SweepPoint]) -> list[SweepPoint]:
    """One point per offered rate, by rate: the median p99 and throughput of its repetitions;
    ok and achieved only when every repetition was."""
    by_rate: dict[float, list[SweepPoint]] = {}
    for p in points:
        by_rate.setdefault(p.rate, []).append(p)
    out = []
    for rate in sorted(by_rate):
        runs = by_rate[rate]
        p99s = [p.p99_us for p in runs if p.ok and p.p99_us is not None]
        out.append(SweepPoint(rate, statistics.median(p.throughput for p in runs),
                              statistics.median(p99s) if p99s else None,
                              ok=all(p.ok for p in runs),
                              rate_achieved=all(p.rate_achieved for p in runs),
                              samples=None if any(p.samples is None for p in runs)
                              else sum(p.samples for p in runs)))
    return out


def monotone_fit(values: list[float]) -> list[float]:
    """The non-decreasing sequence closest to values in least squares (pool adjacent
    violators): each block that decreases is replaced by its mean."""
    blocks: list[list[float]] = []  # [sum, count]
    for v in values:
        blocks.append([v, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    return [total / count for total, count in blocks for _ in range(int(count))]


def passes(point: SweepPoint, slo_us: float) -> bool:
    return (point.ok and point.rate_achieved and point.p99_us is not None
            and point.p99_us <= slo_us)


def sustainable(points: list[SweepPoint], slo_us: float) -> SweepPoint | None:
    """The highest rate that passes with every lower rate passing too (conservative: a noisy
    failure at a low rate caps it there, rather than hiding behind a lucky higher point)."""
    best = None
    for point in pooled(points):
        if not passes(point, slo_us):
            break
        best = point
    return best


def knee(points: list[SweepPoint]) -> SweepPoint | None:
    """On the pooled, monotone-fitted curve of (rate, log p99), both scaled to [0, 1]: the
    point farthest below the chord; its p99 is the pooled median. None with fewer than 3
    usable rates or when p99 does not at least double over the sweep."""
    usable = [p for p in pooled(points) if p.ok and p.p99_us and p.p99_us > 0]
    if len(usable) < 3:
        return None
    xs = [p.rate for p in usable]
    ys = monotone_fit([math.log(p.p99_us) for p in usable])
    if max(ys) - min(ys) < math.log(MIN_RISE_FOR_KNEE) or xs[-1] == xs[0]:
        return None
    y0, y1 = ys[0], ys[-1]
    if y1 <= y0:  # latency ends lower than it starts: no rising curve to find a knee on
        return None
    best, best_gap = None, 0.0
    for p, x, y in zip(usable, xs, ys):
        gap = (x - xs[0]) / (xs[-1] - xs[0]) - (y - y0) / (y1 - y0)
        if gap > best_gap:
            best, best_gap = p, gap
    return best


def round_rate(rate: float) -> float:
    """Three significant digits: 12,345.6 -> 12,300. Rates are labels on a chart."""
    if rate <= 0:
        return 0.0
    digits = 3 - int(math.floor(math.log10(rate))) - 1
    return float(round(rate, digits))


@dataclass
class BackendSweep:
    """The sweep of one backend: which rate next, given what has been measured so far."""

    capacity: float  # closed-loop req/s the fractions refer to
    fractions: list[float]
    slo_us: float
    refinements: int = 1  # bisection steps after the grid
    points: list[SweepPoint] = field(default_factory=list)
    _grid_index: int = 0
    _failures_in_a_row: int = 0
    _grid_done: bool = False

    def next_rate(self) -> float | None:
        if not self._grid_done:
            if (self._grid_index < len(self.fractions)
                    and self._failures_in_a_row < STOP_AFTER_FAILURES):
                rate = round_rate(self.capacity * self.fractions[self._grid_index])
                self._grid_index += 1
                return rate
            self._grid_done = True
        if self.refinements <= 0:
            return None
        low = sustainable(self.points, self.slo_us)
        above = [p.rate for p in self.points
                 if not passes(p, self.slo_us) and (low is None or p.rate > low.rate)]
        if low is None or not above:
            return None
        high = min(above)
        rate = round_rate((low.rate + high) / 2)
        if rate <= low.rate or rate >= high or (high - low.rate) / high < 0.02:
            return None
        self.refinements -= 1
        return rate

    def remaining_at_most(self) -> int:
        """An upper bound on the rates still to come (for the time estimate)."""
        grid_left = 0 if self._grid_done else len(self.fractions) - self._grid_index
        return grid_left + max(0, self.refinements)

    def record(self, point: SweepPoint) -> None:
        self.record_rate([point])

    def record_rate(self, repeats: list[SweepPoint]) -> None:
        """The runs of one offered rate (its repetitions): judged as their pooled point."""
        self.points.extend(repeats)
        if not self._grid_done and repeats:
            point = pooled(repeats)[0]
            self._failures_in_a_row = (0 if passes(point, self.slo_us)
                                       else self._failures_in_a_row + 1)
