"""Split a snippet into the chunks its section markers delimit.

The executor runs a snippet chunk by chunk in one namespace, so the output and
figures of each section can be shown under that section's code on the page.
Markers use pymdown-extensions' syntax: ``# --8<-- [start:name]`` and
``# --8<-- [end:name]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A marker escaped with ";" is text to pymdown-extensions, so here too.
MARKER_RE = re.compile(
    r"(?<![;-])-{1,}8<-{1,}[ \t]+\[(?P<kind>start|end):(?P<name>[^\]]+)\]"
)


class SectionError(ValueError):
    """Section markers that do not pair up; ``lineno`` points at the culprit."""

    def __init__(self, message: str, lineno: int) -> None:
        super().__init__(message)
        self.lineno = lineno


@dataclass(frozen=True)
class Chunk:
    """Consecutive source lines that share the same open sections."""

    first_line: int  # 1-based line number of the chunk's first line
    source: str
    sections: frozenset[str]


def split_chunks(source: str) -> list[Chunk]:
    """Cut ``source`` at top-level section markers.

    Markers must sit at column 0 (an indented marker would split a statement).
    Raises ``SectionError`` for an ``end`` without ``start``, a repeated
    ``start``, an indented marker or a section that is never closed.
    """
    lines = source.splitlines(keepends=True)
    chunks: list[Chunk] = []
    open_sections: dict[str, int] = {}
    pending: list[str] = []
    first = 1

    def flush(next_first: int) -> None:
        nonlocal pending, first
        if any(line.strip() for line in pending):
            chunks.append(
                Chunk(first, "".join(pending), frozenset(open_sections))
            )
        pending = []
        first = next_first

    for lineno, line in enumerate(lines, start=1):
        match = MARKER_RE.search(line)
        if not match:
            pending.append(line)
            continue
        if line[:1] in (" ", "\t"):
            raise SectionError(
                "section marker is indented; markers must start at column 0 "
                "so each section holds whole statements",
                lineno,
            )
        name = match["name"]
        flush(lineno)
        if match["kind"] == "start":
            if name in open_sections:
                raise SectionError(f"section '{name}' is opened twice", lineno)
            open_sections[name] = lineno
        else:
            if name not in open_sections:
                raise SectionError(
                    f"section '{name}' ends but never starts", lineno
                )
            del open_sections[name]
        # Keep line numbers true: the marker line itself becomes a blank line.
        pending.append("\n")
    flush(len(lines) + 1)
    for name, lineno in open_sections.items():
        raise SectionError(f"section '{name}' is never closed", lineno)
    return chunks


def section_names(source: str) -> set[str]:
    """Return the names of all sections the source declares."""
    return {
        m["name"] for m in MARKER_RE.finditer(source) if m["kind"] == "start"
    }
