"""A content-addressed cache of snippet results that is never stale.

An entry is found by the hash of the snippet file, its path and the library
versions; it stays valid only while every input of the run still gives the
answer recorded with it (local files it read, folders it listed, paths it
tested, environment variables it read: see ``inputs``), and while the run
stays within the limits that apply now (a result that took longer than the
snippet's current timeout would fail a fresh run, so it is not served).
Failed runs are never stored, and every write is atomic, so a killed build
leaves either a complete entry or none.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from snippet_exec import __version__, inputs
from snippet_exec.blobs import BlobError, BlobStore, FigureRecord
from snippet_exec.executor import ChunkResult, Executor, Limits, RunResult
from snippet_exec.schedule import (
    longest_first,
    read_durations,
    record_durations,
)

# Scour and Pillow write the figure files a result holds.
VERSIONED = (
    "torch",
    "numpy",
    "matplotlib",
    "scikit-learn",
    "scour",
    "pillow",
)
# Seconds a file's modification time may lag the clock (a kernel tick).
FILE_CLOCK_TICK = 0.02


def environment_fingerprint() -> str:
    """Python, library and engine versions: a change re-runs every snippet."""
    parts = [f"python={platform.python_version()}", f"engine={__version__}"]
    for name in VERSIONED:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=none")
    return ";".join(parts)


class ResultCache:
    """Stores ``RunResult`` objects under ``directory`` as JSON files."""

    def __init__(
        self, directory: Path, root: Path, settings: str = ""
    ) -> None:
        self.directory = directory
        self.root = root.resolve()
        # Figure files, named by their hash, shared by all entries.
        self.blobs = BlobStore(directory / "blobs")
        self.fingerprint = environment_fingerprint() + ";" + settings

    def key(self, rel_path: str) -> str | None:
        """The entry name for a snippet, or None if it cannot be read."""
        digest = inputs.file_digest(self.root / rel_path)
        if digest is None:
            return None
        text = f"{rel_path}\n{digest}\n{self.fingerprint}"
        return hashlib.sha256(text.encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(
        self, rel_path: str, limits: Limits | None = None
    ) -> RunResult | None:
        """The stored result, if present, all its inputs are unchanged and
        it ran within ``limits`` (the snippet's limits now)."""
        key = self.key(rel_path)
        if key is None:
            return None
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if inputs.changed(data, self.root, os.environ) is not None:
            return None
        if limits is not None and not _within(data, limits):
            return None
        chunks = self._chunks(data["chunks"])
        if chunks is None:
            return None
        return RunResult(
            rel_path,
            chunks,
            data["duration"],
            reads=[str(self.root / dep) for dep in data["deps"]],
            cached=True,
            env=data.get("env", {}),
            exit_line=data.get("exit_line"),
            memory_mb=data.get("memory_mb", 0),
            listed=[str(self.root / rel) for rel in data.get("listed", {})],
            blob_dir=str(self.blobs.directory),
        )

    def _chunks(self, stored: list[dict]) -> list[ChunkResult] | None:
        """The entry's chunks, or None if a figure record is unreadable (an
        older entry) or a figure file is missing: the snippet runs again."""
        chunks = []
        try:
            for chunk in stored:
                figures = [FigureRecord.from_dict(f) for f in chunk["figures"]]
                chunks.append(ChunkResult(**{**chunk, "figures": figures}))
        except (BlobError, KeyError, TypeError):
            return None
        return chunks if all(map(self.blobs.has, _blobs(chunks))) else None

    def put(
        self,
        result: RunResult,
        key: str | None = None,
        started: float | None = None,
    ) -> bool:
        """Store a successful result atomically; failures are never stored.

        ``key`` is the entry name taken before the run (by default, the
        snippet as it is now). If the snippet changed since, or a file it
        read changed after ``started`` (``time.time()`` before the run),
        the result may come from either version and is not stored.
        Returns True if stored. Figure files come first, so an entry
        never names a file the store lacks.
        """
        if not result.ok:
            return False
        key = key or self.key(result.path)
        if key is None or self._changed_since(result, key, started):
            return False
        if result.blob_dir != str(self.blobs.directory):
            self.blobs.copy_from(result.blobs, _blobs(result.chunks))
        entry = {
            "path": result.path,
            **self._inputs(result),
            "duration": result.duration,
            "memory_mb": result.memory_mb,
            "exit_line": result.exit_line,
            "env": result.env,
            "chunks": [asdict(c) for c in result.chunks],
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle, sort_keys=True)
            os.replace(temp, self._entry(key))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return True

    def run_missing(
        self,
        executor: Executor,
        rel_paths: list[str],
        on_result: Callable[[RunResult], None] | None = None,
    ) -> dict[str, RunResult]:
        """Results for ``rel_paths``: cached ones as stored, the rest run
        together (one child per core) and stored. ``on_result`` is called
        with each run's result as it ends (from a worker thread)."""
        results: dict[str, RunResult] = {}
        keys = {}
        for rel in rel_paths:
            cached = self.get(rel, executor.limits_for(self.root / rel))
            if cached is None:
                keys[rel] = self.key(rel)
            else:
                results[rel] = cached
        started = time.time()

        def store(result: RunResult) -> None:
            # As each run ends, so storing overlaps the runs still going.
            self.put(result, keys[result.path], started)
            if on_result is not None:
                on_result(result)

        if keys:
            executor.start_parent(len(keys))
        order = longest_first(keys, read_durations(self.directory))
        missing = [self.root / rel for rel in order]
        for result in executor.run_many(missing, store):
            results[result.path] = result
        ran = [r for r in results.values() if r.ok and not r.cached]
        record_durations(self.directory, {r.path: r.duration for r in ran})
        return results

    def _inputs(self, result: RunResult) -> dict:
        """The answers the run depended on, to check again at ``get``."""
        return inputs.snapshot(
            self.root,
            result.path,
            result.reads,
            result.listed,
            result.tested,
            result.environ,
            self._ignored(),
        )

    def _ignored(self) -> list[str]:
        return [str(self.directory.resolve()), *inputs.not_inputs()]

    def local_files(self, result: RunResult) -> list[Path]:
        """The repository files the snippet opened (present or not) and the
        folders it listed, but not itself, the cache or installed
        packages: what a server watches for it."""
        base, ignored = str(self.root), self._ignored()
        files = []
        for name in [*result.reads, *result.listed]:
            if inputs.is_local(name, base, ignored):
                path = Path(name)
                if path.relative_to(self.root).as_posix() != result.path:
                    files.append(path)
        return files

    def _changed_since(
        self, result: RunResult, key: str, started: float | None
    ) -> bool:
        """True if the snippet no longer has ``key`` or a file it read was
        modified after ``started`` (less a tick of the file clock)."""
        if self.key(result.path) != key:
            return True
        if started is None:
            return False
        for path in self.local_files(result):
            try:
                if path.stat().st_mtime > started - FILE_CLOCK_TICK:
                    return True
            except OSError:
                continue
        return False


def _blobs(chunks: list[ChunkResult]) -> list[str]:
    """The names of every figure file the chunks show."""
    return [n for c in chunks for r in c.figures for n in r.blobs()]


def _within(data: dict, limits: Limits) -> bool:
    """True if a stored run stayed inside ``limits``: time, memory, output."""
    if data["duration"] > limits.timeout:
        return False
    if limits.memory_mb > 0 and data.get("memory_mb", 0) > limits.memory_mb:
        return False
    printed = sum(len(c["output"].encode()) for c in data["chunks"])
    return limits.output_mb <= 0 or printed <= limits.output_mb * 1024 * 1024
