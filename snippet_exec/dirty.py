"""Which pages a dirty rebuild must render again (``mkdocs serve --dirty``).

MkDocs' ``--dirty`` renders a page again only when its Markdown file is
newer than its HTML: an edit to one sentence rebuilds one page, not the
site. What the engine adds to a page changes with other files, though:
the snippets it includes (their code is on the page) and their results,
which a run in the background may bring at any rebuild. And some files
shape every page: ``mkdocs.yml``, the glossary and hooks it watches, the
theme's overrides. ``DirtyPages`` keeps a digest of each page's part and
of those shared files from one rebuild to the next, and names the pages
that must be rendered again although their Markdown did not change.

A chapter's notebook page (mkdocs-jupyter) takes a second or more to
convert; when a chapter page is rendered again, its changed notebook is
left to a second rebuild right after, so the chapter shows first.

pymdown's own includes (``--8<-- "file"``, no ``exec``) are left to
pymdown and so are not among the engine's items, but their files are on
the page too: a page's digest follows them, looked up in each of
pymdown's ``base_path`` folders.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from snippet_exec.directive import PLAIN_RE, SCISSORS_RE
from snippet_exec.site import SiteRun


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), info.st_mtime_ns, info.st_size)


def shared_stamp(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """Name, mtime and size of each file under ``paths`` (files or
    folders; a missing one counts too, so adding it is a change)."""
    stamp = []
    for path in sorted(set(paths)):
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        stamp += [_stat(f) for f in files if "__pycache__" not in f.parts]
    return stamp


def plain_includes(markdown: str) -> list[str]:
    """The files of pymdown's own single-file includes in ``markdown``
    (``--8<-- "file"``, ``"file:section"`` or ``"file:1:9"``), as written
    (relative to a base path). pymdown reads them before any fence, so
    one in fenced code counts too; an escaped one (``;--8<--``) does not.
    """
    found = []
    for line in markdown.splitlines():
        match = SCISSORS_RE.match(line)
        rest = match["rest"] if match and not match["escape"] else ""
        plain = PLAIN_RE.match(rest)
        if plain and plain.end() == len(rest):
            found.append(rest.strip()[1:-1].partition(":")[0])
    return found


def page_digest(site: SiteRun, page: str, bases: Iterable[Path] = ()) -> str:
    """What the engine puts on ``page``: each include's snippet file as it
    is now, its result (output, figures, error) or that it is still
    running, and the include's problem, if any; and each file of a plain
    include (pymdown's own), as found under any of ``bases``."""
    bases = list(bases)
    parts = [
        repr([_stat(base / name) for base in bases])
        for name in plain_includes(site.pages[page].source)
    ]
    for item in site.pages[page].items:
        parts.append(repr(item))
        problem = site.problem_at(page, item.lineno)
        parts.append(problem.report() if problem else "")
        path = getattr(item, "path", None)
        if path is None:
            continue
        rel = site.rel(path)
        parts.append(repr(_stat(site.snippets / path)))
        result = site.results.get(rel)
        if result is not None:
            parts.append(repr((result.chunks, result.error)))
        parts.append(str(rel in site.running))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class DirtyPages:
    """Digests of the last rebuild, to compare the next one with."""

    def __init__(self) -> None:
        self._digests: dict[str, str] = {}
        self._shared: list[tuple[str, int, int]] | None = None
        self.later = False  # pages were left to the next rebuild
        self.everything = False  # the last ``stale`` named every page
        self._owed: set[str] = set()  # notebook pages left to a rebuild
        self._put_off = False  # the last ``mark`` left notebooks to this
        self._next: tuple = (None, {})  # what ``commit`` makes the last

    def stale(
        self,
        site: SiteRun,
        shared: Iterable[str | None],
        bases: Iterable[Path] = (),
        commit: bool = True,
    ) -> set[str]:
        """The pages of ``site`` to render again: every page if a shared
        file changed (``shared``: files and folders; the snippets folder,
        whose files ``page_digest`` follows, is left out) or a page came
        or went, else each page whose engine part or plain includes
        (found under ``bases``, pymdown's base paths) changed. Without
        ``commit``, the next call still compares with the last committed
        state until ``commit()`` (a build that stopped half-way leaves
        its pages stale)."""
        paths = [Path(p).resolve() for p in shared if p]
        stamp = shared_stamp(p for p in paths if p != site.snippets)
        bases = list(bases)
        digests = {page: page_digest(site, page, bases) for page in site.pages}
        # A page added or removed changes every page's navigation.
        everything = (
            stamp != self._shared or digests.keys() != self._digests.keys()
        )
        self.everything = everything
        stale = {
            page
            for page, digest in digests.items()
            if everything or self._digests.get(page) != digest
        }
        self._next = (stamp, digests)
        if commit:
            self.commit()
        return stale

    def commit(self) -> None:
        """The last ``stale`` call's state is now the built one."""
        self._shared, self._digests = self._next

    def mark(
        self,
        site: SiteRun,
        files: Iterable,
        shared: Iterable[str | None],
        defer: bool = True,
        bases: Iterable[Path] = (),
    ) -> None:
        """Set ``is_modified`` on MkDocs' ``files``: true for each stale
        page, and for every notebook page when every page is stale (their
        navigation and theme changed too); with ``defer``, false for a
        notebook to render while any page is rendered again, stale or
        edited (``later`` asks for the rebuild that renders it).
        ``bases``: pymdown's base paths, where plain includes are found."""
        stale = self.stale(site, shared, bases, commit=False)
        notebooks = [f for f in files if f.src_uri.endswith(".ipynb")]
        if self.everything:
            self._owed |= {file.src_uri for file in notebooks}
        pages = [file for file in files if file.src_uri in site.pages]
        stale |= self._owed
        for file in pages + notebooks:
            if file.src_uri in stale:
                file.is_modified = lambda: True
        busy = any(file.is_modified() for file in pages)
        if not defer or self._put_off or not busy:
            # Every notebook owed renders now; put off at most once, so a
            # page that always looks edited (a clock skew) cannot loop.
            self._owed.clear()
            self._put_off = False
            return
        for file in notebooks:
            if file.is_modified():
                self._owed.add(file.src_uri)
                file.is_modified = lambda: False
                self.later = self._put_off = True
