"""The MkDocs plugin: run the snippets pages include and place their results.

Hooks, in build order: ``on_files`` finds every include, runs what the cache
lacks (in parallel) and fails the build on any problem; ``on_page_markdown``
turns each include into a code block plus a placeholder; ``on_page_content``
fills the placeholders with output and figures and typesets math.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from snippet_exec import render
from snippet_exec.cache import ResultCache
from snippet_exec.directive import DirectiveError, Include, find_includes
from snippet_exec.executor import Executor, Limits, RunResult
from snippet_exec.glossary import read_glossary
from snippet_exec.mathml import MathError, typeset_dollar_math, typeset_math
from snippet_exec.notebook import chapter_notebook
from snippet_exec.sections import section_names

log = logging.getLogger("mkdocs.plugins.snippet_exec")
MD_LINK_RE = re.compile(r'href="(?P<path>[\w./-]+\.md)(?P<fragment>#[^"]*)?"')
PLACEHOLDER_RE = re.compile(r"(?:<p>)?<!-- snippet-exec:(\d+) -->(?:</p>)?")


class SnippetExecConfig(Config):
    """Options of the ``snippet-exec`` plugin in ``mkdocs.yml``."""

    snippets_dir = opt.Type(str, default="snippets")
    """Folder of the snippet files, relative to mkdocs.yml."""
    cache_dir = opt.Type(str, default=".cache/snippet_exec")
    """Folder of the result cache, relative to mkdocs.yml."""
    execute = opt.Type(bool, default=True)
    """False shows code only: quick builds while writing prose."""
    timeout = opt.Type((int, float), default=120)
    """Seconds a snippet may run before it is stopped and reported."""
    memory_mb = opt.Type(int, default=4096)
    """Address-space limit of each snippet's process, in MiB."""
    jobs = opt.Type(int, default=0)
    """Snippets run at once; 0 means one per CPU core."""


@dataclass
class Problem:
    """Something wrong with one include, reported with both locations."""

    include: Include | None
    where: str  # file:line of the cause (snippet or page)
    summary: str
    details: str = ""

    def report(self) -> str:
        lines = [f"{self.where}: {self.summary}"]
        if self.include is not None and not self.where.startswith(
            self.include.page
        ):
            lines.append(f"    included at docs/{self.include.where}")
        lines += ["    " + line for line in self.details.rstrip().splitlines()]
        return "\n".join(lines)


