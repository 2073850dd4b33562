"""Watch a running child from the parent, and explain one that died.

The parent stops a child that runs past its timeout or prints past the
output limit (what the snippet writes to the page; files the snippet or
its libraries write, like a compiler's precompiled header, are not
limited). A child that ends without writing its result is explained from
faulthandler's dump or the last line it noted.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from pathlib import Path
from typing import Any

# Seconds a child may outlive its timeout before the parent kills it outright.
KILL_GRACE = 5.0
# How often the parent looks at a running child's output size, seconds.
POLL = 0.05
# Seconds a child is given to dump its traceback before it is killed.
DUMP_WAIT = 1.0
DUMP_LINE_RE = r'File "{path}", line (\d+)'
# The parent sends this to learn the running line before it stops a child.
WHERE_SIGNAL = signal.SIGUSR2


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _stop(process, dump_path: str) -> None:
    """Ask the child where it is (faulthandler dumps its traceback on
    ``WHERE_SIGNAL``), then kill it."""
    before = _size(dump_path)
    with contextlib.suppress(OSError, TypeError):
        os.kill(process.pid, WHERE_SIGNAL)
    deadline = time.monotonic() + DUMP_WAIT
    while _size(dump_path) == before and time.monotonic() < deadline:
        time.sleep(POLL)
    process.kill()
    process.join()


def wait(process, spec: dict[str, Any], output_mb: int) -> str | None:
    """Wait for the child to end; stop it if it runs past its time or
    prints past ``output_mb`` MiB. Returns why it was stopped, or None."""
    deadline = time.monotonic() + spec["timeout"] + KILL_GRACE
    limit = output_mb * 1024 * 1024
    while True:
        process.join(POLL)
        if not process.is_alive():
            return None
        if limit > 0 and _size(spec["output_path"]) > limit:
            _stop(process, spec["dump_path"])
            return "output"
        if time.monotonic() > deadline:
            process.kill()
            process.join()
            return "timeout"


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace").strip()
    except OSError:
        return ""


def explain(
    spec: dict[str, Any], exitcode: int | None, stopped: str | None, limits
) -> tuple[str, str, int | None, str]:
    """``(kind, summary, lineno, details)`` of a child without a result.

    The line comes from faulthandler's dump (a timeout, a fatal signal or
    the parent's question) or else from the last line the child noted.
    """
    path = spec["path"]
    dump = _read(Path(spec["dump_path"]))
    pattern = DUMP_LINE_RE.format(path=re.escape(path))
    frames = [line.strip() for line in dump.splitlines() if path in line]
    lines = re.findall(pattern, dump) or [_read(Path(spec["progress_path"]))]
    lineno = int(lines[0]) if lines[0].isdigit() else None
    details = "\n".join(frames)
    if stopped == "output":
        summary = (
            f"the snippet printed more than {limits.output_mb} MiB of "
            "output (the engine's output limit) and was stopped"
        )
        return "output", summary, lineno, details
    if dump.startswith("Timeout") or stopped == "timeout":
        summary = f"timed out after {spec['timeout']:g} s and was stopped"
        return "timeout", summary, lineno, details
    if exitcode is not None and exitcode < 0:
        summary = f"the process was killed by signal {-exitcode}"
    else:
        summary = f"the process ended abruptly with exit status {exitcode}"
    return "crash", summary, lineno, details
