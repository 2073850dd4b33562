"""The MkDocs host under ``mkdocs serve``: rebuilds that never wait on a run.

Every page request waits for the rebuild in progress, so after the first
build (which runs what the cache lacks before the server starts), a
rebuild takes what is ready and leaves the rest to ``BackgroundRuns``;
when a run ends, a small stamp file in the cache folder is rewritten, the
server (which watches it) rebuilds, and the browser reloads.

Besides the pages, ``mkdocs.yml`` and its ``watch`` list, the server
watches the theme's overrides (``custom_dir``), the snippets folder and
every other file in the repository that a result depends on (a data file
a snippet read, a module it imported), so editing one reruns what read
it.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import jinja2

from snippet_exec import report
from snippet_exec.background import BackgroundRuns
from snippet_exec.dirty import DirtyPages
from snippet_exec.executor import RunResult
from snippet_exec.site import SiteRun

# Seconds a rebuild waits for the runs it starts before it shows them as
# running: most snippets end within it, and show in the same rebuild.
GRACE = 1.0
log = logging.getLogger("mkdocs.plugins.snippet_exec")


class LiveServer:
    """MkDocs' ``LiveReloadServer`` (``server``), as the plugin uses it."""

    def __init__(
        self, server, site: SiteRun, config, log: logging.Logger
    ) -> None:
        self.server, self.log = server, log
        self.stamp = site.root / site.options.cache_dir / "serve" / "stamp"
        self.stamp.parent.mkdir(parents=True, exist_ok=True)
        self.stamp.write_text(str(time.time_ns()))
        self.watched: set[Path] = {self.stamp, site.snippets}
        # MkDocs watches the theme only with --watch-theme, which would
        # watch all of Material's files too; its overrides are the
        # author's (``theme.custom_dir``), and change every page.
        theme = config.theme.custom_dir
        own = [Path(theme).resolve()] if theme else []
        self.covered = [
            Path(p).resolve()
            for p in (config.docs_dir, config.config_file_path, *config.watch)
        ] + [site.snippets]
        own = [p for p in own if p not in self.covered]
        self.covered += own
        for path in (self.stamp, site.snippets, *own):
            server.watch(str(path))
        self.background = BackgroundRuns(self._ended, GRACE)
        self.watch_inputs(site)

    def _ended(self, result: RunResult) -> None:
        """A background run ended: say so, and rebuild to show it."""
        self.log.info(report.progress_line(result))
        self.rebuild()

    def rebuild(self) -> None:
        """Make the server rebuild once the build in progress is done."""
        self.stamp.parent.mkdir(parents=True, exist_ok=True)  # make clean
        self.stamp.write_text(str(time.time_ns()))

    def watch_inputs(self, site: SiteRun) -> None:
        """Watch each file a result of ``site`` depends on, if no watched
        folder holds it yet; for a file a snippet failed to open, the
        folder it would appear in."""
        for result in site.results.values():
            for path in site.cache.local_files(result):
                if not path.exists():
                    path = path.parent
                if path in self.watched or not path.exists():
                    continue
                self.watched.add(path)
                if not any(path.is_relative_to(c) for c in self.covered):
                    self.server.watch(str(path), recursive=False)

    def close(self, site: SiteRun | None) -> None:
        """The server stops: no more runs, and kill the running ones."""
        self.background.close()
        if site is not None:
            site.executor.stop()


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory across rebuilds.

    MkDocs makes a new Jinja environment for every build, which compiles
    each template again (Material's: about 0.6 s a rebuild). Jinja keys
    an entry by the template's name and source checksum, so an edited
    template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class ServeHooks:
    """The plugin's events that only ``mkdocs serve`` needs, mixed into
    it: the live server, ``--dirty`` rebuilds that also render the pages
    whose snippets or results changed (``dirty``), and compiled templates
    kept across rebuilds. The plugin's ``on_startup`` sets the state."""

    site: SiteRun
    live: LiveServer | None
    dirty: DirtyPages | None
    templates: TemplateCache | None

    def on_serve(self, server, *, config, builder):
        """From now on, rebuilds run snippets in the background and the
        server watches every file the results depend on."""
        self.live = LiveServer(server, self.site, config, log)
        return server

    def on_nav(self, nav, *, config, files):
        """After every plugin's ``on_files`` (mkdocs-jupyter wraps the
        notebooks' files in its own there): mark what to render again."""
        if self.dirty is None:
            return nav
        theme = config.theme.custom_dir
        shared = [config.config_file_path, *config.watch, theme]
        snippets = config.mdx_configs.get("pymdownx.snippets", {})
        bases = snippets.get("base_path", ["."])  # pymdown's default
        bases = [bases] if isinstance(bases, str) else bases
        bases = [Path(base).absolute() for base in bases]  # as pymdown
        self.dirty.mark(self.site, files, shared, bool(self.live), bases)
        return nav

    def on_env(self, env, *, config, files):
        if self.templates is not None:
            env.bytecode_cache = self.templates
        return env

    def on_post_build(self, *, config) -> None:
        if self.dirty is not None:
            self.dirty.commit()  # this build is written
        if self.live is None:
            return
        self.live.watch_inputs(self.site)
        if self.dirty is not None and self.dirty.later:
            self.dirty.later = False
            self.live.rebuild()  # for what the last one left (notebooks)

    def on_shutdown(self) -> None:
        if self.live is not None:
            self.live.close(self.site)
