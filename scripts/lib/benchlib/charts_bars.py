"""Bar charts, one panel per workload, one bar per backend: throughput, server CPU per request,
and the micro-benchmarks' in-process time per request.

Workloads differ by orders of magnitude (a batch of 1,000 transfers against a balance read), so
each gets its own panel and its own linear axis rather than a shared log axis, on which bar
lengths would mean nothing. Bar height is the median over repetitions; the whisker spans min to
max. A hatched bar is a client-bound run (the load generator, not the server, was the limit);
a FAILED label stands where a backend had no valid run.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from . import charts_style as style


@dataclass(frozen=True)
class Bar:
    backend: str
    value: float | None  # None: FAILED (no valid run)
    low: float | None = None
    high: float | None = None
    hatched: bool = False
    base: float | None = None  # the lower part drawn solid, the rest dotted (backend + store)


@dataclass(frozen=True)
class Panel:
    title: str
    bars: list[Bar]


def compact(value: float) -> str:
    """7,382 -> 7.4k; 26 -> 26; 16.94 -> 16.9; 0.84 -> 0.84."""
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    if value >= 1000:
        return f"{value / 1000:.1f}k"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 1:
        return f"{value:.1f}"
    return f"{value:.2f}"


FLOOR_COLOUR = "#B00020"


def _draw_panel(ax, panel: Panel, ylabel: str | None, floor: float | None = None) -> None:
    xs = range(len(panel.bars))
    top = max([(b.high or b.value or 0) for b in panel.bars] + [floor or 0]) or 1.0
    if floor:
        ax.axhline(floor, color=FLOOR_COLOUR, linestyle="--", linewidth=2, zorder=3)
    for x, bar in zip(xs, panel.bars):
        if bar.value is None:
            ax.text(x, top * 0.05, "FAILED", rotation=90, ha="center", va="bottom",
                    color="#B00020", fontweight="bold")
            continue
        ax.bar(x, bar.value if bar.base is None else bar.base, width=0.75,
               color=style.colour(bar.backend),
               edgecolor="#222222" if bar.hatched else style.edge(bar.backend),
               hatch=style.CLIENT_BOUND_HATCH if bar.hatched else None, linewidth=1)
        if bar.base is not None and bar.value > bar.base:  # the store server's share on top
            ax.bar(x, bar.value - bar.base, bottom=bar.base, width=0.75, color="white",
                   edgecolor=style.colour(bar.backend), hatch=style.STORE_HATCH, linewidth=1.5)
        if bar.low is not None and bar.high is not None and bar.high > bar.low:
            ax.errorbar(x, bar.value, yerr=[[bar.value - bar.low], [bar.high - bar.value]],
                        color="#111111", capsize=6, linewidth=1.5)
        ax.text(x, (bar.high or bar.value) + top * 0.02, compact(bar.value), ha="center",
                va="bottom")
    ax.set_title(panel.title, fontsize=style.FONT_PT + 2)
    ax.set_xticks([])
    ax.set_xlim(-0.6, len(panel.bars) - 0.4)
    ax.set_ylim(0, top * 1.18)
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: f"{v:,.0f}" if top >= 100 else f"{v:g}"))
    ax.grid(axis="x", visible=False)
    if ylabel:
        ax.set_ylabel(ylabel)


def small_multiples(panels: list[Panel], backends: list[str], ylabel: str,
                    floor: tuple[float, str] | None = None):
    """The figure and its legend handles (the backends, and the hatch when used): pass them to
    charts_style.finish, which puts the legend under the panels. floor: (value, legend label)
    of a dashed line drawn on every panel (this machine's floor, scripts/ceilings)."""
    n = len(panels)
    ncols = 1 if n == 1 else min(3, n)
    nrows = math.ceil(n / ncols)
    fig, axes = style.figure(nrows, ncols, squeeze=False)
    flat = [ax for row in axes for ax in row]
    for i, (ax, panel) in enumerate(zip(flat, panels)):
        _draw_panel(ax, panel, ylabel if i % ncols == 0 else None, floor[0] if floor else None)
    for ax in flat[n:]:
        ax.axis("off")
    handles = [Patch(facecolor=style.colour(b), edgecolor=style.edge(b), label=b)
               for b in backends]
    if any(bar.hatched for p in panels for bar in p.bars):
        handles.append(Patch(facecolor="white", edgecolor="#222222",
                             hatch=style.CLIENT_BOUND_HATCH, label="client-bound"))
    if floor:
        handles.append(Line2D([], [], color=FLOOR_COLOUR, linestyle="--", linewidth=2,
                              label=floor[1]))
    if any(bar.base is not None for p in panels for bar in p.bars):
        handles.append(Patch(facecolor="white", edgecolor="#222222", hatch=style.STORE_HATCH,
                             label="its store server (redis-server)"))
    return fig, handles
