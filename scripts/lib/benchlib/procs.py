"""Starting and stopping the processes of a run: the backend, redis-server, nats-server, on
127.0.0.1 only, and the CPU time of every process that serves the requests.

Pinning: the server gets one CPU and the load generator another (taskset), so that neither
steals the other's core and the server's CPU per request is its own. A backend's store server
(redis-server, nats-server) is part of the server side: it is pinned to the server's CPU too,
and its CPU time is charged to the requests along with the backend's (ServerCpu below): a
Redis store must not look cheaper than SQLite because its server's work is in another process.
With a single CPU there is nothing to separate: we warn and do not pin.

A backend is ready when it has printed "listening on HOST:PORT" and answers GET /health 200.
It must stop on SIGTERM with exit status 0: anything else is reported.
"""
from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

LISTENING = re.compile(r"listening on (\S+):(\d+)")


class StartError(RuntimeError):
    """A process did not come up; the message says why and shows its stderr."""


@dataclass(frozen=True)
class Pinning:
    server_cpu: int | None  # None: not pinned
    client_cpu: int | None

    @staticmethod
    def detect() -> "Pinning":
        """Server on the first CPU this process may use, client on the second; none with one."""
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) < 2 or shutil.which("taskset") is None:
            return Pinning(None, None)
        return Pinning(cpus[0], cpus[1])

    @property
    def pinned(self) -> bool:
        return self.server_cpu is not None

    def prefix(self, role: str) -> list[str]:
        """["taskset", "-c", "N"] for "server" or "client" (taskset execs: the pid stays)."""
        cpu = self.server_cpu if role == "server" else self.client_cpu
        return [] if cpu is None else ["taskset", "-c", str(cpu)]

    def describe(self) -> str:
        if not self.pinned:
            return "not pinned (one CPU)"
        return f"server pinned to CPU {self.server_cpu}, load generator to CPU {self.client_cpu}"


def tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(errors="replace").rstrip("\n").splitlines()
    except OSError:
        return ""
    return "\n".join("    " + line for line in text[-lines:])


def free_port() -> int:
    """A loopback port nobody listens on now (for redis-server, which cannot pick one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get_status(host: str, port: int, path: str, timeout_s: float = 2.0) -> int | None:
    """Status of GET path, or None when there is no answer (http.client: never a proxy)."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout_s)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def stop(process: subprocess.Popen, timeout_s: float = 10.0) -> tuple[int, bool]:
    """SIGTERM, then wait; SIGKILL after timeout_s. Returns (exit status, stopped by itself)."""
    if process.poll() is not None:
        return process.returncode, True
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout_s), True
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait(), False


class Backend:
    """A backend process: started, ready, then stopped (use as a context manager)."""

    def __init__(self, argv: list[str], log_prefix: Path, ready_timeout_s: float = 15.0):
        self.argv = argv
        self.stdout_path = log_prefix.with_name(log_prefix.name + ".server.out")
        self.stderr_path = log_prefix.with_name(log_prefix.name + ".server.err")
        self.ready_timeout_s = ready_timeout_s
        self.process: subprocess.Popen | None = None
        self.host, self.port = "127.0.0.1", 0
        self.exit_status: int | None = None
        self.stopped_cleanly: bool | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def __enter__(self) -> "Backend":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            try:
                self.process = subprocess.Popen(self.argv, stdout=out, stderr=err,
                                                stdin=subprocess.DEVNULL)
            except OSError as e:
                raise StartError(f"cannot start {self.argv[0]}: {e}") from e
        deadline = time.monotonic() + self.ready_timeout_s
        while time.monotonic() < deadline:
            match = LISTENING.search(self.stdout_path.read_text(errors="replace"))
            if match:
                self.host, self.port = match.group(1), int(match.group(2))
                break
            if self.process.poll() is not None:
                self._fail(f"exited with status {self.process.returncode} before listening")
            time.sleep(0.02)
        else:
            self._fail(f"printed no 'listening on HOST:PORT' within {self.ready_timeout_s:.0f} s")
        if self.host not in ("127.0.0.1", "localhost", "::1"):
            self._fail(f"listens on {self.host}, not on loopback")
        while time.monotonic() < deadline:
            if http_get_status(self.host, self.port, "/health") == 200:
                return
            if self.process.poll() is not None:
                self._fail(f"exited with status {self.process.returncode} before /health")
            time.sleep(0.05)
        self._fail(f"GET /health did not answer 200 within {self.ready_timeout_s:.0f} s")

    def _fail(self, why: str) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        raise StartError(f"server {' '.join(self.argv)}\n  {why}; its stderr "
                         f"({self.stderr_path}):\n{tail(self.stderr_path) or '    (empty)'}")

    def stop(self) -> None:
        if self.process is None or self.exit_status is not None:
            return
        self.exit_status, self.stopped_cleanly = stop(self.process)

    def clean_exit(self) -> bool:
        return self.exit_status == 0 and bool(self.stopped_cleanly)


