#!/usr/bin/env python3
"""Runs a lab's closing measurement on your code and on the reference, interleaved.

Called by `scripts/lab measure NN` once build/lab-release holds both builds of the lab's tools
(labNN-<tool> from your starter/, labNN-<tool>-reference from solution/, both Release). The
measurement is labs/NN-topic/measure.txt: one line per run, `<label> | <tool> <arguments>`,
where {dir} stands for --dir. Each line runs --rounds times for each side, yours and the
reference alternating (and swapping who goes first each round), so that a machine busy with
something else slows both alike. A tool reports what it measured in lines of the form
`measure: <key> <value> <unit>`; this prints, per key, the median of the rounds (and the range)
for each side, and their ratio. Standard library only.
"""

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
from pathlib import Path

MEASURE = re.compile(r"^measure:\s+(\S+)\s+(-?[0-9.eE+-]+)\s*(.*)$")


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    values = {}
    for line in done.stdout.splitlines():
        match = MEASURE.match(line)
        if match:
            values[match.group(1)] = (float(match.group(2)), match.group(3).strip())
    return done.returncode, values, done.stdout + done.stderr


def spread(values):
    if not values:
        return "-"
    median = statistics.median(values)
    if len(values) == 1 or max(values) == min(values):
        return f"{median:.4g}"
    return f"{median:.4g} ({min(values):.4g}-{max(values):.4g})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lab-dir", required=True, type=Path)
    parser.add_argument("--bin", required=True, type=Path, help="where the tools are")
    parser.add_argument("--dir", required=True, help="substituted for {dir}")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--record", type=Path, help="append the table here (markdown)")
    args = parser.parse_args()

    lines = []
    for line in (args.lab_dir / "measure.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            label, _, command = line.partition("|")
            lines.append((label.strip(), shlex.split(command.strip().replace("{dir}", args.dir))))

    rows = []
    warnings = set()
    for label, command in lines:
        yours, reference = {}, {}
        print(f"  {label}: ", end="", flush=True)
        for round_ in range(args.rounds):
            sides = [("yours", yours), ("reference", reference)]
            for side, into in sides if round_ % 2 == 0 else reversed(sides):
                tool = args.bin / (command[0] + ("-reference" if side == "reference" else ""))
                code, values, output = run([str(tool)] + command[1:])
                for warning in re.findall(r"^.*warning:.*$", output, re.M):
                    warnings.add(warning)
                if code != 0:
                    print()
                    print(output.rstrip())
                    sys.exit(f"scripts/lab measure: {tool.name} failed ({code}) on {label}"
                             + (": your code does not pass the lab's tests yet?" if side == "yours"
                                else ""))
                for key, (value, unit) in values.items():
                    into.setdefault((key, unit), []).append(value)
                print(".", end="", flush=True)
        print()
        for key, unit in reference:
            mine, theirs = yours.get((key, unit), []), reference[(key, unit)]
            ratio = (f"{statistics.median(mine) / statistics.median(theirs):.2f}"
                     if mine and statistics.median(theirs) else "-")
            rows.append((label, f"{key} ({unit})" if unit else key, spread(mine),
                         spread(theirs), ratio))

    header = ("run", "measure", "yours", "reference", "yours/ref")
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(5)]
    table = ["| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)) + " |"
             for row in [header] + rows]
    table.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print()
    print("\n".join(table))
    print(f"\n  median of {args.rounds} rounds (min-max); yours and the reference alternated, "
          f"both Release, on this machine ({os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}).")
    for warning in sorted(warnings):
        print("  " + warning.strip())
    if args.record:
        with args.record.open("a", encoding="utf-8") as out:
            out.write("\n".join(table) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
