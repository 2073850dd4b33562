"""The lines a build prints about its snippets, for the terminal.

One summary line per build, one line per run as it ends (a clean build
runs for a while: the author sees it move), and the slowest snippets,
whose run times otherwise sit only in the cache's files.
"""

from __future__ import annotations

from dataclasses import dataclass

from snippet_exec.executor import RunResult

SLOWEST = 5  # snippets named in the "slowest" line


@dataclass(frozen=True)
class RunStats:
    """What one run did, for the summary line every build prints."""

    snippets: int
    ran: int
    cached: int
    failed: int
    seconds: float
    running: int = 0  # started in the background, not done yet

    def summary(self) -> str:
        running = f", {self.running} running" if self.running else ""
        return (
            f"snippet-exec: {self.snippets} snippets, {self.ran} ran, "
            f"{self.cached} cached, {self.failed} failed{running}, "
            f"{self.seconds:.1f} s"
        )


def progress_line(result: RunResult) -> str:
    """One run's end: ``snippet-exec: snippets/a.py ran, 1.2 s``, or
    ``failed`` with the snippet's ``file:line`` and why."""
    if result.ok:
        return f"snippet-exec: {result.path} ran, {result.duration:.1f} s"
    return (
        f"snippet-exec: {result.path} failed, {result.duration:.1f} s "
        f"({result.location()}: {result.error.summary})"
    )


def slowest_line(results: list[RunResult], count: int = SLOWEST) -> str:
    """The ``count`` longest runs (times from the cache's own records),
    longest first; empty if there is none."""
    ranked = sorted(results, key=lambda r: (-r.duration, r.path))[:count]
    if not ranked:
        return ""
    named = ", ".join(f"{r.path} {r.duration:.1f} s" for r in ranked)
    return f"snippet-exec: slowest: {named}"
