"""Text the engine derives, kept on disk by the digest of its inputs.

A rebuild in which nothing changed should cost what plain MkDocs costs.
The work the engine would otherwise repeat on unchanged input (a
chapter's notebook, a notebook page's MathML) is looked up here instead,
keyed by everything it came from and by the engine's own source, so a
changed input, or a changed engine, never gets an old answer. Each name
keeps one entry (the newest), so the folder does not grow with edits;
writes are atomic, so a killed build leaves a whole entry or none.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

ENGINE = Path(__file__).resolve().parent


@functools.cache
def engine_digest() -> str:
    """SHA-256 of the engine's own modules: an edit to any of them makes
    every memo entry unreachable (computed once a process)."""
    hasher = hashlib.sha256()
    for module in sorted(ENGINE.glob("*.py")):
        hasher.update(module.name.encode() + b"\0" + module.read_bytes())
    return hasher.hexdigest()


def digest(*parts: str | bytes) -> str:
    """SHA-256 of ``parts`` (each length-prefixed, so no two lists of
    parts give the same bytes) and of the engine's source."""
    hasher = hashlib.sha256(engine_digest().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(f"{len(data)}:".encode() + data)
    return hasher.hexdigest()


class TextMemo:
    """One folder of entries ``<name>.<key>.txt`` (UTF-8 text)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _entry(self, name: str, key: str) -> Path:
        return self.folder / f"{name}.{key}.txt"

    def get(self, name: str, key: str) -> str | None:
        """The text stored for ``name`` under ``key``, or None."""
        try:
            return self._entry(name, key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, name: str, key: str, text: str) -> None:
        """Store ``text`` atomically and drop ``name``'s older entries."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._entry(name, key)
        fd, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        for old in self.folder.glob(f"{name}.*.txt"):
            stem = old.name.removeprefix(f"{name}.").removesuffix(".txt")
            if old != target and "." not in stem:
                old.unlink(missing_ok=True)

    def get_or_make(self, name: str, key: str, make: Callable[[], str]) -> str:
        """The stored text, or ``make()``'s, stored for next time."""
        found = self.get(name, key)
        if found is None:
            found = make()
            self.put(name, key, found)
        return found
