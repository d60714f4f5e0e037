"""Where and how the numbers were measured: the footnote of every chart and the top of
summary.md. A number without its machine, pinning and commit cannot be compared with anything.
"""
from __future__ import annotations

from .results import Result


def _pinning(meta: dict) -> str:
    server, client = meta.get("server_cpus"), meta.get("client_cpus")
    cores = meta.get("cores_online")
    if server and client and len(server) == 1 and len(client) == 1 and server != client:
        return f"server pinned to CPU {server[0]}, load generator to CPU {client[0]}"
    if cores == 1:
        return "one CPU: server and load generator share it (not pinned)"
    return "not pinned"


def _commit(meta: dict) -> str:
    commit = meta.get("git_commit")
    if not commit:
        return "commit unknown"
    return f"commit {commit[:10]}" + (" + uncommitted changes" if meta.get("git_dirty") else "")


def machine_lines(results: list[Result], manifest: dict) -> list[str]:
    """Two short lines: machine and pinning; build, commit and date."""
    meta = results[0].metadata if results else {}
    cpu = meta.get("cpu_model") or "CPU unknown"
    cores = meta.get("cores_online")
    kernel = (meta.get("kernel") or "").split(" ")
    kernel_text = f", {kernel[0]} {kernel[1]}" if len(kernel) >= 2 else ""
    dates = sorted(r.metadata.get("date_utc", "") for r in results if r.metadata.get("date_utc"))
    when = manifest.get("started_utc") or (dates[0] if dates else "date unknown")
    build = f"{meta.get('build_type', '?')} build, {meta.get('compiler', '?')}"
    return [
        f"{cpu}, {cores} CPUs{kernel_text}; {_pinning(meta)}",
        f"{build}; {_commit(meta)}; {when.replace('T', ' ').replace('Z', ' UTC')}",
    ]
