"""Run snippets in isolated children forked from a warm parent.

A ``forkserver`` imports torch, numpy and matplotlib once; each snippet then
runs in a fresh fork of it, so state, memory and global settings never leak
from one snippet to the next, and a crash or a hang kills only that child.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Seconds a child may outlive its timeout before the parent kills it outright.
KILL_GRACE = 5.0
DUMP_LINE_RE = r'File "{path}", line (\d+)'


@dataclass
class SnippetError:
    """Why a snippet failed, located at a line of the snippet file."""

    kind: str  # exception, syntax, exit, sections, timeout, crash
    summary: str
    lineno: int | None = None
    traceback: str = ""


@dataclass
class ChunkResult:
    """Output and figures of one chunk (the lines between section markers)."""

    first_line: int
    sections: list[str]
    output: str
    figures: list[str] = field(default_factory=list)  # SVG documents


@dataclass
class RunResult:
    """Everything one run of a snippet produced."""

    path: str  # relative to the repository root
    chunks: list[ChunkResult]
    duration: float
    reads: list[str] = field(default_factory=list)  # absolute paths
    error: SnippetError | None = None
    cached: bool = False
    env: dict[str, str] = field(default_factory=dict)  # python, torch, device

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def output(self) -> str:
        """Everything the snippet wrote to stdout and stderr, in order."""
        return "".join(chunk.output for chunk in self.chunks)

    def select(self, section: str | None) -> tuple[str, list[str]]:
        """Output and figures of one section, or of the whole file."""
        chosen = [
            c for c in self.chunks if section is None or section in c.sections
        ]
        output = "".join(c.output for c in chosen)
        figures = [svg for c in chosen for svg in c.figures]
        return output, figures

    def location(self) -> str:
        """``file:line`` of the failure, for messages."""
        line = self.error.lineno if self.error and self.error.lineno else 1
        return f"{self.path}:{line}"


@dataclass(frozen=True)
class Limits:
    """Per-snippet limits: seconds, address space and output size in MiB."""

    timeout: float = 120.0
    memory_mb: int = 4096
    output_mb: int = 16


def _context() -> multiprocessing.context.ForkServerContext:
    # Children must see the same environment every time: no GUI backend, and
    # a fixed hash seed so set and dict orders repeat from build to build.
    os.environ["MPLBACKEND"] = "Agg"
    os.environ["PYTHONHASHSEED"] = "0"
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["snippet_exec.child"])
    return context


class Executor:
    """Runs snippets, several at a time, each in its own forked child."""

    def __init__(
        self, root: Path, limits: Limits | None = None, jobs: int = 0
    ):
        self.root = root.resolve()
        self.limits = limits or Limits()
        self.jobs = jobs or os.cpu_count() or 1
        self._context = _context()
        self._live: set[multiprocessing.process.BaseProcess] = set()

    def run(self, path: Path) -> RunResult:
        """Run one snippet file and return what it produced."""
        path = path.resolve()
        rel = path.relative_to(self.root).as_posix()
        workdir = Path(tempfile.mkdtemp(prefix="snippet-"))
        try:
            return self._run_in_child(path, rel, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def run_many(
        self,
        paths: Iterable[Path],
        on_result: Callable[[RunResult], None] | None = None,
    ) -> list[RunResult]:
        """Run snippets in parallel, one child per snippet; keep the order.

        ``on_result`` sees each result as soon as its run ends, for
        progress lines.
        """

        def run(path: Path) -> RunResult:
            result = self.run(path)
            if on_result is not None:
                on_result(result)
            return result

        paths = list(paths)
        if len(paths) <= 1 or self.jobs == 1:
            return [run(p) for p in paths]
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            return list(pool.map(run, paths))

    def stop(self) -> None:
        """Kill every child still running (a server shutting down); their
        runs end as crashes."""
        for process in list(self._live):
            process.kill()

    def _run_in_child(self, path: Path, rel: str, workdir: Path) -> RunResult:
        cwd = workdir / "cwd"
        cwd.mkdir()
        spec: dict[str, Any] = {
            "path": str(path),
            "cwd": str(cwd),
            "output_path": str(workdir / "output"),
            "result_path": str(workdir / "result.json"),
            "dump_path": str(workdir / "dump"),
            "progress_path": str(workdir / "progress"),
            "root": str(self.root),
            "threads": max(1, (os.cpu_count() or 1) // self.jobs),
            "timeout": self.limits.timeout,
            "memory_mb": self.limits.memory_mb,
            "output_mb": self.limits.output_mb,
        }
        from snippet_exec import child  # the target must be importable by name

        started = time.perf_counter()
        process = self._context.Process(target=child.run, args=(spec,))
        process.start()
        self._live.add(process)  # for stop()
        process.join(self.limits.timeout + KILL_GRACE)
        killed = process.is_alive()
        if killed:
            process.kill()
            process.join()
        self._live.discard(process)
        elapsed = time.perf_counter() - started
        raw = (
            Path(spec["output_path"]).read_bytes()
            if Path(spec["output_path"]).exists()
            else b""
        )
        result_file = Path(spec["result_path"])
        if result_file.exists():
            data = json.loads(result_file.read_text(encoding="utf-8"))
            return self._from_child(rel, data, raw)
        return RunResult(
            path=rel,
            chunks=[ChunkResult(1, [], raw.decode("utf-8", "replace"))],
            duration=elapsed,
            error=self._death(path, process.exitcode, workdir, killed),
        )

    def _from_child(
        self, rel: str, data: dict[str, Any], raw: bytes
    ) -> RunResult:
        chunks = [
            ChunkResult(
                first_line=c["first_line"],
                sections=c["sections"],
                output=raw[c["start"] : c["end"]].decode("utf-8", "replace"),
                figures=c["figures"],
            )
            for c in data["chunks"]
        ]
        error = SnippetError(**data["error"]) if data["error"] else None
        if error is not None and not chunks:
            chunks = [ChunkResult(1, [], raw.decode("utf-8", "replace"))]
        return RunResult(
            rel,
            chunks,
            data["duration"],
            data["reads"],
            error,
            env=data["env"],
        )

    def _death(
        self, path: Path, exitcode: int | None, workdir: Path, killed: bool
    ) -> SnippetError:
        """Explain a child that ended without writing a result.

        The line comes from faulthandler's dump (a timeout or a fatal signal)
        or else from the last line the child noted before dying.
        """
        dump = _read(workdir / "dump")
        pattern = DUMP_LINE_RE.format(path=re.escape(str(path)))
        frames = [
            line.strip() for line in dump.splitlines() if str(path) in line
        ]
        lines = re.findall(pattern, dump) or [_read(workdir / "progress")]
        lineno = int(lines[0]) if lines[0].isdigit() else None
        details = "\n".join(frames)
        if dump.startswith("Timeout") or killed:
            summary = (
                f"timed out after {self.limits.timeout:g} s and was stopped"
            )
            return SnippetError("timeout", summary, lineno, details)
        if exitcode is not None and exitcode < 0:
            summary = f"the process was killed by signal {-exitcode}"
        else:
            summary = f"the process ended abruptly with exit status {exitcode}"
        return SnippetError("crash", summary, lineno, details)


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace").strip()
    except OSError:
        return ""
