#!/usr/bin/env python3
"""Runs one lab's tests step by step and reports like a teaching assistant would.

Called by scripts/lab check once the lab is built. Each step (the suites named LabNN_StepK_*)
runs in its own process, so a crash in step 3 still reports steps 1 and 2; a step that crashes
is run again one test per process, to tell which of its tests crash. For the first step that
fails, it shows the first failing test, its message and the hint the test gives (the text after
"hint:"). With --repeat N it then runs every test N - 1 more times, each run with a fresh seed
in ARCHBENCH_LAB_SEED (the randomised tests draw from it), and stops at the first failing run
with the command that replays it. It records the result in the progress file that
`scripts/lab list` and `scripts/lab hint` read (key=value lines; keys it does not own are kept).
Exit code: 0 when every step passes, 1 otherwise. Standard library only.
"""

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT_S = 120  # per process; every lab test is meant to take well under a second
SUITE = re.compile(r"^Lab\d\d_Step(\d+)_\w+$")
README_STEP = re.compile(r"^#{2,4}\s+Step\s+(\d+)\s*[:.\u2014-]\s*(.+?)\s*$")


def paint(text, colour):
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        return text
    codes = {"green": "32", "red": "31", "yellow": "33", "bold": "1", "dim": "2"}
    return f"\033[{codes[colour]}m{text}\033[0m"


def list_tests(binary):
    """{suite: [test names]}, in the order the binary lists them."""
    listing = subprocess.run([binary, "--gtest_list_tests"], capture_output=True, text=True,
                             timeout=30, check=True).stdout
    tests, suite = {}, None
    for line in listing.splitlines():
        # "Suite." (a typed suite adds "  # TypeParam = ..."), then "  Test" lines.
        if re.match(r"^\S+\.(\s+#.*)?$", line):
            suite = line.split(".")[0]
            tests[suite] = []
        elif suite and line.startswith("  "):
            tests[suite].append(line.split()[0])
    return tests


def step_titles(readme):
    """'## Step 2: The open-loop schedule (tests ...)' -> {2: 'The open-loop schedule'}."""
    titles = {}
    if readme.exists():
        for line in readme.read_text(encoding="utf-8").splitlines():
            match = README_STEP.match(line)
            if match:
                titles[int(match.group(1))] = re.sub(r"\s*\(.*\)$", "", match.group(2))
    return titles


def run(binary, gtest_filter, seed=None):
    """Runs the tests the filter selects: ({test: [failure messages]}, None) when the process
    finished, or ({tests that finished: ...}, what went wrong) when it crashed or hung. `seed`,
    when given, is the ARCHBENCH_LAB_SEED of the run."""
    env = dict(os.environ)
    if seed is not None:
        env["ARCHBENCH_LAB_SEED"] = str(seed)
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [binary, "--gtest_filter=" + gtest_filter, "--gtest_output=json:" + str(report),
                   "--gtest_color=no"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S,
                                  env=env)
        except subprocess.TimeoutExpired:
            return {}, f"did not finish within {TIMEOUT_S} s (an endless loop?)"
        if done.returncode in (0, 1) and report.exists():
            data = json.loads(report.read_text(encoding="utf-8"))
            return {f"{suite['name']}.{test['name']}": [f["failure"] for f in test.get("failures", [])]
                    for suite in data.get("testsuites", []) for test in suite.get("testsuite", [])}, None
    if done.returncode < 0:
        how = f"crashed: {signal.Signals(-done.returncode).name}"
    else:
        how = f"crashed: exit code {done.returncode}"
    # What the program printed, without gtest's own banner lines.
    output = [line for line in (done.stdout + done.stderr).splitlines()
              if line.strip() and not re.match(r"^(\[[ =A-Z-]+\]|Running main|Note: Google)", line)]
    return {}, "\n".join([how] + output[-8:])


def run_step(binary, suites):
    """{test: [failure messages]} for one step; a crashing or hanging test fails with why."""
    results, trouble = run(binary, ":".join(f"{suite}.*" for suite in suites))
    if trouble is None:
        return results
    results = {}
    for suite, tests in suites.items():
        for test in tests:
            name = f"{suite}.{test}"
            one, trouble = run(binary, name)
            results[name] = one.get(name, []) if trouble is None else [trouble]
    return results


def show_failure(test, messages, root):
    print(f"  {paint(test, 'bold')} failed:")
    body, hints = [], []
    for line in messages[0].replace(str(root) + "/", "").splitlines():
        before, marker, hint = line.partition("hint:")
        if marker:
            hints.append(hint.strip())
        if before.strip(" ;"):
            body.append(before.rstrip(" ;"))
    for line in body[:14]:
        print("    " + line)
    if len(body) > 14:
        print("    ...")
    for hint in hints[:1]:
        print("  " + paint("hint: " + hint, "yellow"))
    if len(messages) > 1:
        print(paint(f"  (and {len(messages) - 1} more failed check(s) in this test)", "dim"))


def read_progress(path):
    """The progress file's key=value lines, as a dict ({} when there is none)."""
    if not path.exists():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {key: value for key, value in (pair for pair in pairs if len(pair) == 2)}


