"""Running whole processes in the copy and reading their logs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.workspace import Workspace

BUILD_TIMEOUT = 3600.0
RAN_RE = re.compile(r"snippet-exec: (\d+) snippets, (\d+) ran")


class BenchError(RuntimeError):
    """A build or a snippet failed, so the numbers would mean nothing."""


def environment(**changes: str | None) -> dict[str, str]:
    """This process's environment with ``changes`` (None removes one);
    SNIPPET_EXEC is always unset unless ``changes`` sets it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SNIPPET_EXEC", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def tail(text: str, lines: int = 40) -> str:
    """The last lines of a log, for error messages."""
    return "\n".join(text.splitlines()[-lines:])


def timed(
    command: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    log: Path,
    timeout: float = BUILD_TIMEOUT,
) -> float:
    """Run a command to its end; its wall-clock seconds.

    Its output goes to ``log``; a non-zero exit raises ``BenchError``.
    """
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        text = log.read_text(encoding="utf-8", errors="replace")
        raise BenchError(
            f"{' '.join(map(str, command))} (in {cwd}) exited with "
            f"{done.returncode}:\n{tail(text)}"
        )
    return elapsed


def mkdocs_build(ws: Workspace, name: str, env: dict[str, str]) -> float:
    """Time ``mkdocs build`` of the copy into its own output folder."""
    command = [sys.executable, "-m", "mkdocs", "build", "-d"]
    command.append(str(ws.site(name)))
    return timed(command, ws.repo, env, ws.logs / f"{name}.log")


def snippets_ran(ws: Workspace, name: str) -> int | None:
    """How many snippets the build ``name`` ran, from its log."""
    text = (ws.logs / f"{name}.log").read_text(encoding="utf-8")
    found = RAN_RE.findall(text)
    return int(found[-1][1]) if found else None
