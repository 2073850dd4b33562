"""The temporary copy of the repository every row builds in.

Every file git does not ignore is copied (docs/, snippets/, snippet_exec/,
mkdocs.yml, the theme overrides and hooks; not .venv, site or .cache), so
the real ``.cache/snippet_exec`` is never touched.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from snippet_exec.directive import find_includes

ROOT = Path(__file__).resolve().parent.parent
# The page that shows these numbers is left out of the copy: it includes
# the file this benchmark writes.
SELF_PAGE = "how-this-site-is-built.md"
CHAPTER_RE = re.compile(r"^\d\d-.*\.md$")
QUICK_CHAPTERS = 2


def page_snippets(markdown: str, page: str) -> list[str]:
    """The snippet files a page runs, each once, in the order it first
    includes them (paths relative to ``snippets/``)."""
    seen: dict[str, None] = {}
    for include in find_includes(markdown, page):
        seen.setdefault(include.path, None)
    return list(seen)


def selected_pages(names: Iterable[str], quick: bool) -> list[str]:
    """The docs pages to copy: every page but this benchmark's own page;
    with ``quick``, only the first chapters and the non-chapter pages."""
    pages = sorted(n for n in names if Path(n).name != SELF_PAGE)
    chapters = [p for p in pages if CHAPTER_RE.match(Path(p).name)]
    if quick:
        dropped = set(chapters[QUICK_CHAPTERS:])
        pages = [p for p in pages if p not in dropped]
    return pages


@dataclass
class Workspace:
    """The temporary copy and its side folders."""

    base: Path
    pages: list[str]  # docs-relative .md files in the copy
    snippets: dict[str, list[str]] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)  # notebook row

    @property
    def repo(self) -> Path:
        return self.base / "repo"

    @property
    def notebooks(self) -> Path:
        return self.base / "notebooks"

    @property
    def logs(self) -> Path:
        return self.base / "logs"

    def site(self, name: str) -> Path:
        return self.base / "out" / name

    def all_snippets(self) -> list[str]:
        """Every snippet a page runs, each once, in page order."""
        seen: dict[str, None] = {}
        for paths in self.snippets.values():
            for path in paths:
                seen.setdefault(path, None)
        return list(seen)


def source_files() -> list[str]:
    """The repository's files that git does not ignore, tracked or new:
    what a build may read, without .venv, site or .cache."""
    done = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in done.stdout.splitlines() if name]


def files_to_copy(files: Iterable[str], pages: Iterable[str]) -> list[str]:
    """``files`` less the Markdown pages under docs/ not in ``pages``."""
    keep = {f"docs/{page}" for page in pages}
    return [
        name
        for name in files
        if not (name.startswith("docs/") and name.endswith(".md"))
        or name in keep
    ]


def make_workspace(quick: bool) -> Workspace:
    """Copy the repository's sources into a fresh temporary folder."""
    base = Path(tempfile.mkdtemp(prefix="site-bench-"))
    files = source_files()
    names = [
        n.removeprefix("docs/")
        for n in files
        if n.startswith("docs/") and n.endswith(".md")
    ]
    ws = Workspace(base, selected_pages(names, quick))
    for name in files_to_copy(files, ws.pages):
        source, target = ROOT / name, ws.repo / name
        if source.is_file():  # not a deleted file git still tracks
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for page in ws.pages:
        text = (ws.repo / "docs" / page).read_text(encoding="utf-8")
        if found := page_snippets(text, page):
            ws.snippets[page] = found
    for folder in ("notebooks/docs", "logs", "out"):
        (base / folder).mkdir(parents=True)
    return ws


def unused_snippets() -> list[str]:
    """Snippet files that no page of the repository runs (in no row)."""
    docs, snippets = ROOT / "docs", ROOT / "snippets"
    used: set[str] = set()
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        used.update(page_snippets(text, page.relative_to(docs).as_posix()))
    found = (
        p.relative_to(snippets).as_posix() for p in snippets.rglob("*.py")
    )
    return sorted(r for r in found if r not in used)