def write_progress(path, updates):
    progress = read_progress(path)
    progress.update(updates)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{key}={value}\n" for key, value in progress.items()),
                    encoding="utf-8")


def repeat(binary, lab, runs, steps):
    """Runs every test runs - 1 more times with fresh seeds. Returns (step that failed, None) or
    (None, None) when every run passed."""
    everything = ":".join(f"{suite}.*" for suites in steps.values() for suite in suites)
    print(paint(f"Again, {runs - 1} more times, a fresh seed each run "
                f"(ARCHBENCH_LAB_SEED), as 6.5840's testers do:", "bold"))
    for attempt in range(2, runs + 1):
        seed = random.randrange(1, 2**63)
        results, trouble = run(binary, everything, seed)
        failed = {test: messages for test, messages in results.items() if messages}
        if trouble is None and not failed:
            print(f"\r  run {attempt}/{runs}: pass", end="", flush=True)
            continue
        print(f"\r  run {attempt}/{runs}: " + paint("FAIL", "red") + f" with seed {seed}")
        if trouble is not None:
            print("    " + trouble.replace("\n", "\n    "))
            test = everything
        else:
            test = next(iter(failed))
            show_failure(test, failed[test], Path.cwd())
        print(f"\n  Replay exactly this run:\n    ARCHBENCH_LAB_SEED={seed} {binary} "
              f"--gtest_filter='{test}'")
        match = re.match(r"^Lab\d\d_Step(\d+)_", test)
        return (int(match.group(1)) if match else min(steps)), seed
    print(f"\r  {runs - 1} more runs with fresh seeds: all pass.")
    return None, None


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `scripts/lab check 00 | head` ends quietly
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", required=True, help="the lab's test executable")
    parser.add_argument("--lab-dir", required=True, type=Path, help="labs/NN-topic")
    parser.add_argument("--root", required=True, type=Path, help="the repository")
    parser.add_argument("--progress", required=True, type=Path,
                        help="the lab's progress file, where the result is recorded")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every test this many times in all, with fresh seeds")
    args = parser.parse_args()

    steps = {}
    for suite, tests in list_tests(args.tests).items():
        match = SUITE.match(suite)
        if match:
            steps.setdefault(int(match.group(1)), {})[suite] = tests
        else:
            print(f"lab: ignoring test suite {suite}: not named LabNN_StepK_<Topic>",
                  file=sys.stderr)
    if not steps:
        sys.exit(f"lab: {args.tests} holds no LabNN_StepK_* tests")

    lab = args.lab_dir.name
    readme = args.lab_dir / "README.md"
    heading = f"Lab {lab}"
    if readme.exists():
        heading = readme.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
    titles = step_titles(readme)
    print(paint(heading, "bold") + f", against your code in labs/{lab}/starter/\n")

    first_failure = None
    passed = 0
    for step, suites in sorted(steps.items()):
        results = run_step(args.tests, suites)
        failed = {test: messages for test, messages in results.items() if messages}
        ok = results and not failed
        passed += 1 if ok else 0
        verdict = paint("PASS", "green") if ok else paint("FAIL", "red")
        title = titles.get(step, ", ".join(suites))
        print(f"  {verdict}  Step {step}  {title:<40} "
              f"{len(results) - len(failed)}/{len(results)} tests pass")
        if not ok and first_failure is None:
            first_failure = (step, failed)

    if first_failure is None and args.repeat > 1:
        failed_step, _ = repeat(args.tests, lab, args.repeat, steps)
        if failed_step is not None:
            passed -= 1
            first_failure = (failed_step, {})
    write_progress(args.progress, {
        "passed": passed, "total": len(steps),
        "checked": time.strftime("%Y-%m-%d %H:%M:%S"),
        "next_step": first_failure[0] if first_failure else "",
    })
    print()
    if first_failure is None:
        print(paint(f"All {len(steps)} steps pass: lab {lab}'s tests are done.", "green"))
        print(f"Now the part that counts: scripts/lab measure {lab[:2]}, then labs/{lab}/WRITEUP.md.")
        return 0

    step, failed = first_failure
    print(paint(f"Next: step {step}.", "bold"))
    if not failed:
        print("  (it passed once, and failed with another seed: see the run above)")
    else:
        test = next(iter(failed))
        show_failure(test, failed[test], args.root.resolve())
        if failed[test][0].startswith(("crashed", "did not finish")):
            print("  " + paint(f"hint: see where: gdb -ex run --args {args.tests} "
                               f"--gtest_filter='{test}'", "yellow"))
        if len(failed) > 1:
            print(paint(f"  ({len(failed) - 1} more test(s) of step {step} fail too.)", "dim"))
        print(f"\n  This test alone: {args.tests} --gtest_filter='{test}'")
    print(f"  The whole step:  {args.tests} --gtest_filter='Lab{lab[:2]}_Step{step}_*'")
    print(f"  Stuck? scripts/lab hint {lab[:2]} {step} shows the next hint for this step.")
    print(f"  {passed} of {len(steps)} steps pass. Edit labs/{lab}/starter/, then check again.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
