"""Split a snippet into the chunks its section markers delimit.

The executor runs a snippet chunk by chunk in one namespace, so the output and
figures of each section can be shown under that section's code on the page.
Markers use pymdown-extensions' syntax: ``# --8<-- [start:name]`` and
``# --8<-- [end:name]``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from snippet_exec.source import SourceError, decode_source

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


def source_lines(source: str) -> list[str]:
    """Lines as Python numbers them: only ``\n`` ends a line.

    (``str.splitlines`` also breaks at form feeds and other separators
    that Python keeps inside a line, which would shift line numbers.)
    """
    lines = [line + "\n" for line in source.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _statement_spans(source: str) -> list[tuple[int, int]]:
    """First and last line of each top-level statement (decorators too).

    Empty if the source does not parse: the compiler reports that first.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    spans = []
    for node in tree.body:
        decorators = getattr(node, "decorator_list", [])
        first = min([node.lineno, *(d.lineno for d in decorators)])
        spans.append((first, node.end_lineno or node.lineno))
    return spans


def _check_whole_statements(source: str, markers: list[int]) -> None:
    """Raise ``SectionError`` if a marker line falls inside a statement."""
    spans = _statement_spans(source) if markers else []
    for lineno in markers:
        for first, last in spans:
            if first < lineno < last:
                raise SectionError(
                    f"the section marker splits the statement that starts "
                    f"at line {first} (lines {first}-{last}); move it "
                    f"before line {first} or after line {last}",
                    lineno,
                )


def split_chunks(source: str) -> list[Chunk]:
    """Cut ``source`` at top-level section markers.

    Markers must sit at column 0 and between statements (a marker inside a
    statement, like one between an ``if`` and its ``else``, would cut it in
    two). Raises ``SectionError`` for an ``end`` without ``start``, a
    repeated ``start``, an indented marker, a marker inside a statement or
    a section that is never closed.
    """
    lines = source_lines(source)
    marker_lines = []
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
        marker_lines.append(lineno)
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
    _check_whole_statements(source, marker_lines)
    return chunks


def section_names(source: str) -> set[str]:
    """Return the names of all sections the source declares."""
    return {
        m["name"] for m in MARKER_RE.finditer(source) if m["kind"] == "start"
    }


def shown_lines(source: str, section: str | None) -> list[str]:
    """The lines a page shows for ``section`` (None: the whole file), as
    pymdown-extensions' snippets shows them: without marker lines."""
    shown, inside = [], section is None
    for line in source_lines(source):
        match = MARKER_RE.search(line)
        if match is None:
            if inside:
                shown.append(line.rstrip("\n"))
        elif match["name"] == section:
            inside = match["kind"] == "start"
    return shown


def decoded_lines(path: Path, section: str | None) -> list[str] | None:
    """``shown_lines`` of a snippet file that is not plain UTF-8.

    None for a plain UTF-8 file, which pymdown-extensions reads itself,
    and for a file that cannot be read or decoded (its include shows no
    code, only the error box that says why).
    """
    try:
        text, encoding = decode_source(Path(path).read_bytes())
    except (OSError, SourceError):
        return None
    return None if encoding == "utf-8" else shown_lines(text, section)
