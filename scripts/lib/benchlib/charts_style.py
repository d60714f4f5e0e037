"""The look of every chart: one colour per backend everywhere, slide-sized, readable fonts,
a title that says what is measured and how, and a footnote that says where.

Colours are Okabe & Ito's colour-blind-safe palette, keyed by backend name so that a backend
keeps its colour across charts and runs whatever else is plotted with it. Variants of a
pattern (hexagonal's stores) get neighbouring colours; patterns not listed get a fixed spare
colour chosen from their name.
"""
from __future__ import annotations

import textwrap
import zlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: no display needed, same output everywhere
import matplotlib.pyplot as plt  # noqa: E402

PALETTE = {
    "baseline": "#555555",  # grey: the yardstick
    "hexagonal:memory": "#E69F00",  # orange
    "hexagonal:sqlite": "#D55E00",  # vermillion
    "hexagonal:redis": "#CC79A7",  # reddish purple
    "actor": "#0072B2",  # blue
    "event-driven": "#009E73",  # bluish green
    "ddd": "#56B4E9",  # sky blue
    "zero-copy": "#F0E442",  # yellow (drawn with a dark edge)
}
SPARE = ["#882255", "#44AA99", "#117733", "#332288", "#AA4499", "#999933"]

# 16:9 at 1920x1080 px for PNG (13.33 x 7.5 in at 144 dpi): drops into a slide as it is.
FIGSIZE = (13.33, 7.5)
PNG_DPI = 144
FONT_PT = 14  # nothing on a chart is smaller than this

CLIENT_BOUND_HATCH = "///"
STORE_HATCH = ".."


def canonical(backend: str) -> str:
    """archbench-micro writes "hexagonal-memory" where results say "hexagonal:memory"."""
    for name in PALETTE:
        if name.replace(":", "-") == backend:
            return name
    return backend


def colour(backend: str) -> str:
    """The backend's colour: fixed for the known ones, stable for the others."""
    backend = canonical(backend)
    if backend in PALETTE:
        return PALETTE[backend]
    return SPARE[zlib.crc32(backend.encode()) % len(SPARE)]


def apply() -> None:
    plt.rcParams.update({
        "font.size": FONT_PT,
        "axes.titlesize": FONT_PT + 4,
        "axes.labelsize": FONT_PT + 1,
        "xtick.labelsize": FONT_PT,
        "ytick.labelsize": FONT_PT,
        "legend.fontsize": FONT_PT,
        "legend.title_fontsize": FONT_PT,
        "figure.titlesize": FONT_PT + 6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "svg.hashsalt": "archbench",  # stable ids: the same data gives the same SVG
        "svg.fonttype": "none",  # text stays text in the SVG: editable on a slide
    })


def figure(nrows: int = 1, ncols: int = 1, **kwargs):
    fig, axes = plt.subplots(nrows, ncols, figsize=FIGSIZE, **kwargs)
    return fig, axes


def finish(fig, title: str, subtitle: str, footnote: list[str], legend_handles=None,
           legend_columns: int = 5) -> None:
    """Title (what), subtitle (how), footnote (where), and optionally a legend row above the
    footnote (legend_columns per row); lays the axes out in the space left."""
    sub_lines = textwrap.wrap(subtitle, 120) or [""]
    foot_lines = [part for line in footnote for part in textwrap.wrap(line, 135)]
    fig.text(0.01, 0.975, title, ha="left", va="top", fontsize=FONT_PT + 6, fontweight="bold")
    fig.text(0.01, 0.915, "\n".join(sub_lines), ha="left", va="top", fontsize=FONT_PT + 1,
             color="#333333")
    fig.text(0.01, 0.012, "\n".join(foot_lines), ha="left", va="bottom", fontsize=FONT_PT,
             color="#555555")
    bottom = 0.02 + 0.034 * len(foot_lines)
    if legend_handles:
        columns = min(len(legend_handles), legend_columns)
        fig.legend(handles=legend_handles, loc="lower center", bbox_to_anchor=(0.5, bottom),
                   ncol=columns, frameon=False)
        bottom += 0.065 * -(-len(legend_handles) // columns)
    top = 0.875 - 0.035 * (len(sub_lines) - 1)
    fig.tight_layout(rect=(0, bottom, 1, top))


def save(fig, charts_dir: Path, name: str) -> list[Path]:
    """name.png and name.svg; returns their paths."""
    charts_dir.mkdir(parents=True, exist_ok=True)
    paths = [charts_dir / f"{name}.png", charts_dir / f"{name}.svg"]
    fig.savefig(paths[0], dpi=PNG_DPI, metadata={"Software": None})
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    plt.close(fig)
    _shrink_png(paths[0])
    return paths


def _shrink_png(path: Path) -> None:
    """A chart has few colours: a 256-colour palette keeps it visually identical at a third of
    the size (slides, and the examples committed to the repository). Pillow comes with
    Debian's matplotlib; without it the PNG stays as it is."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        paletted = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                                 dither=Image.Dither.NONE)
    paletted.save(path, optimize=True)


def edge(backend: str) -> str:
    """A dark outline for the light colours, so that a yellow bar is visible on white."""
    return "#333333" if colour(backend) in ("#F0E442", "#E69F00", "#56B4E9") else "none"
