"""Reading a results folder: the load generator's result files, grouped for tables and charts.

Everything is read from the result files themselves (bench/loadgen/RESULT_SCHEMA.md), so a
folder of hand-made archbench-loadgen runs can be summarised and plotted as well. A run marked
"failed" (broken invariant, unexpected statuses, ...) is kept to be listed as FAILED but never
enters a median or a chart. bench.json, when present, adds what only scripts/bench knows: the
plan, runs that produced no result at all, and the latency objective of a sweep.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .procs import ServerCpu, store_share
from .sweep import SweepPoint

RESULT_KIND = "archbench-loadgen-result"
SCHEMA_VERSION = 1
MANIFEST = "bench.json"


class Result:
    """One archbench-loadgen result file (and, when scripts/bench wrote one, its
    PREFIX.servers.json: the CPU of the store servers the backend used)."""

    def __init__(self, path: Path, data: dict, servers: dict | None = None):
        self.path = path
        self.data = data
        self.servers = servers
        self.figures = data.get("figures") or {}
        self.workload_spec = data.get("workload") or {}

    # --- what the run was ---
    @property
    def backend(self) -> str:
        return self.data["config"]["backend_name"]

    @property
    def workload(self) -> str:
        return self.workload_spec.get("name", "?")

    @property
    def open_loop(self) -> bool:
        return self.workload_spec.get("mode") == "open"

    @property
    def rate(self) -> float | None:
        return self.workload_spec.get("rate") if self.open_loop else None

    @property
    def connections(self) -> int:
        return self.workload_spec.get("connections", 0)

    @property
    def duration_s(self) -> float:
        return self.workload_spec.get("duration_s", 0.0)

    @property
    def warmup_s(self) -> float:
        return self.workload_spec.get("warmup_s", 0.0)

    @property
    def metadata(self) -> dict:
        return self.data.get("metadata") or {}

    # --- verdict ---
    @property
    def ok(self) -> bool:
        return self.data.get("status") == "ok" and bool(self.figures)

    @property
    def failures(self) -> list[str]:
        return list(self.data.get("failures") or []) or (["no figures"] if not self.ok else [])

    @property
    def client_bound(self) -> bool:
        return bool((self.data.get("flags") or {}).get("client_bound"))

    @property
    def machine_bound(self) -> bool:
        """A closed-loop run where neither the server nor the client was saturated: the machine
        was the limit (flags.machine_bound, RESULT_SCHEMA.md). Absent in older files: not flagged."""
        return bool((self.data.get("flags") or {}).get("machine_bound"))

    @property
    def lower_bound_percentiles(self) -> bool:
        """Some corrected percentile is a lower bound (a censored tail: requests unsent or timed
        out at the end, recorded at their age), listed in latency.lower_bounds."""
        return bool((self.figures.get("latency") or {}).get("lower_bounds"))

    @property
    def rate_achieved(self) -> bool:
        return not (self.data.get("flags") or {}).get("rate_not_achieved")

    @property
    def invariant(self) -> str:
        """"ok", "BROKEN" or "n/a" (a workload that touches no account)."""
        inv = (self.data.get("checks") or {}).get("invariant") or {}
        if not inv.get("checked"):
            return "n/a"
        return "ok" if inv.get("ok") else "BROKEN"

    # --- figures ---
    @property
    def throughput(self) -> float | None:
        return self.figures.get("throughput_rps")

    def latency_us(self, key: str, corrected: bool = True) -> float | None:
        """key: p50_us, p90_us, p99_us, p99_9_us, p99_99_us, max_us, mean_us."""
        summary = self.figures.get("latency" if corrected else "latency_uncorrected") or {}
        return summary.get(key)

    @property
    def backend_cpu_us_per_request(self) -> float | None:
        """The backend process alone (the load generator's figure, measured phase)."""
        return (self.figures.get("server") or {}).get("cpu_us_per_request")

    @property
    def store_cpu_us_per_request(self) -> float | None:
        """The store servers' (redis-server, nats-server) share: the backend's figure times
        their CPU over the whole run relative to the backend's (procs.ServerCpu)."""
        share, _ = store_share(self.servers)
        backend = self.backend_cpu_us_per_request
        return None if share is None or backend is None else backend * share

    @property
    def store_names(self) -> list[str]:
        return store_share(self.servers)[1]

    @property
    def server_cpu_us_per_request(self) -> float | None:
        """Every process serving the requests: the backend plus its store servers."""
        backend = self.backend_cpu_us_per_request
        return None if backend is None else backend + (self.store_cpu_us_per_request or 0.0)

    @property
    def peak_rss_kib(self) -> int | None:
        return (self.figures.get("server") or {}).get("vm_hwm_kib_after")

    @property
    def client_cpu_us_per_request(self) -> float | None:
        return (self.figures.get("client") or {}).get("cpu_us_per_request")

    def histogram(self, which: str = "latency") -> dict | None:
        """The JSON form of "latency", "latency_uncorrected" or "schedule_lag"."""
        return (self.data.get("histograms") or {}).get(which)

    @property
    def seconds(self) -> list[dict]:
        return ((self.data.get("series") or {}).get("seconds")) or []


def is_result(data: object) -> bool:
    return isinstance(data, dict) and data.get("kind") == RESULT_KIND


def load_folder(folder: Path) -> list[Result]:
    """Every result file directly in folder, in name order. Files of another schema version
    are refused with a message rather than misread."""
    results = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if not is_result(data):
            continue
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"{path}: schema_version {data.get('schema_version')}, "
                             f"this script reads {SCHEMA_VERSION}")
        results.append(Result(path, data, load_servers(path)))
    return results


