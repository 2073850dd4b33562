"""What one snippet run produced: output and figures per section, or the
error that stopped it, with what the run read (for the cache's checks).

A child writes it as JSON (``RunResult.from_child``); the executor, the
cache, the pages and the notebooks read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from snippet_exec.blobs import BlobStore, FigureRecord


@dataclass
class SnippetError:
    """Why a snippet failed, located at a line of the snippet file."""

    kind: str  # exception, syntax, exit, sections, figure, source,
    # settings, timeout, output, crash, engine
    summary: str
    lineno: int | None = None
    traceback: str = ""

    def scrubbed(self, scrub) -> SnippetError:
        """This error with the machine's paths rewritten (see ``paths``)."""
        return replace(
            self, summary=scrub(self.summary), traceback=scrub(self.traceback)
        )


@dataclass
class ChunkResult:
    """Output and figures of one chunk (the lines between section markers)."""

    first_line: int
    sections: list[str]
    output: str
    figures: list[FigureRecord] = field(default_factory=list)
    ran: bool = True  # False after an early sys.exit(0) or an error


@dataclass
class RunResult:
    """Everything one run of a snippet produced."""

    path: str  # relative to the repository root
    chunks: list[ChunkResult]
    duration: float
    reads: list[str] = field(default_factory=list)  # absolute paths
    error: SnippetError | None = None
    cached: bool = False
    env: dict[str, str] = field(default_factory=dict)  # python, torch, ...
    exit_line: int | None = None  # where sys.exit(0) ended it early
    memory_mb: int = 0  # peak memory the snippet added, MiB
    listed: list[str] = field(default_factory=list)  # folders, absolute
    tested: list[str] = field(default_factory=list)  # paths, absolute
    environ: dict[str, str | None] = field(default_factory=dict)
    blob_dir: str = ""  # the folder holding the figures' files

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def output(self) -> str:
        """Everything the snippet wrote to stdout and stderr, in order."""
        return "".join(chunk.output for chunk in self.chunks)

    def select(self, section: str | None) -> tuple[str, list[FigureRecord]]:
        """Output and figures of one section, or of the whole file."""
        chosen = [
            c for c in self.chunks if section is None or section in c.sections
        ]
        output = "".join(c.output for c in chosen)
        figures = [record for c in chosen for record in c.figures]
        return output, figures

    @property
    def blobs(self) -> BlobStore:
        """Where the files of this result's figures are."""
        return BlobStore(Path(self.blob_dir))

    def never_ran(self, section: str | None) -> str | None:
        """Why ``section`` has no output of its own, if it never ran.

        A zero ``sys.exit`` is a normal end, as under ``python``; the
        code after it does not run, so a page cannot show that section.
        """
        chunks = [c for c in self.chunks if section in c.sections]
        if section is None or not chunks or any(c.ran for c in chunks):
            return None
        where = f" at line {self.exit_line}" if self.exit_line else ""
        return (
            f"section '{section}' never ran: the snippet ended with a zero "
            f"exit (sys.exit){where}, before the section"
        )

    def location(self) -> str:
        """``file:line`` of the failure, for messages."""
        line = self.error.lineno if self.error and self.error.lineno else 1
        return f"{self.path}:{line}"

    @classmethod
    def from_child(
        cls, rel: str, data: dict[str, Any], raw: bytes, scrub
    ) -> RunResult:
        """The result a child wrote, its output cut into chunks; every
        text a page may show passes through ``scrub`` (see ``paths``)."""

        def text(start: int, end: int | None = None) -> str:
            return scrub(raw[start:end].decode("utf-8", "replace"))

        chunks = [
            ChunkResult(
                c["first_line"],
                c["sections"],
                text(c["start"], c["end"]),
                [FigureRecord.from_dict(f) for f in c["figures"]],
                c["ran"],
            )
            for c in data.get("chunks", [])
        ]
        error = data.get("error")
        if error is not None:
            error = SnippetError(**error).scrubbed(scrub)
            if not chunks:
                chunks = [ChunkResult(1, [], text(0))]
        return cls(
            rel,
            chunks,
            data.get("duration", 0.0),
            data.get("reads", []),
            error,
            env=data.get("env", {}),
            exit_line=data.get("exit_line"),
            memory_mb=data.get("memory_mb", 0),
            listed=data.get("listed", []),
            tested=data.get("tested", []),
            environ=data.get("environ", {}),
        )
