"""Figures as small records, and their files stored once by content.

A run's figure is a ``FigureRecord``: its number, whether it is a still
image or an animation, its format, and the names of its files, one for the
light theme and one for the dark. A file's name is the SHA-256 of its bytes
plus its extension, so cache entries stay small JSON, a figure two snippets
draw alike is stored once, and merging two caches is copying files.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

NAME_RE = re.compile(r"[0-9a-f]{64}\.(svg|png|webp|gif)")
MEDIA_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
}


class BlobError(ValueError):
    """A figure file that is missing or whose bytes do not match its name."""


@dataclass(frozen=True)
class FigureRecord:
    """One figure a section left open, as files for both themes.

    ``width`` and ``height`` are its display size in CSS pixels (a PNG is
    saved at twice that). An animation also has a still of its last frame
    per theme, for notebooks and for readers who ask for reduced motion.
    """

    number: int  # matplotlib's figure number
    kind: str  # "image" or "animation"
    format: str  # "svg", "png", "webp" or "gif"
    light: str  # blob names, "<sha256>.<ext>"
    dark: str
    width: int
    height: int
    still_light: str = ""
    still_dark: str = ""

    def blobs(self) -> list[str]:
        """Every file the record names."""
        names = [self.light, self.dark, self.still_light, self.still_dark]
        return [name for name in names if name]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FigureRecord:
        """Read a record back; raises ``BlobError`` on anything else (such
        as an older cache entry holding a whole SVG)."""
        try:
            record = cls(**data)
        except TypeError as err:
            raise BlobError(f"not a figure record: {err}") from None
        for name in record.blobs():
            if not NAME_RE.fullmatch(name):
                raise BlobError(f"not a figure file name: {name!r}")
        return record


def blob_name(data: bytes, extension: str) -> str:
    """The content-addressed name of a figure file."""
    return f"{hashlib.sha256(data).hexdigest()}.{extension}"


def write_blob(folder: Path, data: bytes, extension: str) -> str:
    """Write ``data`` into ``folder`` under its own name; return the name."""
    name = blob_name(data, extension)
    target = folder / name
    if not target.exists():
        _atomic_write(target, data)
    return name


class BlobStore:
    """A folder of figure files named by their content."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, name: str) -> Path:
        return self.directory / name

    def has(self, name: str) -> bool:
        return self.path(name).is_file()

    def read(self, name: str) -> bytes:
        """The file's bytes; raises ``BlobError`` if it is missing."""
        try:
            return self.path(name).read_bytes()
        except OSError as err:
            raise BlobError(f"figure file {name} is missing: {err}") from None

    def add(self, source: Path) -> str:
        """Move a file a child wrote into the store, checking its name.

        The name must be the SHA-256 of the bytes: a file cut short by a
        dying child is refused (``BlobError``), never stored.
        """
        data = source.read_bytes()
        name = source.name
        if (
            not NAME_RE.fullmatch(name)
            or blob_name(data, name.rsplit(".", 1)[1]) != name
        ):
            raise BlobError(f"figure file {name} does not match its bytes")
        if not self.has(name):
            _atomic_write(self.path(name), data)
        return name

    def keep(self, record: FigureRecord, folder: Path) -> FigureRecord:
        """Move a record's files from a child's work folder into the store."""
        for name in record.blobs():
            self.add(folder / name)
        return record

    def copy_from(self, other: BlobStore, names: list[str]) -> None:
        """Bring ``names`` over from another store (no-op if already here)."""
        for name in names:
            if not self.has(name):
                _atomic_write(self.path(name), other.read(name))


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes it private; a site is public
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
