"""scripts/bench end to end, against stand-ins for the backends and the load generator
(fakes/): the interleaved order, the store arguments, the clean stop, the results folder,
the rate sweep, and clear errors when a backend does not start. Seconds, loopback only."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent / "bench"
FAKES = HERE / "fakes"


def wrapper(path: Path, script: str, env: str = "") -> None:
    path.write_text(f"#!/bin/sh\n{env} exec '{sys.executable}' '{FAKES / script}' \"$@\"\n")
    path.chmod(0o755)


def registered(name: str, binary: str, *args: str) -> dict:
    """One entry of the backends.json CMake writes (cmake/ArchbenchBackendList.cmake)."""
    return {"name": name, "pattern": name.partition(":")[0], "binary": binary, "args": list(args),
            "servers": ["redis"] if any("{redis_port}" in a for a in args) else []}


REGISTERED = [
    registered("baseline", "archbench-baseline"),
    registered("hexagonal:memory", "archbench-hexagonal", "--store", "memory"),
    registered("hexagonal:sqlite", "archbench-hexagonal", "--store", "sqlite:{tmp}/ledger.db"),
    registered("hexagonal:redis", "archbench-hexagonal", "--store",
               "redis://127.0.0.1:{redis_port}"),
    registered("broken", "archbench-broken"),
    registered("dirty", "archbench-dirty"),
]


class BenchRunTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.bin = self.dir / "bin"
        self.bin.mkdir()
        self.log = self.dir / "starts.log"
        log = f"FAKE_LOG='{self.log}'"
        wrapper(self.bin / "archbench-baseline", "fake_backend.py", log)
        wrapper(self.bin / "archbench-hexagonal", "fake_backend.py", log)
        wrapper(self.bin / "archbench-broken", "fake_backend.py", "FAKE_MODE=fail")
        wrapper(self.bin / "archbench-dirty", "fake_backend.py", "FAKE_MODE=dirty")
        wrapper(self.bin / "archbench-loadgen", "fake_loadgen.py")
        (self.bin / "backends.json").write_text(json.dumps({"backends": REGISTERED}))

    def tearDown(self):
        self.tmp.cleanup()

    def bench(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(BENCH), "--bin-dir", str(self.bin), "--duration", "0.2",
             "--warmup", "0", "--no-plot", "--no-micro", "--out", str(self.dir / "out"), *args],
            capture_output=True, text=True, timeout=150)

    def manifest(self) -> dict:
        return json.loads((self.dir / "out" / "bench.json").read_text())

    def test_interleaved_runs_store_arguments_clean_stops_and_summary(self):
        run = self.bench("--backends", "baseline,hexagonal:memory,hexagonal:sqlite",
                         "--workloads", "mixed,batch", "--repetitions", "2")
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        runs = self.manifest()["runs"]
        self.assertEqual([(r["backend"], r["workload"], r["repetition"]) for r in runs[:6]],
                         [("baseline", "mixed", 1), ("hexagonal:memory", "mixed", 1),
                          ("hexagonal:sqlite", "mixed", 1), ("baseline", "batch", 1),
                          ("hexagonal:memory", "batch", 1), ("hexagonal:sqlite", "batch", 1)])
        self.assertEqual(len(runs), 12)
        self.assertTrue(all(r["server_exit"] == 0 and r["loadgen_exit"] == 0 for r in runs))
        starts = [json.loads(line)[:-1] for line in self.log.read_text().splitlines()]
        self.assertEqual(len(starts), 12)
        self.assertIn(["--host", "127.0.0.1", "--port", "0"], [s[:4] for s in starts])
        self.assertIn(["--store", "memory"], [s[4:] for s in starts])
        sqlite = [s[5] for s in starts if s[4:5] == ["--store"] and s[5].startswith("sqlite:")]
        self.assertEqual(len(sqlite), 4)
        self.assertTrue(all(s.endswith("/ledger.db") for s in sqlite))
        self.assertEqual(len(set(sqlite)), 4, "each run gets a fresh database")
        out = self.dir / "out"
        self.assertEqual(len(list(out.glob("*_closed_r*.json"))), 12)
        self.assertIn("## mixed — closed loop", (out / "summary.md").read_text())
        self.assertIn("[12/12]", run.stderr)

    def test_server_threads_reach_every_backend_after_its_own_arguments(self):
        run = self.bench("--backends", "baseline,hexagonal:memory", "--workloads", "mixed",
                         "--repetitions", "1", "--server-threads", "2")
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        starts = [json.loads(line)[:-1] for line in self.log.read_text().splitlines()]
        self.assertEqual(sorted(s[4:] for s in starts),
                         [["--store", "memory", "--threads", "2"], ["--threads", "2"]])
        self.assertEqual(self.manifest()["server_threads"], 2)
        refused = self.bench("--backends", "baseline", "--server-threads", "0")
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("--server-threads must be from 1 to 64", refused.stderr)

    def test_a_backend_that_does_not_start_is_a_clear_error(self):
        run = self.bench("--backends", "broken,baseline", "--workloads", "mixed")
        self.assertEqual(run.returncode, 1)
        self.assertIn("exited with status 1 before listening", run.stderr)
        self.assertIn("fake backend: cannot open the store", run.stderr)  # its stderr, shown
        summary = (self.dir / "out" / "summary.md").read_text()
        self.assertIn("FAILED broken × mixed", summary)
        self.assertIn("| baseline |", summary)  # the other backend still ran

    def test_an_unclean_stop_is_reported(self):
        run = self.bench("--backends", "dirty", "--workloads", "mixed")
        self.assertIn("exited with status 3 on SIGTERM", run.stderr)
        self.assertEqual(self.manifest()["runs"][0]["server_exit"], 3)

    def test_rate_sweep_finds_sustainable_throughput(self):
        run = self.bench("--backends", "baseline", "--workloads", "mixed", "--rate-sweep",
                         "--slo-ms", "2")
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        rates = sorted(r["rate"] for r in self.manifest()["runs"] if r["rate"])
        # Capacity 9,000 (closed loop): 25% .. 90%, stopping after two failures, one bisection.
        self.assertEqual(rates[:3], [2250, 4500, 6300])
        self.assertLess(len(rates), 9)
        summary = (self.dir / "out" / "summary.md").read_text()
        self.assertIn("open-loop rate sweep, objective p99 ≤ 2 ms", summary)

    def test_unknown_workload_or_backend_is_refused_before_anything_runs(self):
        run = self.bench("--workloads", "nope")
        self.assertEqual(run.returncode, 2)
        self.assertIn("unknown workload 'nope'", run.stderr)
        run = self.bench("--backends", "hexagonal:oracle")
        self.assertEqual(run.returncode, 2)
        self.assertIn("unknown backend", run.stderr)
        self.assertFalse((self.dir / "out" / "bench.json").exists())

    def test_interrupted_bench_stops_its_servers(self):
        process = subprocess.Popen(
            [sys.executable, str(BENCH), "--bin-dir", str(self.bin), "--duration", "60",
             "--warmup", "0", "--no-plot", "--no-micro", "--out", str(self.dir / "out"),
             "--backends", "baseline", "--workloads", "mixed"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not self.log.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # the load generator is running by now
        process.send_signal(signal.SIGTERM)
        self.assertEqual(process.wait(timeout=30), 130)
        pid = int(json.loads(self.log.read_text().splitlines()[0])[-1].split("=")[1])
        with self.assertRaises(ProcessLookupError):
            os.kill(pid, 0)
        self.assertIn("interrupted", (self.dir / "out" / "bench.json").read_text())

    @unittest.skipUnless(shutil.which("redis-server"), "redis-server is not installed")
    def test_redis_variant_gets_its_own_redis_server(self):
        run = self.bench("--backends", "hexagonal:redis", "--workloads", "mixed")
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        start = json.loads(self.log.read_text().splitlines()[0])[:-1]
        self.assertEqual(start[4], "--store")
        self.assertRegex(start[5], r"^redis://127\.0\.0\.1:\d+$")
        # redis-server's CPU is sampled with the backend's, pinned to the backend's CPU.
        sidecar = json.loads(next((self.dir / "out").glob("*.servers.json")).read_text())
        roles = {p["role"]: p for p in sidecar["processes"]}
        self.assertEqual(roles["store"]["name"], "redis-server")
        self.assertIsNotNone(roles["store"]["cpu_us_whole_run"])
        self.assertIsNotNone(roles["backend"]["cpu_us_whole_run"])
        if len(os.sched_getaffinity(0)) >= 2 and shutil.which("taskset"):
            self.assertEqual(roles["store"]["cpus"], roles["backend"]["cpus"])
            self.assertEqual(len(roles["store"]["cpus"]), 1)


class StoreServersTest(unittest.TestCase):
    @unittest.skipUnless(shutil.which("nats-server"), "nats-server is not installed")
    def test_nats_server_starts_on_loopback_and_stops(self):
        sys.path.insert(0, str(HERE.parent / "lib"))
        from benchlib.procs import NatsServer, cpu_us
        with tempfile.TemporaryDirectory() as tmp:
            with NatsServer(Path(tmp), [], Path(tmp) / "run") as nats:
                self.assertIsNotNone(cpu_us(nats.pid))
                with socket.create_connection(("127.0.0.1", nats.port), timeout=5) as s:
                    self.assertTrue(s.recv(64).startswith(b"INFO "))
                process = nats.process
            self.assertIsNotNone(process.poll(), "nats-server still running after the block")


if __name__ == "__main__":
    unittest.main()
