#!/usr/bin/python3
"""What a hop through CAF's middleman costs a transfer: archbench-actor with every actor in one
process, then as a front with two shard hosts (--spawn-shard-hosts 2), the same requests sent to
both, one at a time over one keep-alive connection.

  patterns/actor/remote/tools/hop_cost.py build/release/bin/archbench-actor
  patterns/actor/remote/tools/hop_cost.py BIN --requests 5000 --repeat 3

For each endpoint it prints the latency one client sees (median and p99 of the requests) and
the CPU time every process of the deployment spent per request (user + system from
/proc/PID/stat, read before and after the timed requests: the front and, in the remote run,
its two hosts, each counted). Bounded: --requests per endpoint (default 2000), after 200 of
warm-up. Both deployments run one I/O thread and one CAF thread per process with the `sharing`
scheduler (idle threads sleep, so CPU time is the work, not polling).

The transfers go round a ring of 8 accounts (acc-1 to acc-2, acc-2 to acc-3, ...): the same pairs
in both runs, so the same share of them (about half) crosses from one shard to the other.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time

COMMON = ["--host", "127.0.0.1", "--port", "0", "--threads", "1", "--actor-threads", "1",
          "--scheduler", "sharing"]
DEPLOYMENTS = {
    "local (shard:2)": ["--granularity", "shard:2"],
    "remote (2 hosts)": ["--spawn-shard-hosts", "2"],
}
ACCOUNTS = 8
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as listed:
            found += [int(child) for child in listed.read().split()]
    return found


class Client:
    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body) if body is not None else None
        self.connection.request(method, path, body=data,
                                headers={"Content-Type": "application/json"})
        response = self.connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")


def measure(binary: str, args: list[str], requests: int) -> dict:
    backend = subprocess.Popen([binary, *COMMON, *args], stdout=subprocess.PIPE, text=True)
    try:
        line = backend.stdout.readline()
        if not line.startswith("listening on "):
            sys.exit(f"{binary} did not start: {line!r}")
        client = Client(int(line.rsplit(":", 1)[1]))
        processes = [backend.pid, *children(backend.pid)]
        ids = [client.call("POST", "/accounts", {"owner": "o", "currency": "EUR"})[1]["id"]
               for _ in range(ACCOUNTS)]
        for account in ids:
            client.call("POST", f"/accounts/{account}/deposits",
                        {"amount": 10**12, "request_id": f"fund-{account}"})
        serial = iter(range(10**9))

        def transfer():
            n = next(serial)
            body = {"from": ids[n % ACCOUNTS], "to": ids[(n + 1) % ACCOUNTS], "amount": 1,
                    "currency": "EUR", "request_id": f"t-{n}"}
            return client.call("POST", "/transfers", body)

        def get_account():
            return client.call("GET", f"/accounts/{ids[next(serial) % ACCOUNTS]}")

        results = {}
        for name, send, expected in (("transfer", transfer, 201), ("get_account", get_account, 200)):
            for _ in range(200):
                send()
            before = [cpu_seconds(pid) for pid in processes]
            latencies = []
            for _ in range(requests):
                started = time.perf_counter()
                status, _ = send()
                latencies.append(time.perf_counter() - started)
                if status != expected:
                    sys.exit(f"{name} answered {status}")
            after = [cpu_seconds(pid) for pid in processes]
            spent = [(a - b) / requests * 1e6 for a, b in zip(after, before)]
            latencies.sort()
            results[name] = {
                "median_us": statistics.median(latencies) * 1e6,
                "p99_us": latencies[int(len(latencies) * 0.99)] * 1e6,
                "cpu_front_us": spent[0],
                "cpu_hosts_us": sum(spent[1:]),
            }
        return results
    finally:
        backend.terminate()
        backend.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="archbench-actor (a release build)")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per deployment: medians")
    options = parser.parse_args()
    table = {}
    for deployment, args in DEPLOYMENTS.items():
        runs = [measure(options.binary, args, options.requests) for _ in range(options.repeat)]
        table[deployment] = {
            endpoint: {key: statistics.median(run[endpoint][key] for run in runs)
                       for key in runs[0][endpoint]}
            for endpoint in runs[0]
        }
    print("| endpoint | deployment | latency median | p99 | CPU front | CPU hosts | CPU total |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for endpoint in ("transfer", "get_account"):
        for deployment, figures in table.items():
            f = figures[endpoint]
            print(f"| `{endpoint}` | {deployment} | {f['median_us']:.0f} µs | {f['p99_us']:.0f} µs | "
                  f"{f['cpu_front_us']:.0f} µs | {f['cpu_hosts_us']:.0f} µs | "
                  f"{f['cpu_front_us'] + f['cpu_hosts_us']:.0f} µs |")


if __name__ == "__main__":
    main()
