"""Where an include's pieces go: Markdown in place of the line, HTML later.

Each include line becomes a code block (which pymdown-extensions' snippets
fills with the file's code) and an HTML comment, a placeholder that the
host's rendered page still holds and that is then replaced by the
include's output, figures or error box. Pure text functions: no host, no
run.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from snippet_exec.directive import BadLine, Include
from snippet_exec.sections import Chunk, decoded_lines
from snippet_exec.showing import FileCursor, hidden_code

PLACEHOLDER_RE = re.compile(r"(?:<p>)?<!-- snippet-exec:(\d+) -->(?:</p>)?")


def locate(source: str, item: Include | BadLine, lines: list[str]) -> int:
    """Where ``item`` (found in ``source``) is in ``lines``, a host's copy.

    A host may hand over less than the file (front matter cut off), so the
    line is counted from the end of the file, then found by its exact
    text; -1 if it is gone.
    """
    at = item.lineno - 1 - (source.count("\n") + 1 - len(lines))
    if 0 <= at < len(lines) and lines[at] == item.line:
        return at
    return next((n for n, line in enumerate(lines) if line == item.line), -1)


def code_block(
    item: Include | BadLine,
    token: int,
    snippets_dir: str,
    setup: tuple[int, int, str] = (0, 0, ""),
    show_code: bool = True,
    decoded: list[str] | None = None,
) -> str:
    """The Markdown that replaces one include line (a bad line, or one
    with ``show_code`` False because its file or section is missing: only
    the placeholder, for its error box). The title may hold any character:
    it goes to pymdown-extensions HTML-escaped, as ``title_mode="html"``.
    ``setup`` is the hidden code that runs before this section (first
    line, last line, code), offered folded above it. ``decoded`` holds
    the shown lines of a snippet that is not plain UTF-8 (pymdown-
    extensions reads UTF-8 only), placed as the text Python reads."""
    lines = [f"<!-- snippet-exec:{token} -->", ""]
    if isinstance(item, Include) and show_code:
        title = html.escape(item.title or f"{snippets_dir}/{item.path}")
        code = [
            f'``` py title="{title}" title_mode="html"',
            *(decoded or [f'--8<-- "{item.target}"']),
            "```",
        ]
        if item.fold:
            # The code folds away under its title; output and figures stay.
            fold = html.escape(item.fold)
            code = [f'??? example "{fold}"', ""] + ["    " + c for c in code]
        lines[:0] = [*_setup_block(item, snippets_dir, *setup), *code, ""]
    return "\n".join(item.indent + line if line else "" for line in lines)


def _setup_block(
    item: Include, snippets_dir: str, first: int, last: int, code: str
) -> list[str]:
    """A folded block with the code that runs before the shown section."""
    if not code:
        return []
    span = f"lines {first}–{last}" if last > first else f"line {first}"
    title = html.escape(f"{snippets_dir}/{item.path}, {span}")
    body = [f'```` py title="{title}" title_mode="html"']
    body += code.split("\n") + ["````"]
    return [
        f'??? info "Set-up this code needs ({span} of the file)"',
        "",
        *("    " + line if line else "" for line in body),
        "",
    ]


def expand(
    source: str,
    items: list[Include | BadLine],
    markdown: str,
    snippets_dir: str,
    chunks_of: Callable[[str], list[Chunk] | None] = lambda path: None,
    codeless: frozenset[int] = frozenset(),
    snippets: Path | None = None,
) -> str:
    """``markdown`` (a host's copy of ``source``) with every item's line
    replaced by its code block and placeholder, numbered in order; the
    items numbered in ``codeless`` get only the placeholder.
    ``chunks_of(path)`` gives a snippet's chunks (None if unreadable), so
    hidden set-up before a shown section can be offered folded;
    ``snippets`` (the folder's path) lets a snippet that is not plain
    UTF-8 be shown as Python decodes it."""
    setups = _setups(items, chunks_of)
    lines = markdown.split("\n")
    for token in reversed(range(len(items))):
        item = items[token]
        at = locate(source, item, lines)
        if at >= 0:
            decoded = None
            if snippets is not None and isinstance(item, Include):
                decoded = decoded_lines(snippets / item.path, item.section)
            lines[at] = code_block(
                item,
                token,
                snippets_dir,
                setups[token],
                token not in codeless,
                decoded,
            )
    return "\n".join(lines)


def _setups(items, chunks_of) -> list[tuple[int, int, str]]:
    """Each item's hidden set-up, walking the page's includes in order."""
    cursors: dict[str, FileCursor | None] = {}
    setups = []
    for item in items:
        setup = (0, 0, "")
        if isinstance(item, Include):
            if item.path not in cursors:
                chunks = chunks_of(item.path)
                cursors[item.path] = FileCursor(chunks) if chunks else None
            cursor = cursors[item.path]
            if cursor is not None:
                taken = cursor.take(item.section)
                setup = hidden_code(cursor.chunks, taken)
        setups.append(setup)
    return setups


def fill(page_html: str, html_for: Callable[[int], str]) -> str:
    """Replace each placeholder with ``html_for(its number)``."""
    return PLACEHOLDER_RE.sub(lambda m: html_for(int(m[1])), page_html)


def relative_url(target: str, page_url: str) -> str:
    """``target`` (site-relative) as a link from the page at ``page_url``.

    ``a/`` is a folder, ``a.md`` or ``a.html`` a file in the root.
    """
    base = posixpath.dirname("/" + page_url) if page_url else "/"
    return posixpath.relpath("/" + target, base or "/")
