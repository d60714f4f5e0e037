"""The pure logic of scripts/bench: plan and interleaving, median and spread, the rate sweep
(sustainable throughput, knee, which rate next), backend specs, and the HdrHistogram
arithmetic the charts share with the load generator."""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))

from benchlib import backends  # noqa: E402
from benchlib.hdr import Histogram, Layout  # noqa: E402
from benchlib.procs import ServerCpu, ServerProcess, cpu_us, store_share  # noqa: E402
from benchlib.results import Result  # noqa: E402
from benchlib.plan import Run, estimate_seconds, format_duration, interleave  # noqa: E402
from benchlib.stats import ratio_of_medians, spread  # noqa: E402
from benchlib.sweep import (BackendSweep, SweepPoint, knee, monotone_fit, passes,  # noqa: E402
                            pooled, round_rate, sustainable)

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

    def test_the_order_of_backends_rotates_between_repetitions(self):
        runs = interleave(["A", "B", "C"], ["w1", "w2"], 3)
        order = lambda rep, w: [r.backend for r in runs  # noqa: E731
                                if r.repetition == rep and r.workload == w]
        self.assertEqual(order(1, "w1"), ["A", "B", "C"])
        self.assertEqual(order(1, "w2"), ["A", "B", "C"])
        self.assertEqual(order(2, "w1"), ["B", "C", "A"])
        self.assertEqual(order(3, "w2"), ["C", "A", "B"])

    def test_each_backend_takes_each_position_equally_often(self):
        backends, reps = ["A", "B", "C", "D"], 8
        runs = interleave(backends, ["w"], reps)
        positions = {b: [0] * len(backends) for b in backends}
        for k, run in enumerate(runs):
            positions[run.backend][k % len(backends)] += 1
        for b in backends:
            self.assertEqual(positions[b], [reps // len(backends)] * len(backends), b)

    def test_no_backend_runs_twice_in_a_row_within_a_workload(self):
        runs = interleave(["A", "B"], ["w1", "w2", "w3"], 3)
        for previous, current in zip(runs, runs[1:]):
            if (previous.repetition, previous.workload) == (current.repetition, current.workload):
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

    def test_the_default_run_fits_in_ten_minutes(self):
        """Every backend configuration of the default run (bin/backends.json of the debug
        build, those not registered ON_REQUEST) × the default workloads at bench's defaults:
        the README promises about ten minutes."""
        import importlib.machinery
        import importlib.util
        listing = ROOT / "build" / "debug" / "bin" / "backends.json"
        if not listing.exists():
            self.skipTest("no debug build: bin/backends.json lists the backends")
        loader = importlib.machinery.SourceFileLoader("bench_script", str(ROOT / "scripts/bench"))
        spec = importlib.util.spec_from_loader("bench_script", loader)
        bench = importlib.util.module_from_spec(spec)
        loader.exec_module(bench)
        d = bench.DEFAULT
        registered = json.loads(listing.read_text(encoding="utf-8"))["backends"]
        configurations = sum(1 for entry in registered if entry.get("default", True))
        self.assertGreaterEqual(configurations, 4)
        runs = configurations * len(bench.DEFAULT_WORKLOADS) * d["repetitions"]
        self.assertLessEqual(estimate_seconds(runs, d["warmup"], d["duration"]), 10 * 60 - 20)
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


def raw_knee(points: list[SweepPoint]) -> SweepPoint | None:
    """The plausible wrong implementation: Kneedle on the raw points of one pass."""
    import math
    xs, ys = [p.rate for p in points], [math.log(p.p99_us) for p in points]
    gaps = [(x - xs[0]) / (xs[-1] - xs[0]) - (y - ys[0]) / (ys[-1] - ys[0])
            for x, y in zip(xs, ys)]
    return points[gaps.index(max(gaps))]


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

    def test_a_dip_in_one_noisy_pass_is_not_the_knee(self):
        # Flat, then climbing from 5,000 req/s; at 3,000 req/s one quiet run dipped to 40 µs.
        points = curve([100, 105, 40, 120, 150, 400, 5000])
        self.assertEqual(knee(points).rate, 5000)
        # The raw Kneedle construction (no fit) falls for the dip: what the fit is for.
        self.assertEqual(raw_knee(points).rate, 3000)

    def test_repeated_rates_are_pooled_by_their_median(self):
        noisy = curve([100, 105, 40, 120, 150, 400, 5000])
        again = curve([100, 104, 112, 118, 160, 390, 4000])
        third = curve([101, 106, 111, 125, 155, 410, 6000])
        pooled_points = pooled(noisy + again + third)
        self.assertEqual([p.rate for p in pooled_points], [1000 * k for k in range(1, 8)])
        self.assertEqual(pooled_points[2].p99_us, 111)  # the dip is outvoted
        self.assertEqual(knee(noisy + again + third).rate, 5000)
        self.assertEqual(knee(noisy + again + third).p99_us, 155)

    def test_a_rate_passes_only_when_every_repetition_does(self):
        ok = curve([100, 110, 120])
        failed_once = [SweepPoint(2000, 2000, 120, ok=False)]
        self.assertEqual(sustainable(ok + failed_once, slo_us=500).rate, 1000)

    def test_monotone_fit_pools_adjacent_violators(self):
        self.assertEqual(monotone_fit([1, 3, 2, 4]), [1, 2.5, 2.5, 4])
        self.assertEqual(monotone_fit([5, 1, 1, 1]), [2, 2, 2, 2])
        self.assertEqual(monotone_fit([1, 2, 3]), [1, 2, 3])

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

    def test_on_request_variants_run_when_named_or_with_full(self):
        registry = json.loads(json.dumps(REGISTRY))
        registry["backends"][3]["default"] = False  # hexagonal:redis, registered ON_REQUEST
        (self.bin / "backends.json").write_text(json.dumps(registry))
        specs, notes = backends.default_specs(self.bin)
        self.assertNotIn("hexagonal:redis", [s.name for s in specs])
        self.assertIn("hexagonal:redis not in the default run: name it with --backends, or run "
                      "--full", notes)
        self.assertIn("hexagonal:sqlite", [s.name for s in specs])
        full, _ = backends.default_specs(self.bin, full=True)
        self.assertIn("hexagonal:redis", [s.name for s in full])
        named = backends.resolve(["hexagonal:redis"], self.bin)
        self.assertEqual([s.name for s in named], ["hexagonal:redis"])

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
        nats = backends.BackendSpec("event-driven:nats", "event-driven", "archbench-event-driven",
                                    ("--log", "{nats_url}"), ("nats",))
        self.assertTrue(nats.needs_nats())
        self.assertFalse(nats.needs_redis())
        self.assertEqual(nats.arguments(tmp, None, "nats://127.0.0.1:4333"),
                         ["--log", "nats://127.0.0.1:4333"])
        with self.assertRaisesRegex(ValueError, "needs a nats-server URL"):
            nats.arguments(tmp, None)
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


class ServerCpuTest(unittest.TestCase):
    """Server CPU per request counts the store server (redis-server) with the backend."""

    def sidecar(self, backend_us, store_us):
        return {"kind": ServerCpu.KIND, "processes": [
            {"role": "backend", "name": "archbench-hexagonal", "pid": 1, "cpus": [0],
             "cpu_us_whole_run": backend_us},
            {"role": "store", "name": "redis-server", "pid": 2, "cpus": [0],
             "cpu_us_whole_run": store_us}]}

    def result(self, servers):
        return Result(Path("x.json"), {"figures": {"server": {"cpu_us_per_request": 20.0}}},
                      servers)

    def test_the_store_servers_share_is_added_to_the_backends(self):
        r = self.result(self.sidecar(2_000_000, 1_000_000))  # redis used half the backend's CPU
        self.assertEqual(r.backend_cpu_us_per_request, 20.0)
        self.assertEqual(r.store_cpu_us_per_request, 10.0)
        self.assertEqual(r.server_cpu_us_per_request, 30.0)
        self.assertEqual(r.store_names, ["redis-server"])

    def test_without_a_store_server_the_backend_alone(self):
        r = self.result(None)
        self.assertEqual(r.server_cpu_us_per_request, 20.0)
        self.assertIsNone(r.store_cpu_us_per_request)
        self.assertEqual(r.store_names, [])

    def test_missing_samples_are_not_taken_for_zero(self):
        self.assertEqual(store_share(self.sidecar(0, 5)), (None, ["redis-server"]))
        self.assertEqual(store_share(self.sidecar(1000, None)), (None, ["redis-server"]))

    def test_cpu_time_of_a_live_process_grows(self):
        before = cpu_us(os.getpid())
        deadline = time.process_time() + 0.05
        while time.process_time() < deadline:
            pass
        self.assertGreater(cpu_us(os.getpid()), before)
        self.assertIsNone(cpu_us(2 ** 22 + 12345))  # no such process

    def test_sampling_brackets_every_process(self):
        cpu = ServerCpu([ServerProcess("backend", "python3", os.getpid())])
        cpu.start()
        deadline = time.process_time() + 0.05
        while time.process_time() < deadline:
            pass
        cpu.stop()
        entry = cpu.to_json()["processes"][0]
        self.assertGreater(entry["cpu_us_whole_run"], 0)
        self.assertEqual(entry["cpus"], sorted(os.sched_getaffinity(0)))


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