def load_servers(result_path: Path) -> dict | None:
    """PREFIX.servers.json beside PREFIX.json, when scripts/bench wrote one."""
    path = result_path.with_name(result_path.stem + ".servers.json")
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("kind") == ServerCpu.KIND else None


def load_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


@dataclass(frozen=True)
class GroupKey:
    """Runs that are repetitions of one another: same workload and loop at the same settings."""
    workload: str
    connections: int
    duration_s: float


def closed_groups(results: list[Result]) -> dict[GroupKey, dict[str, list[Result]]]:
    """Closed-loop results: {group: {backend: [results]}}, backends in first-seen order."""
    groups: dict[GroupKey, dict[str, list[Result]]] = defaultdict(dict)
    for r in results:
        if r.open_loop:
            continue
        key = GroupKey(r.workload, r.connections, r.duration_s)
        groups[key].setdefault(r.backend, []).append(r)
    return dict(groups)


def sweeps(results: list[Result]) -> dict[str, dict[str, list[Result]]]:
    """Open-loop results: {workload: {backend: [results, by rate]}}."""
    out: dict[str, dict[str, list[Result]]] = defaultdict(dict)
    for r in results:
        if r.open_loop:
            out[r.workload].setdefault(r.backend, []).append(r)
    for by_backend in out.values():
        for runs in by_backend.values():
            runs.sort(key=lambda r: r.rate or 0)
    return dict(out)


def backend_order(results: list[Result], manifest: dict) -> list[str]:
    """The manifest's order (the order of runs), then any other backend in first-seen order."""
    order = list(manifest.get("backends") or [])
    for r in results:
        if r.backend not in order:
            order.append(r.backend)
    return order


def sweep_points(runs: list[Result]) -> list[SweepPoint]:
    """The sweep points of one backend × workload (failed runs included, marked not ok)."""
    return [SweepPoint(rate=r.rate or 0.0, throughput=r.throughput or 0.0,
                       p99_us=r.latency_us("p99_us") if r.ok else None, ok=r.ok,
                       rate_achieved=r.rate_achieved,
                       samples=(r.figures.get("latency") or {}).get("count"))
            for r in runs]


def workload_order(results: list[Result], manifest: dict) -> list[str]:
    order = list(manifest.get("workloads") or [])
    for r in results:
        if r.workload not in order:
            order.append(r.workload)
    return order
