"""Reading archbench-micro's Google Benchmark JSON: in-process time per request.

archbench-micro names each benchmark "<workload>/<backend>" and counts one iteration per
request (KeepRunningBatch), so a time per iteration is the time of one request through the
backend's code alone: no socket, no kernel, no load generator. Which time is Google
Benchmark's naming: a "/real_time" suffix means wall-clock (real_time), otherwise cpu_time is
the measure, the whole process's CPU time with "/process_time" (MeasureProcessCPUTime). With
--benchmark_repetitions the repetitions give the median and the spread.
"""
from __future__ import annotations

import json
import statistics
from pathlib import Path

TO_US = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}


def is_google_benchmark(data: object) -> bool:
    return isinstance(data, dict) and "benchmarks" in data and "context" in data


def find(folder: Path) -> list[Path]:
    """Google Benchmark JSON files directly in the folder."""
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            if is_google_benchmark(json.loads(path.read_text())):
                found.append(path)
        except (OSError, ValueError):
            continue
    return found


def measure(data: dict) -> str:
    """What the times are, in words, from the benchmarks' names."""
    names = [b.get("name", "") for b in data.get("benchmarks", [])]
    if any(n.endswith("/real_time") for n in names):
        return "wall-clock time"
    if any("/process_time" in n for n in names):
        return "CPU time of the whole process"
    return "CPU time of the benchmark thread"


def per_request_us(data: dict) -> tuple[dict[str, dict[str, tuple[float, float, float]]],
                                        list[str]]:
    """({workload: {backend: (median, min, max) µs}}, [benchmarks that reported an error])."""
    samples: dict[str, dict[str, list[float]]] = {}
    errors = []
    for b in data.get("benchmarks", []):
        name = b.get("run_name") or b.get("name", "")
        if "/" not in name:
            continue
        if b.get("error_occurred"):
            errors.append(f"{name}: {b.get('error_message', 'error')}")
            continue
        if b.get("run_type") == "aggregate":
            continue  # recomputed below from the repetitions themselves
        workload, backend = name.split("/")[:2]
        time = b["real_time"] if name.endswith("/real_time") else b["cpu_time"]
        value = time * TO_US.get(b.get("time_unit", "ns"), 1e-3)
        samples.setdefault(workload, {}).setdefault(backend, []).append(value)
    table = {w: {b: (statistics.median(v), min(v), max(v)) for b, v in by_backend.items()}
             for w, by_backend in samples.items()}
    return table, errors


def describe_context(data: dict) -> str:
    c = data.get("context", {})
    return (f"archbench-micro on {c.get('host_name', '?')}, {c.get('num_cpus', '?')} CPUs, "
            f"{c.get('date', '')}; archbench build: {c.get('archbench_build_type', '?')}")
