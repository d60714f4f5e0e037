"""The load generator's own marks reach the reader: a percentile it lists in
figures.latency.lower_bounds is shown as "≥" in summary.md, and runs flagged machine_bound or
with a censored tail get their caveat, with the field names bench/loadgen/RESULT_SCHEMA.md
defines. Without the marks, neither appears."""
from __future__ import annotations

import copy
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "lib"))
sys.path.insert(0, str(HERE))

from fixture import result  # noqa: E402

from benchlib import caveats, percentiles, summary  # noqa: E402
from benchlib.results import Result  # noqa: E402


def run(marked: bool) -> Result:
    data = copy.deepcopy(result("baseline", "mixed", seed=1, median_us=400.0, throughput=9000.0))
    if marked:
        data["figures"]["latency"]["lower_bounds"] = ["p99_us", "p99_9_us"]
        data["flags"]["machine_bound"] = True
    return Result(Path("baseline_mixed_closed_r1.json"), data)


class CaveatsTest(unittest.TestCase):
    def test_marked_runs_get_both_caveats(self):
        text = " ".join(caveats.run_caveats([run(True)]))
        self.assertIn("lower-bound percentiles", text)
        self.assertIn("machine-bound runs", text)

    def test_unmarked_runs_get_neither(self):
        text = " ".join(caveats.run_caveats([run(False)]))
        self.assertNotIn("lower-bound", text)
        self.assertNotIn("machine-bound", text)

    def test_a_listed_percentile_is_a_lower_bound_and_the_others_are_not(self):
        marked = [run(True)]
        self.assertTrue(percentiles.of_group(marked, "p99").lower_bound)
        self.assertFalse(percentiles.of_group(marked, "p50").lower_bound)
        self.assertFalse(percentiles.of_group([run(False)], "p99").lower_bound)
        marks: set[str] = set()
        self.assertTrue(summary.latency_cell(percentiles.of_group(marked, "p99"), marks)
                        .startswith("≥ "))
        self.assertIn("lower_bound", marks)


if __name__ == "__main__":
    unittest.main()