class SnippetExecPlugin(BasePlugin[SnippetExecConfig]):
    """Executes snippets at build time; see the module docstring."""

    def __init__(self) -> None:
        self.serving = False
        self._executor: Executor | None = None
        self._results: dict[str, RunResult] = {}
        self._problems: dict[tuple[str, int], Problem] = {}
        self._figure_urls: dict[str, str] = {}
        self._blocks: dict[str, str] = {}
        self._notebooks: dict[str, str] = {}  # page src_uri -> notebook uri

    # Defining on_startup keeps this instance, and its warm forkserver,
    # alive across the rebuilds of `mkdocs serve`.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        self._repo_url = (config.repo_url or "").rstrip("/")
        self.root = Path(config.config_file_path).resolve().parent
        self.snippets = self.root / self.config.snippets_dir
        limits = Limits(self.config.timeout, self.config.memory_mb)
        if self._executor is None or self._executor.limits != limits:
            self._executor = Executor(self.root, limits, self.config.jobs)
        self.cache = ResultCache(self.root / self.config.cache_dir, self.root)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        started = time.perf_counter()
        self._problems = {}
        self._results = {}
        includes = self._collect_includes(files)
        wanted = sorted({i.path for i in includes if self._check_include(i)})
        if self.config.execute:
            self._results = self._run(wanted)
            for include in includes:
                self._check_result(include)
            self._add_figures(files, config)
            self._add_notebooks(files, config, includes)
        ran = sum(not r.cached for r in self._results.values())
        log.info(
            "snippet-exec: %d snippets, %d ran, %d cached, %d failed, %.1f s",
            len(wanted),
            ran,
            len(self._results) - ran,
            sum(not r.ok for r in self._results.values()),
            time.perf_counter() - started,
        )
        if self._problems and not self.serving:
            reports = "\n".join(p.report() for p in self._problems.values())
            raise PluginError(
                f"{len(self._problems)} snippet include(s) failed:\n{reports}"
            )
        return files

    def _add_notebooks(self, files: Files, config, includes) -> None:
        """One notebook per chapter whose snippets all ran, for mkdocs-jupyter."""
        folder = self.root / self.config.cache_dir / "notebooks"
        folder.mkdir(parents=True, exist_ok=True)
        self._notebooks = {}
        glossary = read_glossary(
            self.root, config.mdx_configs.get("pymdownx.snippets", {})
        )
        for page in sorted({i.page for i in includes}):
            mine = [i for i in includes if i.page == page]
            if any((i.page, i.lineno) in self._problems for i in mine):
                continue
            source = files.get_file_from_path(page).content_string
            text = chapter_notebook(
                source, mine, self._results, self.snippets, self.root, glossary
            )
            name = Path(page).with_suffix(".ipynb").name
            target = folder / name
            if not target.exists() or target.read_text("utf-8") != text:
                temp = target.with_suffix(".tmp")
                temp.write_text(text, encoding="utf-8")
                temp.replace(target)
            uri = f"notebooks/{name}"
            files.append(
                File(
                    uri,
                    str(folder.parent),
                    config.site_dir,
                    config.use_directory_urls,
                )
            )
            self._notebooks[page] = uri

    def _collect_includes(self, files: Files) -> list[Include]:
        includes = []
        for file in files.documentation_pages():
            try:
                includes += find_includes(file.content_string, file.src_uri)
            except DirectiveError as err:
                page, line, message = str(err).split(":", 2)
                self._problems[(page, int(line))] = Problem(
                    None, f"docs/{page}:{line}", message.strip()
                )
        return includes

    def _problem(self, include: Include, where: str, summary: str, details=""):
        key = (include.page, include.lineno)
        self._problems[key] = Problem(include, where, summary, details)

    def _check_include(self, include: Include) -> bool:
        """Check the file and section exist; True if the snippet can run."""
        path = self.snippets / include.path
        page_where = f"docs/{include.where}"
        if not path.is_file():
            self._problem(
                include, page_where, f"no snippet file {include.path}"
            )
            return False
        sections = section_names(path.read_text("utf-8"))
        if include.section and include.section not in sections:
            self._problem(
                include,
                page_where,
                f"{include.path} has no section '{include.section}'",
            )
        return True

    def _check_result(self, include: Include) -> None:
        result = self._results.get(self._rel(include.path))
        if result is None or (include.page, include.lineno) in self._problems:
            return
        if not result.ok:
            error = result.error
            self._problem(
                include, result.location(), error.summary, error.traceback
            )
            return
        _, figures = result.select(include.section)
        if len(figures) != len(include.alts):
            self._problem(
                include,
                f"docs/{include.where}",
                f"{include.target} draws {len(figures)} figure(s) but the "
                f"include gives {len(include.alts)} alt text(s); "
                'add one alt="..." per figure, in order',
            )

    def _rel(self, snippet_path: str) -> str:
        return (self.snippets / snippet_path).relative_to(self.root).as_posix()

    def _run(self, wanted: list[str]) -> dict[str, RunResult]:
        rels = [self._rel(name) for name in wanted]
        return self.cache.run_missing(self._executor, rels)

    def _add_figures(self, files: Files, config) -> None:
        self._figure_urls = {}
        for result in self._results.values():
            for chunk in result.chunks:
                for svg in chunk.figures:
                    digest = hashlib.sha256(svg.encode()).hexdigest()[:20]
                    uri = f"figures/{digest}.svg"
                    if uri not in self._figure_urls.values():
                        files.append(File.generated(config, uri, content=svg))
                    self._figure_urls[svg] = uri

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        lines = markdown.splitlines()
        try:
            in_file = find_includes(
                page.file.content_string, page.file.src_uri
            )
            in_markdown = find_includes(markdown, page.file.src_uri)
        except (
            DirectiveError
        ) as err:  # reported by on_files; shown when serving
            return render.error_html(str(err), "") + "\n\n" + markdown
        # The file's line numbers (front matter included) name the includes.
        for include, here in zip(in_file, in_markdown, strict=True):
            lines[here.lineno - 1] = self._expand(include, page)
        return "\n".join(lines) + "\n"

    def _expand(self, include: Include, page) -> str:
        """A code block of the snippet, then a placeholder for its results."""
        ind = include.indent
        title = include.title or f"{self.config.snippets_dir}/{include.path}"
        token = str(len(self._blocks))
        self._blocks[token] = self._results_html(include, page)
        code = [
            f'``` py title="{title}"',
            f'--8<-- "{include.target}"',
            "```",
        ]
        if include.fold:
            # The code folds away under its title; output and figures stay.
            fold = include.fold.replace('"', "&quot;")
            code = [f'??? example "{fold}"', ""] + ["    " + c for c in code]
        lines = [*code, "", f"<!-- snippet-exec:{token} -->", ""]
        return "\n".join(ind + line if line else "" for line in lines)

    def _results_html(self, include: Include, page) -> str:
        problem = self._problems.get((include.page, include.lineno))
        if problem is not None:
            return render.error_html(
                problem.where + ": " + problem.summary, problem.report()
            )
        if not self.config.execute:
            return ""
        result = self._results[self._rel(include.path)]
        output, figures = result.select(include.section)
        parts = [render.output_html(output)]
        for svg, alt in zip(figures, include.alts, strict=True):
            src = get_relative_url(self._figure_urls[svg], page.url)
            parts.append(render.figure_html(src, alt))
        return "".join(parts)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        html = PLACEHOLDER_RE.sub(lambda m: self._blocks.pop(m[1], ""), html)
        if page.file.src_uri in self._notebooks.values():
            # The chapter page already holds this text; indexing the copy
            # would double the search results and the build time.
            page.meta["search"] = {"exclude": True}
            return self._notebook_page(html, page, files)
        line = self._provenance(page, files)
        if line:
            html = html.replace("</h1>", "</h1>" + line, 1)
        try:
            return typeset_math(html)
        except MathError as err:
            raise PluginError(f"docs/{page.file.src_uri}: {err}") from None

    def _notebook_page(self, html: str, page, files: Files) -> str:
        """Math as MathML and chapter links that work from the notebook page."""

        def link(match: re.Match) -> str:
            target = files.get_file_from_path(match["path"])
            if target is None:
                return match[0]
            url = get_relative_url(target.url, page.url)
            return f'href="{url}{match["fragment"] or ""}"'

        html = MD_LINK_RE.sub(link, html)
        try:
            return typeset_dollar_math(html)
        except MathError as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None

    def _provenance(self, page, files: Files) -> str:
        """What the page's code ran on, how long it took, and its notebook."""
        try:
            source = page.file.content_string
        except (OSError, TypeError, ValueError):
            return ""
        paths = {i.path for i in find_includes(source, page.file.src_uri)}
        results = [self._results.get(self._rel(p)) for p in paths]
        if not results or not all(r is not None and r.ok for r in results):
            return ""
        notebook = self._notebooks.get(page.file.src_uri)
        links = {}
        if notebook is not None:
            nb_file = files.get_file_from_path(notebook)
            if nb_file is not None:
                stem = Path(notebook).stem
                view = get_relative_url(nb_file.url, page.url)
                links = {"view": view, "download": f"{view}{stem}.ipynb"}
        if self._repo_url:
            links["report"] = render.report_url(
                self._repo_url, page.title, sorted(paths), results[0].env
            )
        return render.provenance_html(
            results[0].env,
            len(results),
            sum(r.duration for r in results),
            links,
        )
