"""How long each snippet took, as the result cache recorded it.

The one place that reads durations out of cache entries, for anything that
orders or balances runs by them (the shard planner, a longest-first
executor). An entry that is no longer valid still tells how long its
snippet took the last time: a snippet's run time moves little between
edits, so the newest entry of each path answers, valid or not.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Iterable
from pathlib import Path

ENTRY_RE = re.compile(r"[0-9a-f]{64}\.json")
# Seconds a snippet counts for when no run of any snippet was recorded.
UNKNOWN_SECONDS = 1.0


def entry_files(directory: Path) -> list[Path]:
    """The cache entry files of ``directory`` (``<sha256>.json``), in name
    order; none if the folder is missing."""
    try:
        return sorted(
            p for p in directory.iterdir() if ENTRY_RE.fullmatch(p.name)
        )
    except OSError:
        return []


def read_entry(path: Path) -> dict | None:
    """An entry's JSON, or None if it is unreadable or not an entry (no
    ``path`` string, ``duration`` number and ``chunks`` list)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    ok = (
        isinstance(data.get("path"), str)
        and isinstance(data.get("duration"), (int, float))
        and isinstance(data.get("chunks"), list)
    )
    return data if ok else None


def newest_entries(directory: Path) -> dict[str, tuple[Path, dict]]:
    """Snippet path -> its newest readable entry (file, JSON): the last
    one written, by modification time, then by name."""
    found: dict[str, tuple[tuple[float, str], Path, dict]] = {}
    for path in entry_files(directory):
        data = read_entry(path)
        if data is None:
            continue
        try:
            order = (path.stat().st_mtime, path.name)
        except OSError:
            continue
        old = found.get(data["path"])
        if old is None or order > old[0]:
            found[data["path"]] = (order, path, data)
    return {rel: (path, data) for rel, (_, path, data) in found.items()}


def recorded(directory: Path) -> dict[str, float]:
    """Snippet path (relative to the root) -> seconds its newest cache
    entry in ``directory`` took to run."""
    return {
        rel: float(data["duration"])
        for rel, (_, data) in newest_entries(directory).items()
    }


def estimate(
    rel_paths: Iterable[str], known: dict[str, float]
) -> dict[str, float]:
    """Seconds for each of ``rel_paths``: its recorded duration, or, for a
    snippet never run, the median of those recorded (``UNKNOWN_SECONDS``
    when nothing is recorded)."""
    rel_paths = list(rel_paths)
    seen = [known[r] for r in rel_paths if r in known] or list(known.values())
    fallback = statistics.median(seen) if seen else UNKNOWN_SECONDS
    return {rel: known.get(rel, fallback) for rel in rel_paths}
