"""Finding a Python that has a given module (scripts/plot needs Debian's matplotlib).

`python3` on PATH may be a pyenv or venv build without the Debian packages; Debian's own
interpreter, /usr/bin/python3, sees python3-matplotlib. scripts/plot re-executes itself under
the first interpreter that can import matplotlib.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

CANDIDATES = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]


def has_module(python: str, module: str) -> bool:
    try:
        return subprocess.run([python, "-c", f"import {module}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def find_python_with(module: str, exclude: str | None = None) -> str | None:
    """The first interpreter other than `exclude` that imports `module`, or None."""
    seen = {os.path.realpath(exclude)} if exclude else set()
    candidates = CANDIDATES + [shutil.which("python3") or ""]
    for candidate in candidates:
        if not candidate or not os.path.exists(candidate):
            continue
        real = os.path.realpath(candidate)
        if real in seen:
            continue
        seen.add(real)
        if has_module(candidate, module):
            return candidate
    return None


def reexec_with(module: str, marker: str = "ARCHBENCH_REEXEC") -> None:
    """Returns if this interpreter imports `module`; else re-executes the running script under
    one that does; else exits with status 1 and says what to install. `marker` stops loops."""
    try:
        __import__(module)
        return
    except ImportError:
        pass
    if not os.environ.get(marker):
        python = find_python_with(module, exclude=sys.executable)
        if python:
            os.environ[marker] = "1"
            os.execv(python, [python] + sys.argv)
    print(f"{os.path.basename(sys.argv[0])}: no Python here can import {module}: "
          f"install python3-{module} (apt-get install python3-{module})", file=sys.stderr)
    sys.exit(1)
