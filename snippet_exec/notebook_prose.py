"""A chapter's pymdown-extensions Markdown as Markdown Jupyter renders.

Jupyter knows CommonMark, raw HTML and ``$`` math, not pymdown's blocks,
whose indented bodies it shows as code. A chapter page becomes a sequence
of prose and code pieces, with each block rewritten:

- a content tab (``=== "Label"``) becomes a section: a heading one level
  below the one it sits under, then its body, unindented;
- an admonition (``!!! note "Title"``) becomes a blockquote opening with
  its title in bold;
- a collapsible block (``??? success "Solution"``) becomes an HTML
  ``<details>`` with the title as its ``<summary>``. A notebook cell cannot
  hold a code cell, so the block's prose is gathered into one
  ``<details>`` placed before its code, and its code cells are marked
  collapsed (``jupyter.source_hidden``), as JupyterLab expects;
- glossary terms get a tooltip at their first use (``snippet_exec.
  glossary``); the page's own abbreviation lines are removed.

Math stays notebook math: ``$$`` blocks come out unindented. A plain
include inside a code fence (``--8<-- "12_where_next/file.py"``, no
``exec``) becomes the file's text, as pymdown-extensions' snippets puts it
on the page, so the notebook never shows the raw line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from snippet_exec.directive import Include
from snippet_exec.glossary import DEFINITION_RE, abbreviate_markdown
from snippet_exec.sections import shown_lines
from snippet_exec.source import SourceError, read_source

BLOCK_RE = re.compile(
    r"^(?P<indent> *)(?P<marker>===|!!!|\?\?\?\+?)(?P<rest>[ \t].*|)$"
)
TITLE_RE = re.compile(r'^\s*(?P<kind>[\w-]+)?\s*(?:"(?P<title>[^"]*)")?')
FENCE_RE = re.compile(r"^ *(?P<fence>`{3,}|~{3,})")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s")
PLAIN_INCLUDE_RE = re.compile(
    r'^(?P<indent> *)-+8<-+ +"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?" *$'
)


@dataclass
class Prose:
    """Markdown for one notebook cell (or part of one)."""

    text: str


@dataclass
class Code:
    """An include, as a code cell; ``collapsed`` inside a solution."""

    include: Include
    collapsed: bool = False


@dataclass
class _Block:
    """An open pymdown block: where its body starts and what it becomes."""

    kind: str  # "tab", "note" (admonition) or "details"
    body: int  # column of its body's text
    summary: str = ""
    open: bool = False
    lines: list[str] = field(default_factory=list)
    code: list[Include] = field(default_factory=list)


def _inline_html(title: str) -> str:
    """A title as HTML: a <summary> holds no Markdown, so code spans
    become <code>."""
    parts = html.escape(title, quote=False).split("`")
    return "".join(
        f"<code>{part}</code>" if index % 2 else part
        for index, part in enumerate(parts)
    )


def _title(marker: str, rest: str) -> tuple[str, str]:
    """The block's kind of output and its title, from its first line."""
    match = TITLE_RE.match(rest)
    kind, title = match["kind"] or "", match["title"]
    if marker == "===":
        return "tab", (title if title is not None else kind)
    if title is None:
        title = kind.replace("-", " ").capitalize()
    return ("details" if marker.startswith("???") else "note"), title


