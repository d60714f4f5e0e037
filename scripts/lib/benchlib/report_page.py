"""index.html: one self-contained page per results folder, to open on a laptop or a projector.

Everything is inside the file: the summary tables (rendered from summary.md itself, so the page
and the Markdown cannot disagree), every chart of charts/ as inline SVG, the cost breakdown of
scripts/callgrind and this machine's floor (scripts/ceilings) when they exist, the run's
metadata and its caveats. No script, no stylesheet, font or image from anywhere: the page works
offline and shows the same thing everywhere. Large type and high contrast for a projector.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from . import caveats
from .context import machine_lines
from .results import load_folder, load_manifest

CSS = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 22px;
       color: #000; background: #fff; margin: 1.5em 2.5em; line-height: 1.4; }
h1 { font-size: 2em; margin-bottom: 0.2em; } h2 { font-size: 1.5em; margin-top: 1.6em;
       border-bottom: 3px solid #000; } h3 { font-size: 1.2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #444; padding: 0.3em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #e8e8e8; }
figure { margin: 1.5em 0; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; max-width: 1600px; display: block; }
figcaption { font-size: 0.9em; color: #222; }
.caveat { background: #fff3c4; border-left: 8px solid #b00020; padding: 0.5em 1em;
          margin: 0.5em 0; }
code { font-size: 0.95em; background: #f0f0f0; padding: 0 0.2em; }
nav a { margin-right: 1em; color: #003a8c; }
"""

# The charts in reading order; any other SVG of charts/ follows in name order.
CHART_ORDER = ["throughput", "cpu_per_request", "latency_spectrum", "p99_per_second",
               "latency_vs_load", "latency_spectrum_open", "micro_per_request"]


def _inline(text: str) -> str:
    """The inline Markdown of summary.md: `code`, **bold**, \\* (a literal asterisk)."""
    out = html.escape(text, quote=False).replace("\\*", "&#42;")
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)


def markdown(text: str) -> str:
    """The subset of Markdown our own .md files use: headings, bullets, tables, paragraphs."""
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append([c.strip() for c in lines[i].strip().strip("|").split(" | ")])
                i += 1
            body = [r for r in rows[1:] if not all(set(c) <= set("-:|") for c in r)]
            out.append("<table><thead><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in rows[0])
                       + "</tr></thead><tbody>" + "".join(
                           "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>"
                           for r in body) + "</tbody></table>")
            continue
        if line.startswith("#"):
            level = min(3, len(line) - len(line.lstrip("#")) + 1)
            out.append(f"<h{level}>{_inline(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(f"<li>{_inline(lines[i][2:])}</li>")
                i += 1
            out.append("<ul>" + "".join(items) + "</ul>")
            continue
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
        i += 1
    return "\n".join(out)


def svg_inline(path: Path) -> str:
    """An SVG file's <svg> element, without its XML declaration and DOCTYPE."""
    text = path.read_text(encoding="utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else ""


def chart_files(charts: Path) -> list[Path]:
    if not charts.is_dir():
        return []
    svgs = sorted(charts.glob("*.svg"))

    def rank(p: Path) -> tuple[int, str]:
        for k, prefix in sorted(enumerate(CHART_ORDER), key=lambda kv: -len(kv[1])):
            if p.stem == prefix or p.stem.startswith(prefix + "_"):
                return k, p.stem
        return len(CHART_ORDER), p.stem
    return sorted(svgs, key=rank)


def _figure(path: Path, anchor: str) -> str:
    return (f'<figure id="{html.escape(anchor)}">{svg_inline(path)}'
            f"<figcaption>{html.escape(path.name)}</figcaption></figure>")


def extra_folder(folder: Path, name: str, root: Path) -> Path | None:
    """folder/name, else results/name of the repository: callgrind and ceilings run apart."""
    for candidate in (folder / name, root / "results" / name):
        if candidate.is_dir():
            return candidate
    return None


def render(folder: Path, root: Path) -> str:
    results = load_folder(folder)
    manifest = load_manifest(folder)
    summary = folder / "summary.md"
    # summary.md without its title (the page has one); its first bullets are the metadata.
    summary_html = (markdown(re.sub(r"^# .*\n", "", summary.read_text(), count=1))
                    if summary.exists() else "<p>No summary.md.</p>")
    warnings = caveats.run_caveats(results)
    failed = [r for r in results if not r.ok] + [r for r in manifest.get("runs") or []
                                                 if r.get("error")]
    if failed:
        warnings.insert(0, f"{len(failed)} run(s) FAILED: listed in the summary, excluded from "
                           "every figure and chart.")
    meta = machine_lines(results, manifest) + [manifest.get("plan_text") or ""]
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>archbench results — {html.escape(folder.name)}</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>archbench results</h1>",
        "<nav><a href=\"#caveats\">caveats</a><a href=\"#summary\">tables</a>"
        "<a href=\"#charts\">charts</a><a href=\"#costs\">cost breakdown</a>"
        "<a href=\"#floor\">machine floor</a></nav>",
        "" if summary.exists() else
        "<ul>" + "".join(f"<li>{html.escape(m)}</li>" for m in meta if m) + "</ul>",
        '<h2 id="caveats">Caveats: read before quoting</h2>',
    ]
    parts += [f'<p class="caveat">{html.escape(w)}</p>' for w in warnings] or [
        "<p>None flagged: no client-bound, machine-bound or failed run, no lower-bound "
        "percentile.</p>"]
    parts += ['<section id="summary">', summary_html, "</section>",
              '<h2 id="charts">Charts</h2>']
    charts = chart_files(folder / "charts")
    parts += [_figure(p, f"chart-{p.stem}") for p in charts] or [
        "<p>No charts (scripts/plot did not run).</p>"]
    parts.append('<h2 id="costs">Where the instructions go (scripts/callgrind --all)</h2>')
    costs = extra_folder(folder, "callgrind", root)
    if costs and (costs / "callgrind.md").exists():
        parts += [_figure(p, f"costs-{p.stem}") for p in chart_files(costs / "charts")]
        parts.append(markdown((costs / "callgrind.md").read_text()).replace("<h1>", "<h3>")
                     .replace("</h1>", "</h3>"))
    else:
        parts.append("<p>Not measured for this folder: <code>scripts/callgrind --all</code>.</p>")
    parts.append('<h2 id="floor">This machine\'s floor (scripts/ceilings)</h2>')
    floor = extra_folder(folder, "ceilings", root)
    if floor and (floor / "ceilings.md").exists():
        parts.append(markdown((floor / "ceilings.md").read_text()).replace("<h1>", "<h3>")
                     .replace("</h1>", "</h3>"))
    else:
        parts.append("<p>Not measured: <code>scripts/ceilings</code>.</p>")
    parts.append("<p>How to read all this: docs/benchmarking.md in the repository.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write(folder: Path, root: Path) -> Path:
    path = folder / "index.html"
    path.write_text(render(folder, root), encoding="utf-8")
    return path
