"""Run snippets in isolated children forked from a warm parent.

A ``forkserver`` imports torch, numpy and matplotlib once; each snippet then
runs in a fresh fork of it, so state, memory and global settings never leak
from one snippet to the next, and a crash or a hang kills only that child.
Each child gets an empty working folder and an empty ``TMPDIR`` of its own,
both removed afterwards, so nothing one run leaves behind changes the next.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from snippet_exec import watch
from snippet_exec.blobs import BlobError, BlobStore
from snippet_exec.paths import PathScrubber
from snippet_exec.results import ChunkResult, RunResult, SnippetError
from snippet_exec.schedule import Schedule
from snippet_exec.settings import (
    Markers,
    Settings,
    SettingsError,
    read_markers,
)
from snippet_exec.source import SourceError

BLOB_DIR = ".cache/snippet_exec/blobs"


@dataclass(frozen=True)
class Limits:
    """Per-snippet limits: seconds, memory and output size in MiB.

    ``memory_mb`` bounds what the snippet allocates (RLIMIT_DATA) from
    its start, beyond what the engine loaded before it; ``output_mb``
    bounds what the snippet prints (the page's output), not the files it
    or its libraries write.
    """

    timeout: float = Settings.timeout
    memory_mb: int = Settings.memory_mb
    output_mb: int = 16


def _context() -> multiprocessing.context.ForkServerContext:
    # Children must see the same environment every time: no GUI backend, and
    # a fixed hash seed so set and dict orders repeat from build to build.
    os.environ["MPLBACKEND"] = "Agg"
    os.environ["PYTHONHASHSEED"] = "0"
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    return context


# child: torch, numpy, matplotlib; warm: their first-call costs, worth
# paying once only when more snippets will run than there are cores.
PRELOAD = ("snippet_exec.child", "snippet_exec.warm")


def _child_main(spec: dict[str, Any]) -> None:
    """The child's entry point. Named here, not in ``child``, so that the
    build's own process never imports torch: the forkserver has it."""
    from snippet_exec import child

    child.run(spec)


def _markers(path: Path) -> Markers | None:
    """A snippet's markers, or None if unreadable (``run`` reports why)."""
    try:
        return read_markers(path)
    except (OSError, SettingsError, SourceError):
        return None


def _cores() -> int:
    """CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Executor:
    """Runs snippets, several at a time, each in its own forked child.

    A snippet marked ``# shard: alone`` runs by itself with every core;
    the others run side by side, one thread each (see ``settings``).
    """

    def __init__(
        self,
        root: Path,
        limits: Limits | None = None,
        jobs: int = 0,
        blobs: Path | None = None,
    ):
        self.root = root.resolve()
        self.limits = limits or Limits()
        self.jobs = jobs or _cores()
        # Figure files move here from each child's work folder.
        self.blobs = BlobStore(blobs or self.root / BLOB_DIR)
        self._context = _context()
        self._live: set[multiprocessing.process.BaseProcess] = set()
        self.schedule = Schedule(self.jobs)  # of the last run_many

    def start_parent(self, runs: int | None = None) -> None:
        """Start the warm parent now, without waiting for its imports, so
        they overlap the host's own work; the first run waits for them.
        Starting it again is a no-op. ``runs``: how many snippets it will
        serve (None: many, e.g. a server); with no more than one per core,
        each child pays only the first calls it makes, so the warm-up
        (``warm``) is left out."""
        from multiprocessing import forkserver

        few = runs is not None and runs <= self.jobs
        self._context.set_forkserver_preload(
            list(PRELOAD[:1] if few else PRELOAD)
        )
        forkserver.ensure_running()

    @classmethod
    def from_settings(
        cls, root: Path, resolved: Settings, blobs: Path | None = None
    ) -> Executor:
        """An executor with the limits and jobs of resolved settings;
        figure files go to ``blobs`` (default: the cache's own)."""
        limits = Limits(resolved.timeout, resolved.memory_mb)
        return cls(root, limits, resolved.jobs, blobs)

    def limits_for(self, path: Path) -> Limits:
        """The limits of one snippet: its own ``# timeout:`` wins."""
        return self._limits(_markers(path) or Markers())

    def _limits(self, markers: Markers) -> Limits:
        if markers.timeout is None:
            return self.limits
        return replace(self.limits, timeout=markers.timeout)

    def run(self, path: Path) -> RunResult:
        """Run one snippet file and return what it produced."""
        path = path.resolve()
        rel = path.relative_to(self.root).as_posix()
        try:
            markers = read_markers(path)
        except (OSError, SettingsError, SourceError) as exc:
            kind = "settings" if isinstance(exc, SettingsError) else "source"
            line = getattr(exc, "lineno", None)
            error = SnippetError(kind, str(exc), line)
            return RunResult(rel, [], 0.0, error=error)
        control = Path(tempfile.mkdtemp(prefix="snippet-exec-"))
        sandbox = Path(tempfile.mkdtemp(prefix="snippet-"))
        try:
            return self._run_in_child(path, rel, markers, control, sandbox)
        finally:
            shutil.rmtree(control, ignore_errors=True)
            shutil.rmtree(sandbox, ignore_errors=True)

    def run_many(
        self,
        paths: Iterable[Path],
        on_result: Callable[[RunResult], None] | None = None,
    ) -> list[RunResult]:
        """Run snippets, one child each, and keep the order: the shared ones
        side by side, then each ``# shard: alone`` one by itself.
        ``on_result`` sees each result as soon as its run ends."""

        schedule = Schedule(self.jobs)

        def run(path: Path, timed: bool = True) -> RunResult:
            start = time.perf_counter()
            result = self.run(path)
            if on_result is not None:  # e.g. storing it in the cache
                on_result(result)
            if timed:  # side by side; an alone run has every core
                schedule.add(start, time.perf_counter(), result.duration)
            return result

        paths = list(paths)
        alone = {p for p in paths if (_markers(p) or Markers()).alone}
        shared = [p for p in paths if p not in alone]
        self.schedule = schedule
        if len(shared) <= 1 or self.jobs == 1:
            done = [run(p) for p in shared]
        else:
            # In the given order: a caller that wants the longest first
            # (see ``schedule``) gets the cores busy to near the end.
            with ThreadPoolExecutor(max_workers=self.jobs) as pool:
                done = list(pool.map(run, shared))
        results = dict(zip(shared, done, strict=True))
        results.update((p, run(p, False)) for p in paths if p in alone)
        return [results[p] for p in paths]

    def stop(self) -> None:
        """Kill every child still running (a server shutting down); their
        runs end as crashes."""
        for process in list(self._live):
            process.kill()

    def _spec(
        self, path: Path, markers: Markers, control: Path, sandbox: Path
    ) -> dict[str, Any]:
        threads = _cores() if markers.alone else max(1, _cores() // self.jobs)
        (sandbox / "work").mkdir()
        return {
            "path": str(path),
            "cwd": str(sandbox / "work"),
            "tmpdir": str(sandbox),
            "environ": dict(os.environ),
            "output_path": str(control / "output"),
            "result_path": str(control / "result.json"),
            "dump_path": str(control / "dump"),
            "progress_path": str(control / "progress"),
            "figures_dir": str(control / "figures"),
            "root": str(self.root),
            "threads": threads,
            "timeout": self._limits(markers).timeout,
            "memory_mb": self.limits.memory_mb,
        }

    def _run_in_child(
        self,
        path: Path,
        rel: str,
        markers: Markers,
        control: Path,
        sandbox: Path,
    ) -> RunResult:
        spec = self._spec(path, markers, control, sandbox)
        started = time.perf_counter()
        process = self._context.Process(target=_child_main, args=(spec,))
        process.start()
        self._live.add(process)  # for stop()
        stopped = watch.wait(process, spec, self.limits.output_mb)
        self._live.discard(process)
        elapsed = time.perf_counter() - started
        output = control / "output"
        raw = output.read_bytes() if output.exists() else b""
        scrub = PathScrubber(self.root, sandbox)
        result_file = Path(spec["result_path"])
        if stopped is None and result_file.exists():
            data = json.loads(result_file.read_text(encoding="utf-8"))
            result = RunResult.from_child(rel, data, raw, scrub)
            return self._keep_figures(result, control / "figures")
        why = watch.explain(spec, process.exitcode, stopped, self.limits)
        error = SnippetError(*why)
        return RunResult(
            path=rel,
            chunks=[ChunkResult(1, [], scrub(raw.decode("utf-8", "replace")))],
            duration=elapsed,
            error=error.scrubbed(scrub),
        )

    def _keep_figures(self, result: RunResult, folder: Path) -> RunResult:
        """Move the figures' files from the child's folder into the store;
        a file missing or cut short fails the run, never the cache."""
        result.blob_dir = str(self.blobs.directory)
        try:
            for chunk in result.chunks:
                for record in chunk.figures:
                    self.blobs.keep(record, folder)
        except (BlobError, OSError) as err:
            for chunk in result.chunks:
                chunk.figures = []
            result.error = result.error or SnippetError(
                "figure", f"figure files: {err}"
            )
        return result
