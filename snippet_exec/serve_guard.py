"""Under ``mkdocs serve``, an include pymdown cannot resolve is an error box.

pymdown-extensions' snippets, with ``check_paths: true``, raises when an
include names a file or a section that does not exist. ``mkdocs build``
should fail so, with that message; under ``mkdocs serve`` the same
exception leaves the server stuck (every page waits for a rebuild that
never ends) until the line is fixed. The MkDocs host adds this Markdown
extension while serving: it wraps the snippets preprocessor and, on such
an error, processes the page again without the check, puts an error box
at its top and reports the problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from pymdownx.snippets import SnippetMissingError

from snippet_exec import render
from snippet_exec.site import SiteRun

# pymdown's messages: "Snippet at path 'x' could not be found",
# "Snippet section 'name' could not be located".
QUOTED_RE = re.compile(r"'(?P<name>[^']*)'")
SCISSORS = "8<"


def find_line(message: str, source: str) -> int | None:
    """The 1-based line of ``source`` (a page's file) with the include
    that ``message`` (pymdown's) is about, or None if not found."""
    quoted = QUOTED_RE.search(message)
    if quoted is None:
        return None
    name = quoted["name"]
    wanted = f":{name}" if "section" in message else name
    for lineno, line in enumerate(source.splitlines(), start=1):
        if SCISSORS in line and wanted in line:
            return lineno
    return None


class _Guarded(Preprocessor):
    """pymdown's snippets preprocessor, with a missing include reported."""

    def __init__(self, md: Markdown, inner, report: Callable[[str], str]):
        super().__init__(md)
        self.inner, self.report = inner, report

    def __getattr__(self, name: str):
        # pymdown's own reset() reaches into its preprocessor by name.
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def run(self, lines: list[str]) -> list[str]:
        try:
            return self.inner.run(list(lines))
        except SnippetMissingError as err:
            headline = self.report(str(err))
        self.inner.check_paths = False
        try:
            lines = self.inner.run(list(lines))
        finally:
            self.inner.check_paths = True
        # One line of raw HTML (Markdown's own stash would not survive
        # the whitespace step that runs after this one).
        box = render.error_html(headline, headline).replace("\n", " ")
        return [box, "", *lines]


class SnippetGuard(Extension):
    """Loaded after ``pymdownx.snippets``. ``page()`` names the page being
    rendered (its path in the docs folder, as ``site`` has it); a missing
    include is said with ``warn`` and heads the page's error box, as
    ``docs/page.md:line: message`` (pymdown's message)."""

    def __init__(
        self,
        site: SiteRun,
        page: Callable[[], str],
        warn: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.site, self.page, self.warn = site, page, warn

    def report(self, message: str) -> str:
        """Say pymdown's ``message``, located; the error box's headline."""
        page = self.page()
        state = self.site.pages.get(page)
        line = find_line(message, state.source) if state else None
        where = f"{self.site.options.docs_dir}/{page}"
        said = f"{where}:{line}: {message}" if line else f"{where}: {message}"
        self.warn(said)
        return said

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        if "snippet" not in md.preprocessors:
            return
        inner = md.preprocessors["snippet"]
        guarded = _Guarded(md, inner, self.report)
        md.preprocessors.register(guarded, "snippet", 32)
