"""summary.md: the results folder as Markdown tables, one per workload, one row per backend.

Throughput and CPU are medians over the repetitions that count; latency percentiles come from
the repetitions' merged histograms (percentiles.py: what the charts draw), with the runs' own
range beside them, and an asterisk where too few samples stand behind a percentile. Failed runs
are listed as FAILED at the end and are in no figure. The rate sweep gets its own table.
"""
from __future__ import annotations

from pathlib import Path

from . import caveats, percentiles, units
from .context import machine_lines
from .results import (Result, backend_order, closed_groups, load_folder, load_manifest,
                      sweep_points, sweeps, workload_order)
from .stats import spread
from .sweep import knee, pooled, sustainable

DEFAULT_SLO_MS = 1.0
TABLE_LEVELS = ["p50", "p99", "p99.9"]
UNSUPPORTED_NOTE = ("\\* fewer than 10/(1−p) requests behind this percentile in the merged "
                    "histograms (p99 needs 1,000, p99.9 needs 10,000): it rests on a handful of "
                    "samples; read it as an indication, not a figure.")
LOWER_BOUND_NOTE = ("≥ the load generator marked this percentile as a lower bound in at least "
                    "one run (requests still outstanding at the end: their latency is at least "
                    "their age).")


def latency_cell(p: percentiles.Percentile, marks: set[str]) -> str:
    """"1.24 ms (1.10–1.31)": merged-histogram percentile, then the runs' own range; "*" when
    the samples do not support it, "≥" when it is a lower bound. Adds the marks used."""
    if p.us is None:
        return "—"
    text = units.latency(p.us)
    if p.lower_bound:
        marks.add("lower_bound")
        text = "≥ " + text
    if not p.supported:
        marks.add("unsupported")
        text += "\\*"
    if p.runs is not None and p.runs.n > 1:
        text += f" ({units.latency_range(p.runs.low, p.runs.high)})"
    return text


def _row(backend: str, runs: list[Result], marks: set[str]) -> str:
    good = [r for r in runs if r.ok]
    counted = f"{len(good)}/{len(runs)}"
    if not good:
        return f"| {backend} | FAILED | — | — | — | — | — | — | — | {counted} |"
    throughput = spread([r.throughput for r in good])
    cells = [latency_cell(percentiles.of_group(good, level), marks) for level in TABLE_LEVELS]
    cpu = spread([r.server_cpu_us_per_request for r in good])
    cpu_text = units.cpu_us(cpu.median if cpu else None)
    store = spread([r.store_cpu_us_per_request for r in good])
    if store is not None:  # backend + its store server: say how much is the store's
        names = "+".join(sorted({n for r in good for n in r.store_names}))
        cpu_text += f" (of which {names} {units.cpu_us(store.median)})"
    rss = [r.peak_rss_kib for r in good if r.peak_rss_kib is not None]
    bound = sum(r.client_bound for r in good)
    bound_text = "no" if bound == 0 else f"**yes** ({bound}/{len(good)})"
    invariants = {r.invariant for r in good}
    invariant = "ok" if invariants == {"ok"} else "/".join(sorted(invariants))
    return (f"| {backend} | {throughput.describe(units.rate)} | {' | '.join(cells)} | "
            f"{cpu_text} | "
            f"{units.memory_kib(max(rss) if rss else None)} | {bound_text} | {invariant} | "
            f"{counted} |")


def _closed_tables(results: list[Result], manifest: dict, marks: set[str]) -> list[str]:
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
                "| backend | req/s: median (min–max, ±) | p50 (runs) | p99 (runs) | "
                "p99.9 (runs) | server CPU µs/req | peak RSS | client-bound | invariant | "
                "runs ok |",
                "|---|---:|---:|---:|---:|---:|---:|:---:|:---:|:---:|",
            ]
            lines += [_row(b, by_backend[b], marks) for b in backends if b in by_backend]
            lines.append("")
    return lines


def sweep_latency(point, marks: set[str]) -> str:
    if point is None:
        return "—"
    if point.p99_supported:
        return units.latency(point.p99_us)
    marks.add("unsupported")
    return units.latency(point.p99_us) + "\\*"


def _sweep_tables(results: list[Result], manifest: dict, marks: set[str]) -> list[str]:
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
            "meeting it too. Knee: where p99 starts to climb, on the monotone fit of the "
            "median p99 of each rate.",
            "",
            "| backend | sustainable req/s | p99 there | knee req/s | p99 at knee | "
            "rates tried (req/s) |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for backend in [b for b in backends if b in by_backend]:
            runs = by_backend[backend]
            points = sweep_points(runs)
            best, bend = sustainable(points, slo_us), knee(points)
            repeats = len(points) // max(1, len(pooled(points)))
            tried = ", ".join(
                units.rate(p.rate) + (" (FAILED)" if not p.ok else
                                      "" if p.rate_achieved else " (not achieved)")
                for p in pooled(points)) + (f" (each × {repeats}, median p99)"
                                            if repeats > 1 else "")
            lines.append(
                f"| {backend} | {units.rate(best.rate) if best else 'none'} | "
                f"{sweep_latency(best, marks)} | {units.rate(bend.rate) if bend else '—'} | "
                f"{sweep_latency(bend, marks)} | {tried} |")
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


def _notes(results: list[Result], manifest: dict, marks: set[str]) -> list[str]:
    notes = list(manifest.get("notes") or [])
    if "unsupported" in marks:
        notes.append(UNSUPPORTED_NOTE)
    if "lower_bound" in marks:
        notes.append(LOWER_BOUND_NOTE)
    for run in manifest.get("runs") or []:
        if run.get("server_exit") not in (None, 0):
            notes.append(f"{run.get('describe')}: the server did not exit cleanly on SIGTERM "
                         f"(status {run['server_exit']})")
    notes += caveats.run_caveats(results)
    return (["## Notes", ""] + [f"- {n}" for n in notes] + [""]) if notes else []


def render(folder: Path) -> str:
    results = load_folder(folder)
    manifest = load_manifest(folder)
    lines = ["# archbench results", ""]
    lines += [f"- {line}" for line in machine_lines(results, manifest)]
    plan = manifest.get("plan_text")
    if plan:
        lines.append(f"- {plan}")
    lines += ["- req/s and CPU: medians over repetitions; the spread is min–max, and ± its "
              "half-range relative to the median. Latency percentiles (corrected): from the "
              "repetitions' merged histograms, as the charts draw them, with the range of the "
              "runs' own percentiles in brackets. Server CPU from /proc/PID/stat over the "
              "measured phase, every process serving the requests (backend, and its "
              "redis-server).", ""]
    if not results:
        lines += ["No result files in this folder.", ""]
    marks: set[str] = set()
    lines += _closed_tables(results, manifest, marks)
    lines += _sweep_tables(results, manifest, marks)
    lines += _failures(results, manifest)
    lines += _notes(results, manifest, marks)
    lines += ["Charts: `charts/` (scripts/plot). How to read them: docs/benchmarking.md.", ""]
    return "\n".join(lines)


def write(folder: Path) -> Path:
    path = folder / "summary.md"
    path.write_text(render(folder))
    return path
