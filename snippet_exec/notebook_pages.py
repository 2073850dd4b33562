"""The chapter notebooks as pages of a site, whatever the host.

Each complete chapter (every include ran without a problem) gets a
notebook, written into the cache as ``notebooks/<chapter>.ipynb``; a host
serves it at that path (mkdocs-jupyter renders it) and asks here which
page is a notebook and of which chapter, what the chapter's ``view`` and
``download`` links are, and what the notebook page's finished HTML is.
Links come from the host's ``url_of(path) -> url | None``: a docs path
(``notebooks/x.ipynb``, ``x.md``) to its URL relative to the page being
finished, None if the site has no such page. Nothing here imports a host.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from snippet_exec import render
from snippet_exec.colab import colab_url, self_contained
from snippet_exec.figure_pages import NotebookFigures
from snippet_exec.mathml import MathError, typeset_dollar_math
from snippet_exec.memo import TextMemo, digest
from snippet_exec.notebook import chapter_notebook, notebook_key
from snippet_exec.site import SiteRun, write_files

FOLDER = "notebooks"  # in the cache folder, and on the site
# A link to a chapter's Markdown file, as nbconvert leaves it.
MD_LINK_RE = re.compile(r'href="(?P<path>[\w./-]+\.md)(?P<fragment>#[^"]*)?"')
UrlOf = Callable[[str], str | None]


def relink(html: str, url_of: UrlOf) -> str:
    """``html`` with each link to a Markdown page replaced by that page's
    URL (``url_of``), its ``#fragment`` kept; unknown pages keep theirs."""

    def link(match: re.Match) -> str:
        url = url_of(match["path"])
        if url is None:
            return match[0]
        return f'href="{url}{match["fragment"] or ""}"'

    return MD_LINK_RE.sub(link, html)


class NotebookPages:
    """A run's chapter notebooks: written on creation, then asked about
    page by page while the host renders."""

    def __init__(
        self, site: SiteRun, glossary: Mapping[str, str] | None = None
    ) -> None:
        """Write each complete chapter's notebook. ``glossary`` (term ->
        definition) gives the notebooks the site's first-use tooltips."""
        self.site = site
        self.src_dir = site.root / site.options.cache_dir  # holds FOLDER
        self.uris: dict[str, str] = {}  # chapter page -> notebook uri
        self._figures = NotebookFigures()
        self._write(glossary)
        # A notebook page -> its chapter (for two chapters of one name,
        # the last: they share the notebook).
        self.chapters = {uri: page for page, uri in self.uris.items()}

    def _write(self, glossary: Mapping[str, str] | None) -> None:
        site = self.site
        memo = TextMemo(self.src_dir / "memo")
        for path in site.pages:
            if not site.complete(path):
                continue
            state = site.pages[path]
            args = (state.source, state.includes, site.results)
            args += (site.snippets, site.root, glossary)
            name = Path(path).with_suffix(".ipynb").name
            text = memo.get_or_make(  # runs from any folder
                name,
                notebook_key(*args),
                lambda a=args: self_contained(chapter_notebook(*a), site.root),
            )
            write_files(self.src_dir / FOLDER, {name: text.encode()})
            self.uris[path] = f"{FOLDER}/{name}"
            self._figures.remember(path, text, site.results)

    def links(self, page: str, url_of: UrlOf) -> dict[str, str]:
        """Chapter ``page``'s ``view`` (the notebook page) and ``download``
        (its ``.ipynb``) URLs; {} if it has no notebook page."""
        uri = self.uris.get(page)
        view = uri and url_of(uri)
        if not view:
            return {}
        return {"view": view, "download": f"{view}{Path(uri).stem}.ipynb"}

    def finish(
        self,
        uri: str,
        html: str,
        url: str,
        url_of: UrlOf,
        warn: Callable[[str], None] | None = None,
        error: type[Exception] = MathError,
    ) -> str:
        """Notebook page ``uri``'s HTML (served at ``url``): chapter links
        that work from it, figures in both schemes, the "Open in Colab"
        link when the repository is on GitHub, and math typeset (kept by
        content, so an unchanged page is typeset once). TeX that cannot
        be typeset raises ``error`` naming ``uri``; given ``warn`` (a
        server), it is said there and the page keeps its TeX."""
        html = relink(html, url_of)
        try:
            return self._finish(uri, html, url)
        except MathError as err:
            if warn is None:
                raise error(f"{uri}: {err}") from None
            warn(f"{uri}: {err}")
            return html

    def _finish(self, uri: str, html: str, url: str) -> str:
        html = self._figures.fill(self.chapters[uri], html, url)
        colab = colab_url(self.site.options.repo_url, Path(uri).name)
        if colab:
            link = render.colab_html(colab)
            html = f'<p class="page-provenance">{link}</p>' + html
        memo = TextMemo(self.src_dir / "memo")
        name = uri.replace("/", "_") + ".html"
        return memo.get_or_make(
            name, digest(html), lambda: typeset_dollar_math(html)
        )
