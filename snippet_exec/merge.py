"""Merge result caches, such as those of a build's shards, into one.

Every file a cache keeps is named by content: an entry by the hash of its
snippet's inputs (``<sha256>.json``), a figure file by the hash of its
bytes (``blobs/<sha256>.<ext>``). Merging is therefore copying: a name
already present holds the same thing and is kept. What cannot be trusted
is skipped with a warning and never copied: an entry that does not parse
(a job killed mid-upload), a figure file whose bytes do not match its
name, a temporary file left by an interrupted write, or an entry naming a
figure file that neither cache holds. Files are written under a temporary
name and renamed, figure files before the entries that name them, so a
reader of the target never sees half a file or an entry without figures.
Other files (notebooks, fonts) are the build's own products and are left.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from snippet_exec.durations import ENTRY_RE, read_entry

BLOB_DIR = "blobs"
BLOB_RE = re.compile(r"(?P<digest>[0-9a-f]{64})\.[a-z0-9]+")


@dataclass
class MergeStats:
    """What a merge did: files copied, already there, and skipped (why)."""

    entries: int = 0
    blobs: int = 0
    present: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"snippet-exec merge: {self.entries} entries and {self.blobs} "
            f"figure files copied, {self.present} already there, "
            f"{len(self.skipped)} skipped"
        )


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically (temporary name, rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _blob_ok(path: Path) -> bool:
    """True if the file's bytes hash to the digest its name carries."""
    match = BLOB_RE.fullmatch(path.name)
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return bool(match) and hashlib.sha256(data).hexdigest() == match[1]


def named_blobs(entry: dict) -> list[str]:
    """The figure file names an entry's figures refer to (none when its
    figures are stored inline, as whole SVG documents)."""
    names = []
    for chunk in entry.get("chunks", []):
        for figure in (
            chunk.get("figures", []) if isinstance(chunk, dict) else []
        ):
            values = figure.values() if isinstance(figure, dict) else []
            names.extend(
                v
                for v in values
                if isinstance(v, str) and BLOB_RE.fullmatch(v)
            )
    return names


def _merge_blobs(source: Path, target: Path, stats: MergeStats) -> None:
    folder = source / BLOB_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        into = target / BLOB_DIR / path.name
        if not BLOB_RE.fullmatch(path.name) or not _blob_ok(path):
            stats.skipped.append(
                f"{path}: figure file does not match its name"
            )
        elif into.is_file():
            stats.present += 1
        else:
            _copy(path, into)
            stats.blobs += 1


def _merge_entries(source: Path, target: Path, stats: MergeStats) -> None:
    for path in sorted(source.iterdir()):
        if not path.is_file():
            continue
        if path.name.endswith(".tmp"):
            stats.skipped.append(f"{path}: partial write (temporary file)")
            continue
        if not ENTRY_RE.fullmatch(path.name):
            continue
        entry = read_entry(path)
        if entry is None:
            stats.skipped.append(f"{path}: not a readable cache entry")
            continue
        missing = [
            name
            for name in named_blobs(entry)
            if not (target / BLOB_DIR / name).is_file()
        ]
        if missing:
            stats.skipped.append(
                f"{path}: names figure file {missing[0]}, which no cache has"
            )
        elif (target / path.name).is_file():
            stats.present += 1
        else:
            _copy(path, target / path.name)
            stats.entries += 1


def merge(sources: list[Path], target: Path) -> MergeStats:
    """Copy every sound entry and figure file of ``sources`` into
    ``target`` (created if missing). Raises ``FileNotFoundError`` for a
    source that is not a folder, before anything is copied."""
    for source in sources:
        if not source.is_dir():
            raise FileNotFoundError(f"no such cache folder: {source}")
    stats = MergeStats()
    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        if source.resolve() == target.resolve():
            continue
        _merge_blobs(source, target, stats)
        _merge_entries(source, target, stats)
    return stats
