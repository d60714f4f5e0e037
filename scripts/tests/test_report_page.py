"""index.html: one self-contained page rendered by real headless Chromium: every chart is in
the DOM as SVG, the tables are summary.md's, the caveats are there, and nothing is loaded
from anywhere (no external src or href, no script, no stylesheet link)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "lib"))
sys.path.insert(0, str(HERE))

from fixture import write_fixture  # noqa: E402

from benchlib import report_page, summary  # noqa: E402

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if Path("/usr/bin/chromium").exists() else None)
# An attribute that makes a browser fetch something: src/href/srcset/poster/data/action to
# anything but an in-page anchor or a data: URI, and url(...) in CSS.
EXTERNAL = re.compile(r"""\b(?:src|href|srcset|poster|data|action|xlink:href)\s*=\s*["']"""
                      r"""(?!#|data:)[^"']+["']|url\(\s*["']?(?!#|data:)""", re.I)


def external_references(dom: str) -> list[str]:
    return [m.group(0) for m in EXTERNAL.finditer(dom)] + re.findall(r"<(?:script|link|iframe)"
                                                                     r"\b[^>]*>", dom, re.I)


def dump_dom(page: Path, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)


class ReportPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.folder = Path(cls.tmp.name) / "results"
        write_fixture(cls.folder)
        plot = subprocess.run([sys.executable, str(ROOT / "scripts" / "plot"), str(cls.folder)],
                              capture_output=True, text=True, timeout=240)
        assert plot.returncode == 0, plot.stderr
        summary.write(cls.folder)
        # The cost breakdown and the machine's floor, as scripts/callgrind and scripts/ceilings
        # write them (the examples of the repository).
        shutil.copytree(ROOT / "results" / "examples" / "callgrind", cls.folder / "callgrind")
        shutil.copytree(ROOT / "results" / "examples" / "ceilings", cls.folder / "ceilings")
        cls.page = report_page.write(cls.folder, ROOT)
        cls.charts = sorted((cls.folder / "charts").glob("*.svg"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_page_holds_the_tables_the_caveats_and_every_chart(self):
        text = self.page.read_text()
        self.assertGreaterEqual(len(self.charts), 9)
        for chart in self.charts:
            self.assertIn(f'id="chart-{chart.stem}"', text)
        self.assertIn("mixed — closed loop, 64 connections", text)
        self.assertIn("client-bound runs (baseline × mixed)", text)
        self.assertIn("FAILED", text)
        self.assertIn("font-size: 22px", text)  # large type for a projector
        self.assertIn('id="costs-cost_breakdown"', text)
        self.assertIn("hello (floor)", text)  # callgrind.md's table
        self.assertIn("<td>hello</td><td>archbench-loadgen</td>", text)  # ceilings.md
        self.assertIn("This machine", text)

    @unittest.skipUnless(CHROMIUM, "chromium is not installed (scripts/packages.txt lists it; "
                                   "apt-get install chromium)")
    def test_chromium_renders_every_chart_and_loads_nothing(self):
        with tempfile.TemporaryDirectory() as profile:
            run = dump_dom(self.page, Path(profile))
        self.assertEqual(run.returncode, 0, run.stderr[-2000:])
        dom = run.stdout
        self.assertIn("<h1>archbench results</h1>", dom)
        svgs = re.findall(r"<svg\b", dom)
        self.assertGreaterEqual(len(svgs), len(self.charts))
        for anchor in [f"chart-{c.stem}" for c in self.charts] + ["costs-cost_breakdown"]:
            figure = dom.split(f'id="{anchor}"', 1)
            self.assertEqual(len(figure), 2, f"{anchor} is not in the rendered page")
            self.assertRegex(figure[1][:300], r"^>\s*<svg\b", anchor)
        self.assertEqual(external_references(dom), [])
        self.assertNotRegex(run.stderr, r"net::ERR_|Failed to load resource")

    def test_the_external_reference_check_bites(self):
        page = self.page.read_text()
        for bad in ['<img src="http://127.0.0.1:9/logo.png">',
                    '<link rel="stylesheet" href="https://example.org/a.css">',
                    '<image xlink:href="chart.png"/>', '<div style="background: url(x.png)">']:
            self.assertNotEqual(external_references(page.replace("<body>", "<body>" + bad)), [],
                                bad)
        self.assertEqual(external_references(page), [])


if __name__ == "__main__":
    unittest.main()
