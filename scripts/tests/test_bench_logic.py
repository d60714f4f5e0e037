"""The pure logic of scripts/bench: plan and interleaving, median and spread, the rate sweep
(sustainable throughput, knee, which rate next), backend specs, and the HdrHistogram
arithmetic the charts share with the load generator."""
from __future__ import annotations

import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))

from benchlib import backends  # noqa: E402
from benchlib.hdr import Histogram, Layout  # noqa: E402
from benchlib.plan import Run, estimate_seconds, format_duration, interleave  # noqa: E402
from benchlib.stats import ratio_of_medians, spread  # noqa: E402
from benchlib.sweep import (BackendSweep, SweepPoint, knee, passes, round_rate,  # noqa: E402
                            sustainable)

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


class PlanTest(unittest.TestCase):
    def test_backends_are_interleaved_within_each_workload_and_repetition(self):
        runs = interleave(["A", "B", "C"], ["w1", "w2"], 2)
        self.assertEqual([(r.backend, r.workload, r.repetition) for r in runs[:6]],
                         [("A", "w1", 1), ("B", "w1", 1), ("C", "w1", 1),
                          ("A", "w2", 1), ("B", "w2", 1), ("C", "w2", 1)])
        self.assertEqual(len(runs), 12)
        self.assertEqual([r.repetition for r in runs[6:]], [2] * 6)

    def test_no_backend_runs_twice_in_a_row_when_there_are_several(self):
        runs = interleave(["A", "B"], ["w1", "w2", "w3"], 3)
        for previous, current in zip(runs, runs[1:]):
            self.assertNotEqual(previous.backend, current.backend)

    def test_every_run_has_its_own_file_stem(self):
        runs = interleave(["baseline", "hexagonal:sqlite"], ["mixed", "batch"], 3)
        runs.append(Run("baseline", "mixed", 1, rate=5000.0))
        stems = [r.stem() for r in runs]
        self.assertEqual(len(stems), len(set(stems)))
        self.assertEqual(Run("hexagonal:sqlite", "mixed", 2).stem(),
                         "hexagonal-sqlite_mixed_closed_r2")
        self.assertEqual(Run("baseline", "mixed", 1, 2500.0).stem(), "baseline_mixed_open2500_r1")

    def test_estimate_and_its_wording(self):
        self.assertEqual(estimate_seconds(10, 1, 3, setup_s=2), 60)
        self.assertEqual(format_duration(45), "45 s")
        self.assertEqual(format_duration(245), "4 min 05 s")
        self.assertEqual(format_duration(3720), "1 h 02 min")

    def test_the_default_run_fits_in_five_minutes(self):
        """4 backends (baseline + 3 hexagonal stores) × 5 workloads at bench's defaults."""
        import importlib.machinery
        import importlib.util
        loader = importlib.machinery.SourceFileLoader("bench_script", str(ROOT / "scripts/bench"))
        spec = importlib.util.spec_from_loader("bench_script", loader)
        bench = importlib.util.module_from_spec(spec)
        loader.exec_module(bench)
        d = bench.DEFAULT
        runs = 4 * len(bench.DEFAULT_WORKLOADS) * d["repetitions"]
        self.assertLessEqual(estimate_seconds(runs, d["warmup"], d["duration"]), 5 * 60 - 20)
        self.assertGreaterEqual(d["repetitions"], 2, "a median needs repetitions")


class StatsTest(unittest.TestCase):
    def test_median_and_range_of_repetitions(self):
        s = spread([100.0, 120.0, 90.0])
        self.assertEqual((s.n, s.median, s.low, s.high), (3, 100.0, 90.0, 120.0))
        self.assertAlmostEqual(s.relative_half_range, 0.15)
        self.assertEqual(s.describe(), "100 (90–120, ±15.0%)")

    def test_missing_values_are_ignored_and_one_value_has_no_spread(self):
        s = spread([None, 42.0])
        self.assertEqual((s.n, s.median), (1, 42.0))
        self.assertEqual(s.relative_half_range, 0.0)
        self.assertEqual(s.describe(), "42")
        self.assertIsNone(spread([None]))

    def test_even_count_median_is_the_mean_of_the_middle_two(self):
        self.assertEqual(spread([1.0, 2.0, 3.0, 10.0]).median, 2.5)

    def test_ratio_of_medians(self):
        self.assertAlmostEqual(ratio_of_medians([2.0, 4.0, 100.0], [1.0, 2.0, 3.0]), 2.0)
        self.assertIsNone(ratio_of_medians([1.0], []))


def curve(p99s: list[float], step: float = 1000.0, **kw) -> list[SweepPoint]:
    return [SweepPoint(rate=step * (i + 1), throughput=step * (i + 1), p99_us=p, **kw)
            for i, p in enumerate(p99s)]


