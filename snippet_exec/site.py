"""The engine's host-free core: one run of every snippet a site includes.

A host (the MkDocs plugin, the Python-Markdown extension) hands a
``SiteRun`` its pages as path -> Markdown; the run finds each page's
includes once and keeps them, checks them, runs what the cache lacks (all
pages together, in parallel) and then answers, page by page: the Markdown
to put in place of each include, the HTML for each placeholder, the figure
files to write and the problems (``notebook_pages`` writes the chapters'
notebooks from it). Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from snippet_exec import figure_pages, placement, render
from snippet_exec.background import BackgroundRuns
from snippet_exec.cache import ResultCache
from snippet_exec.colab import colab_url
from snippet_exec.directive import BadLine, Include, scan_page
from snippet_exec.executor import Executor, RunResult
from snippet_exec.mathfont import FONT_URI, math_font
from snippet_exec.mathml import MathError, typeset_math
from snippet_exec.options import Options, executor_for
from snippet_exec.problems import (
    Problem,
    check_alts,
    check_result,
    check_target,
)
from snippet_exec.report import RunStats
from snippet_exec.sections import Chunk, SectionError, split_chunks
from snippet_exec.source import SourceError, read_source

H1_RE = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.M)


@dataclass
class _Page:
    source: str
    items: list[Include | BadLine]
    codeless: set[int] = field(default_factory=set)  # file/section gone

    @property
    def includes(self) -> list[Include]:
        return [i for i in self.items if isinstance(i, Include)]


class SiteRun:
    """One site's includes, their results and their problems."""

    def __init__(
        self,
        options: Options,
        executor: Executor | None = None,
        background: BackgroundRuns | None = None,
    ):
        """``background``: run what the cache lacks there, without
        waiting (a live-reloading server); else ``run`` waits for it."""
        self.options = options
        self.background = background
        self.running: dict[str, float] = {}  # path -> time.time() at start
        self.root = options.root.resolve()
        self.snippets = self.root / options.snippets_dir
        self.executor = executor_for(options, executor)
        self.cache = ResultCache(self.root / options.cache_dir, self.root)
        self.pages: dict[str, _Page] = {}
        self.results: dict[str, RunResult] = {}
        self._problems: dict[tuple[str, int], Problem] = {}
        self._rel: dict[str, str] = {}

    def load(self, pages: dict[str, str]) -> None:
        """Find and check every page's includes; forget the last run."""
        self.pages, self.results, self._problems = {}, {}, {}
        self.running = {}
        for path, source in sorted(pages.items()):
            self.pages[path] = page = _Page(source, scan_page(source, path))
            for token, item in enumerate(page.items):
                where = self.page_where(item)
                if isinstance(item, BadLine):
                    problem = Problem(where, item.message)
                elif problem := check_target(
                    item, self.snippets, where, self.rel(item.path)
                ):
                    page.codeless.add(token)
                else:
                    problem = check_alts(item, where)
                if problem is not None:
                    self._problems[(path, item.lineno)] = problem

    def run(
        self, on_result: Callable[[RunResult], None] | None = None
    ) -> RunStats:
        """Run what the cache lacks, every page's snippets at once (or
        start it in the background); ``on_result`` sees each run end."""
        started = time.perf_counter()
        includes = [i for p in self.pages.values() for i in p.includes]
        wanted = sorted(
            {self.rel(i.path) for i in includes if self._can_run(i)}
        )
        if self.options.execute and self.background is not None:
            self.results, self.running = self.background.collect(
                self.cache, self.executor, wanted
            )
        elif self.options.execute:
            self.results = self.cache.run_missing(
                self.executor, wanted, on_result
            )
        for include in includes:
            result = self.results.get(self.rel(include.path))
            key = (include.page, include.lineno)
            if result is None or key in self._problems:
                continue
            problem = check_result(include, result, self.page_where(include))
            if problem is not None:
                self._problems[key] = problem
        done = self.results.values()
        ran = sum(not r.cached for r in done)
        cached = sum(r.cached and r.ok for r in done)  # not a failure kept
        failed = sum(not r.ok for r in done)
        seconds = time.perf_counter() - started
        running = len(self.running)
        return RunStats(len(wanted), ran, cached, failed, seconds, running)

    def _can_run(self, include: Include) -> bool:
        """The file exists inside the snippets folder (if its include has
        a problem, another include of the same file may still need it)."""
        file = (self.snippets / include.path).resolve()
        return file.is_file() and file.is_relative_to(self.snippets.resolve())

    def problem_at(self, page: str, lineno: int) -> Problem | None:
        """The problem of the include on ``page`` at ``lineno``, if any."""
        return self._problems.get((page, lineno))

    @property
    def problems(self) -> list[Problem]:
        """Every problem, in page and line order."""
        return [self._problems[k] for k in sorted(self._problems)]

    def rel(self, snippet_path: str) -> str:
        """A snippet's path relative to the root, as results are keyed."""
        found = self._rel.get(snippet_path)
        if found is None:  # asked ~2,000 times a build: remembered
            found = Path(
                os.path.relpath(self.snippets / snippet_path, self.root)
            ).as_posix()
            self._rel[snippet_path] = found
        return found

    def page_where(self, item: Include | BadLine) -> str:
        """``docs/page.md:line`` of an include, for messages."""
        return f"{self.options.docs_dir}/{item.where}"

    def expand(self, page: str, markdown: str) -> str:
        """``markdown`` (the host's copy of the page) with each include
        line replaced by a code block and a placeholder for its results."""
        state = self.pages.get(page)
        if state is None or not state.items:
            return markdown
        return placement.expand(
            state.source,
            state.items,
            markdown,
            self.options.snippets_dir,
            self._chunks_of,
            frozenset(state.codeless),
            self.snippets,
        )

    def _chunks_of(self, path: str) -> list[Chunk] | None:
        """A snippet's chunks, or None if it cannot be read or split (its
        include's problem says why)."""
        try:
            return split_chunks(read_source(self.snippets / path))
        except (OSError, SourceError, SectionError):
            return None

    def finish_page(
        self,
        page: str,
        page_html: str,
        page_url: str,
        links=None,
        math: bool = True,
    ) -> str:
        """Fill the placeholders, add the provenance line, typeset math
        (unless ``math`` is False: TeX is then left as written).

        Figure links are made relative to ``page_url``: the page's URL
        (``a/``) or, for hosts that resolve links from the page's file the
        way Markdown links are, its path (``a.md``). ``links`` may hold the
        notebook's ``view`` and ``download`` URLs.
        Raises ``MathError`` naming the page for TeX that cannot typeset.
        """
        state = self.pages.get(page)
        if state is not None and state.items:
            page_html = placement.fill(
                page_html, lambda n: self._results_html(state, n, page_url)
            )
            line = self._provenance(page, dict(links or {}))
            if line:
                page_html = page_html.replace("</h1>", "</h1>" + line, 1)
        if not math:
            return page_html
        try:
            return typeset_math(page_html)
        except MathError as err:
            raise MathError(f"{self.options.docs_dir}/{page}: {err}") from None

    def _results_html(self, state: _Page, token: int, page_url: str) -> str:
        if token >= len(state.items):
            return ""
        item = state.items[token]
        problem = self._problems.get((item.page, item.lineno))
        if problem is not None:
            return render.error_html(problem.headline, problem.report())
        rel = self.rel(item.path)
        if rel in self.running:
            return render.running_html(rel, self.running[rel])
        result = self.results.get(rel)
        if result is None:
            return ""  # not executed (execute: false), or not run yet
        output, figures = result.select(item.section)
        return render.output_html(output) + figure_pages.figures_html(
            figures, item.alts, page_url
        )

    def page_of(self, text: str) -> str | None:
        """Which page a host's copy ``text`` is (front matter may be cut
        off): the shortest page whose file ends with it, or None."""
        text, pages = text.rstrip(), self.pages
        found = [p for p in pages if pages[p].source.rstrip().endswith(text)]
        return min(found, key=lambda p: len(pages[p].source), default=None)

    def figure_files(self, pages: list[str] | None = None) -> dict[str, bytes]:
        """Site path -> content of every figure file the pages show."""
        includes = [
            i
            for p in (self.pages if pages is None else pages)
            for i in self.pages[p].includes
        ]
        return figure_pages.figure_files(
            (self.results[self.rel(i.path)], i.section)
            for i in includes
            if self.rel(i.path) in self.results
        )

    def complete(self, page: str) -> bool:
        """True if every include on ``page`` ran without a problem (its
        chapter notebook can be written)."""
        state = self.pages[page]
        if any((i.page, i.lineno) in self._problems for i in state.items):
            return False
        includes = state.includes
        return bool(includes) and all(
            self.rel(i.path) in self.results for i in includes
        )

    def asset_files(self) -> dict[str, bytes]:
        """Files every page with math needs: the math font the stylesheet
        names (``snippet_exec.mathfont``), built once and cached."""
        cache = self.root / self.options.cache_dir / "fonts"
        return {FONT_URI: math_font(cache)}

    def _provenance(self, page: str, links: dict[str, str]) -> str:
        """What the page's code ran on, how long it took, and its notebook."""
        if not self.complete(page):
            return ""
        state = self.pages[page]
        paths = sorted({i.path for i in state.includes})
        results = [self.results[self.rel(p)] for p in paths]
        env = render.page_env(r.env for r in results)
        name = Path(state.includes[0].page).with_suffix(".ipynb").name
        colab = colab_url(self.options.repo_url, name)
        if "view" in links and colab:
            links["colab"] = colab
        if self.options.repo_url:
            title = H1_RE.search(state.source)
            links["report"] = render.report_url(
                self.options.repo_url.rstrip("/"),
                title["title"] if title else paths[0],
                paths,
                env,
            )
        seconds = sum(r.duration for r in results)
        return render.provenance_html(env, len(results), seconds, links)


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (path in ``folder`` -> content) atomically, each
    only if it differs, so a reader never sees half a file."""
    for name, content in files.items():
        target = folder / name
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(content)
        temp.replace(target)
