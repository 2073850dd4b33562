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
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from snippet_exec import __version__
from snippet_exec.blobs import BlobError, BlobStore, FigureRecord
from snippet_exec.executor import ChunkResult, Executor, RunResult

VERSIONED = ("torch", "numpy", "matplotlib", "scikit-learn")


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
        # Figure files, named by their hash, shared by all entries.
        self.blobs = BlobStore(directory / "blobs")
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
        chunks = self._chunks(data["chunks"])
        if chunks is None:
            return None
        return RunResult(
            rel_path,
            chunks,
            data["duration"],
            cached=True,
            env=data.get("env", {}),
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

    def put(self, result: RunResult) -> None:
        """Store a successful result atomically; failures are never stored."""
        if not result.ok:
            return
        key = self.key(result.path)
        if key is None:
            return
        if result.blob_dir != str(self.blobs.directory):
            self.blobs.copy_from(result.blobs, _blobs(result.chunks))
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

    def run_missing(
        self, executor: Executor, rel_paths: list[str]
    ) -> dict[str, RunResult]:
        """Results for ``rel_paths``: cached ones as stored, the rest run
        together (one child per core) and stored."""
        results: dict[str, RunResult] = {}
        missing = []
        for rel in rel_paths:
            cached = self.get(rel)
            if cached is None:
                missing.append(self.root / rel)
            else:
                results[rel] = cached
        for result in executor.run_many(missing):
            self.put(result)
            results[result.path] = result
        return results

    def _local_deps(self, result: RunResult) -> dict[str, str]:
        """Hashes of the repository files the snippet read, itself excluded."""
        deps = {}
        ignored = {self.directory.resolve(), *map(Path, _site_dirs())}
        for name in result.reads:
            path = Path(name)
            if not path.is_file() or not path.is_relative_to(self.root):
                continue
            if any(path.is_relative_to(d) for d in ignored):
                continue
            rel = path.relative_to(self.root).as_posix()
            if rel == result.path:
                continue
            digest = _file_hash(path)
            if digest is not None:
                deps[rel] = digest
        return deps


def _blobs(chunks: list[ChunkResult]) -> list[str]:
    """The names of every figure file the chunks show."""
    return [n for c in chunks for r in c.figures for n in r.blobs()]


def _site_dirs() -> list[str]:
    """Installed-package folders: a venv inside the repo is not a dependency."""
    import site
    import sys

    dirs = [sys.prefix, sys.base_prefix, *site.getsitepackages()]
    return [str(Path(d).resolve()) for d in dirs]
