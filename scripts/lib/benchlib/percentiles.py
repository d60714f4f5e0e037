"""Percentiles of a group of repetitions, the one way every table and chart computes them.

A percentile of several runs is taken from their **merged histograms** (the load generator
stores each run's histogram losslessly): the p99 of 2 × 600,000 requests is the latency that
1% of those 1.2 million requests exceeded. The median of the runs' own p99s is not that
number, and with few repetitions it is not even close to it (a run with a hiccup and one
without give a median of their two p99s that no request saw). The runs' own percentiles are
still shown beside it, as their range: how much one repetition differs from another.

A percentile also needs samples behind it. The p99.9 of 2,000 requests is the 2nd-largest
value: one stall more or less moves it anywhere. We draw or table a percentile p as a figure
only when at least MIN_TAIL_SAMPLES requests lie beyond it, that is when the count is at least
10 / (1 - p); otherwise it is marked (an asterisk in the tables, a dotted line on the charts).

The load generator marks its own percentiles as lower bounds (figures.latency.lower_bounds)
when requests were unsent or timed out at the end: their latency is at least their age (a
censored tail). Result files older than that list have no marks.
"""
from __future__ import annotations

from dataclasses import dataclass

from .hdr import Histogram
from .stats import Spread, spread

MIN_TAIL_SAMPLES = 10  # requests beyond p: a percentile needs count >= 10 / (1 - p)

# (label, percentile, key of the load generator's latency summary)
LEVELS = [("p50", 50.0, "p50_us"), ("p90", 90.0, "p90_us"), ("p99", 99.0, "p99_us"),
          ("p99.9", 99.9, "p99_9_us"), ("p99.99", 99.99, "p99_99_us")]
KEYS = {label: key for label, _, key in LEVELS}
PERCENT = {label: p for label, p, _ in LEVELS}


def samples_needed(percentile: float) -> int:
    """10 / (1 - p): 20 for p50, 1,000 for p99, 10,000 for p99.9."""
    return round(MIN_TAIL_SAMPLES / (1.0 - percentile / 100.0))


def enough_samples(count: int, percentile: float) -> bool:
    return count >= samples_needed(percentile)


def highest_supported(count: int) -> float:
    """The highest percentile a sample of `count` supports: 100 (1 - 10/count), or 0."""
    if count <= MIN_TAIL_SAMPLES:
        return 0.0
    return 100.0 * (1.0 - MIN_TAIL_SAMPLES / count)


def merged(histograms: list[dict | None]) -> Histogram | None:
    """The merge of the JSON histograms given (None ones skipped); None when there is none."""
    total = None
    for j in histograms:
        if not j:
            continue
        h = Histogram(j)
        if total is None:
            total = h
        else:
            total.merge(h)
    return total


def _marked_lower_bound(summary: dict, key: str) -> bool:
    """Whether the load generator marked this figure as a lower bound: a latency summary lists
    them in "lower_bounds" (bench/loadgen/RESULT_SCHEMA.md); older files have no such list."""
    return key in (summary.get("lower_bounds") or [])


@dataclass(frozen=True)
class Percentile:
    """One percentile of a group of runs: the merged figure, its support, the runs' range."""
    label: str  # "p99"
    us: float | None  # from the merged histogram, µs; None without samples
    count: int  # requests in the merged histogram
    runs: Spread | None  # the runs' own figures (the load generator's), for the spread
    lower_bound: bool = False  # some run marked it as a lower bound (censored tail)

    @property
    def supported(self) -> bool:
        return enough_samples(self.count, PERCENT[self.label])


def of_group(results, label: str, which: str = "latency") -> Percentile:
    """Percentile `label` of the results (which: "latency" or "latency_uncorrected")."""
    hist = merged([r.histogram(which) for r in results])
    key = KEYS[label]
    summaries = [(r.figures.get(which) or {}) for r in results]
    runs = spread([s.get(key) for s in summaries])
    if hist is None or hist.total == 0:
        return Percentile(label, None, 0, runs)
    us = hist.value_at_percentile(PERCENT[label]) / 1000.0
    return Percentile(label, us, hist.total, runs,
                      any(_marked_lower_bound(s, key) for s in summaries))
