"""What can be wrong with one include, found before and after its run.

Every problem names the page's ``file:line``; a failure inside the snippet
also names the snippet's ``file:line``, with the page's as
``included at ...`` beneath it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from snippet_exec.directive import Include
from snippet_exec.executor import RunResult
from snippet_exec.sections import section_names
from snippet_exec.source import SourceError, read_source

# Alt text that names the kind of thing instead of saying what it shows.
GENERIC_ALT_RE = re.compile(
    r"(?:an?\s+|the\s+)?(?:figure|fig|plot|image|img|graph|chart|picture"
    r"|diagram|screenshot|output|placeholder|alt|todo)s?\W*\d*\W*|\W*",
    re.IGNORECASE,
)
MIN_ALT_WORDS = 3


@dataclass(frozen=True)
class Problem:
    """Something wrong with one include line, located for an author."""

    page_where: str  # "docs/x.md:12", the include line
    summary: str
    snippet_where: str | None = None  # "snippets/a.py:7", if the run failed
    details: str = ""  # a traceback, indented under the summary

    @property
    def headline(self) -> str:
        """``file:line: summary``, at the snippet if the cause is there."""
        return f"{self.snippet_where or self.page_where}: {self.summary}"

    def report(self) -> str:
        """The headline, the page's location if not already said, details."""
        lines = [self.headline]
        if self.snippet_where is not None:
            lines.append(f"    included at {self.page_where}")
        lines += ["    " + line for line in self.details.rstrip().splitlines()]
        return "\n".join(lines)


def check_alts(include: Include, page_where: str) -> Problem | None:
    """Alt texts must say what a figure shows (empty or generic fail)."""
    for number, alt in enumerate(include.alts, start=1):
        if len(alt.split()) < MIN_ALT_WORDS or GENERIC_ALT_RE.fullmatch(
            alt.strip()
        ):
            return Problem(
                page_where,
                f"alt text {number} ({alt!r}) does not say what the figure "
                f"shows; describe it in at least {MIN_ALT_WORDS} words, "
                "as you would to a reader who cannot see it",
            )
    return None


def check_target(
    include: Include,
    snippets: Path,
    page_where: str,
    rel: str | None = None,
) -> Problem | None:
    """The snippet file and the named section must exist; if not, the
    include has no code to show (pymdown-extensions would raise). The
    file must decode as Python decodes it (PEP 263); ``rel``, its path
    from the repository root, locates the line that does not."""
    path = (snippets / include.path).resolve()
    if not path.is_relative_to(snippets.resolve()):
        return Problem(
            page_where, f"{include.path} is outside {snippets.name}/"
        )
    if not path.is_file():
        return Problem(page_where, f"no snippet file {include.path}")
    try:
        source = read_source(path)
    except SourceError as err:
        where = f"{rel or include.path}:{err.lineno}"
        return Problem(page_where, str(err), where)
    except OSError as err:
        return Problem(page_where, f"cannot read {include.path}: {err}")
    if include.section and include.section not in section_names(source):
        return Problem(page_where, _missing_section(include, source))
    return None


def _missing_section(include: Include, source: str) -> str:
    """Why ``include.section`` is not found, with the likely fix."""
    message = f"{include.path} has no section '{include.section}'"
    escaped = f";--8<-- [start:{include.section}]"
    for lineno, line in enumerate(source.splitlines(), start=1):
        if escaped in line:
            return (
                f"{message}: its marker at line {lineno} has a ';' before "
                "'--8<--' (the escape a Markdown page needs to show a "
                "marker); delete the ';' in the snippet"
            )
    return message


def check_source(
    include: Include,
    snippets: Path,
    page_where: str,
    rel: str | None = None,
) -> Problem | None:
    """The snippet file and the named section must exist, and each alt
    text must say what its figure shows."""
    return check_target(include, snippets, page_where, rel) or check_alts(
        include, page_where
    )


def check_result(
    include: Include, result: RunResult, page_where: str
) -> Problem | None:
    """The run must have succeeded and drawn one figure per alt text."""
    if not result.ok:
        error = result.error
        return Problem(
            page_where, error.summary, result.location(), error.traceback
        )
    never = result.never_ran(include.section)
    if never is not None:  # a zero sys.exit ended the file before it
        return Problem(
            page_where, never, f"{result.path}:{result.exit_line or 1}"
        )
    _, figures = result.select(include.section)
    if len(figures) != len(include.alts):
        return Problem(
            page_where,
            f"{include.target} draws {len(figures)} figure(s) but the "
            f"include gives {len(include.alts)} alt text(s); "
            'add one alt="..." per figure, in order',
        )
    return None