class SweepTest(unittest.TestCase):
    def test_sustainable_is_the_highest_rate_within_the_objective(self):
        points = curve([100, 110, 120, 400, 5000])
        self.assertEqual(sustainable(points, slo_us=500).rate, 4000)
        self.assertEqual(sustainable(points, slo_us=115).rate, 2000)
        self.assertIsNone(sustainable(points, slo_us=50))

    def test_a_failure_below_caps_the_sustainable_rate(self):
        points = curve([100, 900, 120, 130])  # a hiccup at 2000 req/s
        self.assertEqual(sustainable(points, slo_us=500).rate, 1000)

    def test_a_rate_not_achieved_or_a_failed_run_does_not_pass(self):
        self.assertFalse(passes(SweepPoint(1000, 900, 100, rate_achieved=False), 500))
        self.assertFalse(passes(SweepPoint(1000, 1000, 100, ok=False), 500))
        self.assertTrue(passes(SweepPoint(1000, 1000, 500), 500))

    def test_knee_of_a_hockey_stick(self):
        points = curve([100, 105, 110, 120, 150, 400, 5000])
        self.assertEqual(knee(points).rate, 5000)  # the last point before the climb

    def test_no_knee_on_a_flat_curve_or_with_too_few_points(self):
        self.assertIsNone(knee(curve([100, 110, 120, 130])))
        self.assertIsNone(knee(curve([100, 10000])))

    def test_knee_ignores_failed_runs(self):
        points = curve([100, 105, 110, 120, 150, 400, 5000])
        points[4] = SweepPoint(5000, 5000, 150, ok=False)
        self.assertEqual(knee(points), knee(points[:4] + points[5:]))
        self.assertNotEqual(knee(points).rate, 5000)

    def test_round_rate_keeps_three_digits(self):
        self.assertEqual(round_rate(12345.6), 12300)
        self.assertEqual(round_rate(987.6), 988)

    def test_sweep_walks_the_grid_stops_after_two_failures_then_bisects(self):
        s = BackendSweep(capacity=10000, fractions=[0.2, 0.4, 0.6, 0.8, 1.0, 1.2], slo_us=1000,
                         refinements=1)
        p99 = {2000: 100, 4000: 200, 6000: 5000, 8000: 9000}
        tried = []
        while (rate := s.next_rate()) is not None:
            tried.append(rate)
            s.record(SweepPoint(rate, rate, p99.get(rate, 700)))
        # 6000 and 8000 fail: 10000 and 12000 are skipped; one bisection between 4000 and 6000.
        self.assertEqual(tried, [2000, 4000, 6000, 8000, 5000])
        self.assertEqual(sustainable(s.points, 1000).rate, 5000)

    def test_remaining_at_most_counts_down(self):
        s = BackendSweep(capacity=1000, fractions=[0.5, 1.0], slo_us=1000, refinements=1)
        self.assertEqual(s.remaining_at_most(), 3)
        s.record(SweepPoint(s.next_rate(), 500, 100))
        self.assertEqual(s.remaining_at_most(), 2)


# What CMake writes for today's registrations (patterns/*/CMakeLists.txt), plus a third pattern.
REGISTRY = {"backends": [
    {"name": "baseline", "pattern": "baseline", "binary": "archbench-baseline", "args": [],
     "servers": []},
    {"name": "hexagonal:memory", "pattern": "hexagonal", "binary": "archbench-hexagonal",
     "args": ["--store", "memory"], "servers": []},
    {"name": "hexagonal:sqlite", "pattern": "hexagonal", "binary": "archbench-hexagonal",
     "args": ["--store", "sqlite:{tmp}/ledger.db"], "servers": []},
    {"name": "hexagonal:redis", "pattern": "hexagonal", "binary": "archbench-hexagonal",
     "args": ["--store", "redis://127.0.0.1:{redis_port}"], "servers": ["redis"]},
    {"name": "actor", "pattern": "actor", "binary": "archbench-actor", "args": [],
     "servers": []},
]}


class BackendsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.bin = Path(self.tmp.name)
        for name in ("archbench-baseline", "archbench-hexagonal", "archbench-loadgen",
                     "archbench-micro", "archbench_http_test", "archbench-conformance"):
            path = self.bin / name
            path.write_text("#!/bin/sh\n")
            path.chmod(0o755)
        (self.bin / "backends.json").write_text(json.dumps(REGISTRY))

    def tearDown(self):
        self.tmp.cleanup()

    def test_registered_runs_in_registration_order(self):
        names = [s.name for s in backends.load(self.bin)]
        self.assertEqual(names, ["baseline", "hexagonal:memory", "hexagonal:sqlite",
                                 "hexagonal:redis", "actor"])

    def test_default_runs_skip_what_is_not_built_and_say_so(self):
        specs, notes = backends.default_specs(self.bin)
        self.assertNotIn("actor", [s.name for s in specs])
        self.assertIn("actor skipped: archbench-actor is not built", notes)
        self.assertIn("hexagonal:sqlite", [s.name for s in specs])

    def test_bench_builds_the_registered_backends_and_its_tools_only(self):
        self.assertEqual(backends.bench_targets(self.bin),
                         ["archbench-baseline", "archbench-hexagonal", "archbench-actor",
                          "archbench-loadgen", "archbench-micro"])

    def test_a_missing_or_broken_list_is_a_clear_error(self):
        (self.bin / "backends.json").unlink()
        with self.assertRaisesRegex(ValueError, "configure the build first"):
            backends.default_specs(self.bin)
        (self.bin / "backends.json").write_text('{"backends": [{"name": "x"}]}')
        with self.assertRaisesRegex(ValueError, "malformed"):
            backends.load(self.bin)

    def test_arguments_fill_the_placeholders(self):
        tmp = Path("/tmp/x")
        spec = {s.name: s for s in backends.load(self.bin)}
        self.assertEqual(spec["baseline"].store_argument(tmp, None), [])
        self.assertEqual(spec["hexagonal:memory"].store_argument(tmp, None),
                         ["--store", "memory"])
        self.assertEqual(spec["hexagonal:sqlite"].store_argument(tmp, None),
                         ["--store", "sqlite:/tmp/x/ledger.db"])
        self.assertTrue(spec["hexagonal:redis"].needs_redis())
        self.assertFalse(spec["hexagonal:sqlite"].needs_redis())
        self.assertEqual(spec["hexagonal:redis"].store_argument(tmp, 6390),
                         ["--store", "redis://127.0.0.1:6390"])
        with self.assertRaises(ValueError):
            spec["hexagonal:redis"].store_argument(tmp, None)
        odd = backends.BackendSpec("odd", "odd", "archbench-odd", ("--x", "{nope}"))
        with self.assertRaisesRegex(ValueError, "unknown placeholder"):
            odd.arguments(tmp, None)

    def test_resolve_names_from_the_command_line(self):
        names = [s.name for s in backends.resolve(["hexagonal:sqlite", "baseline"], self.bin)]
        self.assertEqual(names, ["hexagonal:sqlite", "baseline"])
        names = [s.name for s in backends.resolve(["hexagonal"], self.bin)]
        self.assertEqual(names[:2], ["hexagonal:memory", "hexagonal:sqlite"])
        with self.assertRaisesRegex(ValueError, "unknown backend 'hexagonal:oracle'"):
            backends.resolve(["hexagonal:oracle"], self.bin)
        with self.assertRaisesRegex(ValueError, "unknown backend 'ddd'"):
            backends.resolve(["ddd"], self.bin)
        with self.assertRaisesRegex(ValueError, "does not exist"):
            backends.resolve(["actor"], self.bin)


class HdrTest(unittest.TestCase):
    def test_index_and_value_are_inverse_at_every_magnitude(self):
        layout = Layout.of(1, 3)
        for value in [0, 1, 2047, 2048, 2049, 4095, 4096, 123_456, 10**9, 99_999_999_999]:
            index = layout.index_for(value)
            self.assertLessEqual(layout.value_at_index(index), value)
            self.assertGreaterEqual(layout.highest_at_index(index), value)

    def test_three_digits_precision(self):
        layout = Layout.of(1, 3)
        for value in [5_000, 123_456, 98_765_432]:
            index = layout.index_for(value)
            width = layout.highest_at_index(index) - layout.value_at_index(index) + 1
            self.assertLess(width / value, 1 / 1000)

    def test_percentiles_nearest_rank_top_of_range_capped_at_max(self):
        h = Histogram.empty()
        for v in range(1, 1001):
            h.record(v * 1000)  # 1 µs .. 1 ms
        self.assertEqual(h.total, 1000)
        self.assertEqual(h.value_at_percentile(100), 1_000_000)
        p50 = h.value_at_percentile(50)
        self.assertTrue(500_000 <= p50 <= 500_000 * 1.001, p50)
        self.assertLessEqual(h.value_at_percentile(99.99), h.max)

    def test_json_round_trip_and_merge(self):
        a, b = Histogram.empty(), Histogram.empty()
        for v in (10, 20, 30):
            a.record(v * 1000)
        b.record(5_000_000)
        copy = Histogram(a.to_json())
        self.assertEqual((copy.counts, copy.total, copy.min, copy.max),
                         (a.counts, a.total, a.min, a.max))
        copy.merge(b)
        self.assertEqual((copy.total, copy.min, copy.max), (4, 10_000, 5_000_000))
        with self.assertRaises(ValueError):
            copy.merge(Histogram.empty(1, 100_000_000_000, 2))

    def test_spectrum_is_monotonic_and_ends_at_the_maximum(self):
        h = Histogram.empty()
        for v in range(1, 5001):
            h.record(v * 997)
        points = h.spectrum()
        self.assertEqual(points[-1][1], h.max)
        self.assertEqual([p for p, _ in points], sorted(p for p, _ in points))
        self.assertEqual([v for _, v in points], sorted(v for _, v in points))
        self.assertGreater(points[-2][0], 99.9)  # the tail is reached


if __name__ == "__main__":
    unittest.main()
