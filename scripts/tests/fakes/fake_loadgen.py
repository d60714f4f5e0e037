"""A stand-in for archbench-loadgen, for testing scripts/bench: checks that the server it is
pointed at answers /health and that --server-pid is alive, then writes a fixture result to
--out-prefix after warm-up + duration seconds. In open loop, p99 climbs once the rate passes 70%
of 9,000 req/s."""
import argparse
import http.client
import json
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixture import result  # noqa: E402

CAPACITY = 9000.0


def main() -> int:
    p = argparse.ArgumentParser()
    for option in ("--host", "--workload", "--backend-name", "--out-prefix", "--mode"):
        p.add_argument(option)
    for option in ("--port", "--server-pid", "--connections"):
        p.add_argument(option, type=int)
    for option in ("--warmup", "--duration", "--rate"):
        p.add_argument(option, type=float)
    args = p.parse_args()
    connection = http.client.HTTPConnection(args.host, args.port, timeout=5)
    connection.request("GET", "/health")
    if connection.getresponse().status != 200:
        print("fake loadgen: /health is not 200", file=sys.stderr)
        return 2
    os.kill(args.server_pid, 0)  # raises if the pid is not the live server
    time.sleep(args.warmup + args.duration)
    if args.mode == "open":
        load = args.rate / CAPACITY
        climb = 1 if load <= 0.7 else math.exp(12 * (load - 0.7))
        data = result(args.backend_name, args.workload, seed=int(args.rate), rate=args.rate,
                      median_us=100 * climb, throughput=min(args.rate, CAPACITY),
                      rate_achieved=args.rate <= CAPACITY, duration=args.duration)
    else:
        data = result(args.backend_name, args.workload, seed=1, median_us=300,
                      throughput=CAPACITY, duration=args.duration)
    Path(args.out_prefix + ".json").write_text(json.dumps(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
