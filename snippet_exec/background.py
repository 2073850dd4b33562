"""Snippet runs off the build thread, for a live-reloading server.

Under ``mkdocs serve`` every page request waits for the rebuild in
progress, so a rebuild must not wait for a slow snippet. A rebuild takes
what is ready (the cache, or a failure remembered here) and starts the
rest in the background, at most one run per core; it waits for them a
moment (``grace``), so that a quick snippet shows at once, and then their
includes show a "running" box. When a run ends its result goes to the cache as usual and
``on_done`` is told, so the host can rebuild and the page can reload.

A failed run is never cached, so it is remembered here instead, with the
snippet's cache key and the digests of the files it opened: a rebuild
with no edit (an editor saving twice, a change to another page) shows
the same failure instead of running a slow or hanging snippet again.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor, RunResult


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # absent or unreadable: creating it changes this


@dataclass(frozen=True)
class _Failure:
    key: str  # the snippet's cache key when it ran
    files: dict[Path, str | None]  # files it opened -> digest, or None
    result: RunResult

    def still_holds(self, key: str | None) -> bool:
        return key == self.key and all(
            _digest(path) == digest for path, digest in self.files.items()
        )


class BackgroundRuns:
    """Runs that outlive one build; see the module docstring.

    ``on_done(result)`` is called from a worker thread after each run that
    is still wanted (the snippet did not change meanwhile) has ended.
    """

    def __init__(
        self, on_done: Callable[[RunResult], None], grace: float = 0.0
    ) -> None:
        """``grace``: seconds ``collect`` waits for the runs it starts, so
        a quick snippet shows in this rebuild, not the next."""
        self.on_done, self.grace = on_done, grace
        self._lock = threading.Lock()
        self._waiting: dict[tuple, threading.Event] = {}  # run -> woken
        self._handed: dict[tuple, RunResult] = {}  # to a waiting collect
        self._running: dict[str, tuple[str | None, float]] = {}
        self._failures: dict[str, _Failure] = {}
        self._slots: dict[int, threading.Semaphore] = {}
        self._closed = False

    def collect(
        self, cache: ResultCache, executor: Executor, rel_paths: list[str]
    ) -> tuple[dict[str, RunResult], dict[str, float]]:
        """Results ready now for ``rel_paths`` (relative to the root) and
        the runs still going, as path -> ``time.time()`` at their start;
        starts a run for each path that has neither."""
        results: dict[str, RunResult] = {}
        running: dict[str, float] = {}
        started_now: dict[str, tuple[str | None, float]] = {}
        for rel in rel_paths:
            cached = cache.get(rel, executor.limits_for(cache.root / rel))
            if cached is not None:
                results[rel] = cached
                continue
            key = cache.key(rel)
            with self._lock:
                failure = self._failures.get(rel)
                if failure is not None and failure.still_holds(key):
                    results[rel] = replace(failure.result, cached=True)
                    continue
                now = self._running.get(rel)
                if now is not None and now[0] == key:
                    running[rel] = now[1]
                    continue
                started = time.time()
                self._running[rel] = (key, started)
                if self.grace > 0:
                    self._waiting[(key, started)] = threading.Event()
            running[rel] = started
            started_now[rel] = (key, started)
            threading.Thread(
                target=self._run,
                args=(cache, executor, rel, (key, started)),
                name=f"snippet-exec {rel}",
                daemon=True,  # never keeps the server from exiting
            ).start()
        for rel, result in self._wait_for(started_now).items():
            results[rel] = result
            del running[rel]
        return results, running

    def _wait_for(self, runs: dict[str, tuple]) -> dict[str, RunResult]:
        """The results of ``runs`` that end within the grace period; a run
        handed over here does not call ``on_done``."""
        deadline = time.monotonic() + self.grace
        ended = {}
        for rel, run in runs.items():
            event = self._waiting.get(run)
            if event is not None:
                event.wait(max(0.0, deadline - time.monotonic()))
            with self._lock:
                self._waiting.pop(run, None)
                if run in self._handed:
                    ended[rel] = self._handed.pop(run)
        return ended

    def _run(
        self,
        cache: ResultCache,
        executor: Executor,
        rel: str,
        run: tuple[str | None, float],
    ) -> None:
        key, started = run
        with self._slot(executor):
            if self._closed:
                return
            result = executor.run(cache.root / rel)
        stored = key is not None and cache.put(result, key, started)
        with self._lock:
            current = self._running.get(rel) == run
            if current:
                del self._running[rel]
                if not result.ok and key is not None:
                    files = {p: _digest(p) for p in cache.local_files(result)}
                    self._failures[rel] = _Failure(key, files, result)
                elif stored:
                    self._failures.pop(rel, None)
            closed = self._closed
            waiting = self._waiting.get(run)
            if waiting is not None:  # a collect takes it in this rebuild
                self._handed[run] = result
                waiting.set()
        if current and not closed and waiting is None:
            self.on_done(result)

    def _slot(self, executor: Executor) -> threading.Semaphore:
        """One run per core at once (the executor's ``jobs``)."""
        with self._lock:
            if executor.jobs not in self._slots:
                self._slots[executor.jobs] = threading.Semaphore(executor.jobs)
            return self._slots[executor.jobs]

    def running(self) -> int:
        """How many runs are going or waiting for a core."""
        with self._lock:
            return len(self._running)

    def close(self) -> None:
        """Start no more runs and tell no one about the ones ending."""
        with self._lock:
            self._closed = True
