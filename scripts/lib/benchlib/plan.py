"""Which runs a benchmark makes, in which order, and how long that takes.

Runs are interleaved: for each repetition, for each workload, every backend once (A B C A B C),
never all of A and then all of B. A shared machine drifts by tens of percent over minutes; in
this order the drift hits every backend alike instead of being mistaken for a difference.
The order of the backends also rotates from one repetition to the next (A B C, then B C A,
then C A B): a backend that always ran first (a cold page cache, the machine's state after
the previous workload) or always right after the heaviest one would carry that position's bias
in every repetition; rotated, each backend takes each position in turn.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# What a run costs beyond warm-up + measurement: starting the server (and redis), creating and
# funding the workload's accounts, reading them back for the invariant, stopping. Measured on a
# 2-vCPU VM at 2-4 s for 10,000 accounts; the progress line replaces it with the observed mean.
SETUP_ESTIMATE_S = 3.0


@dataclass(frozen=True)
class Run:
    backend: str  # backend spec name, e.g. "hexagonal:sqlite"
    workload: str  # workload name, e.g. "mixed"
    repetition: int = 1  # 1-based
    rate: float | None = None  # open loop at this many req/s; None: closed loop

    @property
    def open_loop(self) -> bool:
        return self.rate is not None

    def stem(self) -> str:
        """File name stem of this run's outputs: unique within a results folder."""
        backend = re.sub(r"[^A-Za-z0-9.-]", "-", self.backend)
        loop = f"open{self.rate:.0f}" if self.rate is not None else "closed"
        return f"{backend}_{self.workload}_{loop}_r{self.repetition}"

    def describe(self) -> str:
        loop = f"open loop {self.rate:,.0f} req/s" if self.rate is not None else "closed loop"
        return f"{self.backend} × {self.workload} ({loop}, rep {self.repetition})"


def rotated(backends: list[str], repetition: int) -> list[str]:
    """The backends' order in a repetition (1-based): shifted left by repetition - 1."""
    if not backends:
        return []
    shift = (repetition - 1) % len(backends)
    return backends[shift:] + backends[:shift]


def interleave(backends: list[str], workloads: list[str], repetitions: int) -> list[Run]:
    """Every backend × workload × repetition, ordered rep > workload > backend, the backends'
    order rotating by one position per repetition (A B C A B C, then B C A B C A, ...)."""
    return [
        Run(backend, workload, rep)
        for rep in range(1, repetitions + 1)
        for workload in workloads
        for backend in rotated(backends, rep)
    ]


def estimate_seconds(runs: int, warmup_s: float, duration_s: float,
                     setup_s: float = SETUP_ESTIMATE_S) -> float:
    return runs * (warmup_s + duration_s + setup_s)


def format_duration(seconds: float) -> str:
    """45 s, 4 min 05 s, 1 h 02 min."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