def cpu_us(pid: int) -> int | None:
    """User + system CPU time of a live process, µs (/proc/PID/stat); None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rindex(b")") + 2:].split()  # after "(comm) ": state is field 3
    ticks = int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15
    return ticks * 1_000_000 // os.sysconf("SC_CLK_TCK")


def child_processes(pid: int) -> list[tuple[int, str]]:
    """(pid, name) of the live children of a process (e.g. the projector that
    archbench-event-driven --spawn-projector starts), from /proc; [] when there are none."""
    children = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                children += [int(child) for child in f.read().split()]
    except OSError:
        return []
    named = []
    for child in children:
        try:
            with open(f"/proc/{child}/cmdline", "rb") as f:
                argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
        except OSError:
            continue
        name = Path(argv[0]).name if argv else "?"
        if "--role" in argv[:-1]:  # "archbench-event-driven --role projector"
            name += " --role " + argv[argv.index("--role") + 1]
        named.append((child, name))
    return named


def affinity(pid: int) -> list[int] | None:
    try:
        return sorted(os.sched_getaffinity(pid))
    except OSError:
        return None


@dataclass
class ServerProcess:
    """One process of the server side: the backend, or a store server it talks to."""
    role: str  # "backend" or "store"
    name: str  # "archbench-hexagonal", "redis-server", ...
    pid: int
    cpu_start_us: int | None = None
    cpu_end_us: int | None = None
    cpus: list[int] | None = None

    @property
    def cpu_whole_run_us(self) -> int | None:
        if self.cpu_start_us is None or self.cpu_end_us is None:
            return None
        return self.cpu_end_us - self.cpu_start_us


class ServerCpu:
    """The CPU time of every server-side process over the load generator's whole run (set-up,
    warm-up, measured phase, read-back), sampled before it starts and after it ends.

    The load generator measures the backend alone, over the measured phase only. The store
    servers' share of that phase is estimated from the whole run: their CPU in proportion to the
    backend's (a store server works when the backend asks it to, in every phase alike). The
    sidecar file PREFIX.servers.json keeps the raw samples."""

    KIND = "archbench-bench-servers"

    def __init__(self, processes: list[ServerProcess]):
        self.processes = processes

    def start(self) -> None:
        for p in self.processes:
            p.cpu_start_us, p.cpus = cpu_us(p.pid), affinity(p.pid)

    def stop(self) -> None:
        for p in self.processes:
            p.cpu_end_us = cpu_us(p.pid)

    def to_json(self) -> dict:
        return {"kind": self.KIND, "method": self.__doc__.split("\n\n")[1].replace("\n", " "),
                "processes": [{"role": p.role, "name": p.name, "pid": p.pid, "cpus": p.cpus,
                               "cpu_us_whole_run": p.cpu_whole_run_us} for p in self.processes]}


def store_share(servers: dict | None) -> tuple[float | None, list[str]]:
    """From a PREFIX.servers.json: (store servers' CPU / backend's CPU over the whole run, their
    names); (None, []) when there is no store server or the samples are missing."""
    processes = (servers or {}).get("processes") or []
    backend = [p for p in processes if p.get("role") == "backend"]
    stores = [p for p in processes if p.get("role") == "store"]
    if not backend or not stores:
        return None, []
    whole = backend[0].get("cpu_us_whole_run")
    if not whole or any(p.get("cpu_us_whole_run") is None for p in stores):
        return None, [p.get("name", "?") for p in stores]
    return (sum(p["cpu_us_whole_run"] for p in stores) / whole,
            [p.get("name", "?") for p in stores])


class RedisServer:
    """A throw-away redis-server on a free loopback port: no persistence, its own folder."""

    name = "redis-server"

    def __init__(self, work_dir: Path, pin_prefix: list[str], log_prefix: Path):
        self.work_dir = work_dir
        self.pin_prefix = pin_prefix
        self.log_path = log_prefix.with_name(log_prefix.name + ".redis.log")
        self.port = 0
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "RedisServer":
        for _attempt in range(3):  # the free port may be taken between probe and bind
            self.port = free_port()
            argv = self.pin_prefix + [
                "redis-server", "--bind", "127.0.0.1", "--port", str(self.port),
                "--save", "", "--appendonly", "no", "--dir", str(self.work_dir),
                "--daemonize", "no", "--protected-mode", "yes"]
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.process.poll() is None:
                if self._ping():
                    return self
                time.sleep(0.02)
            stop(self.process, 2)
        raise StartError(f"redis-server did not start on 127.0.0.1; its log ({self.log_path}):\n"
                         f"{tail(self.log_path) or '    (empty)'}")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def _ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            stop(self.process, 5)


class NatsServer:
    """A throw-away nats-server with JetStream on free loopback ports, its store in work_dir
    (for the event-driven pattern). Ready when its monitoring port's /healthz answers 200;
    stopped with SIGINT (it exits 1 on SIGTERM)."""

    name = "nats-server"

    def __init__(self, work_dir: Path, pin_prefix: list[str], log_prefix: Path):
        self.work_dir = work_dir
        self.pin_prefix = pin_prefix
        self.log_path = log_prefix.with_name(log_prefix.name + ".nats.log")
        self.port = self.monitor_port = 0
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def __enter__(self) -> "NatsServer":
        for _attempt in range(3):
            self.port, self.monitor_port = free_port(), free_port()
            argv = self.pin_prefix + [
                "nats-server", "-a", "127.0.0.1", "-p", str(self.port), "-m",
                str(self.monitor_port), "-js", "-sd", str(self.work_dir / "jetstream")]
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.process.poll() is None:
                if http_get_status("127.0.0.1", self.monitor_port, "/healthz", 0.5) == 200:
                    return self
                time.sleep(0.05)
            self._stop()
        raise StartError(f"nats-server did not start on 127.0.0.1; its log ({self.log_path}):\n"
                         f"{tail(self.log_path) or '    (empty)'}")

    def _stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc) -> None:
        self._stop()
