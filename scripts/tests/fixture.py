"""A small, deterministic results folder for the script tests, synthesised to follow
bench/loadgen/result_schema.json exactly (test_fixture_schema.py checks that it does).

It holds what the charts and the summary must handle: three backends (one a store variant),
two closed-loop workloads with different connection counts, two repetitions each, one FAILED
run (broken invariant) and one backend whose every run of a workload failed, one client-bound
run, an open-loop rate sweep with a knee and a rate that was not achieved, a bench.json
manifest and a Google Benchmark JSON of archbench-micro.

    python3 scripts/tests/fixture.py DIR     writes the folder (to look at its charts)
"""
from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))

from benchlib.hdr import Histogram  # noqa: E402

MIXES = {
    "mixed": {"get_account": 50, "list_transactions": 10, "deposit": 10, "transfer": 30},
    "batch": {"transfer_batch": 1},
}
EXPECTED = {"get_account": "200", "list_transactions": "200", "deposit": "201",
            "transfer": "201", "transfer_batch": "200"}
SAMPLES = 600  # per run: p99 supported by two merged runs (1,200) but not by one


def summary_us(h: Histogram) -> dict:
    """latency_summary of result_json.cpp."""
    if h.total == 0:
        return {k: None for k in ("min_us", "mean_us", "stddev_us", "p50_us", "p90_us",
                                  "p99_us", "p99_9_us", "p99_99_us", "max_us")} | {"count": 0}
    us = lambda ns: round(ns) / 1000.0  # noqa: E731
    return {"count": h.total, "min_us": us(h.min), "mean_us": us(h.mean()),
            "stddev_us": us(h.stddev()), "p50_us": us(h.value_at_percentile(50)),
            "p90_us": us(h.value_at_percentile(90)), "p99_us": us(h.value_at_percentile(99)),
            "p99_9_us": us(h.value_at_percentile(99.9)),
            "p99_99_us": us(h.value_at_percentile(99.99)), "max_us": us(h.max)}


def workload_json(name: str, mode: str, rate: float, duration: float, connections: int) -> dict:
    return {"name": name, "description": f"fixture {name}", "seed": 1, "accounts": 100,
            "initial_balance": 1000000, "currency": "EUR", "mix": MIXES[name],
            "keys": {"distribution": "uniform"},
            "amounts": {"deposit": [1, 10000], "transfer": [1, 10000]}, "batch_size": 1000,
            "list_limit": 20, "mode": mode, "rate": rate, "arrival": "constant",
            "duration_s": duration, "warmup_s": 1.0, "connections": connections}


