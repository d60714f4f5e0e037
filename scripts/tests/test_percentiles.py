"""Percentiles: summary.md's are the merged histograms' (as the charts'), marked where too few
samples stand behind them, and the Python arithmetic agrees with the load generator's C++ on
the same histograms (real result files, and a fresh run when the binaries are built)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "lib"))
sys.path.insert(0, str(HERE))

from fixture import write_fixture  # noqa: E402

from benchlib import percentiles, summary, units  # noqa: E402
from benchlib.hdr import Histogram  # noqa: E402
from benchlib.results import closed_groups, load_folder  # noqa: E402
from benchlib.stats import median  # noqa: E402

EXAMPLES = ROOT / "results" / "examples"
LEVELS = [(50, "p50_us"), (90, "p90_us"), (99, "p99_us"), (99.9, "p99_9_us"),
          (99.99, "p99_99_us")]


def python_summary(histogram: dict) -> dict:
    """The latency summary computed here from the stored histogram, in the C++ rounding."""
    h = Histogram(histogram)
    out = {key: round(h.value_at_percentile(p)) / 1000.0 for p, key in LEVELS}
    out["max_us"] = h.max / 1000.0
    out["count"] = h.total
    return out


def disagreements(data: dict) -> list[str]:
    """Every figure of the C++ summaries that differs from the Python one of its histogram."""
    pairs = [(w, data["figures"].get(w), data["histograms"].get(w))
             for w in ("latency", "latency_uncorrected")]
    for endpoint, figures in (data["figures"].get("endpoints") or {}).items():
        hists = data["histograms"]["endpoints"][endpoint]
        pairs += [(f"{endpoint}.{w}", figures.get(w), hists.get(w))
                  for w in ("latency", "latency_uncorrected")]
    out = []
    for name, cpp, hist in pairs:
        if not cpp or not hist or not cpp.get("count"):
            continue
        py = python_summary(hist)
        out += [f"{name}.{k}: C++ {cpp[k]} Python {v}" for k, v in py.items() if cpp[k] != v]
    return out


def find_binary(name: str) -> Path | None:
    for preset in ("release", "debug"):
        path = ROOT / "build" / preset / "bin" / name
        if path.exists():
            return path
    return None


class CppAgreementTest(unittest.TestCase):
    def test_example_results_agree_with_the_load_generator(self):
        files = sorted(EXAMPLES.glob("*.json"))
        checked = 0
        for path in files:
            data = json.loads(path.read_text())
            if data.get("kind") != "archbench-loadgen-result":
                continue
            self.assertEqual(disagreements(data), [], path.name)
            checked += 1
        self.assertGreaterEqual(checked, 2, "the real example results are part of the test")

    def test_a_wrong_percentile_rule_is_caught(self):
        """Bites: linear interpolation instead of nearest rank differs from the C++ figures."""
        data = json.loads((EXAMPLES / "hexagonal-sqlite_mixed_open1160_r1.json").read_text())
        h = Histogram(data["histograms"]["latency"])
        values = sorted(v for i, c in h.counts.items() for v in [h.layout.median_at_index(i)] * c)
        wrong = values[int(0.99 * (len(values) - 1))] / 1000.0
        self.assertNotEqual(wrong, data["figures"]["latency"]["p99_us"])

    def test_a_fresh_run_agrees_too(self):
        loadgen, hello = find_binary("archbench-loadgen"), find_binary("http_hello_server")
        if not (loadgen and hello):
            self.skipTest("archbench-loadgen and http_hello_server are not built (the example "
                          "results above were checked)")
        with tempfile.TemporaryDirectory() as tmp:
            server = subprocess.Popen([str(hello), "--port", "0", "--threads", "1"], stdout=subprocess.PIPE, text=True)
            try:
                line = server.stdout.readline()
                port = int(re.search(r":(\d+)", line).group(1))
                run = subprocess.run(
                    [str(loadgen), "--host", "127.0.0.1", "--port", str(port), "--workload",
                     "health", "--duration", "0.5", "--warmup", "0", "--connections", "4",
                     "--out-prefix", f"{tmp}/run", "--time-limit", "30"],
                    capture_output=True, text=True, timeout=60)
            finally:
                server.terminate()
                server.wait(timeout=10)
                server.stdout.close()
            self.assertIn(run.returncode, (0, 1), run.stderr)
            data = json.loads(Path(f"{tmp}/run.json").read_text())
        self.assertGreater(data["figures"]["latency"]["count"], 100)
        self.assertEqual(disagreements(data), [])


ROW = re.compile(r"^\| (?P<backend>[^|]+?) \| [^|]+ \| (?P<p50>[^|]+) \| (?P<p99>[^|]+) \| "
                 r"(?P<p999>[^|]+) \|")


def table_rows(text: str, workload: str) -> dict[str, dict[str, str]]:
    section = text.split(f"## {workload} — closed loop")[1].split("\n## ")[0]
    return {m["backend"]: m.groupdict() for line in section.splitlines()
            if (m := ROW.match(line)) and m["backend"] not in ("backend", "---")}


class SummaryPercentilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.folder = Path(cls.tmp.name)
        write_fixture(cls.folder)
        cls.results = load_folder(cls.folder)
        cls.text = summary.render(cls.folder)
        cls.groups = {k.workload: v for k, v in closed_groups(cls.results).items()}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def merged_us(self, workload: str, backend: str, p: float) -> float:
        good = [r for r in self.groups[workload][backend] if r.ok]
        h = percentiles.merged([r.histogram("latency") for r in good])
        return h.value_at_percentile(p) / 1000.0

    def test_summary_percentiles_are_the_merged_histograms(self):
        compared = 0
        for workload in ("mixed", "batch"):
            for backend, row in table_rows(self.text, workload).items():
                if "FAILED" in row["p50"] or row["p50"].strip() == "—":
                    continue
                for column, p in (("p50", 50), ("p99", 99), ("p999", 99.9)):
                    shown = row[column].strip().split(" (")[0].rstrip("\\*").strip()
                    self.assertEqual(shown, units.latency(self.merged_us(workload, backend, p)),
                                     f"{backend} × {workload} {column}")
                    compared += 1
        self.assertGreaterEqual(compared, 12)

    def test_the_median_of_the_runs_p99s_would_differ(self):
        """Bites: the old rule (median of per-run p99) gives another figure on this fixture."""
        differ = 0
        for workload, by_backend in self.groups.items():
            for backend, runs in by_backend.items():
                good = [r for r in runs if r.ok]
                if len(good) < 2:
                    continue
                old = units.latency(median([r.latency_us("p99_us") for r in good]))
                differ += old != units.latency(self.merged_us(workload, backend, 99))
        self.assertGreater(differ, 0)

    def test_the_runs_range_stands_beside_the_merged_figure(self):
        row = table_rows(self.text, "mixed")["baseline"]
        runs = [r.latency_us("p99_us") for r in self.groups["mixed"]["baseline"]]
        self.assertIn(f"({units.latency_range(min(runs), max(runs))})", row["p99"])
        self.assertEqual(units.latency_range(290, 294), "290–294 µs")
        self.assertEqual(units.latency_range(870, 1020), "870 µs–1.02 ms")

    def test_percentiles_without_enough_samples_are_marked(self):
        rows = table_rows(self.text, "mixed")
        # Two runs of 600 requests: p99 (needs 1,000) is supported, p99.9 (10,000) is not.
        self.assertNotIn("\\*", rows["baseline"]["p99"])
        self.assertIn("\\*", rows["baseline"]["p999"])
        # hexagonal:memory has one valid run of 600: its p99 is marked.
        self.assertIn("\\*", rows["hexagonal:memory"]["p99"])
        self.assertNotIn("\\*", rows["baseline"]["p50"])
        self.assertIn(summary.UNSUPPORTED_NOTE, self.text)

    def test_sample_thresholds(self):
        self.assertEqual(percentiles.samples_needed(99), 1000)
        self.assertEqual(percentiles.samples_needed(99.9), 10000)
        self.assertTrue(percentiles.enough_samples(1000, 99))
        self.assertFalse(percentiles.enough_samples(999, 99))
        self.assertAlmostEqual(percentiles.highest_supported(1000), 99.0)


if __name__ == "__main__":
    unittest.main()
