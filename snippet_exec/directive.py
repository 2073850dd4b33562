"""Find the one-line includes that place code, output and figures on a page.

The line keeps pymdown-extensions' snippet syntax and adds an attribute list::

    --8<-- "03_single_neuron/fit.py:train" { exec alt="The fitted line" }

Lines inside fenced code blocks are left alone, so a page can show the syntax.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

DIRECTIVE_RE = re.compile(
    r"""^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+
        "(?P<target>[^"\n]+)"[ \t]*
        \{[ \t]*exec(?P<options>(?:[ \t][^}\n]*)?)\}[ \t]*$""",
    re.VERBOSE,
)
FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
KNOWN_OPTIONS = {"alt", "title", "fold"}


class DirectiveError(ValueError):
    """A malformed include line; the message names the fix."""


@dataclass(frozen=True)
class Include:
    """One include line: which snippet (and section) and how to show it."""

    page: str  # page path relative to docs_dir
    lineno: int  # 1-based line of the include in the page
    indent: str
    path: str  # snippet path relative to the snippets dir
    section: str | None
    alts: tuple[str, ...] = field(default=())
    title: str | None = None
    fold: str | None = None  # collapse the code under this title

    @property
    def target(self) -> str:
        """The include target as written, ``path`` or ``path:section``."""
        return f"{self.path}:{self.section}" if self.section else self.path

    @property
    def where(self) -> str:
        """The page's ``file:line`` for error messages."""
        return f"{self.page}:{self.lineno}"


def _parse_options(text: str, where: str) -> dict:
    alts: list[str] = []
    found: dict[str, str] = {}
    try:
        tokens = shlex.split(text)
    except ValueError as err:
        raise DirectiveError(
            f"{where}: cannot read the options: {err}"
        ) from None
    for token in tokens:
        key, sep, value = token.partition("=")
        if not sep or key not in KNOWN_OPTIONS:
            raise DirectiveError(
                f"{where}: unknown option {token!r}; "
                f'use alt="..." (one per figure), title="..." or '
                'fold="..."'
            )
        if key == "alt":
            alts.append(value)
        else:
            found[key] = value
    return {"alts": tuple(alts), **found}


def find_includes(markdown: str, page: str) -> list[Include]:
    """Return every exec include in ``markdown`` outside fenced code."""
    includes = []
    fence: str | None = None
    for lineno, line in enumerate(markdown.splitlines(), start=1):
        opening = FENCE_RE.match(line)
        if fence is not None:
            if opening and opening["fence"].startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening["fence"]
            continue
        match = DIRECTIVE_RE.match(line)
        if not match:
            continue
        where = f"{page}:{lineno}"
        path, _, section = match["target"].partition(":")
        options = _parse_options(match["options"], where)
        includes.append(
            Include(
                page=page,
                lineno=lineno,
                indent=match["indent"],
                path=path,
                section=section or None,
                **options,
            )
        )
    return includes
