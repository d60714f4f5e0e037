"""scripts/ceilings: its files (ceilings.json + .md) and the floor line the CPU chart draws from
them; a short real run (hello server, nginx and wrk when installed) when the binaries are
built. Loopback only, bounded: 1 round of 0.5 s per pair."""
from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from fixture import write_fixture  # noqa: E402


def load(name: str, path: Path):
    loader = importlib.machinery.SourceFileLoader(name, str(path))
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def built(preset: str) -> bool:
    return all((ROOT / "build" / preset / "bin" / n).exists()
               for n in ("http_hello_server", "archbench-loadgen"))


def pair(server, client, req_s, cpu):
    return {"req_s": req_s, "p50_us": 200.0, "p99_us": 900.0, "server_cpu_us": cpu,
            "client_cpu_us": None, "client_bound": False}


class CeilingsFilesTest(unittest.TestCase):
    def test_outputs_and_the_floor_the_cpu_chart_reads(self):
        ceilings = load("ceilings_script", ROOT / "scripts" / "ceilings")
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "results"
            write_fixture(folder)
            args = ceilings.parse_args(["--out", str(folder / "ceilings")])
            pairs = {("hello", "archbench-loadgen"): [pair("hello", "lg", 90000, 4.0),
                                                      pair("hello", "lg", 80000, 4.4),
                                                      pair("hello", "lg", 85000, 4.2)],
                     ("nginx", "wrk"): [pair("nginx", "wrk", 70000, 5.0)]}
            meta = {"date_utc": "2026-01-01T10:00:00Z", "cpu_model": "Fixture CPU", "cores": 2,
                    "pinning": "server pinned to CPU 0", "how": "GET /health",
                    "command": "scripts/ceilings", "notes": [], "seconds": 1}
            ceilings.write_outputs(args, pairs, meta)
            data = json.loads((folder / "ceilings" / "ceilings.json").read_text())
            hello = next(p for p in data["pairs"] if p["server"] == "hello")
            self.assertEqual(hello["req_s_median"], 85000)
            self.assertEqual(hello["server_cpu_us_median"], 4.2)
            md = (folder / "ceilings" / "ceilings.md").read_text()
            self.assertIn("| hello | archbench-loadgen | 85,000 (80,000–90,000", md)
            plot = subprocess.run([sys.executable, str(ROOT / "scripts" / "plot"), str(folder)],
                                  capture_output=True, text=True, timeout=240)
            self.assertEqual(plot.returncode, 0, plot.stderr)
            svg = (folder / "charts" / "cpu_per_request.svg").read_text()
        self.assertIn("floor: hello server 4.2 µs/req", svg)

    def test_a_floor_of_another_day_is_not_drawn(self):
        plot = load("plot_script", ROOT / "scripts" / "plot")
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "ceilings").mkdir()
            (folder / "ceilings" / "ceilings.json").write_text(json.dumps({
                "date_utc": "2026-01-02T09:00:00Z", "pairs": [
                    {"server": "hello", "client": "archbench-loadgen",
                     "server_cpu_us_median": 4.2}]}))
            self.assertIsNotNone(plot.machine_floor(folder, "2026-01-02"))
            self.assertIsNone(plot.machine_floor(folder, "2026-01-01"))

    def test_a_run_is_bounded(self):
        ceilings = load("ceilings_script2", ROOT / "scripts" / "ceilings")
        with self.assertRaises(SystemExit):
            ceilings.parse_args(["--duration", "100"])


class CeilingsRunTest(unittest.TestCase):
    def test_a_short_real_run(self):
        preset = next((p for p in ("release", "debug") if built(p)), None)
        if preset is None:
            self.skipTest("http_hello_server and archbench-loadgen are not built")
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "ceilings"), "--preset", preset,
                 "--rounds", "1", "--duration", "0.5", "--warmup", "0", "--connections", "4",
                 "--out", tmp], capture_output=True, text=True, timeout=120)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            data = json.loads((Path(tmp) / "ceilings.json").read_text())
        servers = {(p["server"], p["client"]) for p in data["pairs"]}
        self.assertIn(("hello", "archbench-loadgen"), servers)
        if shutil.which("nginx"):
            self.assertIn(("nginx", "archbench-loadgen"), servers)
        if shutil.which("wrk"):
            self.assertIn(("hello", "wrk"), servers)
        for p in data["pairs"]:
            self.assertGreater(p["req_s_median"], 100, p)
            self.assertGreater(p["server_cpu_us_median"], 0, p)


if __name__ == "__main__":
    unittest.main()
