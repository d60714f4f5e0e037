"""summary.md: the results folder as Markdown tables, one per workload, one row per backend.

Every figure is the median over the repetitions that count; failed runs are listed as FAILED
at the end and are in no median. The rate sweep, when there is one, gets its own table.
"""
from __future__ import annotations

from pathlib import Path

from . import units
from .context import machine_lines
from .results import (Result, backend_order, closed_groups, load_folder, load_manifest,
                      sweep_points, sweeps, workload_order)
from .stats import spread
from .sweep import knee, sustainable

DEFAULT_SLO_MS = 1.0


def _row(backend: str, runs: list[Result]) -> str:
    good = [r for r in runs if r.ok]
    counted = f"{len(good)}/{len(runs)}"
    if not good:
        return f"| {backend} | FAILED | — | — | — | — | — | — | — | {counted} |"
    throughput = spread([r.throughput for r in good])
    med = lambda key: spread([r.latency_us(key) for r in good])  # noqa: E731
    p50, p99, p999 = med("p50_us"), med("p99_us"), med("p99_9_us")
    cpu = spread([r.server_cpu_us_per_request for r in good])
    rss = [r.peak_rss_kib for r in good if r.peak_rss_kib is not None]
    bound = sum(r.client_bound for r in good)
    bound_text = "no" if bound == 0 else f"**yes** ({bound}/{len(good)})"
    invariants = {r.invariant for r in good}
    invariant = "ok" if invariants == {"ok"} else "/".join(sorted(invariants))
    return (f"| {backend} | {throughput.describe(units.rate)} | "
            f"{units.latency(p50.median if p50 else None)} | "
            f"{units.latency(p99.median if p99 else None)} | "
            f"{units.latency(p999.median if p999 else None)} | "
            f"{units.cpu_us(cpu.median if cpu else None)} | "
            f"{units.memory_kib(max(rss) if rss else None)} | {bound_text} | {invariant} | "
            f"{counted} |")


def _closed_tables(results: list[Result], manifest: dict) -> list[str]:
    lines = []
    backends = backend_order(results, manifest)
    groups = closed_groups(results)
    for workload in workload_order(results, manifest):
        for key in [k for k in groups if k.workload == workload]:
            by_backend = groups[key]
            reps = max(len(v) for v in by_backend.values())
            lines += [
                f"## {workload} — closed loop, {key.connections} connections, "
                f"{key.duration_s:g} s × {reps}",
                "",
                "| backend | req/s: median (min–max, ±) | p50 | p99 | p99.9 | "
                "server CPU µs/req | peak RSS | client-bound | invariant | runs ok |",
                "|---|---:|---:|---:|---:|---:|---:|:---:|:---:|:---:|",
            ]
            lines += [_row(b, by_backend[b]) for b in backends if b in by_backend]
            lines.append("")
    return lines


def _sweep_tables(results: list[Result], manifest: dict) -> list[str]:
    slo_ms = (manifest.get("sweep") or {}).get("slo_ms", DEFAULT_SLO_MS)
    slo_us = slo_ms * 1000
    lines = []
    backends = backend_order(results, manifest)
    objective = units.latency_round(slo_us)
    for workload, by_backend in sweeps(results).items():
        lines += [
            f"## {workload} — open-loop rate sweep, objective p99 ≤ {objective}",
            "",
            "Latency from the intended send time (corrected for coordinated omission). "
            "Sustainable: the highest offered rate meeting the objective, every lower rate "
            "meeting it too. Knee: where p99 starts to climb.",
            "",
            "| backend | sustainable req/s | p99 there | knee req/s | p99 at knee | "
            "rates tried (req/s) |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for backend in [b for b in backends if b in by_backend]:
            runs = by_backend[backend]
            points = sweep_points(runs)
            best, bend = sustainable(points, slo_us), knee(points)
            tried = ", ".join(
                units.rate(p.rate) + (" (FAILED)" if not p.ok else
                                      "" if p.rate_achieved else " (not achieved)")
                for p in points)
            lines.append(
                f"| {backend} | {units.rate(best.rate) if best else 'none'} | "
                f"{units.latency(best.p99_us) if best else '—'} | "
                f"{units.rate(bend.rate) if bend else '—'} | "
                f"{units.latency(bend.p99_us) if bend else '—'} | {tried} |")
        lines.append("")
    return lines


def _failures(results: list[Result], manifest: dict) -> list[str]:
    lines = []
    for r in results:
        if not r.ok:
            reasons = "; ".join(r.failures) or "marked failed"
            lines.append(f"- FAILED `{r.path.name}` ({r.backend} × {r.workload}): {reasons}")
    for run in manifest.get("runs") or []:
        if run.get("error"):
            lines.append(f"- FAILED {run.get('describe', run.get('stem'))}: "
                         f"{run['error'].splitlines()[0]}")
    if not lines:
        return []
    return ["## FAILED runs (excluded from every median and chart)", ""] + lines + [""]


def _notes(results: list[Result], manifest: dict) -> list[str]:
    notes = list(manifest.get("notes") or [])
    for run in manifest.get("runs") or []:
        if run.get("server_exit") not in (None, 0):
            notes.append(f"{run.get('describe')}: the server did not exit cleanly on SIGTERM "
                         f"(status {run['server_exit']})")
    if any(r.client_bound for r in results if r.ok):
        notes.append("client-bound runs: the load generator's busiest thread was ≥ 90% busy, "
                     "so their req/s is (partly) the client's limit, not the server's; compare "
                     "those backends by server CPU µs/req instead (docs/benchmarking.md).")
    if any(r.backend.endswith(":redis") for r in results):
        notes.append("hexagonal:redis: server CPU µs/req counts the backend process only, not "
                     "redis-server's own CPU.")
    return (["## Notes", ""] + [f"- {n}" for n in notes] + [""]) if notes else []


def render(folder: Path) -> str:
    results = load_folder(folder)
    manifest = load_manifest(folder)
    lines = ["# archbench results", ""]
    lines += [f"- {line}" for line in machine_lines(results, manifest)]
    plan = manifest.get("plan_text")
    if plan:
        lines.append(f"- {plan}")
    lines += ["- Medians over repetitions; the spread is min–max, and ± its half-range relative "
              "to the median. Latencies are the load generator's (corrected), server CPU from "
              "/proc/PID/stat over the measured phase.", ""]
    if not results:
        lines += ["No result files in this folder.", ""]
    lines += _closed_tables(results, manifest)
    lines += _sweep_tables(results, manifest)
    lines += _failures(results, manifest)
    lines += _notes(results, manifest)
    lines += ["Charts: `charts/` (scripts/plot). How to read them: docs/benchmarking.md.", ""]
    return "\n".join(lines)


def write(folder: Path) -> Path:
    path = folder / "summary.md"
    path.write_text(render(folder))
    return path
