"""scripts/plot on the fixture folder: every chart in PNG and SVG, failed runs never drawn,
and a clear message when no Python has matplotlib."""
from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PLOT = ROOT / "scripts" / "plot"
sys.path.insert(0, str(HERE))

from fixture import write_fixture  # noqa: E402

EXPECTED = ["throughput", "cpu_per_request", "latency_spectrum_mixed", "latency_spectrum_batch",
            "p99_per_second_mixed", "p99_per_second_batch", "latency_vs_load_mixed",
            "latency_spectrum_open_mixed", "micro_per_request"]


def has_matplotlib() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


class PlotTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.folder = Path(cls.tmp.name) / "results"
        write_fixture(cls.folder)
        cls.out = Path(cls.tmp.name) / "charts"
        cls.plot_run = subprocess.run([sys.executable, str(PLOT), str(cls.folder), "--out",
                                  str(cls.out)], capture_output=True, text=True, timeout=240)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_chart_is_written_as_png_and_svg(self):
        self.assertEqual(self.plot_run.returncode, 0, self.plot_run.stderr)
        for name in EXPECTED:
            png, svg = self.out / f"{name}.png", self.out / f"{name}.svg"
            self.assertTrue(png.exists(), f"{png} missing; stdout: {self.plot_run.stdout}")
            self.assertEqual(png.read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
            self.assertGreater(png.stat().st_size, 20_000)
            root = ET.parse(svg).getroot()  # well-formed
            self.assertTrue(root.tag.endswith("svg"))

    def test_titles_say_what_and_how_and_the_footnote_says_where(self):
        svg = (self.out / "throughput.svg").read_text()
        self.assertIn("Throughput per backend and workload", svg)
        self.assertIn("closed loop", svg)
        self.assertIn("median of 2 repetitions", svg)
        self.assertIn("Fixture CPU", svg)
        self.assertIn("server pinned to CPU 0", svg)
        self.assertIn("commit 0123456789", svg)
        self.assertIn("client-bound", svg)

    def test_sweep_chart_marks_the_objective(self):
        svg = (self.out / "latency_vs_load_mixed.svg").read_text()
        self.assertIn("objective: p99 ≤ 2 ms", svg)
        self.assertIn("sustainable", svg)
        self.assertIn("knee", svg)

    def test_no_python_with_matplotlib_is_a_clear_error(self):
        with tempfile.TemporaryDirectory() as fake:
            (Path(fake) / "matplotlib.py").write_text("raise ImportError('no matplotlib')\n")
            run = subprocess.run([sys.executable, str(PLOT), str(self.folder)],
                                 capture_output=True, text=True, timeout=60,
                                 env={"PYTHONPATH": fake, "ARCHBENCH_REEXEC": "1",
                                      "PATH": "/usr/bin:/bin"})
        self.assertEqual(run.returncode, 1)
        self.assertIn("install python3-matplotlib (apt-get install python3-matplotlib)",
                      run.stderr)

    def test_a_result_of_an_unknown_schema_version_is_refused(self):
        with tempfile.TemporaryDirectory() as other:
            data = json.loads(next(self.folder.glob("baseline_mixed_closed_r1.json")).read_text())
            data["schema_version"] = 2
            (Path(other) / "future.json").write_text(json.dumps(data))
            run = subprocess.run([sys.executable, str(PLOT), other], capture_output=True,
                                 text=True, timeout=120)
        self.assertEqual(run.returncode, 1)
        self.assertIn("schema_version 2", run.stderr)

    @unittest.skipUnless(has_matplotlib(), "this interpreter has no matplotlib")
    def test_bars_leave_failed_runs_out(self):
        loader = importlib.machinery.SourceFileLoader("plot_script", str(PLOT))
        spec = importlib.util.spec_from_loader("plot_script", loader)
        plot = importlib.util.module_from_spec(spec)
        loader.exec_module(plot)
        plotter = plot.Plotter(self.folder, self.out)
        groups, keys = plotter.ordered_groups()
        panels = {p.title: p for p in plotter.bars(groups, keys, lambda r: r.throughput)}
        batch = {b.backend: b for b in panels["batch · 4 conn."].bars}
        self.assertIsNone(batch["hexagonal:sqlite"].value)  # both runs FAILED: no bar
        mixed = {b.backend: b for b in panels["mixed · 64 conn."].bars}
        # hexagonal:memory's second run FAILED: the bar is its first run alone.
        memory = [r for r in groups[keys[0]]["hexagonal:memory"] if r.ok]
        self.assertEqual(len(memory), 1)
        self.assertEqual(mixed["hexagonal:memory"].value, memory[0].throughput)
        self.assertTrue(mixed["baseline"].hatched)
        self.assertFalse(mixed["hexagonal:sqlite"].hatched)


if __name__ == "__main__":
    unittest.main()
