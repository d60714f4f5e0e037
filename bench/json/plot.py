#!/usr/bin/python3
"""Chart of a json-bench run: GB/s per library per payload, allocations per operation on each bar.

Usage: /usr/bin/python3 bench/json/plot.py RESULT.json OUT_PREFIX
  RESULT.json   json-bench --benchmark_format=json output (or --benchmark_out); with
                --benchmark_repetitions=N the medians are plotted, otherwise the single runs.
  OUT_PREFIX    writes OUT_PREFIX.png and OUT_PREFIX.svg

Debian's matplotlib: run it with /usr/bin/python3 (the python3 on PATH may lack it).
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PAYLOADS = ["deposit", "transfer", "batch_1000", "batch_10000"]
PANELS = [
    ("parse", ["nlohmann_dom", "shared_codec", "simdjson_dom", "simdjson_ondemand"]),
    ("serialise", ["nlohmann_dump", "by_hand"]),
]


def load(path):
    """{(operation, payload, library): (bytes_per_second, allocs_per_op)}, medians if present."""
    with open(path) as f:
        document = json.load(f)
    runs = document["benchmarks"]
    medians = [r for r in runs if r.get("aggregate_name") == "median"]
    chosen = medians or [r for r in runs if r.get("run_type", "iteration") == "iteration"]
    results = {}
    for run in chosen:
        operation, payload, library = run["run_name"].split("/")
        results[(operation, payload, library)] = (run["bytes_per_second"], run["allocs_per_op"])
    return document.get("context", {}), results, bool(medians)


def allocs_label(allocs):
    if allocs >= 1000:
        return f"{allocs / 1000:.0f}k"
    return f"{allocs:.0f}" if allocs == int(allocs) else f"{allocs:.1f}"


def plot(context, results, medians, prefix):
    figure, axes = plt.subplots(1, 2, figsize=(13, 5.8), gridspec_kw={"width_ratios": [2, 1.2]})
    for axis, (operation, libraries) in zip(axes, PANELS):
        width = 0.8 / len(libraries)
        for i, library in enumerate(libraries):
            xs, ys, labels = [], [], []
            for p, payload in enumerate(PAYLOADS):
                if (operation, payload, library) not in results:
                    continue
                rate, allocs = results[(operation, payload, library)]
                xs.append(p + (i - (len(libraries) - 1) / 2) * width)
                ys.append(rate / 1e9)
                labels.append(allocs_label(allocs))
            bars = axis.bar(xs, ys, width, label=library)
            for bar, label in zip(bars, labels):
                axis.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                              ha="center", va="bottom", fontsize=7, xytext=(0, 2),
                              textcoords="offset points")
        axis.set_xticks(range(len(PAYLOADS)))
        axis.set_xticklabels(PAYLOADS)
        axis.set_yscale("log")
        axis.set_ylabel("GB/s (log scale; label: allocations per op)")
        axis.set_title(operation)
        axis.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.08),
                    ncol=len(libraries))
        axis.set_ylim(top=axis.get_ylim()[1] * 1.6)  # room for the labels
        axis.grid(axis="y", which="both", alpha=0.3)
    statistic = "medians of the repetitions" if medians else "single runs"
    figure.suptitle(
        f"json-bench: the workload's request bodies, CPU-time GB/s ({statistic}; "
        f"build {context.get('archbench_build_type', '?')}, {context.get('num_cpus', '?')} CPUs, "
        f"load {', '.join(f'{x:.1f}' for x in context.get('load_avg', []))})", fontsize=10)
    figure.tight_layout()
    for extension in ("png", "svg"):
        figure.savefig(f"{prefix}.{extension}", dpi=130)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    context, results, medians = load(sys.argv[1])
    if not results:
        sys.exit(f"{sys.argv[1]}: no json-bench results")
    plot(context, results, medians, sys.argv[2])


if __name__ == "__main__":
    main()
