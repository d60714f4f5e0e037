"""HdrHistogram arithmetic on the histograms stored in result files.

A result file stores each histogram losslessly as its configuration and its non-zero counters
[index, count] (bench/loadgen/hdr_histogram.hpp has the picture of the bucket layout). This
module turns an index back into the value range it counts, with the same arithmetic as the
C++ side, so that the charts compute percentiles exactly as the load generator does (nearest
rank, reported as the top of the counter's range, never above the exact maximum), merge the
repetitions of a run losslessly, and draw the whole percentile spectrum.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    unit_magnitude: int
    half_count_magnitude: int

    @staticmethod
    def of(lowest_discernible: int, significant_figures: int) -> "Layout":
        single_unit_limit = 2 * 10 ** significant_figures
        count_magnitude = (single_unit_limit - 1).bit_length()
        return Layout(lowest_discernible.bit_length() - 1, count_magnitude - 1)

    def value_at_index(self, index: int) -> int:
        """The lowest value counted at index."""
        half_count = 1 << self.half_count_magnitude
        bucket = (index >> self.half_count_magnitude) - 1
        sub_bucket = (index & (half_count - 1)) + half_count
        if bucket < 0:  # bucket 0 also owns the lower half of the sub-buckets
            sub_bucket -= half_count
            bucket = 0
        return sub_bucket << (bucket + self.unit_magnitude)

    def highest_at_index(self, index: int) -> int:
        """The highest value counted at index."""
        bucket = max(0, (index >> self.half_count_magnitude) - 1)
        return self.value_at_index(index) + (1 << (bucket + self.unit_magnitude)) - 1

    def median_at_index(self, index: int) -> int:
        """The middle of the range counted at index (what mean and stddev use)."""
        bucket = max(0, (index >> self.half_count_magnitude) - 1)
        return self.value_at_index(index) + (1 << (bucket + self.unit_magnitude)) // 2

    def index_for(self, value: int) -> int:
        """The counter of a value (the inverse of value_at_index)."""
        mask = ((1 << (self.half_count_magnitude + 1)) - 1) << self.unit_magnitude
        bucket = (value | mask).bit_length() - self.unit_magnitude - (
            self.half_count_magnitude + 1)
        sub_bucket = value >> (bucket + self.unit_magnitude)
        return ((bucket + 1) << self.half_count_magnitude) + (
            sub_bucket - (1 << self.half_count_magnitude))


class Histogram:
    """A histogram from its JSON form ("histograms" of a result file); values in ns."""

    @staticmethod
    def empty(lowest: int = 1, highest: int = 100_000_000_000, digits: int = 3) -> "Histogram":
        """archbench's latency layout by default: 1 ns .. 100 s, 3 significant digits."""
        return Histogram({"lowest_discernible_value": lowest, "highest_trackable_value": highest,
                          "significant_figures": digits, "counts": [], "total_count": 0,
                          "min": 0, "max": 0})

    def __init__(self, j: dict):
        self.lowest = int(j["lowest_discernible_value"])
        self.highest = int(j["highest_trackable_value"])
        self.digits = int(j["significant_figures"])
        self.layout = Layout.of(self.lowest, self.digits)
        self.counts: dict[int, int] = {}
        for index, count in j["counts"]:
            self.counts[int(index)] = self.counts.get(int(index), 0) + int(count)
        self.total = sum(self.counts.values())
        if self.total != int(j["total_count"]):
            raise ValueError("histogram: total_count does not match its counts")
        self.min = int(j["min"])
        self.max = int(j["max"])

    def record(self, value: int, count: int = 1) -> None:
        """Adds a value (clamped into [0, highest] as the C++ side does)."""
        value = min(max(0, int(value)), self.highest)
        index = self.layout.index_for(value)
        self.counts[index] = self.counts.get(index, 0) + count
        self.min = value if self.total == 0 else min(self.min, value)
        self.max = max(self.max, value)
        self.total += count

    def to_json(self) -> dict:
        """The result file's form of a histogram (see result_schema.json)."""
        return {"unit": "ns", "lowest_discernible_value": self.lowest,
                "highest_trackable_value": self.highest, "significant_figures": self.digits,
                "total_count": self.total, "min": self.min, "max": self.max,
                "clamped_count": 0, "counts": [[i, self.counts[i]] for i in sorted(self.counts)]}

    def mean(self) -> float:
        if self.total == 0:
            return 0.0
        return sum(self.layout.median_at_index(i) * c for i, c in self.counts.items()) / self.total

    def stddev(self) -> float:
        if self.total == 0:
            return 0.0
        m = self.mean()
        return math.sqrt(sum((self.layout.median_at_index(i) - m) ** 2 * c
                             for i, c in self.counts.items()) / self.total)

    def merge(self, other: "Histogram") -> None:
        """Adds other's counts (same layout): the repetitions of a run become one histogram."""
        if (other.lowest, other.highest, other.digits) != (self.lowest, self.highest, self.digits):
            raise ValueError("histogram: merging different layouts")
        if other.total == 0:
            return
        for index, count in other.counts.items():
            self.counts[index] = self.counts.get(index, 0) + count
        self.min = other.min if self.total == 0 else min(self.min, other.min)
        self.max = max(self.max, other.max)
        self.total += other.total

    def value_at_percentile(self, percentile: float) -> int:
        """Nearest rank, top of the counter's range, never above max (as the C++ side)."""
        if self.total == 0:
            return 0
        percentile = min(100.0, max(0.0, percentile))
        rank = math.ceil(percentile / 100.0 * self.total * (1.0 - 1e-12))
        rank = min(self.total, max(1, rank))
        seen = 0
        for index in sorted(self.counts):
            seen += self.counts[index]
            if seen >= rank:
                return min(self.layout.highest_at_index(index), self.max)
        return self.max

    def spectrum(self, ticks_per_half_distance: int = 5, max_level: float = 99.9999):
        """(percentile, value ns) pairs at HdrHistogram's reporting levels, denser towards 100%
        (each halving of the remaining tail gets `ticks` points), up to the level the sample
        size can support, then the maximum. For a plot on a 1/(1-p) axis."""
        if self.total == 0:
            return []
        # Beyond 1 - 1/total a percentile is just the maximum: stop the levels there.
        top = min(max_level, 100.0 * (1.0 - 1.0 / self.total))
        points, level = [], 0.0
        while level <= top:
            points.append((level, self.value_at_percentile(level)))
            halvings = int(math.log2(100.0 / (100.0 - level)))
            level += 100.0 / (ticks_per_half_distance * 2 ** (halvings + 1))
        points.append((top, self.max))
        return points
