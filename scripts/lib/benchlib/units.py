"""How numbers are written in tables and on charts: one place, so that both agree."""
from __future__ import annotations


def latency(us: float | None) -> str:
    """Microseconds, in the unit that keeps three digits readable: 87 µs, 1.24 ms, 2.10 s."""
    if us is None:
        return "—"
    if us < 1000:
        return f"{us:.0f} µs" if us >= 10 else f"{us:.1f} µs"
    if us < 1_000_000:
        return f"{us / 1000:.2f} ms"
    return f"{us / 1_000_000:.2f} s"


def latency_round(us: float) -> str:
    """For round values (axis ticks, objectives): 1 ms, 200 µs, 2.5 s; no trailing zeros."""
    if us == 0:
        return "0"
    if us < 1000:
        return f"{us:g} µs"
    if us < 1_000_000:
        return f"{us / 1000:g} ms"
    return f"{us / 1_000_000:g} s"


def rate(per_s: float | None) -> str:
    """12,345 req/s is written 12,345; above 100k, 123k."""
    if per_s is None:
        return "—"
    if per_s >= 100_000:
        return f"{per_s / 1000:,.0f}k"
    return f"{per_s:,.0f}"


def memory_kib(kib: float | None) -> str:
    if kib is None:
        return "—"
    return f"{kib / 1024:.0f} MiB" if kib >= 10 * 1024 else f"{kib / 1024:.1f} MiB"


def cpu_us(us: float | None) -> str:
    return "—" if us is None else f"{us:.1f}"


def latency_range(low_us: float, high_us: float) -> str:
    """"290–294 µs", or "870 µs–1.02 ms" when the unit changes."""
    low, high = latency(low_us), latency(high_us)
    low_value, _, low_unit = low.partition(" ")
    high_value, _, high_unit = high.partition(" ")
    return f"{low_value}–{high}" if low_unit == high_unit else f"{low}–{high}"
