"""Latency charts: the percentile spectrum, p99 per second, and p99 against offered load.

Spectrum: HdrHistogram's way of showing a whole distribution. The x axis is 1/(1-p) on a log
scale, so 90%, 99%, 99.9% and 99.99% are equally spaced and the tail, where users feel a
service, gets as much room as the median. Solid lines are latency from the intended send time
(corrected for coordinated omission), dashed from the actual send time (uncorrected); in a
closed loop the two coincide, in an open loop the gap is the waiting the client did.

A percentile drawn needs samples behind it (percentiles.py: count >= 10/(1-p)): beyond the
highest percentile the histogram supports, a spectrum goes on as a thin dotted line up to the
maximum; a second with fewer than 1,000 requests has its p99 dotted; a sweep point whose p99
rests on fewer than 1,000 requests is drawn as a cross. The legend says so.
"""
from __future__ import annotations

from dataclasses import dataclass

from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter, LogLocator, NullFormatter, NullLocator

from . import charts_style as style
from . import percentiles, units
from .hdr import Histogram
from .sweep import SweepPoint, pooled

FEW_SAMPLES_LABEL = "too few samples (< 10/(1−p) requests behind it)"

PERCENTILE_TICKS = [(2, "50%"), (10, "90%"), (100, "99%"), (1_000, "99.9%"),
                    (10_000, "99.99%"), (100_000, "99.999%")]


def _latency_axis(axis) -> None:
    """A log latency axis (values in µs) with ticks at 1, 2, 5 of each decade."""
    axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda v, _: units.latency_round(v)))
    axis.set_minor_locator(LogLocator(base=10, subs="auto"))
    axis.set_minor_formatter(NullFormatter())


@dataclass
class SpectrumLine:
    backend: str
    corrected: Histogram
    uncorrected: Histogram | None
    note: str = ""  # appended to the legend label, e.g. the rate of an open-loop run


def split_supported(points: list[tuple[float, int]], count: int):
    """(supported, beyond): the spectrum's points up to the highest percentile `count` samples
    support, and from there to the end (sharing the boundary point, so the line is whole)."""
    top = percentiles.highest_supported(count)
    cut = sum(1 for p, _ in points if p <= top)
    return points[:cut], points[max(0, cut - 1):] if cut < len(points) else []


def spectrum(lines: list[SpectrumLine]):
    fig, ax = style.figure()
    max_x = 10.0
    few = False
    for line in lines:
        for hist, dashed in ((line.corrected, False), (line.uncorrected, True)):
            if hist is None or hist.total == 0:
                continue
            supported, beyond = split_supported(hist.spectrum(), hist.total)
            for part, thin in ((supported, False), (beyond, True)):
                if not part:
                    continue
                xs = [1.0 / (1.0 - p / 100.0) for p, _ in part]
                ys = [v / 1000.0 for _, v in part]
                max_x = max(max_x, xs[-1])
                label = None if dashed or thin else f"{line.backend}{line.note}"
                ax.plot(xs, ys, color=style.colour(line.backend),
                        linewidth=1.2 if thin else 1.8 if dashed else 2.8,
                        linestyle=":" if thin else "--" if dashed else "-", label=label)
                few = few or thin
    ax.set_xscale("log")
    ax.set_yscale("log")
    ticks = [(x, label) for x, label in PERCENTILE_TICKS if x <= max_x * 1.5]
    ax.xaxis.set_major_locator(FixedLocator([x for x, _ in ticks]))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _: dict(ticks).get(round(v), "")))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xlim(1, max_x * 1.2)
    _latency_axis(ax.yaxis)
    ax.set_xlabel("percentile (log scale of 1/(1-p): each step is ten times rarer)")
    ax.set_ylabel("latency")
    handles, _ = ax.get_legend_handles_labels()
    handles += [Line2D([], [], color="#333333", linewidth=2.8, label="corrected (intended send)"),
                Line2D([], [], color="#333333", linewidth=1.8, linestyle="--",
                       label="uncorrected (actual send)")]
    if few:
        handles.append(Line2D([], [], color="#333333", linewidth=1.2, linestyle=":",
                              label=FEW_SAMPLES_LABEL))
    ax.legend(handles=handles, loc="lower right", framealpha=0.9)
    return fig


@dataclass
class Timeline:
    backend: str
    seconds: list[dict]  # the result file's series.seconds


