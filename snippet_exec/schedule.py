"""Which snippet runs first, from the run times recorded last time, and
how well the cores were used.

A clean build ends when its last run ends; if the longest snippet starts
last, one core works alone while the others idle. Starting the longest
runs first (Graham's LPT rule: "longest processing time first") keeps
every core busy to near the end. Run times are recorded per snippet path
in ``durations.tsv`` beside the cache entries (not a ``.json``, which
names an entry), so they outlive an edit
(a new cache key) and a library upgrade; a snippet with no record yet
goes first, since it may be long. ``Schedule`` reports the idle
core-seconds and the engine's own overhead per run.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

RECORD = "durations.tsv"  # lines "<path>\t<seconds>"


def read_durations(folder: Path) -> dict[str, float]:
    """Recorded seconds per snippet path; empty if none or unreadable."""
    try:
        text = (folder / RECORD).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in text.splitlines():
        path, _, seconds = line.rpartition("\t")
        with contextlib.suppress(ValueError):
            found[path] = float(seconds)
    return found


def record_durations(folder: Path, durations: Mapping[str, float]) -> None:
    """Merge ``durations`` (path -> seconds) into the record, atomically."""
    if not durations:
        return
    merged = {**read_durations(folder), **durations}
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for path in sorted(merged):
                handle.write(f"{path}\t{merged[path]:.3f}\n")
        os.replace(temp, folder / RECORD)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def longest_first(
    paths: Iterable[str], durations: Mapping[str, float]
) -> list[str]:
    """``paths`` with the unrecorded first (in their order), then the
    recorded from longest to shortest (ties keep their order)."""
    paths = list(paths)
    unknown = [p for p in paths if p not in durations]
    known = [p for p in paths if p in durations]
    return unknown + sorted(known, key=lambda p: -durations[p])


@dataclass
class Schedule:
    """The runs of one ``run_many``: each run's wall-clock span and the
    snippet's own time, to tell the idle cores and the overhead."""

    workers: int
    spans: list[tuple[float, float]] = field(default_factory=list)
    own: list[float] = field(default_factory=list)  # seconds inside

    def add(self, start: float, end: float, own: float) -> None:
        """One run: ``perf_counter`` at fork request and at result read,
        and the time the snippet itself took."""
        self.spans.append((start, end))
        self.own.append(own)

    @property
    def makespan(self) -> float:
        """Seconds from the first run's start to the last run's end."""
        if not self.spans:
            return 0.0
        return max(e for _, e in self.spans) - min(s for s, _ in self.spans)

    @property
    def idle(self) -> float:
        """Core-seconds no run used within the makespan."""
        busy = sum(e - s for s, e in self.spans)
        return max(self.workers * self.makespan - busy, 0.0)

    def overheads(self) -> list[float]:
        """Per run, seconds from fork request to result read beyond the
        snippet's own time: the engine's cost of isolation."""
        return [
            max(e - s - own, 0.0)
            for (s, e), own in zip(self.spans, self.own, strict=True)
        ]

    def line(self) -> str:
        """``snippet-exec: schedule: ...`` for the build's log."""
        over = self.overheads() or [0.0]
        return (
            f"snippet-exec: schedule: {len(self.spans)} runs on "
            f"{self.workers} workers, {self.makespan:.1f} s, idle "
            f"{self.idle:.1f} core-s; overhead per run median "
            f"{statistics.median(over):.3f} s, max {max(over):.3f} s"
        )
