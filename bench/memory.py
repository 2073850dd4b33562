"""Peak memory of a clean build, measured from a fresh helper process.

The helper makes itself a child subreaper, so the forkserver and the
snippet processes stay in its tree when MkDocs exits: the whole tree's
proportional set size is sampled, and the largest process's peak comes
from ``RUSAGE_CHILDREN``.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.process import BUILD_TIMEOUT, BenchError, environment, tail
from bench.workspace import ROOT, Workspace

SAMPLE_EVERY = 0.2  # seconds between memory samples
PR_SET_CHILD_SUBREAPER = 36


def _children_of(root: int) -> list[int]:
    """Every live descendant of ``root``, from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text.rpartition(")")[2].split()
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _pss_kib(pid: int) -> int:
    """A process's proportional set size (shared pages split), in KiB."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            text = Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    return 0


def _reap_orphans(deadline: float) -> None:
    """Wait for the processes this subreaper adopted, so their peak RSS
    counts in ``RUSAGE_CHILDREN``."""
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def memory_helper(repo: Path, out: Path, log: Path) -> None:
    """Build ``repo`` once and print its peak memory as JSON.

    Runs in a fresh process, made a child subreaper so the forkserver and
    the snippet processes stay in its tree when MkDocs exits.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    peak = 0
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(out)]
    with log.open("w", encoding="utf-8") as handle:
        build = subprocess.Popen(
            command, cwd=repo, stdout=handle, stderr=subprocess.STDOUT
        )
        while build.poll() is None:
            tree = _children_of(os.getpid())
            peak = max(peak, sum(_pss_kib(pid) for pid in tree))
            time.sleep(SAMPLE_EVERY)
    _reap_orphans(time.monotonic() + 60)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = {"ok": build.returncode == 0, "tree": peak, "largest": largest}
    print(json.dumps(result))


def measure_memory(ws: Workspace) -> tuple[float, float]:
    """Peak MiB of an extra, untimed clean build: the whole process tree
    (PSS, sampled) and the largest single process (``ru_maxrss``)."""
    shutil.rmtree(ws.repo / ".cache", ignore_errors=True)
    command = [
        sys.executable,
        str(ROOT / "bench" / "bench.py"),
        "--memory-helper",
        str(ws.repo),
        str(ws.site("memory")),
        str(ws.logs / "memory.log"),
    ]
    done = subprocess.run(
        command,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"the memory helper failed:\n{tail(done.stderr)}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    if not data["ok"]:
        log = (ws.logs / "memory.log").read_text(encoding="utf-8")
        raise BenchError(f"the memory build failed:\n{tail(log)}")
    return data["tree"] / 1024, data["largest"] / 1024
