"""The Python-Markdown host, for generators that load ``markdown_extensions``.

Zensical (which ignores MkDocs plugins) and any other Python-Markdown site
generator load it by name::

    markdown_extensions:
      - snippet_exec.markdown:
          execute: true

The first page with a ``--8<--`` line runs the snippets of every page in
``docs_dir`` at once (the core's ``SiteRun``); later pages reuse that run
until a page or a snippet changes. A preprocessor puts each include's code
block and placeholder in place, a postprocessor fills them and typesets
math; each page's figure files, and the math font, go into ``site_dir``. A
problem raises ``SnippetExecError``, naming the snippet's and the page's
``file:line``. Folders not given as options come from Zensical's
configuration when Zensical renders, else from the current folder.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from snippet_exec.directive import SCISSORS_RE, scan_page
from snippet_exec.host_steps import finish_page, surface_problems
from snippet_exec.settings import DEFAULTS
from snippet_exec.site import Options, SiteRun, write_files

_HOSTS: dict[tuple, _Host] = {}  # one per set of options, kept warm
_LOCK = threading.Lock()


class SnippetExecError(RuntimeError):
    """Includes that failed; the message locates every one of them."""


class _Host:
    """Pages from ``docs_dir``; figures into ``site_dir``; errors raised."""

    def __init__(self, options: Options, site_dir: Path):
        self.site = SiteRun(options)
        self.docs = options.root / options.docs_dir
        self.site_dir = site_dir
        self._stamp: object = None

    def _scan(self) -> tuple[dict[str, str], object]:
        pages, stamp = {}, []
        for folder in (self.docs, self.site.snippets):
            for path in sorted(folder.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    info = path.stat()
                    stamp.append((str(path), info.st_mtime_ns, info.st_size))
                    if folder == self.docs and path.suffix == ".md":
                        text = path.read_text("utf-8").removeprefix("\ufeff")
                        pages[path.relative_to(folder).as_posix()] = text
        return pages, stamp

    def prepare(self) -> None:
        """Run every page's snippets, unless nothing changed since."""
        with _LOCK:
            pages, stamp = self._scan()
            if stamp == self._stamp:
                return
            self.site.load(pages)
            print(self.site.run().summary(), file=sys.stderr)
            surface_problems(self.site.problems, SnippetExecError)
            write_files(self.site_dir, self.site.asset_files())
            self._stamp = stamp


class _Step:
    def __init__(self, md: Markdown, host: _Host):
        self.md, self.host = md, host


class _Expand(_Step, Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.md.snippet_exec_page = None
        if not any(SCISSORS_RE.match(line) for line in lines):
            return lines
        self.host.prepare()
        site, text = self.host.site, "\n".join(lines)
        page = site.page_of(text)
        if page is None and not scan_page(text, "?"):
            return lines  # only pymdown's own includes: not ours
        if page is None:
            raise SnippetExecError(
                f"snippet-exec: a page with --8<-- lines is not one of the "
                f"pages in {self.host.docs}; it begins {text[:60]!r}"
            )
        self.md.snippet_exec_page = page
        write_files(self.host.site_dir, site.figure_files([page]))
        return site.expand(page, text).split("\n")


class _Finish(_Step, Postprocessor):
    def run(self, text: str) -> str:
        page = getattr(self.md, "snippet_exec_page", None) or ""
        # Links relative to the page's file, as Markdown's own links are;
        # Zensical turns them into links from the page's URL.
        return finish_page(
            self.host.site, page, text, page, {}, error=SnippetExecError
        )


def _generator_config() -> dict:
    """Zensical's parsed configuration, when Zensical is rendering."""
    module = sys.modules.get("zensical.config")
    return (getattr(module, "get_config", dict)() or {}) if module else {}


class SnippetExecExtension(Extension):
    """Loads the host; options as the MkDocs plugin's, plus folders."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "root": ["", "Project folder; default: Zensical's or cwd"],
            "docs_dir": ["", "Pages, relative to root; default: docs"],
            "site_dir": ["", "Built site, relative to root; default: site"],
            "snippets_dir": ["snippets", "Snippet files, relative to root"],
            "cache_dir": [".cache/snippet_exec", "Result cache"],
            "execute": [DEFAULTS.execute, "False shows code only"],
            "timeout": [DEFAULTS.timeout, "Seconds a snippet may run"],
            "memory_mb": [DEFAULTS.memory_mb, "MiB beyond what is loaded"],
            "jobs": [DEFAULTS.jobs, "Snippets at once; 0: one per core"],
            "repo_url": ["", "For report links; default: Zensical's"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        # Before pymdownx.snippets (32), which then fills the code blocks;
        # after raw HTML comes back (30), so placeholders can be found.
        host = self._host()
        md.registerExtension(self)
        md.preprocessors.register(_Expand(md, host), "snippet_exec", 35)
        md.postprocessors.register(_Finish(md, host), "snippet_exec", 5)

    def _host(self) -> _Host:
        given, outer = self.getConfigs(), _generator_config()
        root = Path(given["root"] or outer.get("root_dir") or ".").resolve()
        site_dir = given["site_dir"] or outer.get("site_dir") or "site"
        options = Options.from_config(root, outer, given)
        key = (options, site_dir)
        if key not in _HOSTS:
            _HOSTS[key] = _Host(options, (root / site_dir).resolve())
        return _HOSTS[key]


def makeExtension(**kwargs) -> SnippetExecExtension:  # noqa: N802
    """Python-Markdown's entry point for ``snippet_exec.markdown``."""
    return SnippetExecExtension(**kwargs)
