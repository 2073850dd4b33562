"""What a snippet's result depends on, besides its own text.

A result holds while four things still give the answers the run saw: the
repository files it read (by content hash), the repository folders it
listed (by their entries), the repository paths it tested (exists? file
of what size? folder?) and the environment variables it read (by a hash
of the value, so no secret is stored). The child records them; the cache
stores a snapshot at ``put`` and compares it again at every ``get``.

Installed packages (the virtual environment, even inside the repository)
and the cache's own folder are not inputs: library versions are part of
the cache key instead.
"""

from __future__ import annotations

import hashlib
import os
import site
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

# Set by the engine for every child, never an input of its own.
ENGINE_VARIABLES = frozenset(
    {"MPLBACKEND", "OMP_NUM_THREADS", "PYTHONHASHSEED", "TMPDIR"}
)


def not_inputs() -> list[str]:
    """Folders whose files are never inputs, resolved: the interpreter's
    and the installed packages'. (The engine's own modules, when they lie
    in the repository, are inputs like any module the child imported: a
    change to the engine re-runs every snippet.)"""
    dirs = [sys.prefix, sys.base_prefix, sys.exec_prefix]
    dirs += site.getsitepackages()
    return sorted({os.path.realpath(d) for d in dirs})


def is_local(name: str, root: str, ignored: Iterable[str]) -> bool:
    """True if absolute path ``name`` lies in ``root`` but not in
    ``ignored`` (paths are compared as strings, with a separator)."""
    if not (name + os.sep).startswith(os.path.join(root, "")):
        return False
    return not any(
        (name + os.sep).startswith(os.path.join(d, "")) for d in ignored
    )


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file's bytes, or None if it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def listing_digest(path: Path) -> str | None:
    """SHA-256 of a folder's entry names and kinds, or None if unlistable."""
    try:
        with os.scandir(path) as entries:
            names = sorted(f"{e.name}/{int(e.is_dir())}" for e in entries)
    except OSError:
        return None
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def path_state(path: Path) -> str:
    """What testing a path answers: ``missing``, ``dir`` or ``file:<size>``."""
    try:
        status = path.stat()
    except OSError:
        return "missing"
    return "dir" if path.is_dir() else f"file:{status.st_size}"


def value_digest(value: str | None) -> str | None:
    """A variable's value as a hash (None if unset)."""
    return (
        None if value is None else hashlib.sha256(value.encode()).hexdigest()
    )


def snapshot(
    root: Path,
    rel_self: str,
    reads: Iterable[str],
    listed: Iterable[str],
    tested: Iterable[str],
    environ: Mapping[str, str | None],
    ignored: Iterable[str],
) -> dict[str, Any]:
    """The answers a run depended on, as stored with its cached result.

    ``reads``, ``listed`` and ``tested`` are absolute paths; only those in
    ``root`` and outside ``ignored`` count, and never the snippet itself
    (its text is the cache key already).
    """
    base = str(root)
    ignored = list(ignored)

    def local(names: Iterable[str]) -> list[str]:
        rels = []
        for name in names:
            if is_local(name, base, ignored):
                rel = Path(name).relative_to(root).as_posix()
                if rel != rel_self:
                    rels.append(rel)
        return sorted(set(rels))

    files, absent = {}, []
    for rel in local(reads):
        digest = file_digest(root / rel) if (root / rel).is_file() else None
        if digest is not None:
            files[rel] = digest
        else:  # tried and failed to open: its appearing changes the run
            absent.append(rel)
    tested = sorted(set(local(tested)) | set(absent))
    return {
        "deps": files,
        "listed": {rel: listing_digest(root / rel) for rel in local(listed)},
        "tested": {rel: path_state(root / rel) for rel in tested},
        "environ": {
            name: value_digest(value)
            for name, value in sorted(environ.items())
            if name not in ENGINE_VARIABLES
        },
    }


def changed(
    stored: Mapping[str, Any], root: Path, environ: Mapping[str, str]
) -> str | None:
    """The first input whose answer differs now, or None if all hold."""
    for rel, digest in stored.get("deps", {}).items():
        if file_digest(root / rel) != digest:
            return f"file {rel}"
    for rel, digest in stored.get("listed", {}).items():
        if listing_digest(root / rel) != digest:
            return f"folder {rel}"
    for rel, state in stored.get("tested", {}).items():
        if path_state(root / rel) != state:
            return f"path {rel}"
    for name, digest in stored.get("environ", {}).items():
        if value_digest(environ.get(name)) != digest:
            return f"environment variable {name}"
    return None
