"""The cost breakdown chart: instructions per request by layer (scripts/callgrind --all).

One panel per endpoint, one stacked bar per backend, side by side; each segment a layer
(callgrind_layers.LAYERS, bottom first: transport at the bottom, like the stack a request
climbs). The dashed line is the floor: the hello server (the transport alone, answering a
constant body) on the same count. A batch is shown per item (a request / 1,000), with no floor.
Layer colours are Paul Tol's "bright" and "muted" palettes, distinct from the backends'.
"""
from __future__ import annotations

import math

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import charts_style as style
from .charts_bars import compact

LAYER_COLOURS = {
    "transport": "#4477AA",
    "HTTP front and routing": "#66CCEE",
    "JSON parse": "#228833",
    "domain and application": "#CCBB44",
    "store": "#EE6677",
    "JSON write": "#AA3377",
    "allocator": "#BBBBBB",
    "other / kernel entry": "#555555",
}
FLOOR = "hello"


def panels(report: dict) -> list[tuple[str, list[tuple[str, dict, int]], int | None]]:
    """[(endpoint title, [(backend, layers, total)], floor or None)], per item for a batch."""
    layers = report.get("layers") or list(LAYER_COLOURS)
    floor = None
    for b in report["backends"]:
        if b["backend"] == FLOOR:
            floor = next((e["ir_per_request"] for e in b["endpoints"]
                          if e["endpoint"] == "health"), None)
    order = [b for b in report["backends"] if b["backend"] != FLOOR]
    endpoints = list(dict.fromkeys(e["endpoint"] for b in order for e in b["endpoints"]))
    out = []
    for endpoint in endpoints:
        per_item = endpoint == "transfer_batch"
        scale = 1000 if per_item else 1
        bars = []
        for b in order:
            for e in b["endpoints"]:
                if e["endpoint"] == endpoint:
                    by_layer = {k: e["ir_per_request_by_layer"].get(k, 0) / scale for k in layers}
                    bars.append((b["backend"], by_layer, e["ir_per_request"] / scale))
        out.append((endpoint + (" (per item of 1,000)" if per_item else ""), bars,
                    None if per_item else floor))
    return out


def cost_breakdown(report: dict):
    """The figure and its legend handles (pass both to charts_style.finish)."""
    layers = report.get("layers") or list(LAYER_COLOURS)
    content = panels(report)
    n = len(content)
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    fig, axes = style.figure(nrows, ncols, squeeze=False)
    flat = [ax for row in axes for ax in row]
    for i, (ax, (title, bars, floor)) in enumerate(zip(flat, content)):
        top = max([total for _, _, total in bars] + [floor or 0]) or 1
        for x, (backend, by_layer, total) in enumerate(bars):
            bottom = 0.0
            for layer in layers:
                value = max(0.0, by_layer.get(layer, 0))
                if value:
                    ax.bar(x, value, bottom=bottom, width=0.7, color=LAYER_COLOURS.get(layer),
                           edgecolor="white", linewidth=0.8)
                    bottom += value
            ax.text(x, bottom + top * 0.02, compact(total), ha="center", va="bottom")
        if floor:
            ax.axhline(floor, color="#B00020", linestyle="--", linewidth=2)
        ax.set_title(title, fontsize=style.FONT_PT + 2)
        ax.set_xticks(range(len(bars)))
        ax.set_xticklabels([b for b, _, _ in bars])
        ax.set_xlim(-0.6, len(bars) - 0.4)
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.set_major_formatter(lambda v, _: compact(v) if v else "0")
        ax.grid(axis="x", visible=False)
        if i % ncols == 0:
            ax.set_ylabel("Ir / request")
    for ax in flat[n:]:
        ax.axis("off")
    handles = [Patch(facecolor=LAYER_COLOURS.get(layer), label=layer) for layer in layers]
    floor = next((f for _, _, f in content if f), None)
    if floor:
        handles.append(Line2D([], [], color="#B00020", linestyle="--", linewidth=2,
                              label=f"floor: hello server, {floor:,.0f} (transport alone)"))
    return fig, handles
