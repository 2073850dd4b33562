"""The MkDocs host: MkDocs' pages in, figure and notebook files out.

``on_files`` hands every page to the core's ``SiteRun``, which runs what
the cache lacks (in parallel); ``on_page_markdown`` puts each include's
code block and placeholder in place; ``on_page_content`` fills the
placeholders, typesets math and finishes the chapters' notebook pages
(``notebook_pages``). A problem fails ``mkdocs build`` with
``PluginError``; under ``mkdocs serve`` it becomes an error box on the page
and one warning in the terminal, and the server keeps answering (see
``live`` for rebuilds that do not wait for slow snippets and the files
watched, and ``serve_guard`` for pymdown's own include errors).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from snippet_exec import settings
from snippet_exec.dirty import DirtyPages
from snippet_exec.glossary import read_glossary
from snippet_exec.host_steps import finish_page, run_and_tell, surface_problems
from snippet_exec.live import LiveServer, ServeHooks, TemplateCache
from snippet_exec.notebook_pages import NotebookPages
from snippet_exec.prestart import start_early, start_parent_if_needed
from snippet_exec.serve_guard import SnippetGuard
from snippet_exec.site import Options, SiteRun

log = logging.getLogger("mkdocs.plugins.snippet_exec")


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


class SnippetExecPlugin(ServeHooks, BasePlugin[SnippetExecConfig]):
    """Executes snippets at build time; see the module docstring (and
    ``live.ServeHooks`` for its events under ``mkdocs serve``)."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty: DirtyPages | None = None  # under `mkdocs serve --dirty`
        self.warn = None  # how a problem surfaces besides PluginError
        self.site: SiteRun | None = None
        self.live: LiveServer | None = None  # once the server is up
        self.templates: TemplateCache | None = None  # when serving
        self.notebooks: NotebookPages | None = None  # once pages are read
        self._page = ""  # src_uri of the page being rendered

    # Defining on_startup keeps this instance, and its warm forkserver,
    # alive across the rebuilds of `mkdocs serve`.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = DirtyPages() if self.serving and dirty else None
        self.templates = TemplateCache() if self.serving else None
        # A server says a problem and shows it in the page's error box.
        self.warn = log.warning if self.serving else None

    def load_config(self, options, config_file_path=None):
        """MkDocs' own, then ``prestart.start_early``: the warm parent can
        import torch while the rest of the config loads."""
        found = super().load_config(options, config_file_path)
        if self.site is None and config_file_path and not found[0]:
            start_early(config_file_path, self.config)
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
        start_parent_if_needed(self.site, Path(config.docs_dir), self.serving)
        if self.serving:  # pymdown's own include errors: an error box
            guard = SnippetGuard(self.site, lambda: self._page, log.warning)
            config.markdown_extensions.append(guard)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        pages = {
            f.src_uri: f.content_string for f in files.documentation_pages()
        }
        self.site.load(pages)
        run_and_tell(self.site, log.info, self.serving)
        assets = {**self.site.figure_files(), **self.site.asset_files()}
        for uri, content in assets.items():
            files.append(File.generated(config, uri, content=content))
        snippets = config.mdx_configs.get("pymdownx.snippets", {})
        glossary = read_glossary(self.site.root, snippets)
        self.notebooks = NotebookPages(self.site, glossary)
        src_dir = str(self.notebooks.src_dir)
        use_urls = config.use_directory_urls
        for uri in self.notebooks.chapters:
            files.append(File(uri, src_dir, config.site_dir, use_urls))
        surface_problems(self.site.problems, PluginError, self.warn)
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        self._page = page.file.src_uri
        return self.site.expand(page.file.src_uri, markdown)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        source, url = page.file.src_uri, page.url

        def url_of(path: str) -> str | None:
            target = files.get_file_from_path(path)
            return (
                None if target is None else get_relative_url(target.url, url)
            )

        if source in self.notebooks.chapters:
            # The chapter page already holds this text; indexing the copy
            # would double the search results and the build time.
            page.meta["search"] = {"exclude": True}
            return self.notebooks.finish(
                source, html, url, url_of, self.warn, PluginError
            )
        links = self.notebooks.links(source, url_of)
        return finish_page(
            self.site, source, html, url, links, self.warn, PluginError
        )
