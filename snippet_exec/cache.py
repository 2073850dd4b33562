"""A content-addressed cache of snippet results that is never stale.

An entry is found by the hash of the snippet file, its path and the library
versions; it stays valid only while every local file the snippet read (modules
it imported, data it loaded) still has the hash recorded with it. Failed runs
are never stored, and every write is atomic, so a killed build leaves either a
complete entry or none.
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

from snippet_exec import __version__
from snippet_exec.executor import ChunkResult, Executor, RunResult

VERSIONED = ("torch", "numpy", "matplotlib", "scikit-learn")
# Seconds a file's modification time may lag the clock (a kernel tick).
FILE_CLOCK_TICK = 0.02


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


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
        digest = _file_hash(self.root / rel_path)
        if digest is None:
            return None
        text = f"{rel_path}\n{digest}\n{self.fingerprint}"
        return hashlib.sha256(text.encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, rel_path: str) -> RunResult | None:
        """The stored result, if present and all its dependencies are unchanged."""
        key = self.key(rel_path)
        if key is None:
            return None
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        for dep, digest in data["deps"].items():
            if _file_hash(self.root / dep) != digest:
                return None
        chunks = [ChunkResult(**c) for c in data["chunks"]]
        return RunResult(
            rel_path,
            chunks,
            data["duration"],
            reads=[str(self.root / dep) for dep in data["deps"]],
            cached=True,
            env=data.get("env", {}),
        )

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
        Returns True if stored.
        """
        if not result.ok:
            return False
        key = key or self.key(result.path)
        if key is None or self._changed_since(result, key, started):
            return False
        entry = {
            "path": result.path,
            "deps": self._local_deps(result),
            "duration": result.duration,
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
            cached = self.get(rel)
            if cached is None:
                keys[rel] = self.key(rel)
            else:
                results[rel] = cached
        started = time.time()
        missing = [self.root / rel for rel in keys]
        for result in executor.run_many(missing, on_result):
            self.put(result, keys[result.path], started)
            results[result.path] = result
        return results

    def local_files(self, result: RunResult) -> list[Path]:
        """The repository files the snippet opened (present or not), but
        not itself, the cache or installed packages: what its result
        depends on besides the snippet file."""
        files = []
        ignored = {self.directory.resolve(), *map(Path, _site_dirs())}
        for name in result.reads:
            path = Path(name)
            if not path.is_relative_to(self.root) or any(
                path.is_relative_to(d) for d in ignored
            ):
                continue
            if path.relative_to(self.root).as_posix() != result.path:
                files.append(path)
        return files

    def _local_deps(self, result: RunResult) -> dict[str, str]:
        """Hashes of the repository files the snippet read, itself excluded."""
        deps = {}
        for path in self.local_files(result):
            digest = _file_hash(path) if path.is_file() else None
            if digest is not None:
                deps[path.relative_to(self.root).as_posix()] = digest
        return deps

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


def _site_dirs() -> list[str]:
    """Installed-package folders: a venv inside the repo is not a dependency."""
    import site
    import sys

    dirs = [sys.prefix, sys.base_prefix, *site.getsitepackages()]
    return [str(Path(d).resolve()) for d in dirs]
