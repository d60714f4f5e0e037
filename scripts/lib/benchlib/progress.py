"""The progress line: which run k/N, how far into it, and the estimated time left.

On a terminal the line is rewritten in place; otherwise (CI logs) one line per run. The
estimate starts from the plan's per-run setup guess and switches to the observed mean setup
time (wall time of a run minus its warm-up and measurement) as runs complete.
"""
from __future__ import annotations

import sys
import time

from .plan import SETUP_ESTIMATE_S, format_duration


class Progress:
    def __init__(self, total: int, load_s: float, stream=sys.stderr):
        self.total = total
        self.load_s = load_s  # warm-up + duration of one run
        self.stream = stream
        self.tty = stream.isatty()
        self.index = 0
        self.label = ""
        self.run_started = time.monotonic()
        self.setups: list[float] = []
        self.started = time.monotonic()

    @property
    def per_run_s(self) -> float:
        setup = sum(self.setups) / len(self.setups) if self.setups else SETUP_ESTIMATE_S
        return self.load_s + setup

    def eta_s(self, elapsed_in_run: float = 0.0) -> float:
        left_after = max(0, self.total - self.index)
        return left_after * self.per_run_s + max(0.0, self.per_run_s - elapsed_in_run)

    def start(self, index: int, label: str) -> None:
        self.index, self.label = index, label
        self.run_started = time.monotonic()
        if not self.tty:
            print(f"[{index}/{self.total}] {label} ... (about "
                  f"{format_duration(self.eta_s())} left)", file=self.stream, flush=True)
        else:
            self.tick(0.0)

    def tick(self, elapsed: float) -> None:
        if not self.tty:
            return
        into = min(elapsed, self.load_s)
        done = (self.index - 1 + min(1.0, elapsed / self.per_run_s)) / max(1, self.total)
        line = (f"[{self.index}/{self.total}] {self.label}: {into:3.0f}/{self.load_s:.0f} s  "
                f"| {100 * done:3.0f}% done, ~{format_duration(self.eta_s(elapsed))} left")
        self.stream.write("\r\033[K" + line)
        self.stream.flush()

    def finish(self, verdict: str) -> None:
        elapsed = time.monotonic() - self.run_started
        self.setups.append(max(0.0, elapsed - self.load_s))
        line = f"[{self.index}/{self.total}] {self.label}: {verdict} ({elapsed:.1f} s)"
        if self.tty:
            self.stream.write("\r\033[K" + line + "\n")
        else:
            print("    " + verdict, file=self.stream)
        self.stream.flush()

    def message(self, text: str) -> None:
        """A line of its own (a warning, an error) without breaking the progress line."""
        self.stream.write(("\r\033[K" if self.tty else "") + text + "\n")
        self.stream.flush()
