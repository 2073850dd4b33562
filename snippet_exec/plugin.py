"""The MkDocs host: MkDocs' pages in, figure and notebook files out.

``on_files`` hands every page to the core's ``SiteRun``, which runs what
the cache lacks (in parallel); ``on_page_markdown`` puts each include's
code block and placeholder in place; ``on_page_content`` fills the
placeholders and typesets math. A problem fails ``mkdocs build`` with
``PluginError``; under ``mkdocs serve`` it becomes an error box on the page
and one warning in the terminal, and the server keeps answering (see
``live`` for rebuilds that do not wait for slow snippets and the files
watched, and ``serve_guard`` for pymdown's own include errors).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from snippet_exec import settings
from snippet_exec.glossary import read_glossary
from snippet_exec.host_steps import (
    failure_report,
    finish_notebook_page,
    finish_page,
    run_and_tell,
)
from snippet_exec.live import LiveServer
from snippet_exec.mathml import MathError
from snippet_exec.prestart import start_parent_if_needed
from snippet_exec.serve_guard import SnippetGuard, find_line
from snippet_exec.site import Options, SiteRun

log = logging.getLogger("mkdocs.plugins.snippet_exec")
MD_LINK_RE = re.compile(r'href="(?P<path>[\w./-]+\.md)(?P<fragment>#[^"]*)?"')


class SnippetExecConfig(Config):
    """Options of the ``snippet-exec`` plugin in ``mkdocs.yml``."""

    snippets_dir = opt.Type(str, default="snippets")
    """Folder of the snippet files, relative to mkdocs.yml."""
    cache_dir = opt.Type(str, default=".cache/snippet_exec")
    """Folder of the result cache, relative to mkdocs.yml."""
    execute = opt.Type(bool, default=settings.DEFAULTS.execute)
    """False shows code only: quick builds while writing prose."""
    timeout = opt.Type((int, float), default=settings.DEFAULTS.timeout)
    """Seconds a snippet may run before it is stopped and reported."""
    memory_mb = opt.Type(int, default=settings.DEFAULTS.memory_mb)
    """Memory a snippet may allocate beyond what is loaded before it, MiB."""
    jobs = opt.Type(int, default=settings.DEFAULTS.jobs)
    """Snippets run at once; 0 means one per CPU core."""


class SnippetExecPlugin(BasePlugin[SnippetExecConfig]):
    """Executes snippets at build time; see the module docstring."""

    def __init__(self) -> None:
        self.serving = False
        self.site: SiteRun | None = None
        self.live: LiveServer | None = None  # once the server is up
        self._notebooks: dict[str, str] = {}  # page src_uri -> notebook uri
        self._page = ""  # src_uri of the page being rendered

    # Defining on_startup keeps this instance, and its warm forkserver,
    # alive across the rebuilds of `mkdocs serve`.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def load_config(self, options, config_file_path=None):
        """MkDocs' own, then a first look (``prestart``): the plugins and
        Markdown extensions after this one still have to load, a second
        or more in which the warm parent can import torch. Only the
        default docs folder is looked at here; ``on_config`` looks again
        where ``docs_dir`` says."""
        found = super().load_config(options, config_file_path)
        if self.site is None and config_file_path and not found[0]:
            root = Path(config_file_path).resolve().parent
            with contextlib.suppress(settings.SettingsError):
                early = SiteRun(Options.from_config(root, self.config))
                start_parent_if_needed(early, root / early.options.docs_dir)
        return found

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        docs_dir = Path(os.path.relpath(config.docs_dir, root)).as_posix()
        given = {"docs_dir": docs_dir, "repo_url": config.repo_url}
        try:  # the one precedence every consumer of the engine uses
            options = Options.from_config(root, self.config, given)
        except settings.SettingsError as err:
            raise PluginError(str(err)) from None
        background = self.live and self.live.background
        old = self.site and self.site.executor
        self.site = SiteRun(options, old, background)
        docs = Path(config.docs_dir)
        start_parent_if_needed(self.site, docs, self.serving)
        if self.serving:
            guard = SnippetGuard(self._missing_include)
            config.markdown_extensions.append(guard)
        return config

    def on_serve(self, server, *, config, builder):
        """From now on, rebuilds run snippets in the background and the
        server watches every file the results depend on."""
        self.live = LiveServer(server, self.site, config, log)
        return server

    def on_post_build(self, *, config) -> None:
        if self.live is not None:
            self.live.watch_inputs(self.site)

    def on_shutdown(self) -> None:
        if self.live is not None:
            self.live.close(self.site)

    def on_files(self, files: Files, *, config) -> Files:
        pages = {
            f.src_uri: f.content_string for f in files.documentation_pages()
        }
        self.site.load(pages)
        run_and_tell(self.site, log.info, self.serving)
        assets = {**self.site.figure_files(), **self.site.asset_files()}
        for uri, content in assets.items():
            files.append(File.generated(config, uri, content=content))
        self._notebooks = {}
        snippets = config.mdx_configs.get("pymdownx.snippets", {})
        glossary = read_glossary(self.site.root, snippets)
        for page, path in self.site.write_notebooks(glossary).items():
            uri = f"notebooks/{path.name}"
            src_dir = str(path.parent.parent)
            use_urls = config.use_directory_urls
            files.append(File(uri, src_dir, config.site_dir, use_urls))
            self._notebooks[page] = uri
        problems = self.site.problems
        if problems and self.serving:
            for problem in problems:  # the page shows it in an error box
                log.warning(problem.report())
        elif problems:
            raise PluginError(failure_report(problems))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        self._page = page.file.src_uri
        return self.site.expand(page.file.src_uri, markdown)

    def _missing_include(self, message: str) -> str:
        """pymdown could not resolve an include (under serve): warn with
        the page's ``file:line``; the headline of the page's error box."""
        state = self.site.pages.get(self._page)
        line = find_line(message, state.source) if state else None
        where = f"{self.site.options.docs_dir}/{self._page}"
        headline = (
            f"{where}:{line}: {message}" if line else f"{where}: {message}"
        )
        log.warning(headline)
        return headline

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if page.file.src_uri in self._notebooks.values():
            # The chapter page already holds this text; indexing the copy
            # would double the search results and the build time.
            page.meta["search"] = {"exclude": True}
            return self._notebook_page(html, page, files)
        links = {}
        notebook = self._notebooks.get(page.file.src_uri)
        nb_file = notebook and files.get_file_from_path(notebook)
        if nb_file:
            view = get_relative_url(nb_file.url, page.url)
            download = f"{view}{Path(notebook).stem}.ipynb"
            links = {"view": view, "download": download}
        warn = log.warning if self.serving else None
        try:
            return finish_page(
                self.site, page.file.src_uri, html, page.url, links, warn
            )
        except MathError as err:
            raise PluginError(str(err)) from None

    def _notebook_page(self, html: str, page, files: Files) -> str:
        """MathML, chapter links that work from the notebook page, and
        figures in both schemes in place of the inline images."""

        def link(match: re.Match) -> str:
            target = files.get_file_from_path(match["path"])
            if target is None:
                return match[0]
            url = get_relative_url(target.url, page.url)
            return f'href="{url}{match["fragment"] or ""}"'

        html = MD_LINK_RE.sub(link, html)
        chapter = {uri: p for p, uri in self._notebooks.items()}
        source = page.file.src_uri
        try:
            return finish_notebook_page(
                self.site, chapter[source], source, html, page.url
            )
        except MathError as err:
            if not self.serving:
                raise PluginError(f"{source}: {err}") from None
            log.warning(f"{source}: {err}")
            return html
