"""What a page shows of a snippet file, include by include.

A page may show a script in sections. The code between them that no
section holds (imports, the seed, data set-up) still runs first, so the
page offers it folded above the section that needs it, and the chapter's
notebook puts it in that section's cell: a reader who copies the page's
code in order gets a script that runs. Code after a file's last shown
section is where the checks of the prose's numbers live; neither the page
nor the notebook shows it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from snippet_exec.sections import Chunk


@dataclass(frozen=True)
class Taken:
    """The chunks one include brings: hidden set-up first, then its own."""

    hidden: list[int]  # chunk indices no include showed, needed first
    shown: list[int]  # the chunks of the included section (or file)

    @property
    def all(self) -> list[int]:
        return sorted(self.hidden + self.shown)


class FileCursor:
    """How far into one snippet file a page has gone, include by include."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self.next = 0

    def take(self, section: str | None) -> Taken:
        """The chunks for the next include of ``section`` (None: the whole
        file). Chunks before it that an earlier include of the same file
        did not bring are its hidden set-up."""
        shown = [
            i
            for i, chunk in enumerate(self.chunks)
            if section is None or section in chunk.sections
        ]
        hidden = []
        if shown and shown[-1] >= self.next:
            span = range(self.next, shown[-1] + 1)
            hidden = [i for i in span if i not in shown]
        self.next = max([self.next, *(i + 1 for i in hidden + shown)])
        return Taken(hidden, shown)


def code_of(chunks: list[Chunk], indices: list[int]) -> str:
    """The source of those chunks, blank lines at both ends dropped."""
    return "".join(chunks[i].source for i in indices).strip("\n")


def hidden_code(chunks: list[Chunk], taken: Taken) -> tuple[int, int, str]:
    """``(first line, last line, code)`` of an include's hidden set-up;
    the code is "" when the set-up runs nothing (blank lines, comments,
    the module's docstring): a fold with nothing to run is clutter."""
    if not taken.hidden or not _runs_something(chunks, taken.hidden):
        return 0, 0, ""
    text = "".join(chunks[i].source for i in taken.hidden)
    leading = len(text) - len(text.lstrip("\n"))
    first = chunks[taken.hidden[0]].first_line + leading
    code = text.strip("\n")
    return first, first + code.count("\n"), code


def _runs_something(chunks: list[Chunk], indices: list[int]) -> bool:
    """True unless the chunks hold only comments and docstrings."""
    code = "".join(chunks[i].source for i in indices)
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return True
    return any(
        not (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        )
        for node in body
    )