def result(backend: str, workload: str, *, seed: int, median_us: float, throughput: float,
           rate: float | None = None, uncorrected_share: float = 1.0, failed: str | None = None,
           client_bound: bool = False, duration: float = 2.0, rate_achieved: bool = True,
           cpu_us_per_request: float = 12.0, date: str = "2026-01-01T10:00:00Z") -> dict:
    """One result file's content: latencies lognormal around median_us."""
    rng = random.Random(seed)
    connections = 4 if workload == "batch" else 64
    endpoints = list(MIXES[workload])
    weights = list(MIXES[workload].values())
    corrected, uncorrected = Histogram.empty(), Histogram.empty()
    per_endpoint = {e: (Histogram.empty(), Histogram.empty()) for e in endpoints}
    seconds = [Histogram.empty(1, 100_000_000_000, 2) for _ in range(math.ceil(duration))]
    per_second_count = [0] * len(seconds)
    for _ in range(SAMPLES):
        ns = int(median_us * 1000 * math.exp(rng.gauss(0, 0.5)))
        un = max(1, int(ns * (uncorrected_share if rng.random() < 0.7 else 1.0)))
        endpoint = rng.choices(endpoints, weights)[0]
        for h, v in ((corrected, ns), (uncorrected, un), (per_endpoint[endpoint][0], ns),
                     (per_endpoint[endpoint][1], un)):
            h.record(v)
        second = min(len(seconds) - 1, int(rng.random() * duration))
        seconds[second].record(ns)
        per_second_count[second] += 1
    requests = int(throughput * duration)
    open_loop = rate is not None
    inv_ok = failed is None
    series = []
    for s, h in enumerate(seconds):
        length = min(1.0, duration - s)
        count = round(requests * per_second_count[s] / SAMPLES)
        series.append({"t_s": float(s), "length_s": length, "requests": count,
                       "requests_per_s": count / length, "errors": 0,
                       "p50_us": round(h.value_at_percentile(50)) / 1000,
                       "p99_us": round(h.value_at_percentile(99)) / 1000,
                       "max_us": round(h.max) / 1000})
    status_counts = {e: {EXPECTED[e]: per_endpoint[e][0].total} for e in endpoints
                     if per_endpoint[e][0].total}
    return {
        "schema_version": 1, "kind": "archbench-loadgen-result",
        "status": "failed" if failed else "ok", "failures": [failed] if failed else [],
        "warnings": [],
        "flags": {"client_bound": client_bound, "rate_not_achieved": not rate_achieved,
                  "transport_errors": False},
        "metadata": {"tool": "archbench-loadgen", "tool_version": "0.1.0",
                     "backend_name": backend, "git_commit": "0123456789abcdef0123456789abcdef"
                     "01234567", "git_dirty": False, "build_type": "Release",
                     "compiler": "GNU 12.2.0", "compiler_flags": "-O3 -DNDEBUG",
                     "cpu_model": "Fixture CPU @ 2.0GHz", "cores_online": 2,
                     "kernel": "Linux 6.1.0 x86_64", "hostname": "fixture", "date_utc": date,
                     "client_cpus": [1], "server_pid": 4242, "server_cpus": [0]},
        "config": {"host": "127.0.0.1", "port": 8080, "threads": 1, "timeout_ms": 5000,
                   "server_pid": 4242, "backend_name": backend,
                   "workload_file": f"/src/bench/workloads/{workload}.json", "run_tag": "lgfix"},
        "workload": workload_json(workload, "open" if open_loop else "closed", rate or 0.0,
                                  duration, connections),
        "setup": {"accounts": 100, "requests": 200, "seconds": 0.05},
        "figures": {
            "duration_s": duration, "measured_wall_s": duration, "requests": requests,
            "throughput_rps": throughput, "target_rate_rps": rate if open_loop else None,
            "rate_achieved_ratio": throughput / rate if open_loop else None,
            "latency": summary_us(corrected), "latency_uncorrected": summary_us(uncorrected),
            "schedule_lag": summary_us(Histogram.empty()) if open_loop else None,
            "endpoints": {e: {"requests": h.total, "throughput_rps": h.total / duration,
                              "latency": summary_us(h), "latency_uncorrected": summary_us(u),
                              "status_counts": status_counts.get(e, {})}
                          for e, (h, u) in per_endpoint.items()},
            "errors": {"connect": 0, "reset": 0, "timeout": 0, "protocol": 0, "total": 0},
            "errors_whole_run": {"connect": 0, "reset": 0, "timeout": 0, "protocol": 0,
                                 "total": 0},
            "sent_total": requests, "completed_total": requests, "backlog_unsent": 0,
            "client": {"cpu_us": int(requests * 10), "cpu_us_per_request": 10.0,
                       "thread_utilisation": [0.95 if client_bound else 0.4],
                       "max_thread_utilisation": 0.95 if client_bound else 0.4,
                       "process_utilisation": 0.95 if client_bound else 0.4,
                       "client_bound": client_bound},
            "server": {"pid": 4242, "cpu_us": int(requests * cpu_us_per_request),
                       "cpu_us_per_request": cpu_us_per_request, "utilisation": 0.8,
                       "vm_hwm_kib_before": 10000, "vm_hwm_kib_after": 20000,
                       "vm_rss_kib_after": 19000}},
        "series": {"interval_s": 1.0, "basis": "completion_time", "seconds": series},
        "checks": {
            "statuses": {"ok": True, "unexpected_total": 0,
                         "transfer_409_not_insufficient_funds": 0,
                         "by_endpoint": {e: {"status_counts": c, "unexpected": 0}
                                         for e, c in status_counts.items()}},
            "invariant": {"checked": True, "ok": inv_ok, "accounts": 100,
                          "initial_total": 100000000, "deposits_total": 5000,
                          "deposits_in_doubt": 0, "expected_total": 100005000,
                          "actual_total": 100005000 if inv_ok else 100004000,
                          "negative_balances": 0, "unreadable_accounts": 0,
                          "message": "fixture" if inv_ok else "1000 minor units missing"}},
        "histograms": {
            "latency": corrected.to_json(), "latency_uncorrected": uncorrected.to_json(),
            "schedule_lag": Histogram.empty().to_json() if open_loop else None,
            "endpoints": {e: {"latency": h.to_json(), "latency_uncorrected": u.to_json()}
                          for e, (h, u) in per_endpoint.items()}},
    }


