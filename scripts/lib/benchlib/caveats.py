"""What a reader must know before quoting a results folder: the caveats summary.md and
index.html print under the tables. One list, so that both say the same thing."""
from __future__ import annotations

from .results import Result


def _names(runs: list[Result]) -> str:
    shown = sorted({f"{r.backend} × {r.workload}" for r in runs})
    return ", ".join(shown[:6]) + (f" and {len(shown) - 6} more" if len(shown) > 6 else "")


def run_caveats(results: list[Result]) -> list[str]:
    good = [r for r in results if r.ok]
    out = []
    bound = [r for r in good if r.client_bound]
    if bound:
        out.append(f"client-bound runs ({_names(bound)}): the load generator's busiest thread "
                   "was ≥ 90% busy, so their req/s is (partly) the client's limit, not the "
                   "server's; compare those backends by server CPU µs/req instead.")
    machine = [r for r in good if r.machine_bound]
    if machine:
        out.append(f"machine-bound runs ({_names(machine)}): closed-loop runs where neither "
                   "the server nor the load generator was saturated, so something else on the "
                   "machine was the limit: their req/s ranks nothing; re-run on a quiet machine.")
    lower = [r for r in good if r.lower_bound_percentiles]
    if lower:
        out.append(f"lower-bound percentiles ({_names(lower)}): requests were still "
                   "outstanding at the end of the measured phase; the tail percentiles marked "
                   "are at least the figure shown.")
    stores = [r for r in good if r.store_names]
    if stores:
        names = ", ".join(sorted({n for r in stores for n in r.store_names}))
        out.append(f"server CPU µs/req of {_names(stores)} counts {names} too (pinned to the "
                   "backend's CPU): its share over the measured phase is estimated from its CPU "
                   "over the whole run, in proportion to the backend's.")
    return out
