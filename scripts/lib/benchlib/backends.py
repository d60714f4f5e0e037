"""What can be benchmarked: the one table of backend specs, and which of them are available.

A backend spec is a name as it appears in results and charts ("hexagonal:sqlite"), the binary
that serves it, and the store it needs. Patterns with a single configuration need no entry:
every archbench-<pattern> binary found in the bin folder is a backend named <pattern>. Patterns
with variants (stores, ...) list them here, so that one place says how each variant is started.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BackendSpec:
    name: str  # what results and charts call it: "baseline", "hexagonal:sqlite"
    pattern: str  # the binary is archbench-<pattern>
    store: str | None = None  # None (no --store), "memory", "sqlite" or "redis"

    @property
    def binary(self) -> str:
        return f"archbench-{self.pattern}"

    def needs_redis(self) -> bool:
        return self.store == "redis"

    def store_argument(self, tmp_dir: Path, redis_port: int | None) -> list[str]:
        """The backend's own options for this variant (tmp_dir: a fresh folder per run)."""
        if self.store is None:
            return []
        if self.store == "memory":
            return ["--store", "memory"]
        if self.store == "sqlite":
            return ["--store", f"sqlite:{tmp_dir / 'ledger.db'}"]
        if self.store == "redis":
            if redis_port is None:
                raise ValueError(f"{self.name} needs a redis-server port")
            return ["--store", f"redis://127.0.0.1:{redis_port}"]
        raise ValueError(f"unknown store '{self.store}' in backend spec {self.name}")


# Patterns whose binary takes variants. The order here is the order of runs and chart legends.
VARIANTS: dict[str, list[BackendSpec]] = {
    "hexagonal": [
        BackendSpec("hexagonal:memory", "hexagonal", "memory"),
        BackendSpec("hexagonal:sqlite", "hexagonal", "sqlite"),
        BackendSpec("hexagonal:redis", "hexagonal", "redis"),
    ],
}

# The patterns, in the order the docs introduce them; unknown ones found on disk come after.
PATTERN_ORDER = ["baseline", "hexagonal", "actor", "event-driven", "ddd", "zero-copy"]

# archbench-* binaries that are not backends: the tools bench runs, and test programs. (A new
# archbench-<tool> must be added here, or bench would try to start it as a backend.)
TOOLS = {"loadgen", "micro"}
NOT_BACKENDS = TOOLS | {"conformance"}


def wanted_by_bench(target: str) -> bool:
    """Is this archbench-* build target a backend or a tool that bench runs?"""
    name = target[len("archbench-"):]
    return name in TOOLS or name not in NOT_BACKENDS


def all_specs(patterns: list[str]) -> list[BackendSpec]:
    """Every spec of these patterns: their variants, or the plain pattern."""
    specs: list[BackendSpec] = []
    for pattern in patterns:
        specs.extend(VARIANTS.get(pattern, [BackendSpec(pattern, pattern)]))
    return specs


def patterns_on_disk(bin_dir: Path) -> list[str]:
    """The patterns whose archbench-<pattern> binary is in bin_dir, in PATTERN_ORDER."""
    found = []
    if bin_dir.is_dir():
        for entry in bin_dir.iterdir():
            name = entry.name
            if not name.startswith("archbench-") or not os.access(entry, os.X_OK):
                continue
            pattern = name[len("archbench-"):]
            if pattern not in NOT_BACKENDS and "_" not in pattern and "." not in pattern:
                found.append(pattern)
    rank = {p: i for i, p in enumerate(PATTERN_ORDER)}
    return sorted(found, key=lambda p: (rank.get(p, len(rank)), p))


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def default_specs(bin_dir: Path) -> tuple[list[BackendSpec], list[str]]:
    """Every backend available here, and one note per variant left out (and why)."""
    specs, notes = [], []
    for spec in all_specs(patterns_on_disk(bin_dir)):
        if spec.needs_redis() and not redis_available():
            notes.append(f"{spec.name} skipped: redis-server is not installed")
            continue
        specs.append(spec)
    return specs, notes


def resolve(names: list[str], bin_dir: Path) -> list[BackendSpec]:
    """Specs for names given on the command line: "baseline", "hexagonal:sqlite", or
    "hexagonal" for all of its variants. Raises ValueError with a message for the user."""
    specs: list[BackendSpec] = []
    for name in names:
        pattern, _, variant = name.partition(":")
        candidates = all_specs([pattern])
        if variant:
            candidates = [s for s in candidates if s.name == name]
            if not candidates:
                known = ", ".join(s.name for s in all_specs([pattern]))
                raise ValueError(f"unknown backend '{name}' (known for {pattern}: {known})")
        binary = bin_dir / f"archbench-{pattern}"
        if not binary.exists():
            raise ValueError(f"backend '{name}': {binary} does not exist (not built yet?)")
        for spec in candidates:
            if spec.needs_redis() and not redis_available():
                raise ValueError(f"backend '{spec.name}' needs redis-server, which is not "
                                 "installed (apt-get install redis-server)")
            if spec not in specs:
                specs.append(spec)
    return specs
