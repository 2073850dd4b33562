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
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from snippet_exec import __version__, inputs
from snippet_exec.executor import ChunkResult, Executor, Limits, RunResult

VERSIONED = ("torch", "numpy", "matplotlib", "scikit-learn")


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
        chunks = [ChunkResult(**c) for c in data["chunks"]]
        return RunResult(
            rel_path,
            chunks,
            data["duration"],
            cached=True,
            env=data.get("env", {}),
            exit_line=data.get("exit_line"),
            memory_mb=data.get("memory_mb", 0),
        )

    def put(self, result: RunResult) -> None:
        """Store a successful result atomically; failures are never stored."""
        if not result.ok:
            return
        key = self.key(result.path)
        if key is None:
            return
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

    def run_missing(
        self, executor: Executor, rel_paths: list[str]
    ) -> dict[str, RunResult]:
        """Results for ``rel_paths``: cached ones as stored, the rest run
        together (one child per core) and stored."""
        results: dict[str, RunResult] = {}
        missing = []
        for rel in rel_paths:
            cached = self.get(rel, executor.limits_for(self.root / rel))
            if cached is None:
                missing.append(self.root / rel)
            else:
                results[rel] = cached
        for result in executor.run_many(missing):
            self.put(result)
            results[result.path] = result
        return results

    def _inputs(self, result: RunResult) -> dict:
        """The answers the run depended on, to check again at ``get``."""
        ignored = [str(self.directory.resolve()), *inputs.not_inputs()]
        return inputs.snapshot(
            self.root,
            result.path,
            result.reads,
            result.listed,
            result.tested,
            result.environ,
            ignored,
        )


def _within(data: dict, limits: Limits) -> bool:
    """True if a stored run stayed inside ``limits``: time, memory, output."""
    if data["duration"] > limits.timeout:
        return False
    if limits.memory_mb > 0 and data.get("memory_mb", 0) > limits.memory_mb:
        return False
    printed = sum(len(c["output"].encode()) for c in data["chunks"])
    return limits.output_mb <= 0 or printed <= limits.output_mb * 1024 * 1024
