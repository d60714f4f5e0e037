"""Starting and stopping the processes of a run: the backend, redis-server, on 127.0.0.1 only.

Pinning: the server gets one CPU and the load generator another (taskset), so that neither
steals the other's core and the server's CPU per request is its own. With a single CPU there is
nothing to separate: we warn and do not pin.

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


class RedisServer:
    """A throw-away redis-server on a free loopback port: no persistence, its own folder."""

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