# (backend, closed-loop req/s on mixed, p50 µs on mixed, server µs/req)
BACKENDS = [("baseline", 9000, 300, 12.0), ("hexagonal:memory", 8000, 350, 14.0),
            ("hexagonal:sqlite", 2500, 1200, 60.0)]
SLO_MS = 2.0
MICRO = {
    "context": {"date": "2026-01-01T10:00:00+00:00", "host_name": "fixture",
                "executable": "archbench-micro", "num_cpus": 2, "mhz_per_cpu": 2000,
                "cpu_scaling_enabled": False, "library_build_type": "debug",
                "archbench_build_type": "Release"},
    "benchmarks": [
        {"name": f"{w}/{b}/process_time", "run_name": f"{w}/{b}/process_time",
         "run_type": "iteration",
         "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 1000,
         "real_time": t, "cpu_time": t, "time_unit": "us"}
        for w, b, t in [("get_account", "baseline", 1.1), ("get_account", "hexagonal-memory", 1.4),
                        ("get_account", "hexagonal-sqlite", 6.5), ("transfer", "baseline", 1.9),
                        ("transfer", "hexagonal-memory", 2.6),
                        ("transfer", "hexagonal-sqlite", 25.0)]],
}


def write_fixture(folder: Path) -> list[str]:
    """Writes the folder; returns the stems of the runs that must count as FAILED."""
    folder.mkdir(parents=True, exist_ok=True)
    failed = []

    def put(stem: str, data: dict) -> None:
        (folder / f"{stem}.json").write_text(json.dumps(data, indent=1))
        if data["status"] == "failed":
            failed.append(stem)

    seed = 1
    for rep in (1, 2):
        for workload in ("mixed", "batch"):
            for backend, rps, p50, cpu in BACKENDS:
                seed += 1
                scale = 1.0 if workload == "mixed" else 1 / 300
                failure = None
                if backend == "hexagonal:sqlite" and workload == "batch":
                    failure = "ledger invariant broken: 1000 minor units missing"
                elif backend == "hexagonal:memory" and workload == "mixed" and rep == 2:
                    failure = "ledger invariant broken: 1000 minor units missing"
                stem = f"{backend.replace(':', '-')}_{workload}_closed_r{rep}"
                put(stem, result(backend, workload, seed=seed, median_us=p50 / scale ** 0.5,
                                 throughput=rps * scale * (1 + 0.03 * rep), failed=failure,
                                 client_bound=(backend == "baseline" and workload == "mixed"
                                               and rep == 1),
                                 cpu_us_per_request=cpu / scale))
    # The sweep: p99 flat, then climbing past ~80% of capacity; the last rate not achieved.
    for backend, rps, p50, cpu in BACKENDS[:2]:
        for fraction in (0.25, 0.5, 0.7, 0.8, 0.9, 1.1):
            seed += 1
            rate = round(rps * fraction)
            climb = 1 if fraction <= 0.7 else math.exp(12 * (fraction - 0.7))
            achieved = fraction < 1.0
            put(f"{backend.replace(':', '-')}_mixed_open{rate}_r1",
                result(backend, "mixed", seed=seed, median_us=p50 * climb / 3, rate=rate,
                       throughput=rate if achieved else rps * 0.97, rate_achieved=achieved,
                       uncorrected_share=0.5 if fraction > 0.7 else 1.0,
                       cpu_us_per_request=cpu))
    (folder / "micro.json").write_text(json.dumps(MICRO, indent=1))
    (folder / "bench.json").write_text(json.dumps({
        "tool": "scripts/bench", "started_utc": "2026-01-01T10:00:00Z",
        "backends": [b for b, *_ in BACKENDS], "workloads": ["mixed", "batch"],
        "plan_text": "3 backends × 2 workloads × 2 repetitions (fixture)",
        "sweep": {"workload": "mixed", "slo_ms": SLO_MS}, "notes": [], "runs": []}, indent=1))
    return failed


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: fixture.py DIR")
    print("\n".join(f"FAILED: {s}" for s in write_fixture(Path(sys.argv[1]))))
