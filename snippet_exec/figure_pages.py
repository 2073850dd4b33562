"""Figures on a site's pages: the files to serve and the HTML to show.

A run's figures are records whose files sit in the cache's blob store
(``blobs``). A site serves each file once, under ``figures/`` and its hash
(``render.figure_file``); a page shows each figure in both colour schemes
(``render.figure_html``); and a notebook's rendered page, where nbconvert
inlined each figure light only, gets the same figures back in their
place. Pure functions of results and pages: no host, no run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from snippet_exec import placement, render
from snippet_exec.blobs import FigureRecord
from snippet_exec.executor import RunResult
from snippet_exec.notebook import notebook_figures


def file_urls(page_url: str) -> Callable[[str], str]:
    """A figure file's address, by its blob name, relative to ``page_url``
    (the page's URL, or its path for hosts that resolve links so)."""
    return lambda name: placement.relative_url(
        render.figure_file(name), page_url
    )


def figures_html(
    records: list[FigureRecord], alts: list[str], page_url: str
) -> str:
    """One include's figures, each in both schemes with its alt text.

    ``alts`` has one text per record (the include's check made sure);
    raises ``ValueError`` if not.
    """
    urls = file_urls(page_url)
    return "".join(
        render.figure_html(record, urls, alt)
        for record, alt in zip(records, alts, strict=True)
    )


def figure_files(
    shown: Iterable[tuple[RunResult, str | None]],
) -> dict[str, bytes]:
    """Site path -> bytes of every file of the figures shown: both
    schemes' files and an animation's stills. ``shown`` pairs each
    include's result with its section (None: the whole file); a failed
    run shows no figures. Raises ``BlobError`` for a file gone missing."""
    files = {}
    for result, section in shown:
        if not result.ok:
            continue
        for record in result.select(section)[1]:
            for name in record.blobs():
                files[render.figure_file(name)] = result.blobs.read(name)
    return files


class NotebookFigures:
    """The figures each chapter's notebook shows, in order, to put back
    in both schemes on the notebook's rendered page."""

    def __init__(self) -> None:
        self._pages: dict[str, list[tuple[FigureRecord, str]]] = {}

    def remember(
        self, page: str, notebook: str, results: dict[str, RunResult]
    ) -> None:
        """Note the figures of ``page``'s notebook (its JSON text)."""
        self._pages[page] = notebook_figures(notebook, results)

    def fill(self, page: str, html: str, notebook_url: str) -> str:
        """The notebook page's HTML with each inline image replaced by its
        figure in both schemes, with its alt text."""
        urls = file_urls(notebook_url)
        return render.swap_inline_images(
            html,
            [
                render.figure_html(record, urls, alt)
                for record, alt in self._pages.get(page, [])
            ],
        )