class _Converter:
    """Walks a page's lines once, keeping the stack of open blocks."""

    def __init__(
        self, includes: dict[int, Include], terms, snippets_dir: Path | None
    ) -> None:
        self.includes = includes
        self.snippets_dir = snippets_dir
        self.terms = terms
        self.seen: set[str] = set()
        self.pieces: list[Prose | Code] = []
        self.prose: list[str] = []
        self.stack: list[_Block] = []
        self.fence: str | None = None
        self.heading = 1

    def run(self, lines: list[str], start: int) -> list[Prose | Code]:
        for index in range(start, len(lines)):
            self.line(index, lines[index])
        self.close_to(0)
        self.flush()
        return self.pieces

    def line(self, index: int, line: str) -> None:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if self.fence is None and stripped:
            self.close_to(indent)
        if self.fence is None and index in self.includes:
            self.code(self.includes[index])
            return
        if self.fence is not None and self.plain_include(line):
            return
        if self.fence is None and DEFINITION_RE.match(stripped):
            return  # a page's own abbreviation: applied, not shown
        block = BLOCK_RE.match(line) if self.fence is None else None
        if block is not None:
            self.open_block(block)
            return
        fence = FENCE_RE.match(line)
        if fence and (self.fence is None or fence["fence"] == self.fence):
            self.fence = None if self.fence else fence["fence"]
        heading = HEADING_RE.match(line) if self.fence is None else None
        if heading and not self.stack:
            self.heading = len(heading["hashes"])
        self.emit(self.dedent(line))

    def plain_include(self, line: str) -> bool:
        """Put a snippet file's shown lines where a fence includes it."""
        match = PLAIN_INCLUDE_RE.match(line)
        if match is None or self.snippets_dir is None:
            return False
        try:
            source = read_source(self.snippets_dir / match["path"])
        except (OSError, SourceError):
            return False  # the page's own build reports it
        for text in shown_lines(source, match["section"]):
            self.emit(self.dedent(match["indent"] + text), squeeze=False)
        return True

    def dedent(self, line: str) -> str:
        body = self.stack[-1].body if self.stack else 0
        indent = len(line) - len(line.lstrip(" "))
        return line[min(indent, body) :]

    def _target(self) -> list[str]:
        """Where output goes: the innermost open ``<details>``, or the page."""
        for block in reversed(self.stack):
            if block.kind == "details":
                return block.lines
        return self.prose

    def emit(self, text: str, squeeze: bool = True) -> None:
        """One line of output, quoted for the admonitions it sits in.

        ``squeeze`` drops a blank line after a blank line, outside code.
        """
        target = self._target()
        quotes = 0
        for block in reversed(self.stack):
            if block.kind == "details":
                break
            quotes += block.kind == "note"
        line = ("> " * quotes + text).rstrip() if quotes else text
        blank = line.strip() in ("", ">")
        if (
            blank
            and squeeze
            and self.fence is None
            and target
            and not target[-1].strip(" >")
        ):
            return  # one blank line is enough between blocks
        target.append(line)

    def open_block(self, match: re.Match) -> None:
        kind, title = _title(match["marker"], match["rest"])
        body = len(match["indent"]) + 4
        if kind == "tab":
            level = min(self.heading + 1, 6)
            self.emit("")
            self.emit(f"{'#' * level} {title}")
            self.emit("")
        elif kind == "note":
            self.emit("")
            self.stack.append(_Block(kind, body))
            if title:
                self.emit(f"**{title}**")
                self.emit("")
            return
        self.stack.append(
            _Block(kind, body, title, match["marker"].endswith("+"))
        )

    def close_to(self, indent: int) -> None:
        """Close every block whose body the line at ``indent`` leaves."""
        while self.stack and indent < self.stack[-1].body:
            block = self.stack.pop()
            if block.kind == "details":
                self.close_details(block)
            elif block.kind == "note":
                target = self._target()
                while target and target[-1] == ">":
                    target.pop()  # the blockquote ends here
                self.emit("")

    def close_details(self, block: _Block) -> None:
        """The block's prose in ``<details>``, then its code, folded.

        A block of code alone gets its title as a bold label instead of an
        empty ``<details>``.
        """
        text = "\n".join(block.lines).strip("\n")
        self.emit("")
        if text:
            opening = "<details open>" if block.open else "<details>"
            summary = _inline_html(block.summary)
            self.emit(f"{opening}<summary>{summary}</summary>")
            self.emit("")
            for line in text.split("\n"):
                self.emit(line, squeeze=False)  # squeezed when gathered
            self.emit("")
            self.emit("</details>")
        else:
            self.emit(f"**{block.summary}**")
        self.emit("")
        for include in block.code:
            self.code(include, collapsed=True)

    def code(self, include: Include, collapsed: bool = False) -> None:
        for block in reversed(self.stack):
            if block.kind == "details":
                block.code.append(include)
                return
        self.flush()
        self.pieces.append(Code(include, collapsed))

    def flush(self) -> None:
        text = "\n".join(self.prose).strip("\n")
        self.prose.clear()
        if text.strip():
            text = _join_wrapped_math(text)
            text = abbreviate_markdown(text, self.terms, self.seen)
            self.pieces.append(Prose(text))


DOLLAR_RE = re.compile(r"(?<![\\$])\$(?!\$)")


def _join_wrapped_math(text: str) -> str:
    """Inline math that wraps onto the next line, joined onto one line.

    Python-Markdown reads ``$w \\cdot x`` / ``+ b$`` as one paragraph;
    CommonMark, as Jupyter renders it, starts a list at the ``+``.
    """
    out: list[str] = []
    open_math = fence = False
    for line in text.split("\n"):
        if FENCE_RE.match(line.lstrip(" >")):
            fence = not fence
        if open_math and out:
            out[-1] += " " + line.lstrip(" >")
        else:
            out.append(line)
        if not fence:
            open_math ^= len(DOLLAR_RE.findall(line)) % 2 == 1
    return "\n".join(out)


def notebook_pieces(
    lines: list[str],
    start: int,
    includes: dict[int, Include],
    terms: dict[str, str],
    snippets_dir: Path | None = None,
) -> list[Prose | Code]:
    """The page from line ``start`` as prose and code pieces, in order.

    ``includes`` maps a 0-based line number to the include on it;
    ``terms`` is the glossary, the page's own abbreviations added;
    ``snippets_dir`` is where plain includes inside fences are read from.
    """
    return _Converter(includes, terms, snippets_dir).run(lines, start)
