#!/usr/bin/python3
"""Real archbench-loadgen runs against the fake ledger, their result files validated against
result_schema.json with python3-jsonschema (Draft 2020-12). Registered as the ctest
loadgen.result_schema; runs in about 10 s.

  result_schema_check.py --loadgen BIN --fake-ledger BIN --schema result_schema.json

Three runs: a closed-loop run of every endpoint the fake serves (with --server-pid, so the
server and machine-bound fields are filled); an overloaded open-loop run (its censored tail
makes lower bounds); a run against a port nobody listens on (status "failed"). Then documents
broken on purpose must be refused: the check bites.
"""
import argparse
import copy
import json
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeLedger:
    """archbench-loadgen-fake-ledger as a child process; stops when its stdin closes."""

    def __init__(self, binary, *args):
        self.process = subprocess.Popen([binary, *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening on 127.0.0.1:"):
            raise RuntimeError(f"fake ledger said {line!r}")
        self.port = int(line.rsplit(":", 1)[1])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run_loadgen(args, workload, port, prefix, *extra):
    command = [args.loadgen, "--port", str(port), "--workload", str(workload), "--quiet",
               "--backend-name", "fake", "--out-prefix", str(prefix), "--time-limit", "30",
               *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    path = Path(f"{prefix}.json")
    if not path.exists():
        sys.exit(f"FAIL: {' '.join(command)} wrote no result (exit {done.returncode})\n"
                 f"{done.stdout}\n{done.stderr}")
    return done, json.loads(path.read_text())


def expect(condition, what, document=None):
    if not condition:
        extra = ""
        if document is not None:
            extra = "\n" + json.dumps({k: document.get(k) for k in
                                       ("status", "failures", "warnings", "flags")}, indent=1)
        sys.exit(f"FAIL: {what}{extra}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loadgen", required=True)
    parser.add_argument("--fake-ledger", required=True)
    parser.add_argument("--schema", required=True)
    args = parser.parse_args()

    schema = json.loads(Path(args.schema).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    def valid(document, name):
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:10]:
            print(f"{name}: /{'/'.join(map(str, error.absolute_path))}: {error.message}")
        expect(not errors, f"{name} does not hold to {args.schema}")
        print(f"ok: {name} holds to the schema")

    with tempfile.TemporaryDirectory(prefix="archbench_schema_") as tmp:
        tmp = Path(tmp)
        workload = tmp / "fake.json"
        workload.write_text(json.dumps({
            "name": "schema-check", "accounts": 40, "initial_balance": 100000,
            "mix": {"get_account": 2, "deposit": 1, "transfer": 2, "transfer_batch": 1},
            "batch_size": 10, "connections": 4, "warmup_s": 0.2, "duration_s": 1.0}))

        # 1. Closed loop, every endpoint the fake serves, server sampled.
        with FakeLedger(args.fake_ledger) as ledger:
            done, closed = run_loadgen(args, workload, ledger.port, tmp / "closed",
                                       "--server-pid", str(ledger.process.pid))
        valid(closed, "closed-loop run")
        expect(done.returncode == 0 and closed["status"] == "ok", "the closed-loop run passes",
               closed)
        invariant = closed["checks"]["invariant"]
        expect(invariant["ok"] and invariant["acknowledged_operations"] > 0,
               "the ledger check held every account to the answers", closed)
        expect(closed["figures"]["server"]["saturated"] in (True, False),
               "the server's saturation was measured")
        expect(closed["flags"]["machine_bound"] in (True, False),
               "closed loop with --server-pid says whether it was machine-bound")
        commit = closed["metadata"]["git_commit"]
        expect(commit is None or len(commit) == 40, "git_commit is a full hash, stamped at build")

        # 2. Open loop at 5x what the server can do: the tail is censored.
        with FakeLedger(args.fake_ledger, "--delay-ms", "20") as ledger:
            done, overloaded = run_loadgen(
                args, workload, ledger.port, tmp / "open", "--mode", "open", "--rate", "400",
                "--arrival", "poisson", "--connections", "2", "--timeout-ms", "500")
        valid(overloaded, "overloaded open-loop run")
        latency = overloaded["figures"]["latency"]
        expect(overloaded["flags"]["tail_censored"] and latency["censored_count"] > 0,
               "the overloaded run's tail is censored", overloaded)
        expect("p99_us" in latency["lower_bounds"], "its p99 is marked a lower bound", overloaded)
        expect(overloaded["flags"]["rate_not_achieved"], "and its rate is not achieved",
               overloaded)
        expect(overloaded["flags"]["machine_bound"] is None, "machine_bound is null in open loop")

        # 3. Nothing listening: a failed run still writes a valid document.
        done, failed = run_loadgen(args, workload, free_port(), tmp / "failed")
        valid(failed, "failed run")
        expect(done.returncode == 1 and failed["status"] == "failed", "a run with no server fails")

    # 4. The check bites: documents broken on purpose are refused.
    breakages = {
        "a missing field": lambda d: d["figures"]["latency"].pop("p99_us"),
        "a mistyped field": lambda d: d["flags"].update(machine_bound="yes"),
        "an unknown field": lambda d: d.update(surprise=1),
        "an unknown lower bound": lambda d: d["figures"]["latency"]["lower_bounds"].append("p42"),
        "a short commit": lambda d: d["metadata"].update(git_commit="abc"),
    }
    for name, breakage in breakages.items():
        document = copy.deepcopy(closed)
        breakage(document)
        expect(not validator.is_valid(document), f"the schema accepted {name}")
        print(f"ok: the schema refuses {name}")
    print("PASS")


if __name__ == "__main__":
    main()