def p99_per_second(timelines: list[Timeline]):
    """One step line per backend: each second's p99 drawn across that second. A linear axis
    from 0, so that a spike looks as big as it is."""
    fig, ax = style.figure()
    end = 1.0
    few = False
    need = percentiles.samples_needed(99.0)
    for t in timelines:
        seconds = [s for s in t.seconds if s.get("p99_us") is not None]
        if not seconds:
            continue
        xs = [s["t_s"] for s in seconds] + [seconds[-1]["t_s"] + seconds[-1]["length_s"]]
        ys = [s["p99_us"] for s in seconds] + [seconds[-1]["p99_us"]]
        end = max(end, xs[-1])
        ax.step(xs, ys, where="post", linewidth=2.8, color=style.colour(t.backend),
                label=t.backend)
        for s in seconds:  # a second whose p99 rests on too few requests: dotted over it
            if (s.get("requests") or 0) < need:
                few = True
                ax.plot([s["t_s"], s["t_s"] + s["length_s"]], [s["p99_us"]] * 2,
                        linestyle=":", linewidth=4, color="white")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: units.latency_round(v)))
    ax.set_ylim(bottom=0)
    ax.set_xlim(0, end)
    ax.set_xlabel("seconds into the measured phase (by completion time)")
    ax.set_ylabel("p99 latency in that second")
    handles, _ = ax.get_legend_handles_labels()
    if few:
        handles.append(Line2D([], [], color="#333333", linewidth=2.8, linestyle=(0, (1, 1)),
                              label=f"dotted: fewer than {need:,} requests in that second"))
    ax.legend(handles=handles, loc="upper right", framealpha=0.9)
    return fig


@dataclass
class LoadCurve:
    backend: str
    points: list[SweepPoint]  # ok ones are drawn; the others are skipped
    knee: SweepPoint | None
    sustainable: SweepPoint | None


def latency_vs_load(curves: list[LoadCurve], slo_us: float):
    fig, ax = style.figure()
    few = False
    for c in curves:
        # Repeated rates: their median p99 (sweep.pooled), as the knee is found.
        good = [p for p in pooled(c.points) if p.ok and p.p99_us]
        if not good:
            continue
        col = style.colour(c.backend)
        ax.plot([p.rate for p in good], [p.p99_us for p in good], color=col, linewidth=2.5,
                label=c.backend)
        for p in good:  # hollow: the offered rate was not achieved; a cross: too few samples
            few = few or not p.p99_supported
            ax.plot(p.rate, p.p99_us, marker="o" if p.p99_supported else "X", markersize=9,
                    color=col, markerfacecolor=col if p.rate_achieved else "white",
                    markeredgewidth=2)
        if c.knee:
            ax.plot(c.knee.rate, c.knee.p99_us, marker="o", markersize=24, color=col,
                    markerfacecolor="none", markeredgewidth=2.5)
        if c.sustainable:
            ax.plot(c.sustainable.rate, c.sustainable.p99_us, marker="*", markersize=24,
                    color=col, markeredgecolor="#222222")
    ax.axhline(slo_us, color="#B00020", linestyle=":", linewidth=2.5)
    ax.annotate(f"objective: p99 ≤ {units.latency_round(slo_us)}", xy=(0.01, slo_us),
                xycoords=("axes fraction", "data"), xytext=(0, 6), textcoords="offset points",
                color="#B00020")
    ax.set_yscale("log")
    _latency_axis(ax.yaxis)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: units.rate(v)))
    ax.set_xlabel("offered load (requests per second, open loop)")
    ax.set_ylabel("p99 latency (corrected)")
    ax.set_xlim(left=0)
    handles, _ = ax.get_legend_handles_labels()
    handles += [
        Line2D([], [], marker="*", markersize=18, color="#888888", markeredgecolor="#222222",
               linestyle="none", label="sustainable"),
        Line2D([], [], marker="o", markersize=18, color="#888888", markerfacecolor="none",
               markeredgewidth=2.5, linestyle="none", label="knee"),
        Line2D([], [], marker="o", markersize=9, color="#888888", markerfacecolor="white",
               markeredgewidth=2, linestyle="none", label="rate not achieved"),
    ]
    if few:
        handles.append(Line2D([], [], marker="X", markersize=9, color="#888888",
                              linestyle="none", label="p99 of < 1,000 requests"))
    ax.legend(handles=handles, loc="upper left", framealpha=0.9)
    return fig
