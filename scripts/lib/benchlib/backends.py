"""What can be benchmarked: the backends CMake registered, read from <bin>/backends.json.

CMake writes that file when it configures (cmake/ArchbenchBackendList.cmake): one entry per
archbench_add_bench_variant(), or one per archbench_add_backend() without variants, in
registration order (the order of runs and chart legends). A new backend needs no line here.

    {"backends": [{"name": "hexagonal:sqlite", "pattern": "hexagonal",
                   "binary": "archbench-hexagonal",
                   "args": ["--store", "sqlite:{tmp}/ledger.db"], "servers": []}, ...]}

In "args", {tmp} stands for a fresh folder per run, {redis_port} for the port of the
redis-server bench starts for the run ("servers": ["redis"]) and {nats_url} for the URL of the
nats-server with JetStream it starts ("servers": ["nats"]).
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "backends.json"

# The programs bench runs besides the backends: built with them, never started as one.
TOOLS = ("archbench-loadgen", "archbench-micro")

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class BackendSpec:
    name: str  # what results and charts call it: "baseline", "hexagonal:sqlite"
    pattern: str  # the CMake archbench_add_backend(<pattern>)
    binary: str  # the executable's file name in the bin folder
    args: tuple[str, ...] = ()  # the backend's own options, with placeholders
    servers: tuple[str, ...] = ()  # what must run first: "redis", "nats"
    in_default_run: bool = True  # False: registered ON_REQUEST (--backends names it, or --full)

    def needs_redis(self) -> bool:
        return "redis" in self.servers

    def needs_nats(self) -> bool:
        return "nats" in self.servers

    def arguments(self, tmp_dir: Path, redis_port: int | None,
                  nats_url: str | None = None) -> list[str]:
        """The backend's own options for this run (tmp_dir: a fresh folder per run)."""
        values = {"tmp": str(tmp_dir),
                  "redis_port": None if redis_port is None else str(redis_port),
                  "nats_url": nats_url}

        def fill(match: re.Match) -> str:
            key = match.group(1)
            if key not in values:
                raise ValueError(f"backend {self.name}: unknown placeholder {{{key}}} in its "
                                 "arguments (known: {tmp}, {redis_port}, {nats_url})")
            if values[key] is None:
                server = "nats-server URL" if key == "nats_url" else "redis-server port"
                raise ValueError(f"{self.name} needs a {server}")
            return values[key]

        return [PLACEHOLDER.sub(fill, arg) for arg in self.args]

    # The name scripts/bench calls it by (the arguments were once only a --store option).
    store_argument = arguments


def load(bin_dir: Path) -> list[BackendSpec]:
    """Every registered backend run, in registration order. Raises ValueError with a message
    for the user when the list is missing or malformed."""
    path = bin_dir / REGISTRY
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise ValueError(f"{path} does not exist: configure the build first "
                         "(cmake --preset release writes it)") from None
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"{path} is unreadable: {e}") from None
    try:
        specs = [BackendSpec(name=e["name"], pattern=e["pattern"], binary=e["binary"],
                             args=tuple(e.get("args", ())), servers=tuple(e.get("servers", ())),
                             in_default_run=bool(e.get("default", True)))
                 for e in data["backends"]]
    except (KeyError, TypeError) as e:
        raise ValueError(f"{path}: malformed entry ({e!r}); reconfigure with cmake") from None
    names = [s.name for s in specs]
    if len(names) != len(set(names)):
        raise ValueError(f"{path}: a backend name appears twice: {names}")
    return specs


def bench_targets(bin_dir: Path) -> list[str]:
    """The build targets bench needs: every registered backend's binary and bench's tools."""
    binaries = []
    for spec in load(bin_dir):
        if spec.binary not in binaries:
            binaries.append(spec.binary)
    return binaries + list(TOOLS)


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def nats_available() -> bool:
    return shutil.which("nats-server") is not None


def default_specs(bin_dir: Path, full: bool = False) -> tuple[list[BackendSpec], list[str]]:
    """Every registered backend runnable here (those registered ON_REQUEST only when `full`),
    and one note per run left out (and why)."""
    specs, notes = [], []
    for spec in load(bin_dir):
        if not spec.in_default_run and not full:
            notes.append(f"{spec.name} not in the default run: name it with --backends, or "
                         "run --full")
        elif not (bin_dir / spec.binary).exists():
            notes.append(f"{spec.name} skipped: {spec.binary} is not built")
        elif spec.needs_redis() and not redis_available():
            notes.append(f"{spec.name} skipped: redis-server is not installed")
        elif spec.needs_nats() and not nats_available():
            notes.append(f"{spec.name} skipped: nats-server is not installed")
        else:
            specs.append(spec)
    return specs, notes


def resolve(names: list[str], bin_dir: Path) -> list[BackendSpec]:
    """Specs for names given on the command line: "baseline", "hexagonal:sqlite", or
    "hexagonal" for all of its variants. Raises ValueError with a message for the user."""
    registered = load(bin_dir)
    specs: list[BackendSpec] = []
    for name in names:
        pattern = name.partition(":")[0]
        of_pattern = [s for s in registered if s.pattern == pattern]
        candidates = [s for s in of_pattern if name in (s.name, s.pattern)]
        if not candidates:
            known = ", ".join(s.name for s in (of_pattern or registered))
            where = f"known for {pattern}" if of_pattern else "registered"
            raise ValueError(f"unknown backend '{name}' ({where}: {known})")
        for spec in candidates:
            binary = bin_dir / spec.binary
            if not binary.exists():
                raise ValueError(f"backend '{spec.name}': {binary} does not exist "
                                 "(not built yet?)")
            if spec.needs_redis() and not redis_available():
                raise ValueError(f"backend '{spec.name}' needs redis-server, which is not "
                                 "installed (apt-get install redis-server)")
            if spec.needs_nats() and not nats_available():
                raise ValueError(f"backend '{spec.name}' needs nats-server, which is not "
                                 "installed (apt-get install nats-server)")
            if spec not in specs:
                specs.append(spec)
    return specs


def patterns_on_disk(bin_dir: Path) -> list[str]:
    """The patterns whose archbench-<pattern> is built in bin_dir, once each, in registration
    order (what `scripts/callgrind --all` measures); empty when there is no backends.json."""
    try:
        specs = load(bin_dir)
    except ValueError:
        return []
    patterns: list[str] = []
    for spec in specs:
        if spec.pattern not in patterns and (bin_dir / spec.binary).exists():
            patterns.append(spec.pattern)
    return patterns
