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

from snippet_exec.directive import BadLine, Include

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


def code_block(item: Include | BadLine, token: int, snippets_dir: str) -> str:
    """The Markdown that replaces one include line (a bad line: only the
    placeholder, for its error box). The title may hold any character:
    it goes to pymdown-extensions HTML-escaped, as ``title_mode="html"``."""
    lines = [f"<!-- snippet-exec:{token} -->", ""]
    if isinstance(item, Include):
        title = html.escape(item.title or f"{snippets_dir}/{item.path}")
        code = [
            f'``` py title="{title}" title_mode="html"',
            f'--8<-- "{item.target}"',
            "```",
        ]
        if item.fold:
            # The code folds away under its title; output and figures stay.
            fold = html.escape(item.fold)
            code = [f'??? example "{fold}"', ""] + ["    " + c for c in code]
        lines[:0] = [*code, ""]
    return "\n".join(item.indent + line if line else "" for line in lines)


def expand(
    source: str,
    items: list[Include | BadLine],
    markdown: str,
    snippets_dir: str,
) -> str:
    """``markdown`` (a host's copy of ``source``) with every item's line
    replaced by its code block and placeholder, numbered in order."""
    lines = markdown.split("\n")
    for token in reversed(range(len(items))):
        at = locate(source, items[token], lines)
        if at >= 0:
            lines[at] = code_block(items[token], token, snippets_dir)
    return "\n".join(lines)


def fill(page_html: str, html_for: Callable[[int], str]) -> str:
    """Replace each placeholder with ``html_for(its number)``."""
    return PLACEHOLDER_RE.sub(lambda m: html_for(int(m[1])), page_html)


def relative_url(target: str, page_url: str) -> str:
    """``target`` (site-relative) as a link from the page at ``page_url``.

    ``a/`` is a folder, ``a.md`` or ``a.html`` a file in the root.
    """
    base = posixpath.dirname("/" + page_url) if page_url else "/"
    return posixpath.relpath("/" + target, base or "/")
