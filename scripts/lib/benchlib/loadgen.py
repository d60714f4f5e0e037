"""One load run: archbench-loadgen against a ready backend, bounded in time.

archbench-loadgen's exit status: 0 run OK, 1 run FAILED (wrong answers, broken invariant; the
result file is still written, marked "failed"), 2 bad command line, 3 its own hard time limit.
On top of its own watchdog, we kill it if it outlives warm-up + duration + a margin.
"""
from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .plan import Run
from .procs import tail

# Beyond warm-up + duration: account setup, the invariant read-back, the drain. The loadgen's
# own watchdog fires at +120 s; ours is the backstop behind it.
MARGIN_S = 150.0


@dataclass(frozen=True)
class LoadSettings:
    warmup_s: float
    duration_s: float
    connections: int | None = None  # None: the workload file's


@dataclass
class LoadgenOutcome:
    exit_status: int | None  # None: killed by us
    result_path: Path | None  # PREFIX.json when it was written
    stderr_tail: str
    seconds: float

    def describe_failure(self) -> str:
        if self.exit_status is None:
            return "archbench-loadgen outlived its time limit and was killed"
        what = {1: "run FAILED (see the result's failures)", 2: "bad command line or workload",
                3: "hit its hard time limit"}.get(self.exit_status, "crashed")
        return f"archbench-loadgen exited with status {self.exit_status}: {what}"


def argv_for(loadgen: Path, run: Run, settings: LoadSettings, port: int, server_pid: int,
             prefix: Path, pin_prefix: list[str]) -> list[str]:
    argv = pin_prefix + [
        str(loadgen), "--host", "127.0.0.1", "--port", str(port), "--workload", run.workload,
        "--backend-name", run.backend, "--server-pid", str(server_pid),
        "--out-prefix", str(prefix), "--warmup", f"{settings.warmup_s:g}",
        "--duration", f"{settings.duration_s:g}"]
    if settings.connections is not None:
        argv += ["--connections", str(settings.connections)]
    if run.rate is not None:
        argv += ["--mode", "open", "--rate", f"{run.rate:g}"]
    return argv


def run(argv: list[str], prefix: Path, log_prefix: Path, limit_s: float,
        on_tick: Callable[[float], None] | None = None) -> LoadgenOutcome:
    """Runs the loadgen (which writes PREFIX.json) with its stdout/stderr in
    LOG_PREFIX.loadgen.{out,err}; on_tick(elapsed) about twice a second while it runs."""
    out_path = log_prefix.with_name(log_prefix.name + ".loadgen.out")
    err_path = log_prefix.with_name(log_prefix.name + ".loadgen.err")
    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        status: int | None = None
        try:
            while True:
                try:
                    status = process.wait(timeout=0.5)
                    break
                except subprocess.TimeoutExpired:
                    elapsed = time.monotonic() - start
                    if elapsed > limit_s:
                        process.kill()
                        process.wait()
                        break
                    if on_tick:
                        on_tick(elapsed)
        finally:
            if process.poll() is None:  # interrupted (Ctrl-C): never leave it running
                process.kill()
                process.wait()
    result = prefix.with_name(prefix.name + ".json")
    return LoadgenOutcome(status, result if result.exists() else None,
                          tail(err_path) or tail(out_path), time.monotonic() - start)
