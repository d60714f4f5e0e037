"""Reading a results folder: the fixture follows the load generator's schema, summary.md
reports medians over the runs that count and lists the FAILED ones apart."""
from __future__ import annotations

import copy
import json
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "lib"))
sys.path.insert(0, str(HERE))

from fixture import write_fixture  # noqa: E402
from jsonschema import Draft202012Validator  # noqa: E402  (Debian: python3-jsonschema)

from benchlib import summary  # noqa: E402
from benchlib.results import closed_groups, load_folder, sweep_points, sweeps  # noqa: E402

SCHEMA = ROOT / "bench" / "loadgen" / "result_schema.json"
EXAMPLES = ROOT / "results" / "examples"


def schema_errors(data: dict) -> list[str]:
    """Every violation of bench/loadgen/result_schema.json, as "path: message"."""
    schema = json.loads(SCHEMA.read_text())
    Draft202012Validator.check_schema(schema)
    return [f"{'.'.join(map(str, e.absolute_path)) or '$'}: {e.message}"
            for e in Draft202012Validator(schema).iter_errors(data)]


class ResultsFolderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.folder = Path(cls.tmp.name)
        cls.failed = write_fixture(cls.folder)
        cls.results = load_folder(cls.folder)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_fixture_follows_the_result_schema(self):
        self.assertGreater(len(self.results), 10)
        for r in self.results:
            self.assertEqual(schema_errors(r.data), [], r.path.name)

    def test_the_schema_check_bites(self):
        broken = copy.deepcopy(self.results[0].data)
        del broken["figures"]["throughput_rps"]
        broken["status"] = "fine"
        problems = schema_errors(broken)
        self.assertTrue(any("throughput_rps" in p for p in problems), problems)
        self.assertTrue(any("status" in p for p in problems), problems)

    def test_real_example_results_follow_the_schema(self):
        examples = load_folder(EXAMPLES) if EXAMPLES.is_dir() else []
        self.assertGreaterEqual(len(examples), 2)
        for r in examples:
            self.assertEqual(schema_errors(r.data), [], r.path.name)

    def test_grouping_of_repetitions_and_sweeps(self):
        groups = closed_groups(self.results)
        self.assertEqual(sorted((k.workload, k.connections) for k in groups),
                         [("batch", 4), ("mixed", 64)])
        mixed = next(v for k, v in groups.items() if k.workload == "mixed")
        self.assertEqual(len(mixed["baseline"]), 2)
        sweep = sweeps(self.results)["mixed"]
        self.assertEqual(sorted(sweep), ["baseline", "hexagonal:memory"])
        rates = [p.rate for p in sweep_points(sweep["baseline"])]
        self.assertEqual(rates, sorted(rates))

    def test_failed_runs_are_recognised(self):
        failed = sorted(r.path.stem for r in self.results if not r.ok)
        self.assertEqual(failed, sorted(self.failed))

    def test_summary_reports_medians_of_valid_runs_and_lists_failures(self):
        text = summary.render(self.folder)
        self.assertIn("## mixed — closed loop, 64 connections", text)
        self.assertIn("## batch — closed loop, 4 connections", text)
        # hexagonal:memory on mixed: one valid run of two -> its figure alone, "1/2" runs ok.
        memory_mixed = [line for line in text.splitlines()
                        if line.startswith("| hexagonal:memory |") and "1/2" in line]
        self.assertEqual(len(memory_mixed), 1)
        self.assertIn("8,240", memory_mixed[0])
        # Every run of sqlite × batch failed: FAILED in the table, listed below.
        self.assertIn("| hexagonal:sqlite | FAILED |", text)
        for stem in self.failed:
            self.assertIn(f"FAILED `{stem}.json`", text)
        self.assertTrue(any(line.startswith("| baseline |") and "**yes** (1/2)" in line
                            for line in text.splitlines()))
        self.assertIn("open-loop rate sweep, objective p99 ≤ 2 ms", text)


if __name__ == "__main__":
    unittest.main()
